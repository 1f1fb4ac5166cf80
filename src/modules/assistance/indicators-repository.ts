/**
 * The indicators of indicators.ts as SQL aggregates per site, for reports and the public page.
 * Persons counted: not merged away, and never a restricted record (its site is whereabouts:
 * SECURITY.md rule 2) — the same rows on both databases, whoever asks. Counts come back raw;
 * the reports module suppresses small cells before anyone sees them.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { ESSENTIAL_OF, LIVELIHOOD_TYPES, WORKING_AGE } from './indicators.ts';

const ESSENTIAL_TYPES = Object.keys(ESSENTIAL_OF);

export interface SiteKey {
  site_id: string | null;
  site_name: string | null;
}

/** Each distribution of the period once per recipient person (a household's: per member then). */
function recipients(operationId: string, from: string, to: string): RawBuilder<unknown> {
  return sql`
    SELECT d.id, d.person_id, d.programme_id, d.provider_id, d.site_id, d.distributed_on,
           d.reporting_value, d.reporting_currency
    FROM distributions d
    WHERE d.operation_id = ${operationId} AND d.person_id IS NOT NULL
      AND d.distributed_on BETWEEN ${from}::date AND ${to}::date
    UNION ALL
    SELECT d.id, m.person_id, d.programme_id, d.provider_id, d.site_id, d.distributed_on,
           d.reporting_value, d.reporting_currency
    FROM distributions d
    JOIN household_members m ON m.operation_id = d.operation_id AND m.household_id = d.household_id
      AND m.joined_on <= d.distributed_on AND (m.left_on IS NULL OR m.left_on > d.distributed_on)
    WHERE d.operation_id = ${operationId} AND d.household_id IS NOT NULL
      AND d.distributed_on BETWEEN ${from}::date AND ${to}::date`;
}

/**
 * These aggregates are short queries whose plans look expensive on PostgreSQL once row-level
 * security adds its subplans, which triggers JIT compilation: about 1.8 s of compiling for
 * 0.2 s of work (measured with bench/dashboard.ts). Off for this transaction only.
 */
async function withoutJit(trx: Tx): Promise<void> {
  await sql`SET LOCAL jit = off`.execute(trx);
}

/** Persons that aggregates may count, as a join condition on `p`. */
const countable = sql`p.sensitivity <> 'restricted' AND p.merged_into IS NULL`;

/** The site of the person's residence on `day` (residences run from valid_from to valid_to). */
function residenceOn(day: string) {
  return sql`LEFT JOIN residences res ON res.operation_id = p.operation_id AND res.person_id = p.id
      AND res.valid_from <= ${day}::date AND (res.valid_to IS NULL OR res.valid_to > ${day}::date)
    LEFT JOIN sites s ON s.operation_id = res.operation_id AND s.id = res.site_id`;
}

export interface SiteDependencyRow extends SiteKey {
  flagged: number;
  not_flagged: number;
}

/**
 * Persons with valued essentials in the period, by their site at its end: how many got more
 * than `threshold` of that value from group-linked sponsors.
 */
export async function dependencyBySite(
  trx: Tx,
  operationId: string,
  p: { from: string; to: string; currency: string; threshold: number },
): Promise<SiteDependencyRow[]> {
  await withoutJit(trx);
  const { rows } = await sql<SiteDependencyRow>`
    WITH r AS (${recipients(operationId, p.from, p.to)}),
    per_person AS (
      SELECT r.person_id,
        coalesce(sum(r.reporting_value) FILTER (WHERE pv.independence_class = 'group_linked_sponsor'), 0) AS linked,
        sum(r.reporting_value) AS total
      FROM r
      JOIN programmes g ON g.operation_id = ${operationId} AND g.id = r.programme_id
        AND g.type = ANY(${ESSENTIAL_TYPES}::text[])
      JOIN providers pv ON pv.operation_id = ${operationId} AND pv.id = r.provider_id
      WHERE r.reporting_currency = ${p.currency}
      GROUP BY r.person_id
    )
    SELECT res.site_id, s.name AS site_name,
      count(*) FILTER (WHERE (pp.linked / pp.total)::float8 > ${p.threshold}::float8)::int AS flagged,
      count(*) FILTER (WHERE (pp.linked / pp.total)::float8 <= ${p.threshold}::float8)::int AS not_flagged
    FROM per_person pp
    JOIN persons p ON p.operation_id = ${operationId} AND p.id = pp.person_id AND ${countable}
    ${residenceOn(p.to)}
    WHERE pp.total > 0
    GROUP BY res.site_id, s.name
    ORDER BY s.name NULLS LAST, res.site_id`.execute(trx);
  return rows;
}

export interface SiteAccessRow extends SiteKey {
  with_access: number;
  without_access: number;
}

/** Working-age persons registered by `asOf`, by site on that day: enrolled in training or livelihoods in the 12 months up to it, or not. */
export async function accessBySite(
  trx: Tx,
  operationId: string,
  p: { asOf: string; windowStart: string },
): Promise<SiteAccessRow[]> {
  const age = sql`CASE WHEN p.birth_date IS NOT NULL
      THEN extract(year FROM age(${p.asOf}::date, p.birth_date))::int
      ELSE extract(year FROM ${p.asOf}::date)::int - p.birth_year END`;
  await withoutJit(trx);
  const { rows } = await sql<SiteAccessRow>`
    SELECT res.site_id, s.name AS site_name,
      count(*) FILTER (WHERE acc.hit)::int AS with_access,
      count(*) FILTER (WHERE acc.hit IS NULL)::int AS without_access
    FROM persons p
    ${residenceOn(p.asOf)}
    LEFT JOIN LATERAL (
      SELECT true AS hit FROM enrolments e
      JOIN programmes g ON g.operation_id = e.operation_id AND g.id = e.programme_id
        AND g.type = ANY(${[...LIVELIHOOD_TYPES]}::text[])
      WHERE e.operation_id = p.operation_id AND e.person_id = p.id
        AND e.enrolled_on <= ${p.asOf}::date
        AND (e.ended_on IS NULL OR e.ended_on >= ${p.windowStart}::date)
      LIMIT 1
    ) acc ON true
    WHERE p.operation_id = ${operationId} AND ${countable}
      AND p.registered_on <= ${p.asOf}::date
      AND ${age} BETWEEN ${WORKING_AGE.min} AND ${WORKING_AGE.max}
    GROUP BY res.site_id, s.name
    ORDER BY s.name NULLS LAST, res.site_id`.execute(trx);
  return rows;
}

export interface ReachedRow extends SiteKey {
  /** null: every programme type at the site (distinct persons). */
  programme_type: string | null;
  persons: number;
}

/** Distinct persons reached in the period by site of distribution and programme type. */
export async function reachedBySite(
  trx: Tx,
  operationId: string,
  p: { from: string; to: string },
): Promise<ReachedRow[]> {
  await withoutJit(trx);
  // One row per person, site and programme type before anything is joined: a person who
  // received twenty distributions is looked up once, not twenty times.
  const { rows } = await sql<ReachedRow>`
    WITH r AS (${recipients(operationId, p.from, p.to)}),
    reached AS (
      SELECT DISTINCT r.site_id, g.type, r.person_id
      FROM r JOIN programmes g ON g.operation_id = ${operationId} AND g.id = r.programme_id)
    SELECT x.site_id, s.name AS site_name, x.type AS programme_type,
      count(DISTINCT x.person_id)::int AS persons
    FROM reached x
    JOIN persons p ON p.operation_id = ${operationId} AND p.id = x.person_id AND ${countable}
    LEFT JOIN sites s ON s.operation_id = ${operationId} AND s.id = x.site_id
    GROUP BY GROUPING SETS ((x.site_id, s.name, x.type), (x.site_id, s.name))
    ORDER BY s.name NULLS LAST, x.site_id, x.type NULLS FIRST`.execute(trx);
  return rows;
}

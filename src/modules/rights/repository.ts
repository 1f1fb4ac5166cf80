import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

export interface HostProfilesTable {
  operation_id: string;
  profile: unknown;
  updated_at: Date;
  updated_by: string | null;
  version: Generated<number>;
}

export interface RightsAssessmentsTable {
  operation_id: string;
  id: Generated<string>;
  person_id: string;
  article: string;
  access: string;
  barriers: string[];
  assessed_on: string;
  method: string;
  reliability: string;
  site_id: string | null;
  round: string | null;
  note: string | null;
  assessor_id: string | null;
  recorded_at: Date;
}

type Tables = { host_profiles: HostProfilesTable; rights_assessments: RightsAssessmentsTable };
export type AssessmentRow = Selectable<RightsAssessmentsTable>;
const tables = (trx: Tx) => trx.withTables<Tables>();

export function findProfile(trx: Tx, operationId: string) {
  return tables(trx)
    .selectFrom('host_profiles')
    .selectAll()
    .where('operation_id', '=', operationId)
    .executeTakeFirst();
}

/** Writes the profile if the stored version is `version` (0: none stored yet). */
export async function saveProfile(
  trx: Tx,
  operationId: string,
  version: number,
  profile: unknown,
  now: Date,
  by: string | null,
): Promise<boolean> {
  if (version === 0) {
    const r = await tables(trx)
      .insertInto('host_profiles')
      .values({
        operation_id: operationId,
        profile: JSON.stringify(profile),
        updated_at: now,
        updated_by: by,
      })
      .onConflict((oc) => oc.column('operation_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  const r = await tables(trx)
    .updateTable('host_profiles')
    .set((eb) => ({
      profile: JSON.stringify(profile),
      updated_at: now,
      updated_by: by,
      version: eb('version', '+', 1),
    }))
    .where('operation_id', '=', operationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function insertAssessments(trx: Tx, rows: Insertable<RightsAssessmentsTable>[]) {
  try {
    return await tables(trx).insertInto('rights_assessments').values(rows).returningAll().execute();
  } catch (e) {
    if (pgErrorCode(e) === FOREIGN_KEY_VIOLATION) throw fieldError('body.siteId', 'does not exist');
    throw e;
  }
}

export function listAssessments(trx: Tx, operationId: string, personId: string) {
  return tables(trx)
    .selectFrom('rights_assessments')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('person_id', '=', personId)
    .orderBy('assessed_on', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
}

export interface FactsRow {
  id: string;
  site_id: string | null;
  statuses: { status: string; grantedBy: string; from: string; to: string | null }[];
  residences: { siteId: string | null; from: string; to: string | null; inTerritory: boolean }[];
}

/**
 * One page of persons (by id, after `after`) with their status and residence history, for the
 * rights-gap matrix: three plain indexed reads, joined here. Restricted and merged records never
 * count in aggregates.
 */
export async function factsPage(
  trx: Tx,
  operationId: string,
  q: {
    after: string | null;
    limit: number;
    siteId?: string;
    /** Only persons without a class for this day and profile version; null: everyone. */
    staleFor: { day: string; version: number } | null;
  },
): Promise<FactsRow[]> {
  const stale = q.staleFor
    ? sql`AND NOT EXISTS (
        SELECT 1 FROM person_rights_classes c
        WHERE c.operation_id = p.operation_id AND c.person_id = p.id
          AND c.computed_on = ${q.staleFor.day}::date AND c.profile_version = ${q.staleFor.version})`
    : sql``;
  const { rows: persons } = await sql<{ id: string }>`
    SELECT p.id FROM persons p
    WHERE p.operation_id = ${operationId} AND p.sensitivity <> 'restricted' AND p.merged_into IS NULL
      AND (${q.after}::uuid IS NULL OR p.id > ${q.after}::uuid)
      ${stale}
      AND (${q.siteId ?? null}::uuid IS NULL OR EXISTS (
        SELECT 1 FROM residences r WHERE r.operation_id = p.operation_id AND r.person_id = p.id
          AND r.site_id = ${q.siteId ?? null}::uuid AND r.valid_to IS NULL))
    ORDER BY p.id
    LIMIT ${q.limit}`.execute(trx);
  const ids = persons.map((p) => p.id);
  const facts = await factsOf(trx, operationId, ids);
  return ids.map((id) => {
    const f = facts.get(id)!;
    const open = f.residences.filter((r) => r.to === null).at(-1);
    return { id, site_id: open?.siteId ?? null, ...f };
  });
}

/** Stores the rights class of each person for `day` (classes first: the rows refer to them). */
export async function saveClasses(
  trx: Tx,
  operationId: string,
  classes: { key: string; owed: unknown }[],
  rows: { personId: string; classKey: string; siteId: string | null }[],
  at: { day: string; version: number },
): Promise<void> {
  if (!rows.length) return;
  await sql`
    INSERT INTO rights_classes (operation_id, class_key, owed)
    SELECT ${operationId}::uuid, k, o FROM unnest(${classes.map((c) => c.key)}::text[],
      ${classes.map((c) => JSON.stringify(c.owed))}::jsonb[]) AS t(k, o)
    ON CONFLICT DO NOTHING`.execute(trx);
  await sql`
    INSERT INTO person_rights_classes (operation_id, person_id, class_key, site_id, computed_on, profile_version)
    SELECT ${operationId}::uuid, p, k, s, ${at.day}::date, ${at.version}
    FROM unnest(${rows.map((r) => r.personId)}::uuid[], ${rows.map((r) => r.classKey)}::text[],
                ${rows.map((r) => r.siteId)}::uuid[]) AS t(p, k, s)
    ON CONFLICT (operation_id, person_id) DO UPDATE SET class_key = EXCLUDED.class_key,
      site_id = EXCLUDED.site_id, computed_on = EXCLUDED.computed_on,
      profile_version = EXCLUDED.profile_version`.execute(trx);
}

export interface ClassGroup {
  site_id: string | null;
  class_key: string;
  owed: unknown;
  persons: number;
}

/**
 * The whole operation's persons per site and rights class for `day` and profile `version`,
 * and how many countable persons have no class for them yet (`stale`). One pass over the
 * persons: when nothing is stale, the matrix needs no other read of them.
 */
export async function operationClassGroups(
  trx: Tx,
  operationId: string,
  at: { day: string; version: number },
): Promise<{ groups: ClassGroup[]; stale: number }> {
  const { rows } = await sql<Omit<ClassGroup, 'class_key'> & { class_key: string | null }>`
    SELECT g.site_id, g.class_key, k.owed, g.persons
    FROM (
      SELECT c.site_id, c.class_key, count(*)::int AS persons
      FROM persons p
      LEFT JOIN person_rights_classes c ON c.operation_id = p.operation_id AND c.person_id = p.id
        AND c.computed_on = ${at.day}::date AND c.profile_version = ${at.version}
      WHERE p.operation_id = ${operationId} AND p.sensitivity <> 'restricted' AND p.merged_into IS NULL
      GROUP BY c.site_id, c.class_key) g
    LEFT JOIN rights_classes k ON k.operation_id = ${operationId} AND k.class_key = g.class_key`.execute(
    trx,
  );
  const groups = rows.filter((r): r is ClassGroup => r.class_key !== null);
  const stale = rows.reduce((n, r) => (r.class_key === null ? n + r.persons : n), 0);
  return { groups, stale };
}

/** Persons per site and rights class (restricted and merged records never counted). */
export async function classGroups(
  trx: Tx,
  operationId: string,
  siteId?: string,
): Promise<ClassGroup[]> {
  const { rows } = await sql<ClassGroup>`
    SELECT g.site_id, g.class_key, k.owed, g.persons
    FROM (
      -- Counted first, then joined to the few classes: grouping by the owed map (jsonb) row by
      -- row cost more than the count itself at a million persons.
      SELECT c.site_id, c.class_key, count(*)::int AS persons
      FROM person_rights_classes c
      JOIN persons p ON p.operation_id = c.operation_id AND p.id = c.person_id
      WHERE c.operation_id = ${operationId} AND p.sensitivity <> 'restricted' AND p.merged_into IS NULL
        AND (${siteId ?? null}::uuid IS NULL OR c.site_id = ${siteId ?? null}::uuid)
      GROUP BY c.site_id, c.class_key) g
    JOIN rights_classes k ON k.operation_id = ${operationId} AND k.class_key = g.class_key`.execute(
    trx,
  );
  return rows;
}

/** Latest observed access up to `asOf`, counted per site, rights class, article and access. */
export async function accessGroups(trx: Tx, operationId: string, asOf: string, siteId?: string) {
  const { rows } = await sql<{
    site_id: string | null;
    class_key: string;
    article: string;
    access: string;
    persons: number;
  }>`
    SELECT c.site_id, c.class_key, a.article, a.access, count(*)::int AS persons
    FROM (SELECT DISTINCT ON (person_id, article) person_id, article, access
          FROM rights_assessments
          WHERE operation_id = ${operationId} AND assessed_on <= ${asOf}::date
          ORDER BY person_id, article, assessed_on DESC, recorded_at DESC) a
    JOIN person_rights_classes c ON c.operation_id = ${operationId} AND c.person_id = a.person_id
    JOIN persons p ON p.operation_id = c.operation_id AND p.id = c.person_id
    WHERE p.sensitivity <> 'restricted' AND p.merged_into IS NULL
      AND (${siteId ?? null}::uuid IS NULL OR c.site_id = ${siteId ?? null}::uuid)
    GROUP BY c.site_id, c.class_key, a.article, a.access`.execute(trx);
  return rows;
}

/**
 * Persons of the operation whose id or external id is one of `values` (no visibility here: the
 * service keeps those the actor may see, through the registry's one rule).
 */
export async function personsByIdentifier(
  trx: Tx,
  operationId: string,
  ids: string[],
  externalIds: string[],
) {
  if (!ids.length && !externalIds.length) return [];
  const { rows } = await sql<{ id: string; external_id: string | null }>`
    SELECT p.id, p.external_id FROM persons p
    WHERE p.operation_id = ${operationId}
      AND (p.id = ANY(${ids}::uuid[]) OR p.external_id = ANY(${externalIds}::text[]))`.execute(trx);
  return rows;
}

/**
 * Which (person, day) pairs had a residence on the site that day ([from, to): a move closes the
 * old residence on the day the new one begins). A restricted person's site is whereabouts: never
 * a resident here, as in the site's resident list.
 */
export async function residentOn(
  trx: Tx,
  operationId: string,
  siteId: string,
  pairs: { personId: string; day: string }[],
): Promise<Set<string>> {
  if (!pairs.length) return new Set();
  const { rows } = await sql<{ person_id: string; day: string }>`
    SELECT DISTINCT t.p AS person_id, t.d::text AS day
    FROM unnest(${pairs.map((p) => p.personId)}::uuid[], ${pairs.map((p) => p.day)}::date[]) AS t(p, d)
    JOIN persons p ON p.operation_id = ${operationId} AND p.id = t.p
    WHERE p.sensitivity <> 'restricted' AND p.merged_into IS NULL
      AND EXISTS (
        SELECT 1 FROM residences r
        WHERE r.operation_id = ${operationId} AND r.person_id = t.p AND r.site_id = ${siteId}::uuid
          AND r.valid_from <= t.d AND (r.valid_to IS NULL OR r.valid_to > t.d))`.execute(trx);
  return new Set(rows.map((r) => `${r.person_id}|${r.day}`));
}

/** The site's latest `limit` rounds, oldest first, with their first and last assessment day. */
export async function siteRounds(trx: Tx, operationId: string, siteId: string, limit: number) {
  const { rows } = await sql<{ round: string; first_day: string; last_day: string }>`
    SELECT * FROM (
      SELECT a.round, min(a.assessed_on)::text AS first_day, max(a.assessed_on)::text AS last_day
      FROM rights_assessments a
      WHERE a.operation_id = ${operationId} AND a.site_id = ${siteId}::uuid AND a.round IS NOT NULL
      GROUP BY a.round
      ORDER BY min(a.assessed_on) DESC, max(a.assessed_on) DESC, a.round DESC
      LIMIT ${limit}) r
    ORDER BY r.first_day, r.last_day, r.round`.execute(trx);
  return rows;
}

export interface RoundAssessment {
  round: string;
  person_id: string;
  article: string;
  access: string;
  assessed_on: string;
}

/**
 * Each person's latest assessment of each article within each of `rounds` on the site.
 * Restricted and merged records never count in aggregates.
 */
export async function roundAssessments(
  trx: Tx,
  operationId: string,
  siteId: string,
  rounds: string[],
): Promise<RoundAssessment[]> {
  if (!rounds.length) return [];
  const { rows } = await sql<RoundAssessment>`
    SELECT DISTINCT ON (a.round, a.person_id, a.article)
      a.round, a.person_id, a.article, a.access, a.assessed_on::text AS assessed_on
    FROM rights_assessments a
    JOIN persons p ON p.operation_id = a.operation_id AND p.id = a.person_id
    WHERE a.operation_id = ${operationId} AND a.site_id = ${siteId}::uuid
      AND a.round = ANY(${rounds}::text[])
      AND p.sensitivity <> 'restricted' AND p.merged_into IS NULL
    ORDER BY a.round, a.person_id, a.article, a.assessed_on DESC, a.recorded_at DESC`.execute(trx);
  return rows;
}

/** The status and residence history of these persons, for the engine. */
export async function factsOf(
  trx: Tx,
  operationId: string,
  ids: string[],
): Promise<Map<string, Pick<FactsRow, 'statuses' | 'residences'>>> {
  const facts = new Map(
    ids.map((id) => [
      id,
      { statuses: [] as FactsRow['statuses'], residences: [] as FactsRow['residences'] },
    ]),
  );
  if (!ids.length) return facts;
  const { rows: statuses } = await sql<{
    person_id: string;
    status: string;
    granted_by: string;
    valid_from: string;
    valid_to: string | null;
  }>`
    SELECT person_id, status, granted_by, valid_from, valid_to FROM legal_statuses
    WHERE operation_id = ${operationId} AND person_id = ANY(${ids}::uuid[])
    ORDER BY person_id, valid_from`.execute(trx);
  for (const s of statuses)
    facts.get(s.person_id)!.statuses.push({
      status: s.status,
      grantedBy: s.granted_by,
      from: s.valid_from,
      to: s.valid_to,
    });
  const { rows: residences } = await sql<{
    person_id: string;
    site_id: string | null;
    valid_from: string;
    valid_to: string | null;
    in_territory: boolean;
  }>`
    SELECT person_id, site_id, valid_from, valid_to, in_territory FROM residences
    WHERE operation_id = ${operationId} AND person_id = ANY(${ids}::uuid[])
    ORDER BY person_id, valid_from`.execute(trx);
  for (const r of residences)
    facts.get(r.person_id)!.residences.push({
      siteId: r.site_id,
      from: r.valid_from,
      to: r.valid_to,
      inTerritory: r.in_territory,
    });
  return facts;
}

import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';

/**
 * Raw counts for the protection-monitoring report; suppressed by the service before they leave.
 *
 * Counted: incidents of the operation whose date (or range) overlaps the period, optionally of
 * one site, except restricted incidents and incidents involving a restricted person (or one
 * this transaction cannot see as unrestricted) — never counted, whoever asks, as restricted
 * persons are never counted in the population report. The rule does not depend on the caller,
 * so the same figures come out on both databases and for every reader.
 */
function counted(operationId: string, q: { siteId: string | null; from: string; to: string }) {
  return sql`
    WITH counted AS (
      SELECT i.id, i.site_id, i.acts, i.articles FROM incidents i
      WHERE i.operation_id = ${operationId} AND i.sensitivity <> 'restricted'
        AND i.occurred_from <= ${q.to}::date
        AND coalesce(i.occurred_to, i.occurred_from) >= ${q.from}::date
        AND (${q.siteId}::uuid IS NULL OR i.site_id = ${q.siteId}::uuid)
        AND NOT EXISTS (
          SELECT 1 FROM incident_involvements iv
          WHERE iv.operation_id = i.operation_id AND iv.incident_id = i.id AND iv.person_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM persons p
                            WHERE p.operation_id = iv.operation_id AND p.id = iv.person_id
                              AND p.sensitivity <> 'restricted')))`;
}

export interface SiteCount {
  site_id: string | null;
  site_name: string | null;
  n: number;
}
export interface KeyedCount {
  site_id: string | null;
  key: string;
  n: number;
}

export interface MonitoringCounts {
  incidents: SiteCount[];
  acts: KeyedCount[];
  perpetrators: KeyedCount[];
  articles: KeyedCount[];
}

export async function monitoringCounts(
  trx: Tx,
  operationId: string,
  q: { siteId: string | null; from: string; to: string },
): Promise<MonitoringCounts> {
  const base = counted(operationId, q);
  const incidents = await sql<SiteCount>`${base}
    SELECT c.site_id, s.name AS site_name, count(*)::int AS n FROM counted c
    LEFT JOIN sites s ON s.operation_id = ${operationId} AND s.id = c.site_id
    GROUP BY c.site_id, s.name
    ORDER BY s.name NULLS LAST, c.site_id`.execute(trx);
  const acts = await sql<KeyedCount>`${base}
    SELECT c.site_id, a.key, count(*)::int AS n
    FROM counted c CROSS JOIN LATERAL unnest(c.acts) AS a(key)
    GROUP BY c.site_id, a.key`.execute(trx);
  const articles = await sql<KeyedCount>`${base}
    SELECT c.site_id, a.key, count(*)::int AS n
    FROM counted c CROSS JOIN LATERAL unnest(c.articles) AS a(key)
    GROUP BY c.site_id, a.key`.execute(trx);
  // An incident counts once per perpetrator type, however many perpetrators of that type.
  const perpetrators = await sql<KeyedCount>`${base}
    SELECT c.site_id, iv.perpetrator_type AS key, count(DISTINCT c.id)::int AS n
    FROM counted c
    JOIN incident_involvements iv ON iv.operation_id = ${operationId} AND iv.incident_id = c.id
    WHERE iv.role = 'alleged_perpetrator'
    GROUP BY c.site_id, iv.perpetrator_type`.execute(trx);
  return {
    incidents: incidents.rows,
    acts: acts.rows,
    perpetrators: perpetrators.rows,
    articles: articles.rows,
  };
}

export async function siteName(trx: Tx, operationId: string, siteId: string) {
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM sites WHERE operation_id = ${operationId} AND id = ${siteId}`.execute(trx);
  return rows[0]?.name ?? null;
}

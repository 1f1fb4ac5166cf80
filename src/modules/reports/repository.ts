import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';

/** The operation's small-cell threshold setting, if set (operations.settings). */
export async function suppressionSetting(trx: Tx, operationId: string): Promise<number | null> {
  const { rows } = await sql<{ threshold: number | null }>`
    SELECT (settings->>'suppressionThreshold')::int AS threshold
    FROM operations WHERE id = ${operationId}`.execute(trx);
  return rows[0]?.threshold ?? null;
}

export interface PopulationRow {
  site_id: string | null;
  site_name: string | null;
  /** The legal status valid on the day; null: none. */
  status: string | null;
  persons: number;
}

/**
 * Persons registered by `asOf`, grouped by the site of their residence on that day and the
 * status valid on that day (residences run from valid_from up to valid_to, exclusive; a status
 * to its valid_to, inclusive; of overlapping statuses the one that began last). Restricted and
 * merged-away records are never counted, whoever asks (their site is whereabouts).
 */
export async function populationBySiteAndStatus(
  trx: Tx,
  operationId: string,
  asOf: string,
): Promise<PopulationRow[]> {
  await sql`SET LOCAL jit = off`.execute(trx); // see assistance/indicators-repository.ts
  const { rows } = await sql<PopulationRow>`
    SELECT res.site_id, s.name AS site_name, st.status, count(*)::int AS persons
    FROM persons p
    LEFT JOIN residences res ON res.operation_id = p.operation_id AND res.person_id = p.id
      AND res.valid_from <= ${asOf}::date AND (res.valid_to IS NULL OR res.valid_to > ${asOf}::date)
    LEFT JOIN sites s ON s.operation_id = res.operation_id AND s.id = res.site_id
    LEFT JOIN LATERAL (
      SELECT ls.status FROM legal_statuses ls
      WHERE ls.operation_id = p.operation_id AND ls.person_id = p.id
        AND ls.valid_from <= ${asOf}::date AND (ls.valid_to IS NULL OR ls.valid_to >= ${asOf}::date)
      ORDER BY ls.valid_from DESC, ls.recorded_at DESC, ls.id DESC
      LIMIT 1
    ) st ON true
    WHERE p.operation_id = ${operationId}
      AND p.sensitivity <> 'restricted' AND p.merged_into IS NULL
      AND p.registered_on <= ${asOf}::date
    GROUP BY res.site_id, s.name, st.status
    ORDER BY s.name NULLS LAST, res.site_id, st.status NULLS LAST`.execute(trx);
  return rows;
}

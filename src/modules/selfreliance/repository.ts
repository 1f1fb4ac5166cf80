import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';

export interface SriAssessmentsTable {
  operation_id: string;
  id: string;
  household_id: string;
  assessed_on: string;
  assessor: string | null;
  instrument_version: string;
  domains: unknown;
  answers: unknown;
  method: string;
  min_scored: number;
  total: number | null;
  total_min: number | null;
  total_max: number | null;
  scored_domains: number;
  refusal: string | null;
  recorded_at: Date;
  recorded_by: string | null;
}

type Tables = { sri_assessments: SriAssessmentsTable };
export type SriRow = Selectable<SriAssessmentsTable>;
const tables = (trx: Tx) => trx.withTables<Tables>();

export async function insertAssessment(trx: Tx, row: Insertable<SriAssessmentsTable>) {
  await tables(trx).insertInto('sri_assessments').values(row).execute();
}

export function findAssessment(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('sri_assessments')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function listAssessments(trx: Tx, operationId: string, householdId: string) {
  return tables(trx)
    .selectFrom('sri_assessments')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('household_id', '=', householdId)
    .orderBy('assessed_on')
    .orderBy('id')
    .execute();
}

export interface SiteAssessmentRow {
  id: string;
  household_id: string;
  assessed_on: string;
  domains: unknown;
  site_id: string | null;
  site_name: string | null;
}

/**
 * Every assessment with the site of its household: the current site of the household's current
 * focal point. Households whose focal point is a restricted record are left out (whereabouts).
 */
export async function assessmentsBySite(
  trx: Tx,
  operationId: string,
  siteId: string | null,
): Promise<SiteAssessmentRow[]> {
  await sql`SET LOCAL jit = off`.execute(trx); // see assistance/indicators-repository.ts
  const { rows } = await sql<SiteAssessmentRow>`
    SELECT a.id, a.household_id, a.assessed_on, a.domains, res.site_id, s.name AS site_name
    FROM sri_assessments a
    JOIN household_members m ON m.operation_id = a.operation_id AND m.household_id = a.household_id
      AND m.relationship = 'focal_point' AND m.left_on IS NULL
    JOIN persons p ON p.operation_id = m.operation_id AND p.id = m.person_id
      AND p.sensitivity <> 'restricted' AND p.merged_into IS NULL
    LEFT JOIN residences res ON res.operation_id = p.operation_id AND res.person_id = p.id
      AND res.valid_to IS NULL
    LEFT JOIN sites s ON s.operation_id = res.operation_id AND s.id = res.site_id
    WHERE a.operation_id = ${operationId}
      AND (${siteId}::uuid IS NULL OR res.site_id = ${siteId}::uuid)
    ORDER BY s.name NULLS LAST, res.site_id, a.household_id, a.assessed_on`.execute(trx);
  return rows;
}

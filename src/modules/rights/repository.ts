import type { Generated, Insertable, Selectable } from 'kysely';
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

import type { Generated, Insertable, Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

export interface HouseholdsTable {
  operation_id: string;
  id: string;
  external_id: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface HouseholdMembersTable {
  operation_id: string;
  id: Generated<string>;
  household_id: string;
  person_id: string;
  relationship: string;
  joined_on: string;
  left_on: string | null;
  recorded_at: Date;
  recorded_by: string | null;
}

type Tables = { households: HouseholdsTable; household_members: HouseholdMembersTable };
export type HouseholdRow = Selectable<HouseholdsTable>;
export type MemberRow = Selectable<HouseholdMembersTable>;

const tables = (trx: Tx) => trx.withTables<Tables>();

function mapWriteError(e: unknown, field: string): never {
  if (pgErrorCode(e) === UNIQUE_VIOLATION) {
    if (pgConstraint(e) === 'households_external_id')
      throw fieldError('body.externalId', 'is already used by another household', 'conflict');
    if (pgConstraint(e) === 'household_members_current')
      throw fieldError(field, 'is already a current member of another household', 'conflict');
  }
  throw e;
}

export async function insertHousehold(trx: Tx, row: Insertable<HouseholdsTable>) {
  try {
    await tables(trx).insertInto('households').values(row).execute();
  } catch (e) {
    mapWriteError(e, 'body.externalId');
  }
}

export async function insertMember(
  trx: Tx,
  row: Insertable<HouseholdMembersTable>,
  field: string,
): Promise<MemberRow> {
  try {
    return await tables(trx)
      .insertInto('household_members')
      .values(row)
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (e) {
    mapWriteError(e, field);
  }
}

export function findHousehold(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('households')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listMembers(trx: Tx, operationId: string, householdId: string) {
  return tables(trx)
    .selectFrom('household_members')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('household_id', '=', householdId)
    .orderBy('joined_on')
    .orderBy('recorded_at')
    .execute();
}

export function membershipsOf(trx: Tx, operationId: string, personId: string) {
  return tables(trx)
    .selectFrom('household_members')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('person_id', '=', personId)
    .orderBy('joined_on')
    .execute();
}

export function updateMember(
  trx: Tx,
  operationId: string,
  householdId: string,
  memberId: string,
  changes: { relationship?: string; left_on?: string },
) {
  return tables(trx)
    .updateTable('household_members')
    .set(changes)
    .where('operation_id', '=', operationId)
    .where('household_id', '=', householdId)
    .where('id', '=', memberId)
    .returningAll()
    .executeTakeFirst();
}

export async function touchHousehold(
  trx: Tx,
  operationId: string,
  id: string,
  now: Date,
  version?: number,
): Promise<boolean> {
  let q = tables(trx)
    .updateTable('households')
    .set((eb) => ({ updated_at: now, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

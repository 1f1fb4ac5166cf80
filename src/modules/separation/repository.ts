import type { Generated, Insertable, Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';

export interface SeparationRequestsTable {
  operation_id: string;
  id: string;
  person_id: string;
  reason_sealed: Buffer;
  acting_for: string | null;
  status: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface SafetyPlanStepsTable {
  operation_id: string;
  id: string;
  request_id: string;
  kind: string;
  owner_id: string | null;
  due_on: string | null;
  done_on: string | null;
  note_sealed: Buffer | null;
  created_at: Date;
  version: Generated<number>;
}

type Tables = {
  separation_requests: SeparationRequestsTable;
  safety_plan_steps: SafetyPlanStepsTable;
};
export type RequestRow = Selectable<SeparationRequestsTable>;
export type StepRow = Selectable<SafetyPlanStepsTable>;
const tables = (trx: Tx) => trx.withTables<Tables>();

export async function insertRequest(trx: Tx, row: Insertable<SeparationRequestsTable>) {
  await tables(trx).insertInto('separation_requests').values(row).execute();
}

export function findRequest(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('separation_requests')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function requestsOf(trx: Tx, operationId: string, personId: string) {
  return tables(trx)
    .selectFrom('separation_requests')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();
}

export async function updateRequest(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: { status?: string; updated_at: Date },
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('separation_requests')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export function stepsOf(trx: Tx, operationId: string, requestIds: string[]) {
  if (!requestIds.length) return Promise.resolve([]);
  return tables(trx)
    .selectFrom('safety_plan_steps')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('request_id', 'in', requestIds)
    .orderBy('created_at')
    .execute();
}

export async function insertStep(trx: Tx, row: Insertable<SafetyPlanStepsTable>) {
  await tables(trx).insertInto('safety_plan_steps').values(row).execute();
}

export async function updateStep(
  trx: Tx,
  operationId: string,
  requestId: string,
  id: string,
  version: number,
  changes: Partial<Pick<StepRow, 'done_on' | 'due_on' | 'owner_id'>>,
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('safety_plan_steps')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('request_id', '=', requestId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

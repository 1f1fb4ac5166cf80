import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import {
  tables,
  type TransferApprovalsTable,
  type TransferRequestRow,
  type TransferRequestsTable,
} from './tables.ts';

export async function insertRequest(trx: Tx, row: Insertable<TransferRequestsTable>) {
  await tables(trx).insertInto('transfer_requests').values(row).execute();
}

export function findRequest(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('transfer_requests')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Requests newest first; `requestedBy` limits them to one requester's. */
export async function listRequests(
  trx: Tx,
  operationId: string,
  q: { status?: string; requestedBy?: string; limit: number; offset: number },
): Promise<{ rows: TransferRequestRow[]; total: number }> {
  let base = tables(trx).selectFrom('transfer_requests').where('operation_id', '=', operationId);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.requestedBy) base = base.where('requested_by', '=', q.requestedBy);
  const rows = await base
    .selectAll()
    .orderBy('requested_at', 'desc')
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return { rows, total: Number(total?.n ?? 0) };
}

export function approvalsOf(trx: Tx, operationId: string, requestIds: readonly string[]) {
  if (!requestIds.length) return Promise.resolve([]);
  return tables(trx)
    .selectFrom('transfer_approvals')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('request_id', 'in', [...requestIds])
    .orderBy('decided_at')
    .execute();
}

/** False when this approver already decided on the request (the key refuses a second). */
export async function insertApproval(
  trx: Tx,
  row: Insertable<TransferApprovalsTable>,
): Promise<boolean> {
  const r = await tables(trx)
    .insertInto('transfer_approvals')
    .values(row)
    .onConflict((oc) => oc.columns(['operation_id', 'request_id', 'approver_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Moves a request on from the status it was read in; false when someone moved it first. */
export async function moveRequest(
  trx: Tx,
  operationId: string,
  id: string,
  from: string,
  changes: { status: string; updated_at: Date; transfer_id?: string; downloaded_at?: Date },
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('transfer_requests')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Active users holding one of `roles`, but not `except` (whom to tell about a request). */
export async function usersWithRoles(
  trx: Tx,
  operationId: string,
  roles: readonly string[],
  except: string,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM users WHERE operation_id = ${operationId} AND status = 'active'
      AND roles && ${[...roles]}::text[] AND id <> ${except}::uuid`.execute(trx);
  return rows.map((r) => r.id);
}

/** Of these persons, those an export may carry: never restricted, never merged away. */
export async function shareableAmong(
  trx: Tx,
  operationId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM persons WHERE operation_id = ${operationId} AND id = ANY(${[...ids]}::uuid[])
      AND sensitivity <> 'restricted' AND merged_into IS NULL`.execute(trx);
  return new Set(rows.map((r) => r.id));
}

import { sql, type Generated } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { caseVisibleTo, type Viewer } from '../cases/tables.ts';

export interface NotificationsTable {
  operation_id: string;
  id: Generated<string>;
  user_id: string;
  kind: string;
  entity_type: string | null;
  entity_id: string | null;
  created_at: Date;
  read_at: Date | null;
}
type Tables = { notifications: NotificationsTable };
const tables = (trx: Tx) => trx.withTables<Tables>();

export async function insertMany(
  trx: Tx,
  rows: Omit<NotificationsTable, 'id' | 'read_at'>[],
): Promise<void> {
  if (rows.length) await tables(trx).insertInto('notifications').values(rows).execute();
}

export function listOwn(trx: Tx, operationId: string, userId: string) {
  return tables(trx)
    .selectFrom('notifications')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

export async function markRead(
  trx: Tx,
  operationId: string,
  userId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('notifications')
    .set({ read_at: now })
    .where('operation_id', '=', operationId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The case of each referral among `ids`, only where the viewer works on that case. */
export async function casesOfReferrals(trx: Tx, v: Viewer, ids: readonly string[]) {
  if (!ids.length) return [];
  const { rows } = await sql<{ id: string; case_id: string; person_id: string }>`
    SELECT r.id, r.case_id, c.person_id
    FROM referrals r
    JOIN cases c ON c.operation_id = r.operation_id AND c.id = r.case_id
    WHERE r.operation_id = ${v.operationId} AND r.id = ANY(${[...ids]}::uuid[])
      AND ${caseVisibleTo(v, false)}`.execute(trx);
  return rows;
}

/** The person of each separation request among `ids`. */
export async function personsOfRequests(trx: Tx, operationId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  const { rows } = await sql<{ id: string; person_id: string }>`
    SELECT id, person_id FROM separation_requests
    WHERE operation_id = ${operationId} AND id = ANY(${[...ids]}::uuid[])`.execute(trx);
  return rows;
}

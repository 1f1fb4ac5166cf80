import type { Generated } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';

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

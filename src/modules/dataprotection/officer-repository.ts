/** SQL of the data-protection officer's lists: the transfer log and break-glass readings. */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { tables, type TransfersTable } from './tables.ts';

export async function insertTransfer(trx: Tx, row: Insertable<TransfersTable>) {
  await tables(trx).insertInto('transfers').values(row).execute();
}

export interface TransferFilter {
  kind?: string;
  recipientType?: string;
  category?: string;
  createdBy?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

export async function listTransfers(trx: Tx, operationId: string, f: TransferFilter) {
  let base = tables(trx).selectFrom('transfers').where('operation_id', '=', operationId);
  if (f.kind) base = base.where('kind', '=', f.kind);
  if (f.recipientType) base = base.where('recipient_type', '=', f.recipientType);
  if (f.category) base = base.where(sql<boolean>`${f.category} = ANY (categories)`);
  if (f.createdBy) base = base.where('created_by', '=', f.createdBy);
  if (f.from) base = base.where('created_at', '>=', f.from);
  if (f.to) base = base.where('created_at', '<', f.to);
  const rows = await base
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return { rows, total: Number(total?.n ?? 0) };
}

export interface BreakGlassRow {
  seq: number;
  at: Date;
  user_id: string | null;
  person_id: string | null;
  until: string | null;
  reason: string | null;
  expires_at: Date | null;
}

/**
 * Break-glass readings from the audit log (kept for good), with the reason from the access grant
 * when that grant is still the one this reading made (same user, same moment).
 */
export async function listBreakGlass(
  trx: Tx,
  operationId: string,
  f: { userId?: string; personId?: string; from?: Date; to?: Date; limit: number; offset: number },
): Promise<{ rows: BreakGlassRow[]; total: number }> {
  const where = sql`e.operation_id = ${operationId} AND e.action = 'person.break_glass'
    AND (${f.userId ?? null}::uuid IS NULL OR e.actor_id = ${f.userId ?? null}::uuid)
    AND (${f.personId ?? null}::uuid IS NULL OR e.entity_id = ${f.personId ?? null}::uuid)
    AND (${f.from?.toISOString() ?? null}::timestamptz IS NULL OR e.at >= ${f.from?.toISOString() ?? null}::timestamptz)
    AND (${f.to?.toISOString() ?? null}::timestamptz IS NULL OR e.at < ${f.to?.toISOString() ?? null}::timestamptz)`;
  const { rows } = await sql<BreakGlassRow>`
    SELECT e.seq, e.at, e.actor_id AS user_id, e.entity_id AS person_id, e.details->>'until' AS until,
      a.reason, a.expires_at
    FROM audit_events e
    LEFT JOIN person_access a ON a.operation_id = e.operation_id AND a.person_id = e.entity_id
      AND a.user_id = e.actor_id AND a.granted_at = e.at
    WHERE ${where}
    ORDER BY e.seq DESC
    LIMIT ${f.limit} OFFSET ${f.offset}`.execute(trx);
  const count = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM audit_events e WHERE ${where}`.execute(trx);
  return { rows, total: count.rows[0]?.n ?? 0 };
}

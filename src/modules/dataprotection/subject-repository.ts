import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { tables, type SubjectRequestRow, type SubjectRequestsTable } from './tables.ts';

export async function insertRequest(trx: Tx, row: Insertable<SubjectRequestsTable>) {
  await tables(trx).insertInto('subject_requests').values(row).execute();
}

export function findRequest(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('subject_requests')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface RequestFilter {
  status?: string;
  kind?: string;
  personId?: string;
  /** Open and due before this day. */
  overdueOn?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** Requests by receipt, newest first, filtered in SQL. */
export async function listRequests(
  trx: Tx,
  operationId: string,
  f: RequestFilter,
): Promise<{ rows: SubjectRequestRow[]; total: number }> {
  let base = tables(trx).selectFrom('subject_requests').where('operation_id', '=', operationId);
  if (f.status) base = base.where('status', '=', f.status);
  if (f.kind) base = base.where('kind', '=', f.kind);
  if (f.personId) base = base.where('person_id', '=', f.personId);
  if (f.overdueOn)
    base = base
      .where('status', 'in', ['received', 'in_progress'])
      .where('due_on', '<', f.overdueOn);
  if (f.from) base = base.where('received_on', '>=', f.from);
  if (f.to) base = base.where('received_on', '<=', f.to);
  const rows = await base
    .selectAll()
    .orderBy('received_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return { rows, total: Number(total?.n ?? 0) };
}

export async function updateRequest(
  trx: Tx,
  operationId: string,
  id: string,
  version: number | null,
  changes: Updateable<SubjectRequestsTable>,
): Promise<boolean> {
  let q = tables(trx)
    .updateTable('subject_requests')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export interface AccessRow {
  at: Date;
  actor_id: string | null;
  agency: string | null;
  action: string;
  entity_type: string | null;
}

/**
 * Who did what to the person's record and to the cases about them, from the audit log: times,
 * staff ids and their agency, actions. No details (they can name other records).
 */
export async function accessLogOf(
  trx: Tx,
  operationId: string,
  personId: string,
  caseIds: readonly string[],
): Promise<AccessRow[]> {
  const { rows } = await sql<AccessRow>`
    SELECT e.at, e.actor_id, a.name AS agency, e.action, e.entity_type
    FROM audit_events e
    LEFT JOIN users u ON u.operation_id = e.operation_id AND u.id = e.actor_id
    LEFT JOIN agencies a ON a.operation_id = u.operation_id AND a.id = u.agency_id
    WHERE e.operation_id = ${operationId}
      AND ((e.entity_type = 'person' AND e.entity_id = ${personId}::uuid)
           OR (e.entity_type = 'case' AND e.entity_id = ANY(${[...caseIds]}::uuid[])))
    ORDER BY e.seq`.execute(trx);
  return rows;
}

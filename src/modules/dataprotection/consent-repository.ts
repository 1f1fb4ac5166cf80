import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { tables, type ConsentRecordsTable } from './tables.ts';

export async function insertConsent(trx: Tx, row: Insertable<ConsentRecordsTable>) {
  await tables(trx).insertInto('consent_records').values(row).execute();
}

/** A person's decisions, latest first (by decision date, then insertion). */
export function historyOf(trx: Tx, operationId: string, personId: string) {
  return tables(trx)
    .selectFrom('consent_records')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('person_id', '=', personId)
    .orderBy('decided_on', 'desc')
    .orderBy('seq', 'desc')
    .execute();
}

/** How many of these persons lack consent for the purpose in one of the categories. */
export async function countLacking(
  trx: Tx,
  operationId: string,
  personIds: readonly string[],
  purpose: string,
  categories: readonly string[],
): Promise<number> {
  if (!personIds.length) return 0;
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM unnest(${[...personIds]}::uuid[]) AS t(id)
    WHERE consent_lacking(${operationId}::uuid, t.id, ${purpose}, ${[...categories]}::text[])`.execute(
    trx,
  );
  return rows[0]?.n ?? 0;
}

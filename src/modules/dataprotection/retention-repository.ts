import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { RETENTION_FUNCTIONS, type RetentionCategory } from './rules.ts';
import { tables, type LegalHoldsTable, type RetentionRunsTable } from './tables.ts';

export interface CategoryOutcome {
  affected: number;
  held: number;
  /** Due, but still referenced by something retention does not delete: kept. */
  blocked: number;
}

/**
 * Applies one category's rule in the transaction's operation (dry: counts only). The SQL lives in
 * migrations/0013: one SECURITY DEFINER function per category.
 */
export async function applyCategory(
  trx: Tx,
  category: RetentionCategory,
  cutoff: Date,
  dry: boolean,
): Promise<CategoryOutcome> {
  const fn = sql.id(RETENTION_FUNCTIONS[category]);
  const { rows } = await sql<CategoryOutcome>`
    SELECT affected, held, blocked FROM ${fn}(${cutoff.toISOString()}::timestamptz, ${dry}::boolean)`.execute(
    trx,
  );
  const r = rows[0]!;
  return { affected: Number(r.affected), held: Number(r.held), blocked: Number(r.blocked) };
}

/** One retention run of an operation at a time (several servers, or a click during a run). */
export async function lockRetention(trx: Tx, operationId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'asylon-retention:' + operationId}))`.execute(
    trx,
  );
}

export function findSettings(trx: Tx, operationId: string) {
  return tables(trx)
    .selectFrom('retention_settings')
    .selectAll()
    .where('operation_id', '=', operationId)
    .executeTakeFirst();
}

/** Version 0 creates the row (none yet); otherwise only from the version read. */
export async function saveSettings(
  trx: Tx,
  operationId: string,
  version: number,
  row: { rules: string; updated_by: string; updated_at: Date },
): Promise<boolean> {
  if (version === 0) {
    const r = await tables(trx)
      .insertInto('retention_settings')
      .values({ operation_id: operationId, ...row })
      .onConflict((oc) => oc.column('operation_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  const r = await tables(trx)
    .updateTable('retention_settings')
    .set((eb) => ({ ...row, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function insertRun(trx: Tx, row: Insertable<RetentionRunsTable>) {
  await tables(trx).insertInto('retention_runs').values(row).execute();
}

export function findRun(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('retention_runs')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function lastScheduledRun(trx: Tx, operationId: string): Promise<Date | null> {
  const r = await tables(trx)
    .selectFrom('retention_runs')
    .select('started_at')
    .where('operation_id', '=', operationId)
    .where('trigger', '=', 'scheduled')
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.started_at ?? null;
}

export async function listRuns(
  trx: Tx,
  operationId: string,
  f: { trigger?: string; from?: Date; to?: Date; limit: number; offset: number },
) {
  let base = tables(trx).selectFrom('retention_runs').where('operation_id', '=', operationId);
  if (f.trigger) base = base.where('trigger', '=', f.trigger);
  if (f.from) base = base.where('started_at', '>=', f.from);
  if (f.to) base = base.where('started_at', '<', f.to);
  const rows = await base
    .selectAll()
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Every operation (the scheduler runs each one's rules). */
export async function operationIds(trx: Tx): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM operations ORDER BY id`.execute(trx);
  return rows.map((r) => r.id);
}

// ----- legal holds ----------------------------------------------------------------------------

export async function insertHold(trx: Tx, row: Insertable<LegalHoldsTable>): Promise<boolean> {
  const r = await tables(trx)
    .insertInto('legal_holds')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['operation_id', 'person_id']).where('released_at', 'is', null).doNothing(),
    )
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export function findHold(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('legal_holds')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listHolds(
  trx: Tx,
  operationId: string,
  f: { active?: boolean; personId?: string },
) {
  let q = tables(trx).selectFrom('legal_holds').selectAll().where('operation_id', '=', operationId);
  if (f.active === true) q = q.where('released_at', 'is', null);
  if (f.active === false) q = q.where('released_at', 'is not', null);
  if (f.personId) q = q.where('person_id', '=', f.personId);
  return q.orderBy('placed_at', 'desc').orderBy('id').limit(1000).execute();
}

export async function releaseHold(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: { released_by: string; released_at: Date; release_reason_sealed: Buffer },
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('legal_holds')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

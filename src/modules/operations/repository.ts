import type { Kysely } from 'kysely';
import type { PlatformTables } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/context.ts';

export function findOperation(trx: Tx, id: string) {
  return trx.selectFrom('operations').selectAll().where('id', '=', id).executeTakeFirst();
}

export type OperationRow = NonNullable<Awaited<ReturnType<typeof findOperation>>>;

export function updateOperation(
  trx: Tx,
  id: string,
  version: number,
  changes: { name?: string; settings?: Record<string, unknown> },
) {
  return trx
    .updateTable('operations')
    .set((eb) => ({
      ...(changes.name ? { name: changes.name } : {}),
      ...(changes.settings ? { settings: JSON.stringify(changes.settings) } : {}),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export function findOperationByCode(db: Kysely<PlatformTables> | Tx, code: string) {
  return db.selectFrom('operations').select(['id']).where('code', '=', code).executeTakeFirst();
}

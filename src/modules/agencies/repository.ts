import type { Tx } from '../../platform/db/context.ts';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

const columns = ['operation_id', 'id', 'name', 'created_at', 'version'] as const;

export type AgencyRow = NonNullable<Awaited<ReturnType<typeof findAgency>>>;

export function findAgency(trx: Tx, operationId: string, id: string) {
  return trx
    .selectFrom('agencies')
    .select(columns)
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findAgencyByName(trx: Tx, operationId: string, name: string) {
  return trx
    .selectFrom('agencies')
    .select(columns)
    .where('operation_id', '=', operationId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export function listAgencies(trx: Tx, operationId: string) {
  return trx
    .selectFrom('agencies')
    .select(columns)
    .where('operation_id', '=', operationId)
    .orderBy('name')
    .execute();
}

function duplicateName(e: unknown): never {
  if (pgErrorCode(e) === UNIQUE_VIOLATION)
    throw fieldError('body.name', 'another agency has this name', 'conflict');
  throw e;
}

export async function insertAgency(trx: Tx, operationId: string, name: string, now: Date) {
  try {
    return await trx
      .insertInto('agencies')
      .values({ operation_id: operationId, name, created_at: now })
      .returning(columns)
      .executeTakeFirstOrThrow();
  } catch (e) {
    duplicateName(e);
  }
}

export async function renameAgency(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  name: string,
) {
  try {
    return await trx
      .updateTable('agencies')
      .set((eb) => ({ name, version: eb('version', '+', 1) }))
      .where('operation_id', '=', operationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .returning(columns)
      .executeTakeFirst();
  } catch (e) {
    duplicateName(e);
  }
}

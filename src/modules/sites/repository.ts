import type { Tx } from '../../platform/db/context.ts';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';
import type { SiteInput } from './schema.ts';

const columns = [
  'operation_id',
  'id',
  'name',
  'type',
  'adm1',
  'adm2',
  'latitude',
  'longitude',
  'capacity',
  'managing_entity',
  'country',
  'adm3',
  'leave_freely',
  'walled',
  'checkpoints',
  'curfew',
  'access_notes',
  'created_at',
  'version',
] as const;

export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSite>>>;

export function findSite(trx: Tx, operationId: string, id: string) {
  return trx
    .selectFrom('sites')
    .select(columns)
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listSites(trx: Tx, operationId: string) {
  return trx
    .selectFrom('sites')
    .select(columns)
    .where('operation_id', '=', operationId)
    .orderBy('name')
    .execute();
}

function toColumns(s: Partial<SiteInput>) {
  const out = {
    name: s.name,
    type: s.type,
    adm1: s.adm1,
    adm2: s.adm2,
    latitude: s.latitude,
    longitude: s.longitude,
    capacity: s.capacity,
    managing_entity: s.managingEntity,
    country: s.country,
    adm3: s.adm3,
    leave_freely: s.access?.leaveFreely,
    walled: s.access?.walled,
    checkpoints: s.access?.checkpoints,
    curfew: s.access?.curfew,
    access_notes: s.access?.notes,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Partial<
    typeof out
  >;
}

function duplicateName(e: unknown): never {
  if (pgErrorCode(e) === UNIQUE_VIOLATION)
    throw fieldError('body.name', 'another site has this name', 'conflict');
  throw e;
}

export async function insertSite(trx: Tx, operationId: string, input: SiteInput, now: Date) {
  try {
    return await trx
      .insertInto('sites')
      .values({
        ...toColumns(input),
        name: input.name,
        type: input.type,
        operation_id: operationId,
        created_at: now,
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
  } catch (e) {
    duplicateName(e);
  }
}

export async function updateSite(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  input: Partial<SiteInput>,
) {
  try {
    return await trx
      .updateTable('sites')
      .set((eb) => ({ ...toColumns(input), version: eb('version', '+', 1) }))
      .where('operation_id', '=', operationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .returning(columns)
      .executeTakeFirst();
  } catch (e) {
    duplicateName(e);
  }
}

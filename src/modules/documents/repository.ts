import type { Generated, Insertable, Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';

export interface IdentityDocumentsTable {
  operation_id: string;
  id: string;
  person_id: string;
  type: string;
  issuer: string;
  number_hash: Buffer | null;
  number_sealed: Buffer | null;
  expires_on: string | null;
  holder: string;
  holder_detail: string | null;
  recorded_at: Date;
  recorded_by: string | null;
  updated_at: Date;
  version: Generated<number>;
}

type Tables = { identity_documents: IdentityDocumentsTable };
export type DocumentRow = Selectable<IdentityDocumentsTable>;

const tables = (trx: Tx) => trx.withTables<Tables>();

export async function insertDocument(trx: Tx, row: Insertable<IdentityDocumentsTable>) {
  await tables(trx).insertInto('identity_documents').values(row).execute();
}

export function findDocument(trx: Tx, operationId: string, personId: string, id: string) {
  return tables(trx)
    .selectFrom('identity_documents')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('person_id', '=', personId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listDocuments(trx: Tx, operationId: string, personId: string) {
  return tables(trx)
    .selectFrom('identity_documents')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('person_id', '=', personId)
    .orderBy('recorded_at')
    .execute();
}

export async function updateDocument(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: Partial<Insertable<IdentityDocumentsTable>>,
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('identity_documents')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export function findByNumber(trx: Tx, operationId: string, hash: Buffer) {
  return tables(trx)
    .selectFrom('identity_documents')
    .select(['person_id', 'type'])
    .where('operation_id', '=', operationId)
    .where('number_hash', '=', hash)
    .execute();
}

import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import {
  FOREIGN_KEY_VIOLATION,
  pgConstraint,
  pgErrorCode,
  UNIQUE_VIOLATION,
} from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

export interface FundingAgreementsTable {
  operation_id: string;
  id: string;
  reference: string;
  title: string;
  description: string | null;
  purpose: string;
  amount: string;
  currency: string;
  start_date: string;
  end_date: string | null;
  status: string;
  is_public: boolean;
  reporting_org_ref: string;
  reporting_org_name: string;
  reporting_org_type: string;
  recipient_country: string | null;
  parties: unknown;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
  version: Generated<number>;
}

export interface AgreementProgrammesTable {
  operation_id: string;
  agreement_id: string;
  programme_id: string;
}

export interface AgreementTransactionsTable {
  operation_id: string;
  id: string;
  agreement_id: string;
  type: string;
  value: string;
  currency: string;
  transaction_date: string;
  description: string | null;
  provider_org: string | null;
  receiver_org: string | null;
  recorded_at: Date;
  recorded_by: string | null;
}

export interface RelocationOperationsTable {
  operation_id: string;
  id: string;
  from_site_id: string | null;
  from_place: string | null;
  to_site_id: string | null;
  to_place: string | null;
  relocated_on: string;
  persons_count: number;
  legal_basis: string;
  managed_by: string;
  agreement_id: string | null;
  is_public: boolean;
  notes: string | null;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
  version: Generated<number>;
}

type Tables = {
  funding_agreements: FundingAgreementsTable;
  agreement_programmes: AgreementProgrammesTable;
  agreement_transactions: AgreementTransactionsTable;
  relocation_operations: RelocationOperationsTable;
};
export type AgreementRow = Selectable<FundingAgreementsTable>;
export type TransactionRow = Selectable<AgreementTransactionsTable>;
export type RelocationRow = Selectable<RelocationOperationsTable>;
const tables = (trx: Tx) => trx.withTables<Tables>();

function writeError(e: unknown): never {
  const code = pgErrorCode(e);
  const constraint = pgConstraint(e) ?? '';
  if (code === UNIQUE_VIOLATION && constraint === 'funding_agreements_identifier')
    throw fieldError('body.reference', 'is already used by another agreement', 'conflict');
  if (code === FOREIGN_KEY_VIOLATION) {
    if (constraint.includes('programme'))
      throw fieldError('body.programmeIds', 'names a programme that does not exist');
    if (constraint.includes('from_site')) throw fieldError('body.fromSiteId', 'does not exist');
    if (constraint.includes('to_site')) throw fieldError('body.toSiteId', 'does not exist');
    if (constraint.includes('agreement')) throw fieldError('body.agreementId', 'does not exist');
  }
  throw e;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    writeError(e);
  }
}

// ----- agreements ----------------------------------------------------------------------------

export function insertAgreement(trx: Tx, row: Insertable<FundingAgreementsTable>) {
  return guarded(() => tables(trx).insertInto('funding_agreements').values(row).execute());
}

export function updateAgreement(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: Partial<Insertable<FundingAgreementsTable>>,
): Promise<boolean> {
  return guarded(async () => {
    const r = await tables(trx)
      .updateTable('funding_agreements')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('operation_id', '=', operationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  });
}

export function setAgreementProgrammes(
  trx: Tx,
  operationId: string,
  agreementId: string,
  programmeIds: readonly string[],
) {
  return guarded(async () => {
    await tables(trx)
      .deleteFrom('agreement_programmes')
      .where('operation_id', '=', operationId)
      .where('agreement_id', '=', agreementId)
      .execute();
    if (programmeIds.length)
      await tables(trx)
        .insertInto('agreement_programmes')
        .values(
          [...new Set(programmeIds)].map((programme_id) => ({
            operation_id: operationId,
            agreement_id: agreementId,
            programme_id,
          })),
        )
        .execute();
  });
}

export function findAgreement(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('funding_agreements')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listAgreements(trx: Tx, operationId: string, onlyPublic = false) {
  let q = tables(trx)
    .selectFrom('funding_agreements')
    .selectAll()
    .where('operation_id', '=', operationId);
  if (onlyPublic) q = q.where('is_public', '=', true);
  return q.orderBy('start_date').orderBy('reference').execute();
}

export async function programmeIdsOf(
  trx: Tx,
  operationId: string,
  agreementIds: readonly string[],
) {
  const out = new Map<string, string[]>(agreementIds.map((id) => [id, []]));
  if (!agreementIds.length) return out;
  const rows = await tables(trx)
    .selectFrom('agreement_programmes')
    .select(['agreement_id', 'programme_id'])
    .where('operation_id', '=', operationId)
    .where('agreement_id', 'in', [...agreementIds])
    .orderBy('programme_id')
    .execute();
  for (const r of rows) out.get(r.agreement_id)?.push(r.programme_id);
  return out;
}

// ----- transactions --------------------------------------------------------------------------

export async function insertTransaction(trx: Tx, row: Insertable<AgreementTransactionsTable>) {
  await tables(trx).insertInto('agreement_transactions').values(row).execute();
}

export async function transactionsOf(
  trx: Tx,
  operationId: string,
  agreementIds: readonly string[],
): Promise<Map<string, TransactionRow[]>> {
  const out = new Map<string, TransactionRow[]>(agreementIds.map((id) => [id, []]));
  if (!agreementIds.length) return out;
  const rows = await tables(trx)
    .selectFrom('agreement_transactions')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('agreement_id', 'in', [...agreementIds])
    .orderBy('transaction_date')
    .orderBy('recorded_at')
    .execute();
  for (const r of rows) out.get(r.agreement_id)?.push(r);
  return out;
}

// ----- relocations ---------------------------------------------------------------------------

export function insertRelocation(trx: Tx, row: Insertable<RelocationOperationsTable>) {
  return guarded(() => tables(trx).insertInto('relocation_operations').values(row).execute());
}

export function updateRelocation(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: Partial<Insertable<RelocationOperationsTable>>,
): Promise<boolean> {
  return guarded(async () => {
    const r = await tables(trx)
      .updateTable('relocation_operations')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('operation_id', '=', operationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  });
}

export function findRelocation(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('relocation_operations')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listRelocations(trx: Tx, operationId: string) {
  return tables(trx)
    .selectFrom('relocation_operations')
    .selectAll()
    .where('operation_id', '=', operationId)
    .orderBy('relocated_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

export interface PublicRelocationRow {
  relocated_on: string;
  from_name: string;
  to_name: string;
  persons_count: number;
  legal_basis: string;
  managed_by: string;
}

export async function publicRelocations(trx: Tx, operationId: string) {
  const { rows } = await sql<PublicRelocationRow>`
    SELECT r.relocated_on, coalesce(fs.name, r.from_place) AS from_name,
      coalesce(ts.name, r.to_place) AS to_name, r.persons_count, r.legal_basis, r.managed_by
    FROM relocation_operations r
    LEFT JOIN sites fs ON fs.operation_id = r.operation_id AND fs.id = r.from_site_id
    LEFT JOIN sites ts ON ts.operation_id = r.operation_id AND ts.id = r.to_site_id
    WHERE r.operation_id = ${operationId} AND r.is_public
    ORDER BY r.relocated_on`.execute(trx);
  return rows;
}

// ----- operations and sites (read-only lookups) ----------------------------------------------

/** An operation by its public code (operations is a global table: no context needed). */
export async function operationByCode(trx: Tx, code: string) {
  const { rows } = await sql<{ id: string; code: string; name: string }>`
    SELECT id, code, name FROM operations WHERE code = ${code}`.execute(trx);
  return rows[0];
}

export async function siteNames(trx: Tx, operationId: string) {
  const { rows } = await sql<{ id: string; name: string }>`
    SELECT id, name FROM sites WHERE operation_id = ${operationId}`.execute(trx);
  return new Map(rows.map((r) => [r.id, r.name]));
}

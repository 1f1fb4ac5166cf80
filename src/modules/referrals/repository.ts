import { sql, type Insertable, type Selectable, type Updateable, type Generated } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import {
  FOREIGN_KEY_VIOLATION,
  pgConstraint,
  pgErrorCode,
  UNIQUE_VIOLATION,
} from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';
import { caseVisibleTo, type CasesTable, type Viewer } from '../cases/tables.ts';

export interface ServiceProvidersTable {
  operation_id: string;
  id: string;
  name: string;
  organisation: string;
  service_types: string[];
  contact: unknown;
  languages: string[];
  agency_id: string | null;
  active: boolean;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface ServiceProviderSitesTable {
  operation_id: string;
  provider_id: string;
  site_id: string;
}

export interface ReferralsTable {
  operation_id: string;
  id: string;
  case_id: string;
  person_id: string;
  provider_id: string;
  service_type: string;
  urgency: string;
  status: string;
  fields: string[];
  snapshot_sealed: Buffer | null;
  consent: unknown;
  override_reason_sealed: Buffer | null;
  transfer_record_id: string;
  created_by: string;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decline_reason: string | null;
  decision_note_sealed: Buffer | null;
  outcome: string | null;
  outcome_on: string | null;
  outcome_note_sealed: Buffer | null;
  outcome_by: string | null;
  outcome_at: Date | null;
  updated_at: Date;
  version: Generated<number>;
}

type Tables = {
  service_providers: ServiceProvidersTable;
  service_provider_sites: ServiceProviderSitesTable;
  referrals: ReferralsTable;
};
export type ProviderRow = Selectable<ServiceProvidersTable> & { site_ids: string[] };
export type ReferralRow = Selectable<ReferralsTable>;
const tables = (trx: Tx) => trx.withTables<Tables>();

function mapProviderError(e: unknown): never {
  const code = pgErrorCode(e);
  if (code === UNIQUE_VIOLATION && pgConstraint(e) === 'service_providers_name_key')
    throw fieldError('body.name', 'another provider has this name', 'conflict');
  if (code === FOREIGN_KEY_VIOLATION)
    throw fieldError(
      pgConstraint(e)?.includes('site_id') ? 'body.siteIds' : 'body.agencyId',
      'does not exist',
    );
  throw e;
}

// ----- providers ---------------------------------------------------------------------------------

function providers(trx: Tx, operationId: string) {
  return tables(trx)
    .selectFrom('service_providers as sp')
    .selectAll('sp')
    .select(
      sql<
        string[]
      >`coalesce((SELECT array_agg(s.site_id ORDER BY s.site_id) FROM service_provider_sites s
        WHERE s.operation_id = sp.operation_id AND s.provider_id = sp.id), '{}')`.as('site_ids'),
    )
    .where('sp.operation_id', '=', operationId);
}

export function findProvider(trx: Tx, operationId: string, id: string) {
  return providers(trx, operationId).where('sp.id', '=', id).executeTakeFirst();
}

export function listProviders(
  trx: Tx,
  operationId: string,
  f: { serviceType?: string; siteId?: string; language?: string; active?: boolean },
) {
  let q = providers(trx, operationId);
  if (f.serviceType) q = q.where(sql<boolean>`${f.serviceType} = ANY (sp.service_types)`);
  if (f.language) q = q.where(sql<boolean>`${f.language} = ANY (sp.languages)`);
  if (f.active !== undefined) q = q.where('sp.active', '=', f.active);
  if (f.siteId)
    // A provider with no listed sites covers the whole operation.
    q = q.where(sql<boolean>`(NOT EXISTS (SELECT 1 FROM service_provider_sites s
        WHERE s.operation_id = sp.operation_id AND s.provider_id = sp.id)
      OR EXISTS (SELECT 1 FROM service_provider_sites s
        WHERE s.operation_id = sp.operation_id AND s.provider_id = sp.id AND s.site_id = ${f.siteId}::uuid))`);
  return q
    .orderBy(sql`lower(sp.name)`)
    .orderBy('sp.id')
    .execute();
}

export async function insertProvider(trx: Tx, row: Insertable<ServiceProvidersTable>) {
  await tables(trx).insertInto('service_providers').values(row).execute().catch(mapProviderError);
}

export async function updateProvider(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: Updateable<ServiceProvidersTable>,
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('service_providers')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
    .catch(mapProviderError);
  return r.numUpdatedRows > 0n;
}

export async function setProviderSites(
  trx: Tx,
  operationId: string,
  providerId: string,
  siteIds: readonly string[],
) {
  await tables(trx)
    .deleteFrom('service_provider_sites')
    .where('operation_id', '=', operationId)
    .where('provider_id', '=', providerId)
    .execute();
  if (!siteIds.length) return;
  await tables(trx)
    .insertInto('service_provider_sites')
    .values(
      siteIds.map((site_id) => ({ operation_id: operationId, provider_id: providerId, site_id })),
    )
    .execute()
    .catch(mapProviderError);
}

// ----- referrals ---------------------------------------------------------------------------------

export async function insertReferral(trx: Tx, row: Insertable<ReferralsTable>) {
  await tables(trx).insertInto('referrals').values(row).execute();
}

export function findReferral(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('referrals')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function referralsOfCase(trx: Tx, operationId: string, caseId: string) {
  return tables(trx)
    .selectFrom('referrals')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * A person's referrals across the cases the viewer works on (the case rule as SQL, without the
 * receiving side of an offered transfer: that side may not read referrals), newest first.
 */
export function referralsOfPerson(trx: Tx, v: Viewer, personId: string) {
  return trx
    .withTables<Tables & { cases: CasesTable }>()
    .selectFrom('referrals as r')
    .innerJoin('cases as c', (j) =>
      j.onRef('c.operation_id', '=', 'r.operation_id').onRef('c.id', '=', 'r.case_id'),
    )
    .selectAll('r')
    .where('r.operation_id', '=', v.operationId)
    .where('r.person_id', '=', personId)
    .where(caseVisibleTo(v, false))
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .execute();
}

/** Referrals to the providers linked to an agency: that agency's partners' inbox. */
export function inboxOf(trx: Tx, operationId: string, agencyId: string, status?: string) {
  let q = tables(trx)
    .selectFrom('referrals as r')
    .innerJoin('service_providers as sp', (j) =>
      j.onRef('sp.operation_id', '=', 'r.operation_id').onRef('sp.id', '=', 'r.provider_id'),
    )
    .selectAll('r')
    .where('r.operation_id', '=', operationId)
    .where('sp.agency_id', '=', agencyId);
  if (status) q = q.where('r.status', '=', status);
  return q.orderBy('r.created_at', 'desc').orderBy('r.id').execute();
}

export async function updateReferral(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: Updateable<ReferralsTable>,
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('referrals')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Active service partners of an agency (whom a new referral notifies; ids only). */
export async function partnersOf(trx: Tx, operationId: string, agencyId: string) {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM users
    WHERE operation_id = ${operationId} AND agency_id = ${agencyId} AND status = 'active'
      AND 'service_partner' = ANY (roles)`.execute(trx);
  return rows.map((r) => r.id);
}

import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import {
  FOREIGN_KEY_VIOLATION,
  pgConstraint,
  pgErrorCode,
  UNIQUE_VIOLATION,
} from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

export interface AssistanceSettingsTable {
  operation_id: string;
  dependency_threshold: number;
  reporting_currency: string;
  sri_method: string;
  sri_min_scored: number;
  sri_weights: unknown;
  updated_at: Date;
  updated_by: string | null;
  version: Generated<number>;
}

export interface ProvidersTable {
  operation_id: string;
  id: string;
  name: string;
  independence_class: string;
  organisation_type: string | null;
  iati_ref: string | null;
  notes: string | null;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
  version: Generated<number>;
}

export interface ProgrammesTable {
  operation_id: string;
  id: string;
  name: string;
  type: string;
  provider_id: string;
  description: string | null;
  funders: unknown;
  eligibility: unknown;
  capacity: number | null;
  start_date: string;
  end_date: string | null;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
  version: Generated<number>;
}

export interface ProgrammeSitesTable {
  operation_id: string;
  programme_id: string;
  site_id: string;
}

type Tables = {
  assistance_settings: AssistanceSettingsTable;
  providers: ProvidersTable;
  programmes: ProgrammesTable;
  programme_sites: ProgrammeSitesTable;
};
export type SettingsRow = Selectable<AssistanceSettingsTable>;
export type ProviderRow = Selectable<ProvidersTable>;
export type ProgrammeRow = Selectable<ProgrammesTable> & {
  provider_name: string;
  independence_class: string;
};

const tables = (trx: Tx) => trx.withTables<Tables>();

// ----- settings ------------------------------------------------------------------------------

export function findSettings(trx: Tx, operationId: string) {
  return tables(trx)
    .selectFrom('assistance_settings')
    .selectAll()
    .where('operation_id', '=', operationId)
    .executeTakeFirst();
}

/** Writes the settings if the stored version is `version` (0: none stored yet). */
export async function saveSettings(
  trx: Tx,
  version: number,
  row: Omit<Insertable<AssistanceSettingsTable>, 'version'>,
): Promise<boolean> {
  if (version === 0) {
    const r = await tables(trx)
      .insertInto('assistance_settings')
      .values(row)
      .onConflict((oc) => oc.column('operation_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  const { operation_id, ...changes } = row;
  const r = await tables(trx)
    .updateTable('assistance_settings')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operation_id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

// ----- providers -----------------------------------------------------------------------------

function providerWriteError(e: unknown): never {
  if (pgErrorCode(e) === UNIQUE_VIOLATION && pgConstraint(e) === 'providers_name_key')
    throw fieldError('body.name', 'is already the name of another provider', 'conflict');
  throw e;
}

export async function insertProvider(trx: Tx, row: Insertable<ProvidersTable>) {
  try {
    await tables(trx).insertInto('providers').values(row).execute();
  } catch (e) {
    providerWriteError(e);
  }
}

export function findProvider(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('providers')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listProviders(trx: Tx, operationId: string) {
  return tables(trx)
    .selectFrom('providers')
    .selectAll()
    .where('operation_id', '=', operationId)
    .orderBy('name')
    .execute();
}

export async function updateProvider(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: Partial<Insertable<ProvidersTable>>,
): Promise<boolean> {
  try {
    const r = await tables(trx)
      .updateTable('providers')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('operation_id', '=', operationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  } catch (e) {
    providerWriteError(e);
  }
}

// ----- programmes ----------------------------------------------------------------------------

function programmeWriteError(e: unknown): never {
  const code = pgErrorCode(e);
  const constraint = pgConstraint(e) ?? '';
  if (code === UNIQUE_VIOLATION && constraint === 'programmes_name_key')
    throw fieldError('body.name', 'is already the name of another programme', 'conflict');
  if (code === FOREIGN_KEY_VIOLATION && constraint.includes('site'))
    throw fieldError('body.siteIds', 'names a site that does not exist');
  if (code === FOREIGN_KEY_VIOLATION) throw fieldError('body.providerId', 'does not exist');
  throw e;
}

export async function insertProgramme(trx: Tx, row: Insertable<ProgrammesTable>) {
  try {
    await tables(trx).insertInto('programmes').values(row).execute();
  } catch (e) {
    programmeWriteError(e);
  }
}

export async function updateProgramme(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: Partial<Insertable<ProgrammesTable>>,
): Promise<boolean> {
  try {
    const r = await tables(trx)
      .updateTable('programmes')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('operation_id', '=', operationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  } catch (e) {
    programmeWriteError(e);
  }
}

export async function setProgrammeSites(
  trx: Tx,
  operationId: string,
  programmeId: string,
  siteIds: readonly string[],
) {
  await tables(trx)
    .deleteFrom('programme_sites')
    .where('operation_id', '=', operationId)
    .where('programme_id', '=', programmeId)
    .execute();
  if (!siteIds.length) return;
  try {
    await tables(trx)
      .insertInto('programme_sites')
      .values(
        [...new Set(siteIds)].map((site_id) => ({
          operation_id: operationId,
          programme_id: programmeId,
          site_id,
        })),
      )
      .execute();
  } catch (e) {
    programmeWriteError(e);
  }
}

function programmesQuery(trx: Tx, operationId: string) {
  return tables(trx)
    .selectFrom('programmes as g')
    .innerJoin('providers as pv', (j) =>
      j.onRef('pv.operation_id', '=', 'g.operation_id').onRef('pv.id', '=', 'g.provider_id'),
    )
    .selectAll('g')
    .select(['pv.name as provider_name', 'pv.independence_class'])
    .where('g.operation_id', '=', operationId);
}

export function findProgramme(
  trx: Tx,
  operationId: string,
  id: string,
): Promise<ProgrammeRow | undefined> {
  return programmesQuery(trx, operationId).where('g.id', '=', id).executeTakeFirst();
}

export function listProgrammes(
  trx: Tx,
  operationId: string,
  filter: { type?: string; ids?: readonly string[] } = {},
): Promise<ProgrammeRow[]> {
  let q = programmesQuery(trx, operationId);
  if (filter.type) q = q.where('g.type', '=', filter.type);
  if (filter.ids) {
    if (!filter.ids.length) return Promise.resolve([]);
    q = q.where('g.id', 'in', [...filter.ids]);
  }
  return q.orderBy('g.name').execute();
}

/** Covered sites by programme id (a programme without rows covers every site). */
export async function programmeSites(
  trx: Tx,
  operationId: string,
  programmeIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(programmeIds.map((id) => [id, []]));
  if (!programmeIds.length) return out;
  const rows = await tables(trx)
    .selectFrom('programme_sites')
    .select(['programme_id', 'site_id'])
    .where('operation_id', '=', operationId)
    .where('programme_id', 'in', [...programmeIds])
    .orderBy('site_id')
    .execute();
  for (const r of rows) out.get(r.programme_id)?.push(r.site_id);
  return out;
}

// ----- registry facts (read-only, for eligibility and household checks) ---------------------

/** The site of the person's open residence, if any. */
export async function currentSiteOf(trx: Tx, operationId: string, personId: string) {
  const { rows } = await sql<{ site_id: string | null }>`
    SELECT site_id FROM residences
    WHERE operation_id = ${operationId} AND person_id = ${personId} AND valid_to IS NULL
    ORDER BY valid_from DESC LIMIT 1`.execute(trx);
  return rows[0]?.site_id ?? null;
}

/** Everyone who ever belonged to the household (the caller applies visibility). */
export async function householdMemberIds(trx: Tx, operationId: string, householdId: string) {
  const { rows } = await sql<{ person_id: string }>`
    SELECT person_id FROM household_members
    WHERE operation_id = ${operationId} AND household_id = ${householdId}`.execute(trx);
  return rows.map((r) => r.person_id);
}

/** Members of several households at once, for checks of a distribution list. */
export async function membersOfHouseholds(
  trx: Tx,
  operationId: string,
  householdIds: readonly string[],
) {
  if (!householdIds.length) return [];
  const { rows } = await sql<{ household_id: string; person_id: string }>`
    SELECT household_id, person_id FROM household_members
    WHERE operation_id = ${operationId} AND household_id = ANY(${[...householdIds]}::uuid[])`.execute(
    trx,
  );
  return rows;
}

export async function siteNames(trx: Tx, operationId: string, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const { rows } = await sql<{ id: string; name: string }>`
    SELECT id, name FROM sites WHERE operation_id = ${operationId} AND id = ANY(${[...ids]}::uuid[])`.execute(
    trx,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Which of the ids exist in a table of this module or its neighbours (for distribution lists). */
export async function existingIds(
  trx: Tx,
  table: 'sites' | 'providers' | 'funding_agreements',
  operationId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM ${sql.table(table)}
    WHERE operation_id = ${operationId} AND id = ANY(${[...ids]}::uuid[])`.execute(trx);
  return new Set(rows.map((r) => r.id));
}

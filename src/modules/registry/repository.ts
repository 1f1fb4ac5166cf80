import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import {
  FOREIGN_KEY_VIOLATION,
  pgConstraint,
  pgErrorCode,
  UNIQUE_VIOLATION,
} from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

export interface PersonsTable {
  operation_id: string;
  id: string;
  names: unknown;
  sex: string;
  birth_date: string | null;
  birth_year: number | null;
  birth_year_estimated: boolean;
  nationalities: string[];
  languages: string[];
  specific_needs: unknown;
  contact: unknown;
  registering_agency_id: string | null;
  registered_on: string;
  sensitivity: string;
  external_id: string | null;
  name_keys: string[];
  name_text: string;
  name_parts: string;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
  merged_into: string | null;
  import_batch_id: string | null;
  whereabouts_sealed: Buffer | null;
}

export interface PersonAccessTable {
  operation_id: string;
  person_id: string;
  user_id: string;
  granted_at: Date;
  granted_by: string | null;
  /** Break-glass access ends; a named user's does not. */
  expires_at: Date | null;
  reason: string | null;
}

export interface LegalStatusesTable {
  operation_id: string;
  id: Generated<string>;
  person_id: string;
  status: string;
  granted_by: string;
  basis: string | null;
  document: string | null;
  valid_from: string;
  valid_to: string | null;
  recorded_at: Date;
  recorded_by: string | null;
}

// A type alias (not an interface) so Kysely's withTables accepts it.
type RegistryTables = {
  persons: PersonsTable;
  person_access: PersonAccessTable;
  legal_statuses: LegalStatusesTable;
};

export type PersonRow = Selectable<PersonsTable>;
export type LegalStatusRow = Selectable<LegalStatusesTable>;

const tables = (trx: Tx) => trx.withTables<RegistryTables>();

/** Who is looking, for the visibility rule that lists apply in SQL (see policy.ts for one record). */
export interface Viewer {
  operationId: string;
  userId: string;
  agencyId: string | null;
  seesSensitive: boolean;
  now: Date;
}

function mapWriteError(e: unknown): never {
  const code = pgErrorCode(e);
  if (code === UNIQUE_VIOLATION && pgConstraint(e) === 'persons_external_id') {
    throw fieldError('body.externalId', 'is already used by another record', 'conflict');
  }
  if (code === FOREIGN_KEY_VIOLATION)
    throw fieldError('body.registeringAgencyId', 'does not exist');
  throw e;
}

export async function insertPerson(trx: Tx, row: Insertable<PersonsTable>): Promise<void> {
  try {
    // No RETURNING: a restricted record is not visible to anyone until its access list exists.
    await tables(trx).insertInto('persons').values(row).execute();
  } catch (e) {
    mapWriteError(e);
  }
}

export async function grantAccess(
  trx: Tx,
  operationId: string,
  personId: string,
  userId: string,
  now: Date,
  by: string | null,
) {
  await tables(trx)
    .insertInto('person_access')
    .values({
      operation_id: operationId,
      person_id: personId,
      user_id: userId,
      granted_at: now,
      granted_by: by,
    })
    .onConflict((oc) => oc.columns(['operation_id', 'person_id', 'user_id']).doNothing())
    .execute();
}

export function findPerson(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('persons')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function isNamedOn(
  trx: Tx,
  operationId: string,
  personId: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const row = await tables(trx)
    .selectFrom('person_access')
    .select('user_id')
    .where('operation_id', '=', operationId)
    .where('person_id', '=', personId)
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** Break-glass: access until `until`, with the reason kept beside it (a named user keeps theirs). */
export async function grantTemporaryAccess(
  trx: Tx,
  row: {
    operationId: string;
    personId: string;
    userId: string;
    now: Date;
    until: Date;
    reason: string;
  },
) {
  await tables(trx)
    .insertInto('person_access')
    .values({
      operation_id: row.operationId,
      person_id: row.personId,
      user_id: row.userId,
      granted_at: row.now,
      granted_by: row.userId,
      expires_at: row.until,
      reason: row.reason,
    })
    .onConflict((oc) =>
      oc
        .columns(['operation_id', 'person_id', 'user_id'])
        .doUpdateSet({ expires_at: row.until, reason: row.reason, granted_at: row.now })
        .where('person_access.expires_at', 'is not', null),
    )
    .execute();
}

export async function restrictedPersonExists(trx: Tx, operationId: string, id: string) {
  const { rows } = await sql<{ exists: boolean }>`
    SELECT restricted_person_exists(${operationId}::uuid, ${id}::uuid) AS exists`.execute(trx);
  return rows[0]!.exists;
}

/** Users named on the record (not those with break-glass access). */
export async function namedUsers(trx: Tx, operationId: string, personId: string) {
  const rows = await tables(trx)
    .selectFrom('person_access')
    .select('user_id')
    .where('operation_id', '=', operationId)
    .where('person_id', '=', personId)
    .where('expires_at', 'is', null)
    .execute();
  return rows.map((r) => r.user_id);
}

export async function setRestricted(
  trx: Tx,
  operationId: string,
  id: string,
  whereabouts: Buffer,
  now: Date,
) {
  await tables(trx)
    .updateTable('persons')
    .set((eb) => ({
      sensitivity: 'restricted',
      contact: null,
      whereabouts_sealed: whereabouts,
      updated_at: now,
      version: eb('version', '+', 1),
    }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .execute();
}

export async function setWhereabouts(trx: Tx, operationId: string, id: string, sealed: Buffer) {
  await tables(trx)
    .updateTable('persons')
    .set({ whereabouts_sealed: sealed })
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .execute();
}

export async function updatePerson(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: Partial<Insertable<PersonsTable>>,
): Promise<boolean> {
  try {
    const r = await tables(trx)
      .updateTable('persons')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('operation_id', '=', operationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  } catch (e) {
    mapWriteError(e);
  }
}

export function insertLegalStatus(trx: Tx, row: Insertable<LegalStatusesTable>) {
  return tables(trx)
    .insertInto('legal_statuses')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listLegalStatuses(trx: Tx, operationId: string, personId: string) {
  return tables(trx)
    .selectFrom('legal_statuses')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('person_id', '=', personId)
    .orderBy('valid_from')
    .orderBy('recorded_at')
    .execute();
}

export interface SearchRow {
  id: string;
  names: unknown;
  sex: string;
  birth_year: number | null;
  nationalities: string[];
  score: number;
}

/**
 * The visibility rule of policy.canSeePerson as SQL over `persons p`, for lists. Row-level
 * security says the same on PostgreSQL; this clause makes it hold on the embedded database too
 * (where the connection is a superuser) and keeps hidden rows out of the plan.
 */
function visibleTo(viewer: Viewer) {
  return sql<boolean>`(
    p.sensitivity = 'normal'
    OR (p.sensitivity = 'sensitive' AND (${viewer.seesSensitive} OR p.registering_agency_id = ${viewer.agencyId}::uuid))
    OR EXISTS (SELECT 1 FROM person_access pa
               WHERE pa.operation_id = p.operation_id AND pa.person_id = p.id AND pa.user_id = ${viewer.userId}
                 AND (pa.expires_at IS NULL OR pa.expires_at > ${viewer.now}::timestamptz))
  )`;
}

export interface SummaryRow {
  id: string;
  names: unknown;
  sex: string;
  birth_year: number | null;
}

export async function visibleSummaries(
  trx: Tx,
  viewer: Viewer,
  ids: string[],
): Promise<SummaryRow[]> {
  const { rows } = await sql<SummaryRow>`
    SELECT p.id, p.names, p.sex, p.birth_year FROM persons p
    WHERE p.operation_id = ${viewer.operationId} AND p.id = ANY(${ids}::uuid[]) AND ${visibleTo(viewer)}`.execute(
    trx,
  );
  return rows;
}

/** How candidates are found: by pairs of name keys with birth year, by pairs, or by one key. */
export type Candidates =
  | { by: 'pairsWithYear'; values: string[] }
  | { by: 'pairs'; values: string[] }
  | { by: 'keys'; values: string[] };

/** The candidates' ids, read from an index by a function that applies the caller's visibility. */
function candidateIds(c: Candidates) {
  const values = sql`${c.values}::text[]`;
  if (c.by === 'pairsWithYear') return sql`visible_person_ids_by_pairs_year(${values})`;
  if (c.by === 'pairs') return sql`visible_person_ids_by_pairs(${values})`;
  return sql`visible_person_ids_by_keys(${values}, NULL)`;
}

/**
 * Candidates come from one of the GIN indexes (see migrations/0004); trigram similarity and the
 * share of keys in common then score them, with boosts for birth year, sex and nationality.
 * Visibility is part of the WHERE clause, so records the viewer may not see are never
 * candidates (and cost nothing).
 */
export async function searchPersons(
  trx: Tx,
  viewer: Viewer,
  candidates: Candidates,
  q: {
    keys: string[];
    text: string;
    birthYear?: number;
    sex?: string;
    nationality?: string;
    limit: number;
  },
): Promise<SearchRow[]> {
  const keys = sql`${q.keys}::text[]`;
  // Candidates first, from a GIN index (migrations/0011 says why through a function), then
  // scored and filtered.
  const { rows } = await sql<SearchRow>`
    WITH candidates AS MATERIALIZED (SELECT id FROM ${candidateIds(candidates)} AS id)
    SELECT p.id, p.names, p.sex, p.birth_year, p.nationalities,
      round((
        0.55 * similarity(p.name_text, ${q.text})
        + 0.45 * cardinality(ARRAY(SELECT unnest(p.name_keys) INTERSECT SELECT unnest(${keys})))::float8
               / greatest(cardinality(${keys}), 1)
        + CASE WHEN ${q.birthYear ?? null}::int IS NULL OR p.birth_year IS NULL THEN 0
               WHEN abs(p.birth_year - ${q.birthYear ?? null}::int) = 0 THEN 0.2
               WHEN abs(p.birth_year - ${q.birthYear ?? null}::int) <= 2 THEN 0.1
               ELSE -0.1 END
        + CASE WHEN ${q.sex ?? null}::text IS NULL THEN 0 WHEN p.sex = ${q.sex ?? null}::text THEN 0.05 ELSE -0.05 END
        + CASE WHEN ${q.nationality ?? null}::text IS NULL THEN 0
               WHEN ${q.nationality ?? null}::text = ANY(p.nationalities) THEN 0.05 ELSE 0 END
      )::numeric, 4)::float8 AS score
    FROM candidates c
    JOIN persons p ON p.operation_id = ${viewer.operationId} AND p.id = c.id
    WHERE p.merged_into IS NULL
      AND ${visibleTo(viewer)}
    ORDER BY score DESC, p.id
    LIMIT ${q.limit}`.execute(trx);
  return rows;
}

export async function insertPersons(trx: Tx, rows: Insertable<PersonsTable>[]): Promise<void> {
  if (rows.length) await tables(trx).insertInto('persons').values(rows).execute();
}

/**
 * SQL of imports and exports. Batches go through `unnest` of one array per column: one statement
 * and a handful of parameters per thousand rows. Arrays inside a row (name keys, nationalities,
 * languages) travel as space-separated text, which `string_to_array` splits (none of their
 * values holds a space). The person columns are the registry's (registry/repository.ts); the
 * batch insert belongs there once the registry offers one that takes a transaction.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';

/** Who is looking: the registry's visibility rule (registry/policy.ts canSeePerson). */
export interface Viewer {
  operationId: string;
  userId: string;
  agencyId: string | null;
  seesSensitive: boolean;
  /** Break-glass grants on the access list expire. */
  now: Date;
}

/** registry/repository.ts visibleTo, over `persons p` (kept identical; move both together). */
export function visibleTo(viewer: Viewer): RawBuilder<boolean> {
  return sql<boolean>`(
    p.sensitivity = 'normal'
    OR (p.sensitivity = 'sensitive' AND (${viewer.seesSensitive} OR p.registering_agency_id = ${viewer.agencyId}::uuid))
    OR EXISTS (SELECT 1 FROM person_access pa
               WHERE pa.operation_id = p.operation_id AND pa.person_id = p.id AND pa.user_id = ${viewer.userId}::uuid
                 AND (pa.expires_at IS NULL OR pa.expires_at > ${viewer.now}::timestamptz))
  )`;
}

/** Imports of one operation run one at a time (their external ids would collide). */
export async function lockImports(trx: Tx, operationId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'asylon-import:' + operationId}))`.execute(trx);
}

export interface ExistingPerson {
  external_id: string;
  id: string;
  sensitivity: string;
  merged: boolean;
  visible: boolean;
  household_id: string | null;
}

export async function personsByExternalId(
  trx: Tx,
  viewer: Viewer,
  externalIds: string[],
): Promise<ExistingPerson[]> {
  // Subqueries, not joins: within a long import the statistics do not know the rows it has
  // written, and a join planned on them can scan whole tables per batch.
  const { rows } = await sql<ExistingPerson>`
    SELECT p.external_id, p.id, p.sensitivity, p.merged_into IS NOT NULL AS merged,
           ${visibleTo(viewer)} AS visible,
           (SELECT m.household_id FROM household_members m
            WHERE m.operation_id = p.operation_id AND m.person_id = p.id AND m.left_on IS NULL
            LIMIT 1) AS household_id
    FROM persons p
    WHERE p.operation_id = ${viewer.operationId} AND p.external_id = ANY(${externalIds}::text[])`.execute(
    trx,
  );
  return rows;
}

export interface ExistingHousehold {
  external_id: string;
  id: string;
  members: number;
  visible_members: number;
  has_focal: boolean;
  focal_external_id: string | null;
}

export async function householdsByExternalId(
  trx: Tx,
  viewer: Viewer,
  externalIds: string[],
): Promise<ExistingHousehold[]> {
  const { rows } = await sql<ExistingHousehold>`
    SELECT h.external_id, h.id, x.members, x.visible_members, x.has_focal, x.focal_external_id
    FROM households h
    CROSS JOIN LATERAL (
      SELECT count(p.id)::int AS members,
             (count(p.id) FILTER (WHERE ${visibleTo(viewer)}))::int AS visible_members,
             coalesce(bool_or(m.relationship = 'focal_point'), false) AS has_focal,
             max(p.external_id) FILTER (WHERE m.relationship = 'focal_point' AND ${visibleTo(viewer)}) AS focal_external_id
      FROM household_members m
      JOIN persons p ON p.operation_id = m.operation_id AND p.id = m.person_id
      WHERE m.operation_id = h.operation_id AND m.household_id = h.id AND m.left_on IS NULL) x
    WHERE h.operation_id = ${viewer.operationId} AND h.external_id = ANY(${externalIds}::text[])`.execute(
    trx,
  );
  return rows;
}

/** One person's columns, as parallel arrays (index i is one person). */
export interface PersonColumns {
  id: string[];
  external_id: string[];
  names: string[];
  name_keys: string[];
  name_text: string[];
  name_parts: string[];
  sex: string[];
  birth_date: (string | null)[];
  birth_year: (number | null)[];
  birth_year_estimated: boolean[];
  nationalities: string[];
  languages: string[];
  specific_needs: string[];
  contact: (string | null)[];
  sensitivity: (string | null)[];
}

/** The person values as a relation `v`, one row per person. */
function personValues(c: PersonColumns) {
  return sql`(SELECT * FROM unnest(
      ${c.id}::uuid[], ${c.external_id}::text[], ${c.names}::jsonb[], ${c.name_keys}::text[],
      ${c.name_text}::text[], ${c.name_parts}::text[], ${c.sex}::text[], ${c.birth_date}::date[],
      ${c.birth_year}::int[], ${c.birth_year_estimated}::bool[], ${c.nationalities}::text[],
      ${c.languages}::text[], ${c.specific_needs}::jsonb[], ${c.contact}::jsonb[], ${c.sensitivity}::text[]
    ) AS t(id, external_id, names, name_keys, name_text, name_parts, sex, birth_date, birth_year,
           birth_year_estimated, nationalities, languages, specific_needs, contact, sensitivity))`;
}

export interface InsertMeta {
  operationId: string;
  agencyId: string | null;
  userId: string | null;
  now: Date;
  today: string;
  batchId: string;
}

/**
 * Inserts new persons; returns the external ids written. One that is missing collided with a
 * record the importer cannot see (row-level security hides it, the unique index does not).
 */
export async function insertPersons(trx: Tx, m: InsertMeta, c: PersonColumns): Promise<string[]> {
  const { rows } = await sql<{ external_id: string }>`
    INSERT INTO persons (operation_id, id, external_id, names, name_keys, name_text, name_parts, sex,
      birth_date, birth_year, birth_year_estimated, nationalities, languages, specific_needs,
      contact, sensitivity, registering_agency_id, registered_on, created_by, created_at,
      updated_at, import_batch_id)
    SELECT ${m.operationId}::uuid, v.id, v.external_id, v.names, string_to_array(v.name_keys, ' '),
      v.name_text, v.name_parts, v.sex, v.birth_date, v.birth_year, v.birth_year_estimated,
      string_to_array(v.nationalities, ' '), string_to_array(v.languages, ' '), v.specific_needs,
      v.contact, coalesce(v.sensitivity, 'normal'), ${m.agencyId}::uuid, ${m.today}::date,
      ${m.userId}::uuid, ${m.now}::timestamptz, ${m.now}::timestamptz, ${m.batchId}::uuid
    FROM ${personValues(c)} v
    ON CONFLICT (operation_id, external_id)
      WHERE external_id IS NOT NULL AND sensitivity <> 'restricted' DO NOTHING
    RETURNING external_id`.execute(trx);
  return rows.map((r) => r.external_id);
}

/** Groups of person columns an import can change, each with its new value over `p` and `v`. */
export type UpdateGroup =
  | 'names'
  | 'sex'
  | 'birth'
  | 'nationalities'
  | 'languages'
  | 'specificNeeds'
  | 'phone'
  | 'sensitivity';

const UPDATABLE: Record<UpdateGroup, readonly (readonly [string, string])[]> = {
  names: [
    ['names', 'v.names'],
    ['name_keys', "string_to_array(v.name_keys, ' ')"],
    ['name_text', 'v.name_text'],
    ['name_parts', 'v.name_parts'],
  ],
  sex: [['sex', 'v.sex']],
  birth: [
    ['birth_date', 'v.birth_date'],
    ['birth_year', 'v.birth_year'],
    ['birth_year_estimated', 'v.birth_year_estimated'],
  ],
  nationalities: [['nationalities', "string_to_array(v.nationalities, ' ')"]],
  languages: [['languages', "string_to_array(v.languages, ' ')"]],
  specificNeeds: [['specific_needs', 'v.specific_needs']],
  // A phone is added to the contact; a blank cell leaves the contact alone.
  phone: [
    [
      'contact',
      "CASE WHEN v.contact IS NULL THEN p.contact ELSE coalesce(p.contact, '{}'::jsonb) || v.contact END",
    ],
  ],
  // An import never lifts a restriction, and a blank cell keeps the sensitivity.
  sensitivity: [
    [
      'sensitivity',
      "CASE WHEN p.sensitivity = 'restricted' OR v.sensitivity IS NULL THEN p.sensitivity ELSE v.sensitivity END",
    ],
  ],
};

function changes(groups: readonly UpdateGroup[]) {
  const pairs = groups.flatMap((g) => UPDATABLE[g]);
  return {
    set: sql.raw(pairs.map(([col, value]) => `${col} = ${value}`).join(', ')),
    // The columns' own values are compared: a second run of the same file changes nothing.
    differs: sql.raw(
      pairs.length
        ? pairs.map(([col, value]) => `p.${col} IS DISTINCT FROM ${value}`).join(' OR ')
        : 'false',
    ),
  };
}

/** Updates existing persons where a mapped column differs; returns how many changed. */
export async function updatePersons(
  trx: Tx,
  m: InsertMeta,
  groups: readonly UpdateGroup[],
  c: PersonColumns,
): Promise<number> {
  if (!groups.length || !c.id.length) return 0;
  const { set, differs } = changes(groups);
  const { rows } = await sql<{ id: string }>`
    UPDATE persons p SET ${set}, updated_at = ${m.now}::timestamptz, version = p.version + 1,
      import_batch_id = ${m.batchId}::uuid
    FROM ${personValues(c)} v
    WHERE p.operation_id = ${m.operationId} AND p.id = ANY(${c.id}::uuid[]) AND p.id = v.id
      AND (${differs})
    RETURNING p.id`.execute(trx);
  return rows.length;
}

/** How many existing persons an update would change (the dry run's count). */
export async function countChanged(
  trx: Tx,
  operationId: string,
  groups: readonly UpdateGroup[],
  c: PersonColumns,
): Promise<number> {
  if (!groups.length || !c.id.length) return 0;
  const { differs } = changes(groups);
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM persons p JOIN ${personValues(c)} v ON p.id = v.id
    WHERE p.operation_id = ${operationId} AND p.id = ANY(${c.id}::uuid[]) AND (${differs})`.execute(
    trx,
  );
  return rows[0]?.n ?? 0;
}

export async function insertHouseholds(
  trx: Tx,
  m: InsertMeta,
  h: { id: string[]; external_id: string[] },
): Promise<void> {
  if (!h.id.length) return;
  await sql`
    INSERT INTO households (operation_id, id, external_id, created_by, created_at, updated_at)
    SELECT ${m.operationId}::uuid, v.id, v.external_id, ${m.userId}::uuid, ${m.now}::timestamptz, ${m.now}::timestamptz
    FROM unnest(${h.id}::uuid[], ${h.external_id}::text[]) AS v(id, external_id)`.execute(trx);
}

export async function insertMembers(
  trx: Tx,
  m: InsertMeta,
  r: { household_id: string[]; person_id: string[]; relationship: string[] },
): Promise<void> {
  if (!r.person_id.length) return;
  await sql`
    INSERT INTO household_members (operation_id, household_id, person_id, relationship, joined_on,
      recorded_at, recorded_by)
    SELECT ${m.operationId}::uuid, v.household_id, v.person_id, v.relationship, ${m.today}::date,
      ${m.now}::timestamptz, ${m.userId}::uuid
    FROM unnest(${r.household_id}::uuid[], ${r.person_id}::uuid[], ${r.relationship}::text[])
      AS v(household_id, person_id, relationship)`.execute(trx);
}

export interface StatusColumns {
  person_id: string[];
  status: string[];
  granted_by: string[];
  valid_from: string[];
  valid_to: (string | null)[];
}

function statusValues(s: StatusColumns) {
  return sql`(SELECT * FROM unnest(${s.person_id}::uuid[], ${s.status}::text[], ${s.granted_by}::text[],
      ${s.valid_from}::date[], ${s.valid_to}::date[]) AS t(person_id, status, granted_by, valid_from, valid_to))`;
}

/**
 * The statuses a person does not have yet (same code, grantor and dates): a LATERAL probe with
 * LIMIT runs once per row through the person's index. (NOT EXISTS becomes an anti-join, which
 * within a long import — its rows not yet in the statistics — can scan the whole table per batch.)
 */
const newStatuses = (operationId: string, s: StatusColumns) => sql`${statusValues(s)} v
    LEFT JOIN LATERAL (
      SELECT 1 AS found FROM legal_statuses s
      WHERE s.operation_id = ${operationId} AND s.person_id = v.person_id AND s.status = v.status
        AND s.granted_by = v.granted_by AND s.valid_from = v.valid_from
        AND s.valid_to IS NOT DISTINCT FROM v.valid_to
      LIMIT 1) had ON true
    WHERE had.found IS NULL`;

export async function insertStatuses(trx: Tx, m: InsertMeta, s: StatusColumns): Promise<number> {
  if (!s.person_id.length) return 0;
  const { rows } = await sql<{ id: string }>`
    INSERT INTO legal_statuses (operation_id, person_id, status, granted_by, valid_from, valid_to,
      recorded_at, recorded_by)
    SELECT ${m.operationId}::uuid, v.person_id, v.status, v.granted_by, v.valid_from, v.valid_to,
      ${m.now}::timestamptz, ${m.userId}::uuid
    FROM ${newStatuses(m.operationId, s)}
    RETURNING id`.execute(trx);
  return rows.length;
}

export async function countNewStatuses(
  trx: Tx,
  operationId: string,
  s: StatusColumns,
): Promise<number> {
  if (!s.person_id.length) return 0;
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${newStatuses(operationId, s)}`.execute(trx);
  return rows[0]?.n ?? 0;
}

export interface ImportBatchRow {
  operation_id: string;
  id: string;
  file_name: string;
  file_sha256: string;
  format: string;
  rows_total: number;
  persons_created: number;
  persons_updated: number;
  households_created: number;
  statuses_added: number;
  imported_by: string | null;
  imported_at: Date;
}

export async function insertImportBatch(trx: Tx, b: ImportBatchRow): Promise<void> {
  await trx
    .withTables<{ import_batches: ImportBatchRow }>()
    .insertInto('import_batches')
    .values(b)
    .execute();
}

export async function lastImportOf(
  trx: Tx,
  operationId: string,
  sha256: string,
): Promise<Date | null> {
  const row = await trx
    .withTables<{ import_batches: ImportBatchRow }>()
    .selectFrom('import_batches')
    .select((eb) => eb.fn.max('imported_at').as('at'))
    .where('operation_id', '=', operationId)
    .where('file_sha256', '=', sha256)
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}

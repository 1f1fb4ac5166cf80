import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { decodePartKeys } from '../registry/names.ts';
import type { DedupeRecord } from './scoring.ts';
import type { FoundPair } from './batch.ts';

// Duplicate detection reads the persons table directly: it is the registry's matching index,
// in the shape the scorer needs, and nothing here writes a person except merge and unmerge.

interface RecordRow {
  id: string;
  name_keys: string[];
  name_parts: string;
  sex: string;
  birth_date: string | null;
  birth_year: number | null;
  nationalities: string[];
}

const toRecord = (r: RecordRow): DedupeRecord => ({
  id: r.id,
  keys: r.name_keys,
  parts: decodePartKeys(r.name_parts),
  sex: r.sex,
  birthDate: r.birth_date,
  birthYear: r.birth_year,
  nationalities: r.nationalities,
});

const RECORD_COLUMNS = sql`p.id, p.name_keys, p.name_parts, p.sex, p.birth_date, p.birth_year, p.nationalities`;

/** Birth years present with their counts, in order (null last). Restricted records never take part. */
export async function birthYears(
  trx: Tx,
  operationId: string,
): Promise<{ year: number | null; count: number }[]> {
  const { rows } = await sql<{ year: number | null; count: number }>`
    SELECT birth_year AS year, count(*)::int AS count FROM persons
    WHERE operation_id = ${operationId} AND merged_into IS NULL AND sensitivity <> 'restricted'
    GROUP BY birth_year ORDER BY birth_year NULLS LAST`.execute(trx);
  return rows;
}

export async function recordsOfYear(
  trx: Tx,
  operationId: string,
  year: number | null,
): Promise<DedupeRecord[]> {
  const { rows } = await sql<RecordRow>`
    SELECT ${RECORD_COLUMNS} FROM persons p
    WHERE p.operation_id = ${operationId} AND p.merged_into IS NULL
      AND p.sensitivity <> 'restricted'
      AND ${year === null ? sql`p.birth_year IS NULL` : sql`p.birth_year = ${year}`}`.execute(trx);
  return rows.map(toRecord);
}

export interface CandidateRow extends RecordRow {
  sensitivity: string;
}

/** Possible matches of a person about to be registered: shared key, birth year ±1 or unknown. */
export async function candidatesFor(
  trx: Tx,
  operationId: string,
  keys: string[],
  birthYear: number | null,
): Promise<(DedupeRecord & { sensitivity: string })[]> {
  const { rows } = await sql<CandidateRow>`
    SELECT ${RECORD_COLUMNS}, p.sensitivity FROM persons p
    WHERE p.operation_id = ${operationId} AND p.merged_into IS NULL
      AND p.id IN (SELECT id FROM visible_person_ids_by_keys(${keys}::text[], ${birthYear}::int) AS id)
    LIMIT 500`.execute(trx);
  return rows.map((r) => ({ ...toRecord(r), sensitivity: r.sensitivity }));
}

/** Records found pairs; a pair already decided keeps its decision. */
export async function upsertPairs(
  trx: Tx,
  operationId: string,
  pairs: FoundPair[],
  jobId: string | null,
  now: Date,
): Promise<void> {
  for (let i = 0; i < pairs.length; i += 1000) {
    const chunk = pairs.slice(i, i + 1000);
    await sql`
      INSERT INTO duplicate_pairs (operation_id, person_a, person_b, score, reasons, job_id, found_at)
      SELECT ${operationId}::uuid, a, b, s, r, ${jobId}::uuid, ${now}::timestamptz
      FROM unnest(${chunk.map((p) => p.a)}::uuid[], ${chunk.map((p) => p.b)}::uuid[],
                  ${chunk.map((p) => p.score)}::real[], ${chunk.map((p) => JSON.stringify(p.reasons))}::jsonb[])
        AS t(a, b, s, r)
      ON CONFLICT (operation_id, person_a, person_b) DO UPDATE
        SET score = EXCLUDED.score, reasons = EXCLUDED.reasons, job_id = EXCLUDED.job_id,
            found_at = EXCLUDED.found_at
        WHERE duplicate_pairs.status = 'open'`.execute(trx);
  }
}

export interface PairRow {
  person_a: string;
  person_b: string;
  score: number;
  reasons: unknown;
  status: string;
  found_at: Date;
  decided_at: Date | null;
}

export async function listPairs(
  trx: Tx,
  operationId: string,
  q: { status: string; limit: number; offset: number },
): Promise<PairRow[]> {
  const { rows } = await sql<PairRow>`
    SELECT person_a, person_b, score, reasons, status, found_at, decided_at FROM duplicate_pairs
    WHERE operation_id = ${operationId} AND status = ${q.status}
    ORDER BY score DESC, person_a, person_b
    LIMIT ${q.limit} OFFSET ${q.offset}`.execute(trx);
  return rows;
}

export async function setPairStatus(
  trx: Tx,
  operationId: string,
  a: string,
  b: string,
  status: string,
  by: string | null,
  now: Date,
): Promise<boolean> {
  const [x, y] = a < b ? [a, b] : [b, a];
  const r = await sql`
    UPDATE duplicate_pairs SET status = ${status}, decided_by = ${by}::uuid, decided_at = ${now}::timestamptz
    WHERE operation_id = ${operationId} AND person_a = ${x} AND person_b = ${y}`.execute(trx);
  return Number(r.numAffectedRows ?? 0) > 0;
}

// ----- merges ------------------------------------------------------------------------------

/** Tables whose rows follow a person through a merge, each keyed by (operation_id, id). */
export const HISTORY_TABLES = [
  'legal_statuses',
  'residences',
  'identity_documents',
  'household_members',
] as const;
export type HistoryTable = (typeof HISTORY_TABLES)[number];

export async function lockPersons(trx: Tx, operationId: string, ids: string[]) {
  const { rows } = await sql<{ id: string; merged_into: string | null; sensitivity: string }>`
    SELECT id, merged_into, sensitivity FROM persons
    WHERE operation_id = ${operationId} AND id = ANY(${ids}::uuid[])
    ORDER BY id FOR UPDATE`.execute(trx);
  return rows;
}

export async function historyIds(
  trx: Tx,
  operationId: string,
  table: HistoryTable,
  personId: string,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM ${sql.table(table)} WHERE operation_id = ${operationId} AND person_id = ${personId}`.execute(
    trx,
  );
  return rows.map((r) => r.id);
}

export async function repoint(
  trx: Tx,
  operationId: string,
  table: HistoryTable,
  ids: string[],
  to: string,
): Promise<void> {
  if (ids.length)
    await sql`UPDATE ${sql.table(table)} SET person_id = ${to}
      WHERE operation_id = ${operationId} AND id = ANY(${ids}::uuid[])`.execute(trx);
}

export async function bothCurrentMembers(
  trx: Tx,
  operationId: string,
  a: string,
  b: string,
): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(DISTINCT person_id)::int AS n FROM household_members
    WHERE operation_id = ${operationId} AND person_id IN (${a}, ${b}) AND left_on IS NULL`.execute(
    trx,
  );
  return rows[0]!.n === 2;
}

/** Users named on `from` but not on `to`; they are named on `to` too (and removed on unmerge). */
export async function copyAccess(
  trx: Tx,
  operationId: string,
  from: string,
  to: string,
  now: Date,
  by: string | null,
): Promise<string[]> {
  const { rows } = await sql<{ user_id: string }>`
    INSERT INTO person_access (operation_id, person_id, user_id, granted_at, granted_by)
    SELECT operation_id, ${to}, user_id, ${now}::timestamptz, ${by}::uuid FROM person_access
    WHERE operation_id = ${operationId} AND person_id = ${from} AND expires_at IS NULL
    ON CONFLICT DO NOTHING
    RETURNING user_id`.execute(trx);
  return rows.map((r) => r.user_id);
}

export async function removeAccess(
  trx: Tx,
  operationId: string,
  personId: string,
  users: string[],
): Promise<void> {
  if (users.length)
    await sql`DELETE FROM person_access WHERE operation_id = ${operationId}
      AND person_id = ${personId} AND user_id = ANY(${users}::uuid[])`.execute(trx);
}

export async function setMerged(
  trx: Tx,
  operationId: string,
  id: string,
  into: string | null,
  now: Date,
): Promise<void> {
  await sql`UPDATE persons SET merged_into = ${into}::uuid, updated_at = ${now}::timestamptz, version = version + 1
    WHERE operation_id = ${operationId} AND id = ${id}`.execute(trx);
}

export async function setSensitivity(
  trx: Tx,
  operationId: string,
  id: string,
  sensitivity: string,
): Promise<void> {
  await sql`UPDATE persons SET sensitivity = ${sensitivity}, version = version + 1
    WHERE operation_id = ${operationId} AND id = ${id}`.execute(trx);
}

export interface MergeRow {
  id: string;
  survivor_id: string;
  absorbed_id: string;
  moved: Moved;
  merged_at: Date;
  reversed_at: Date | null;
}

export interface Moved {
  rows: Record<HistoryTable, string[]>;
  access: string[];
  survivorSensitivity: string;
}

export async function insertMerge(
  trx: Tx,
  row: {
    operationId: string;
    survivorId: string;
    absorbedId: string;
    moved: Moved;
    at: Date;
    by: string | null;
    reason: string | null;
  },
): Promise<MergeRow> {
  const { rows } = await sql<MergeRow>`
    INSERT INTO person_merges (operation_id, survivor_id, absorbed_id, moved, merged_at, merged_by, reason)
    VALUES (${row.operationId}, ${row.survivorId}, ${row.absorbedId}, ${JSON.stringify(row.moved)}::jsonb,
            ${row.at}::timestamptz, ${row.by}::uuid, ${row.reason})
    RETURNING id, survivor_id, absorbed_id, moved, merged_at, reversed_at`.execute(trx);
  return rows[0]!;
}

export async function findMerge(trx: Tx, operationId: string, id: string) {
  const { rows } = await sql<MergeRow>`
    SELECT id, survivor_id, absorbed_id, moved, merged_at, reversed_at FROM person_merges
    WHERE operation_id = ${operationId} AND id = ${id} FOR UPDATE`.execute(trx);
  return rows[0];
}

export async function markReversed(
  trx: Tx,
  operationId: string,
  id: string,
  now: Date,
  by: string | null,
): Promise<MergeRow> {
  const { rows } = await sql<MergeRow>`
    UPDATE person_merges SET reversed_at = ${now}::timestamptz, reversed_by = ${by}::uuid
    WHERE operation_id = ${operationId} AND id = ${id}
    RETURNING id, survivor_id, absorbed_id, moved, merged_at, reversed_at`.execute(trx);
  return rows[0]!;
}

import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import {
  incidentVisibleTo,
  mapForeignKey,
  tables,
  testimonyVisibleTo,
  type CitationsTable,
  type SourcesTable,
  type TestimoniesTable,
  type Viewer,
} from './tables.ts';

/** Sources, citations and testimonies. */

type Key = { operationId: string; id: string; version: number };

// Each update writes only if the stored version is `version`; false when it is not (412).

// ----- sources ----------------------------------------------------------------------------------

export async function insertSource(trx: Tx, row: Insertable<SourcesTable>) {
  await tables(trx).insertInto('sources').values(row).execute();
}

export function findSource(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('sources')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateSource(trx: Tx, key: Key, changes: Updateable<SourcesTable>) {
  const r = await tables(trx)
    .updateTable('sources')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', key.operationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function listSources(
  trx: Tx,
  operationId: string,
  f: { kind?: string; reliability?: string; q?: string },
  page: { limit: number; offset: number },
) {
  let q = tables(trx).selectFrom('sources').where('operation_id', '=', operationId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.reliability) q = q.where('reliability', '=', f.reliability);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(
      sql<boolean>`(lower(title) LIKE ${like} OR lower(coalesce(author, '')) LIKE ${like})`,
    );
  }
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total: Number(total.n), rows };
}

// ----- citations --------------------------------------------------------------------------------

export async function insertCitation(trx: Tx, row: Insertable<CitationsTable>) {
  await tables(trx)
    .insertInto('citations')
    .values(row)
    .execute()
    .catch(mapForeignKey('body.sourceId'));
}

const joinedSource = (trx: Tx) =>
  tables(trx)
    .selectFrom('citations as c')
    .innerJoin('sources as s', (j) =>
      j.onRef('s.operation_id', '=', 'c.operation_id').onRef('s.id', '=', 'c.source_id'),
    );
const withSource = (trx: Tx) =>
  joinedSource(trx).selectAll('c').select(['s.title as source_title', 's.reliability']);

export type CitationWithSource = Awaited<ReturnType<typeof citationsOf>>[number];

export function citationsOf(trx: Tx, operationId: string, incidentIds: readonly string[]) {
  if (!incidentIds.length) return Promise.resolve([]);
  return withSource(trx)
    .where('c.operation_id', '=', operationId)
    .where('c.incident_id', 'in', [...incidentIds])
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
}

export function findCitation(trx: Tx, operationId: string, incidentId: string, id: string) {
  return tables(trx)
    .selectFrom('citations')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('incident_id', '=', incidentId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateCitation(trx: Tx, key: Key, changes: Updateable<CitationsTable>) {
  const r = await tables(trx)
    .updateTable('citations')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', key.operationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function deleteCitation(trx: Tx, key: Key) {
  const r = await tables(trx)
    .deleteFrom('citations')
    .where('operation_id', '=', key.operationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Another citation of the same incident has this one's fingerprint. */
const duplicated = sql<boolean>`EXISTS (
  SELECT 1 FROM citations d
  WHERE d.operation_id = c.operation_id AND d.incident_id = c.incident_id
    AND d.fingerprint = c.fingerprint AND d.id <> c.id)`;
/** A citation is flagged: malformed by itself, or duplicated. */
const flagged = sql<boolean>`(cardinality(c.malformed) > 0 OR ${duplicated})`;

/** Flagged citations per incident, for incident lists. */
export async function flaggedCounts(trx: Tx, operationId: string, incidentIds: readonly string[]) {
  if (!incidentIds.length) return new Map<string, number>();
  const rows = await tables(trx)
    .selectFrom('citations as c')
    .select(['c.incident_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.operation_id', '=', operationId)
    .where('c.incident_id', 'in', [...incidentIds])
    .where(flagged)
    .groupBy('c.incident_id')
    .execute();
  return new Map(rows.map((r) => [r.incident_id, Number(r.n)]));
}

/** The flagged citations of the incidents the viewer may see, newest first. */
export async function listFlagged(
  trx: Tx,
  v: Viewer,
  f: { incidentId?: string; flag?: string },
  page: { limit: number; offset: number },
) {
  let q = joinedSource(trx)
    .innerJoin('incidents as i', (j) =>
      j.onRef('i.operation_id', '=', 'c.operation_id').onRef('i.id', '=', 'c.incident_id'),
    )
    .where('c.operation_id', '=', v.operationId)
    .where(incidentVisibleTo(v))
    .where(flagged);
  if (f.incidentId) q = q.where('c.incident_id', '=', f.incidentId);
  if (f.flag === 'duplicate') q = q.where(duplicated);
  else if (f.flag) q = q.where(sql<boolean>`${f.flag} = ANY (c.malformed)`);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('c')
    .select(['s.title as source_title', 's.reliability'])
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total: Number(total.n), rows };
}

// ----- testimonies ------------------------------------------------------------------------------

export async function insertTestimony(trx: Tx, row: Insertable<TestimoniesTable>) {
  await tables(trx)
    .insertInto('testimonies')
    .values(row)
    .execute()
    .catch(mapForeignKey('body.interviewerId'));
}

export function findTestimony(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('testimonies')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateTestimony(trx: Tx, key: Key, changes: Updateable<TestimoniesTable>) {
  const r = await tables(trx)
    .updateTable('testimonies')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', key.operationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst()
    .catch(mapForeignKey('body.interviewerId'));
  return r.numUpdatedRows > 0n;
}

export async function linksOf(trx: Tx, operationId: string, testimonyIds: readonly string[]) {
  if (!testimonyIds.length) return new Map<string, string[]>();
  const rows = await tables(trx)
    .selectFrom('testimony_incidents')
    .select(['testimony_id', 'incident_id'])
    .where('operation_id', '=', operationId)
    .where('testimony_id', 'in', [...testimonyIds])
    .orderBy('incident_id')
    .execute();
  const links = new Map<string, string[]>();
  for (const r of rows)
    links.set(r.testimony_id, [...(links.get(r.testimony_id) ?? []), r.incident_id]);
  return links;
}

export async function replaceLinks(
  trx: Tx,
  operationId: string,
  testimonyId: string,
  incidentIds: readonly string[],
) {
  await tables(trx)
    .deleteFrom('testimony_incidents')
    .where('operation_id', '=', operationId)
    .where('testimony_id', '=', testimonyId)
    .execute();
  if (incidentIds.length)
    await tables(trx)
      .insertInto('testimony_incidents')
      .values(
        incidentIds.map((incidentId) => ({
          operation_id: operationId,
          testimony_id: testimonyId,
          incident_id: incidentId,
        })),
      )
      .execute();
}

/** The testimonies the viewer may see, newest first, with the total before paging. */
export async function listTestimonies(
  trx: Tx,
  v: Viewer,
  f: { incidentId?: string; personId?: string },
  page: { limit: number; offset: number },
) {
  let q = tables(trx)
    .selectFrom('testimonies as t')
    .where('t.operation_id', '=', v.operationId)
    .where(testimonyVisibleTo(v));
  if (f.personId) q = q.where('t.person_id', '=', f.personId);
  if (f.incidentId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('testimony_incidents as ti')
          .select('ti.incident_id')
          .whereRef('ti.operation_id', '=', 't.operation_id')
          .whereRef('ti.testimony_id', '=', 't.id')
          .where('ti.incident_id', '=', f.incidentId!),
      ),
    );
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('t')
    .orderBy('t.taken_on', 'desc')
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total: Number(total.n), rows };
}

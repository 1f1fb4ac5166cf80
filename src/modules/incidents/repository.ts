import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import {
  incidentVisibleTo,
  mapForeignKey,
  tables,
  type IncidentsTable,
  type InvolvementsTable,
  type Viewer,
} from './tables.ts';

export type { IncidentRow, InvolvementRow, Viewer } from './tables.ts';

/** Incidents, the persons and groups involved, and the users named on them. */

export async function insertIncident(trx: Tx, row: Insertable<IncidentsTable>) {
  await tables(trx)
    .insertInto('incidents')
    .values(row)
    .execute()
    .catch(mapForeignKey('body.where.siteId'));
}

export function findIncident(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('incidents')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Writes the changes if the stored version is `version`; false when it is not (412). */
export async function updateIncident(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: Updateable<IncidentsTable>,
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('incidents')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst()
    .catch(mapForeignKey('body.where.siteId'));
  return r.numUpdatedRows > 0n;
}

export async function deleteIncident(trx: Tx, operationId: string, id: string, version: number) {
  const r = await tables(trx)
    .deleteFrom('incidents')
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export function involvementsOf(trx: Tx, operationId: string, incidentIds: readonly string[]) {
  if (!incidentIds.length) return Promise.resolve([]);
  return tables(trx)
    .selectFrom('incident_involvements')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('incident_id', 'in', [...incidentIds])
    .orderBy('incident_id')
    .orderBy('position')
    .execute();
}

/** Replaces the incident's involvements with `rows`. */
export async function replaceInvolvements(
  trx: Tx,
  operationId: string,
  incidentId: string,
  rows: Insertable<InvolvementsTable>[],
) {
  await tables(trx)
    .deleteFrom('incident_involvements')
    .where('operation_id', '=', operationId)
    .where('incident_id', '=', incidentId)
    .execute();
  if (rows.length) await tables(trx).insertInto('incident_involvements').values(rows).execute();
}

export async function isNamedOn(trx: Tx, operationId: string, incidentId: string, userId: string) {
  const row = await tables(trx)
    .selectFrom('incident_access')
    .select('user_id')
    .where('operation_id', '=', operationId)
    .where('incident_id', '=', incidentId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export function namedUsers(trx: Tx, operationId: string, incidentId: string) {
  return tables(trx)
    .selectFrom('incident_access')
    .select('user_id')
    .where('operation_id', '=', operationId)
    .where('incident_id', '=', incidentId)
    .execute()
    .then((rows) => rows.map((r) => r.user_id));
}

export async function grantAccess(
  trx: Tx,
  operationId: string,
  incidentId: string,
  userId: string,
  now: Date,
  grantedBy: string,
) {
  await tables(trx)
    .insertInto('incident_access')
    .values({
      operation_id: operationId,
      incident_id: incidentId,
      user_id: userId,
      granted_at: now,
      granted_by: grantedBy,
    })
    .onConflict((oc) => oc.columns(['operation_id', 'incident_id', 'user_id']).doNothing())
    .execute();
}

export interface IncidentFilter {
  siteId?: string;
  act?: string;
  from?: string;
  to?: string;
  sensitivity?: string;
  personId?: string;
  article?: string;
}

/** The incidents the viewer may see, newest first, with the total before paging. */
export async function listIncidents(
  trx: Tx,
  v: Viewer,
  f: IncidentFilter,
  page: { limit: number; offset: number },
) {
  let q = tables(trx)
    .selectFrom('incidents as i')
    .where('i.operation_id', '=', v.operationId)
    .where(incidentVisibleTo(v));
  if (f.siteId) q = q.where('i.site_id', '=', f.siteId);
  if (f.act) q = q.where(sql<boolean>`${f.act} = ANY (i.acts)`);
  if (f.article) q = q.where(sql<boolean>`${f.article} = ANY (i.articles)`);
  if (f.sensitivity) q = q.where('i.sensitivity', '=', f.sensitivity);
  if (f.to) q = q.where('i.occurred_from', '<=', f.to);
  if (f.from)
    q = q.where(sql<boolean>`coalesce(i.occurred_to, i.occurred_from) >= ${f.from}::date`);
  if (f.personId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('incident_involvements as iv')
          .select('iv.id')
          .whereRef('iv.operation_id', '=', 'i.operation_id')
          .whereRef('iv.incident_id', '=', 'i.id')
          .where('iv.person_id', '=', f.personId!),
      ),
    );
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll('i')
    .orderBy('i.occurred_from', 'desc')
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { total: Number(total.n), rows };
}

/** Of `ids`, the incidents the viewer may see (for links from testimonies). */
export async function visibleIncidentIds(trx: Tx, v: Viewer, ids: readonly string[]) {
  if (!ids.length) return new Set<string>();
  const rows = await tables(trx)
    .selectFrom('incidents as i')
    .select('i.id')
    .where('i.operation_id', '=', v.operationId)
    .where('i.id', 'in', [...ids])
    .where(incidentVisibleTo(v))
    .execute();
  return new Set(rows.map((r) => r.id));
}

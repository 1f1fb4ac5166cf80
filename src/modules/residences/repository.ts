import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

export interface ResidencesTable {
  operation_id: string;
  id: Generated<string>;
  person_id: string;
  site_id: string | null;
  place: string | null;
  in_territory: boolean;
  valid_from: string;
  valid_to: string | null;
  moved_by: string | null;
  reason: string | null;
  recorded_at: Date;
  recorded_by: string | null;
}

type Tables = { residences: ResidencesTable };
export type ResidenceRow = Selectable<ResidencesTable> & { site_name: string | null };

const tables = (trx: Tx) => trx.withTables<Tables>();

export function currentResidence(trx: Tx, operationId: string, personId: string) {
  return tables(trx)
    .selectFrom('residences')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('person_id', '=', personId)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
}

export async function closeResidence(trx: Tx, operationId: string, id: string, to: string) {
  await tables(trx)
    .updateTable('residences')
    .set({ valid_to: to })
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .execute();
}

export async function insertResidence(trx: Tx, row: Insertable<ResidencesTable>) {
  try {
    return await tables(trx)
      .insertInto('residences')
      .values(row)
      .returning('id')
      .executeTakeFirstOrThrow();
  } catch (e) {
    if (pgErrorCode(e) === FOREIGN_KEY_VIOLATION) throw fieldError('body.siteId', 'does not exist');
    throw e;
  }
}

export async function listResidences(
  trx: Tx,
  operationId: string,
  personId: string,
): Promise<ResidenceRow[]> {
  const { rows } = await sql<ResidenceRow>`
    SELECT r.*, s.name AS site_name FROM residences r
    LEFT JOIN sites s ON s.operation_id = r.operation_id AND s.id = r.site_id
    WHERE r.operation_id = ${operationId} AND r.person_id = ${personId}
    ORDER BY r.valid_from, r.recorded_at`.execute(trx);
  return rows;
}

/**
 * Current residents of a site (ids and since when); the service keeps the visible ones. A
 * restricted person's site is whereabouts: never listed, not even to the users named on them.
 */
export async function currentResidents(trx: Tx, operationId: string, siteId: string) {
  const { rows } = await sql<{ person_id: string; valid_from: string }>`
    SELECT r.person_id, r.valid_from FROM residences r
    JOIN persons p ON p.operation_id = r.operation_id AND p.id = r.person_id
    WHERE r.operation_id = ${operationId} AND r.site_id = ${siteId} AND r.valid_to IS NULL
      AND p.sensitivity <> 'restricted' AND p.merged_into IS NULL
    ORDER BY r.valid_from, r.person_id`.execute(trx);
  return rows;
}

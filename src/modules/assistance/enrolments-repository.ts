import { sql, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

export interface EnrolmentsTable {
  operation_id: string;
  id: string;
  person_id: string;
  programme_id: string;
  enrolled_on: string;
  ended_on: string | null;
  status: string;
  completed: boolean | null;
  certified: boolean | null;
  employed: boolean | null;
  business_started: boolean | null;
  monthly_income: string | null;
  income_currency: string | null;
  outcome_on: string | null;
  recorded_at: Date;
  recorded_by: string | null;
  updated_at: Date;
  version: Generated<number>;
}

type Tables = {
  enrolments: EnrolmentsTable;
  programmes: { operation_id: string; id: string; type: string };
};
export type EnrolmentRow = Selectable<EnrolmentsTable> & { programme_type: string };
const tables = (trx: Tx) => trx.withTables<Tables>();

function enrolmentWriteError(e: unknown): never {
  if (pgErrorCode(e) === UNIQUE_VIOLATION && pgConstraint(e) === 'enrolments_open')
    throw fieldError('body.programmeId', 'the person is already enrolled in it', 'conflict');
  throw e;
}

export async function insertEnrolment(trx: Tx, row: Insertable<EnrolmentsTable>) {
  try {
    await tables(trx).insertInto('enrolments').values(row).execute();
  } catch (e) {
    enrolmentWriteError(e);
  }
}

export async function updateEnrolment(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: Partial<Insertable<EnrolmentsTable>>,
): Promise<boolean> {
  try {
    const r = await tables(trx)
      .updateTable('enrolments')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('operation_id', '=', operationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  } catch (e) {
    enrolmentWriteError(e);
  }
}

function enrolmentsQuery(trx: Tx, operationId: string) {
  return tables(trx)
    .selectFrom('enrolments as e')
    .innerJoin('programmes as g', (j) =>
      j.onRef('g.operation_id', '=', 'e.operation_id').onRef('g.id', '=', 'e.programme_id'),
    )
    .selectAll('e')
    .select('g.type as programme_type')
    .where('e.operation_id', '=', operationId);
}

export function findEnrolment(trx: Tx, operationId: string, id: string) {
  return enrolmentsQuery(trx, operationId).where('e.id', '=', id).executeTakeFirst();
}

export function listEnrolments(trx: Tx, operationId: string, personId: string) {
  return enrolmentsQuery(trx, operationId)
    .where('e.person_id', '=', personId)
    .orderBy('e.enrolled_on', 'desc')
    .orderBy('e.recorded_at', 'desc')
    .execute();
}

export async function openEnrolments(trx: Tx, operationId: string, programmeId: string) {
  const r = await tables(trx)
    .selectFrom('enrolments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('operation_id', '=', operationId)
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'enrolled')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Serialises enrolments into one programme, so a capacity check cannot be raced. */
export async function lockProgramme(trx: Tx, operationId: string, id: string) {
  await sql`SELECT 1 FROM programmes WHERE operation_id = ${operationId} AND id = ${id} FOR UPDATE`.execute(
    trx,
  );
}

import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import {
  caseVisibleTo,
  tables,
  type CaseGoalsTable,
  type CaseNotesTable,
  type CaseTasksTable,
  type Viewer,
} from './tables.ts';

/** The plan (goals), tasks and notes of cases. */

// ----- goals and tasks ---------------------------------------------------------------------------

export async function insertGoal(trx: Tx, row: Insertable<CaseGoalsTable>) {
  await tables(trx).insertInto('case_goals').values(row).execute();
}

export function goalsOf(trx: Tx, operationId: string, caseId: string) {
  return tables(trx)
    .selectFrom('case_goals')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function updateGoal(
  trx: Tx,
  operationId: string,
  caseId: string,
  id: string,
  version: number,
  changes: Updateable<CaseGoalsTable>,
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('case_goals')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function insertTask(trx: Tx, row: Insertable<CaseTasksTable>) {
  await tables(trx).insertInto('case_tasks').values(row).execute();
}

export function tasksOf(trx: Tx, operationId: string, caseId: string) {
  return tables(trx)
    .selectFrom('case_tasks')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function updateTask(
  trx: Tx,
  operationId: string,
  caseId: string,
  id: string,
  version: number,
  changes: Updateable<CaseTasksTable>,
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('case_tasks')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * Open tasks for the viewer: assigned to them, or unassigned on a case assigned to them, on
 * cases they may work on and that are not closed; overdue first, then by due date.
 */
export function myTasks(trx: Tx, v: Viewer, today: string) {
  return tables(trx)
    .selectFrom('case_tasks as t')
    .innerJoin('cases as c', (j) =>
      j.onRef('c.operation_id', '=', 't.operation_id').onRef('c.id', '=', 't.case_id'),
    )
    .selectAll('t')
    .select('c.person_id')
    .where('t.operation_id', '=', v.operationId)
    .where('t.status', '=', 'open')
    .where('c.status', '<>', 'closed')
    .where((eb) =>
      eb.or([
        eb('t.assignee_id', '=', v.userId),
        eb.and([eb('t.assignee_id', 'is', null), eb('c.assigned_to', '=', v.userId)]),
      ]),
    )
    .where(caseVisibleTo(v, false))
    .orderBy(sql`(t.due_on IS NOT NULL AND t.due_on < ${today}::date)`, 'desc')
    .orderBy('t.due_on', (ob) => ob.asc().nullsLast())
    .orderBy('t.created_at')
    .execute();
}

// ----- notes -------------------------------------------------------------------------------------

export async function insertNote(trx: Tx, row: Insertable<CaseNotesTable>) {
  await tables(trx).insertInto('case_notes').values(row).execute();
}

export function notesOf(trx: Tx, operationId: string, caseId: string) {
  return tables(trx)
    .selectFrom('case_notes')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

import { sql, type Insertable, type Updateable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';
import {
  caseVisibleTo,
  mapForeignKey,
  tables,
  type CaseApprovalsTable,
  type CaseEventsTable,
  type CasesTable,
  type CaseTransfersTable,
  type TransferLogTable,
  type Viewer,
} from './tables.ts';

export type {
  ApprovalRow,
  CaseRow,
  EventRow,
  GoalRow,
  NoteRow,
  TaskRow,
  TransferRow,
  Viewer,
} from './tables.ts';

/** Workflow, cases, approvals, transfers, timeline and the staff lookups. */

// ----- workflow ----------------------------------------------------------------------------------

export function findWorkflow(trx: Tx, operationId: string) {
  return tables(trx)
    .selectFrom('case_workflows')
    .selectAll()
    .where('operation_id', '=', operationId)
    .executeTakeFirst();
}

/** Writes the workflow if the stored version is `version` (0: none stored yet). */
export async function saveWorkflow(
  trx: Tx,
  operationId: string,
  version: number,
  w: { transitions: unknown; planApprovalRequired: boolean },
  now: Date,
  by: string,
): Promise<boolean> {
  const values = {
    transitions: JSON.stringify(w.transitions),
    plan_approval_required: w.planApprovalRequired,
    updated_at: now,
    updated_by: by,
  };
  if (version === 0) {
    const r = await tables(trx)
      .insertInto('case_workflows')
      .values({ operation_id: operationId, ...values })
      .onConflict((oc) => oc.column('operation_id').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
  const r = await tables(trx)
    .updateTable('case_workflows')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

// ----- cases -------------------------------------------------------------------------------------

export async function insertCase(trx: Tx, row: Insertable<CasesTable>) {
  await tables(trx)
    .insertInto('cases')
    .values(row)
    .execute()
    .catch(mapForeignKey('body.householdId'));
}

export function findCase(trx: Tx, operationId: string, id: string) {
  return tables(trx)
    .selectFrom('cases')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Optimistic update: false when the version moved on. */
export async function updateCase(
  trx: Tx,
  operationId: string,
  id: string,
  version: number | null,
  changes: Updateable<CasesTable>,
): Promise<boolean> {
  let q = tables(trx)
    .updateTable('cases')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst().catch(mapForeignKey('body.toAgencyId'));
  return r.numUpdatedRows > 0n;
}

/**
 * Clears the offer after the caller declined it, through a narrow SECURITY DEFINER function:
 * the decliner no longer sees the case, so row-level security would refuse a plain UPDATE.
 */
export async function clearDeclinedOffer(
  trx: Tx,
  operationId: string,
  caseId: string,
  transferId: string,
  now: Date,
): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    SELECT case_offer_declined(${operationId}::uuid, ${caseId}::uuid, ${transferId}::uuid,
                               ${now}::timestamptz) AS ok`.execute(trx);
  return rows[0]?.ok === true;
}

/** A change to goals or actions: the plan a supervisor approved is no longer this one. */
export async function bumpPlan(trx: Tx, operationId: string, id: string, now: Date) {
  await tables(trx)
    .updateTable('cases')
    .set((eb) => ({
      plan_version: eb('plan_version', '+', 1),
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .execute();
}

export function listCases(
  trx: Tx,
  v: Viewer,
  f: {
    status?: string;
    personId?: string;
    mine?: boolean;
    incoming?: boolean;
    pendingApproval?: boolean;
  },
) {
  let q = tables(trx)
    .selectFrom('cases as c')
    .selectAll('c')
    .where('c.operation_id', '=', v.operationId)
    .where(caseVisibleTo(v, true));
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.personId) q = q.where('c.person_id', '=', f.personId);
  if (f.mine) q = q.where('c.assigned_to', '=', v.userId);
  if (f.incoming) q = q.where('c.pending_to_agency_id', '=', v.agencyId);
  if (f.pendingApproval)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_approvals as a')
          .select('a.id')
          .whereRef('a.operation_id', '=', 'c.operation_id')
          .whereRef('a.case_id', '=', 'c.id')
          .where('a.status', '=', 'pending'),
      ),
    );
  return q.orderBy('c.opened_at', 'desc').orderBy('c.id').execute();
}

// ----- approvals ---------------------------------------------------------------------------------

export async function insertApproval(trx: Tx, row: Insertable<CaseApprovalsTable>) {
  await tables(trx)
    .insertInto('case_approvals')
    .values(row)
    .execute()
    .catch((e: unknown) => {
      if (pgErrorCode(e) === UNIQUE_VIOLATION)
        throw fieldError('body.kind', 'a request of this kind is already pending', 'conflict');
      throw e;
    });
}

export function approvalsOf(trx: Tx, operationId: string, caseId: string) {
  return tables(trx)
    .selectFrom('case_approvals')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
}

export async function updateApproval(
  trx: Tx,
  operationId: string,
  caseId: string,
  id: string,
  version: number,
  changes: Updateable<CaseApprovalsTable>,
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('case_approvals')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

// ----- transfers between agencies ----------------------------------------------------------------

export async function insertCaseTransfer(trx: Tx, row: Insertable<CaseTransfersTable>) {
  await tables(trx)
    .insertInto('case_transfers')
    .values(row)
    .execute()
    .catch((e: unknown) => {
      if (pgErrorCode(e) === UNIQUE_VIOLATION)
        throw fieldError(
          'body.toAgencyId',
          'a transfer of this case is already pending',
          'conflict',
        );
      return mapForeignKey('body.toAgencyId')(e);
    });
}

export function transfersOf(trx: Tx, operationId: string, caseId: string) {
  return tables(trx)
    .selectFrom('case_transfers')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .orderBy('requested_at')
    .orderBy('id')
    .execute();
}

export async function updateCaseTransfer(
  trx: Tx,
  operationId: string,
  caseId: string,
  id: string,
  version: number,
  changes: Updateable<CaseTransfersTable>,
): Promise<boolean> {
  const r = await tables(trx)
    .updateTable('case_transfers')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** One row of the transfer log (kind 'referral', 'case_transfer', ...). */
export async function insertTransferRecord(trx: Tx, row: TransferLogTable) {
  await tables(trx).insertInto('transfers').values(row).execute();
}

// ----- timeline ----------------------------------------------------------------------------------

export async function insertEvent(trx: Tx, row: Insertable<CaseEventsTable>) {
  await tables(trx).insertInto('case_events').values(row).execute();
}

export function eventsOf(trx: Tx, operationId: string, caseId: string) {
  return tables(trx)
    .selectFrom('case_events')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
}

// ----- staff -------------------------------------------------------------------------------------

export interface StaffRow {
  id: string;
  roles: string[];
  agency_id: string | null;
  status: string;
}

/** Roles, agency and status of a user of the operation (to check an assignee or a receiver). */
export async function staffOf(trx: Tx, operationId: string, userId: string) {
  const { rows } = await sql<StaffRow>`
    SELECT id, roles, agency_id, status FROM users
    WHERE operation_id = ${operationId} AND id = ${userId}`.execute(trx);
  return rows[0];
}

/** Active users who might take a case of this agency: its own staff and the supervisors. */
export async function caseStaffCandidates(
  trx: Tx,
  operationId: string,
  agencyId: string | null,
): Promise<{ id: string; display_name: string }[]> {
  const { rows } = await sql<{ id: string; display_name: string }>`
    SELECT id, display_name FROM users
    WHERE operation_id = ${operationId} AND status = 'active'
      AND (agency_id = ${agencyId} OR 'protection_officer' = ANY (roles))
    ORDER BY display_name, id`.execute(trx);
  return rows;
}

/** Active users of an agency holding a role (whom to notify; ids only). */
export async function agencyUsersWithRole(
  trx: Tx,
  operationId: string,
  agencyId: string,
  role: string,
): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM users
    WHERE operation_id = ${operationId} AND agency_id = ${agencyId} AND status = 'active'
      AND ${role} = ANY (roles)`.execute(trx);
  return rows.map((r) => r.id);
}

/** Table types of the cases module, and the SQL pieces its repositories share. */
import { sql, type Generated, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

export interface CaseWorkflowsTable {
  operation_id: string;
  transitions: unknown;
  plan_approval_required: boolean;
  updated_at: Date;
  updated_by: string | null;
  version: Generated<number>;
}

export interface CasesTable {
  operation_id: string;
  id: string;
  person_id: string;
  household_id: string | null;
  agency_id: string | null;
  assigned_to: string | null;
  status: string;
  category: string;
  priority: string;
  plan_version: Generated<number>;
  pending_to_agency_id: string | null;
  pending_to_user_id: string | null;
  opened_by: string;
  opened_at: Date;
  closed_at: Date | null;
  updated_at: Date;
  version: Generated<number>;
}

export interface CaseGoalsTable {
  operation_id: string;
  id: string;
  case_id: string;
  description_sealed: Buffer;
  status: string;
  target_on: string | null;
  created_by: string;
  created_at: Date;
  version: Generated<number>;
}

export interface CaseTasksTable {
  operation_id: string;
  id: string;
  case_id: string;
  kind: string;
  goal_id: string | null;
  title_sealed: Buffer;
  assignee_id: string | null;
  due_on: string | null;
  status: string;
  done_on: string | null;
  created_by: string;
  created_at: Date;
  version: Generated<number>;
}

export interface CaseNotesTable {
  operation_id: string;
  id: string;
  case_id: string;
  body_sealed: Buffer;
  author_id: string;
  created_at: Date;
}

export interface CaseApprovalsTable {
  operation_id: string;
  id: string;
  case_id: string;
  kind: string;
  status: string;
  plan_version: number | null;
  closure_reason: string | null;
  note_sealed: Buffer | null;
  approver_id: string | null;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note_sealed: Buffer | null;
  version: Generated<number>;
}

export interface CaseTransfersTable {
  operation_id: string;
  id: string;
  case_id: string;
  from_agency_id: string | null;
  to_agency_id: string;
  to_user_id: string | null;
  status: string;
  reason_sealed: Buffer;
  consent: unknown;
  override_reason_sealed: Buffer | null;
  transfer_record_id: string;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note_sealed: Buffer | null;
  version: Generated<number>;
}

export interface CaseEventsTable {
  operation_id: string;
  id: Generated<string>;
  case_id: string;
  seq: Generated<number>;
  at: Date;
  actor_id: string | null;
  kind: string;
  details: unknown;
}

/** The transfer log of migrations/0003 (SECURITY.md rule 5). */
export interface TransferLogTable {
  operation_id: string;
  id: string;
  kind: string;
  recipient: string;
  purpose: string;
  legal_basis: string | null;
  fields: string[];
  record_count: number;
  format: string | null;
  created_by: string | null;
  created_at: Date;
}

type Tables = {
  case_workflows: CaseWorkflowsTable;
  cases: CasesTable;
  case_goals: CaseGoalsTable;
  case_tasks: CaseTasksTable;
  case_notes: CaseNotesTable;
  case_approvals: CaseApprovalsTable;
  case_transfers: CaseTransfersTable;
  case_events: CaseEventsTable;
  transfers: TransferLogTable;
};
export type CaseRow = Selectable<CasesTable>;
export type GoalRow = Selectable<CaseGoalsTable>;
export type TaskRow = Selectable<CaseTasksTable>;
export type NoteRow = Selectable<CaseNotesTable>;
export type ApprovalRow = Selectable<CaseApprovalsTable>;
export type TransferRow = Selectable<CaseTransfersTable>;
export type EventRow = Selectable<CaseEventsTable>;
export const tables = (trx: Tx) => trx.withTables<Tables>();

/** Who is looking, for the case rule of policy.ts written as SQL (lists). */
export interface Viewer {
  operationId: string;
  userId: string;
  agencyId: string | null;
  supervisor: boolean;
}

/** policy.relationOf as SQL over `cases c`; `incoming` adds the receiving side of an offer. */
export function caseVisibleTo(v: Viewer, incoming: boolean) {
  const offered = incoming
    ? sql`OR (c.pending_to_agency_id = ${v.agencyId}::uuid
              AND (c.pending_to_user_id IS NULL OR c.pending_to_user_id = ${v.userId}::uuid))`
    : sql``;
  return sql<boolean>`(${v.supervisor} OR c.assigned_to = ${v.userId}::uuid
    OR (${v.agencyId}::uuid IS NOT NULL AND (c.agency_id = ${v.agencyId}::uuid ${offered})))`;
}

export function mapForeignKey(field: string) {
  return (e: unknown): never => {
    if (pgErrorCode(e) === FOREIGN_KEY_VIOLATION) throw fieldError(field, 'does not exist');
    throw e;
  };
}

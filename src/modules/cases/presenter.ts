import { openSecret, sealSecret } from '../../platform/crypto/secret-box.ts';
import type { Platform } from '../../platform/platform.ts';
import type { Relation } from './policy.ts';
import type * as repo from './repository.ts';
import type {
  ApprovalView,
  CaseView,
  Consent,
  GoalView,
  TaskView,
  TransferView,
} from './schema.ts';

/**
 * Free text about a case is sealed at rest; the associated data names table, column and row,
 * so a box cannot be moved to another row or column.
 */
export function seal(platform: Platform, text: string, column: string, id: string): Buffer {
  return sealSecret(platform.keys.masterKey, text, `${column}:${id}`);
}

export function unseal(
  platform: Platform,
  box: Buffer | null,
  column: string,
  id: string,
): string | null {
  return box ? openSecret(platform.keys.masterKey, box, `${column}:${id}`).toString('utf8') : null;
}

/** The application's date (UTC): a task due before it and still open is overdue. */
export const todayOf = (now: Date): string => now.toISOString().slice(0, 10);

export function presentCase(r: repo.CaseRow, relation: Relation): CaseView {
  return {
    id: r.id,
    personId: r.person_id,
    householdId: r.household_id,
    agencyId: r.agency_id,
    assigneeId: r.assigned_to,
    status: r.status as CaseView['status'],
    category: r.category as CaseView['category'],
    priority: r.priority as CaseView['priority'],
    planVersion: r.plan_version,
    pendingTransfer: r.pending_to_agency_id
      ? { toAgencyId: r.pending_to_agency_id, toUserId: r.pending_to_user_id }
      : null,
    relation,
    openedBy: r.opened_by,
    openedAt: r.opened_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    version: r.version,
  };
}

export function presentGoal(platform: Platform, g: repo.GoalRow): GoalView {
  return {
    id: g.id,
    description: unseal(platform, g.description_sealed, 'case_goals.description', g.id)!,
    status: g.status as GoalView['status'],
    targetOn: g.target_on,
    createdAt: g.created_at.toISOString(),
    version: g.version,
  };
}

export function presentTask(platform: Platform, t: repo.TaskRow, today: string): TaskView {
  return {
    id: t.id,
    caseId: t.case_id,
    kind: t.kind as TaskView['kind'],
    goalId: t.goal_id,
    title: unseal(platform, t.title_sealed, 'case_tasks.title', t.id)!,
    assigneeId: t.assignee_id,
    dueOn: t.due_on,
    status: t.status as TaskView['status'],
    doneOn: t.done_on,
    overdue: t.status === 'open' && t.due_on !== null && t.due_on < today,
    version: t.version,
  };
}

export function presentNote(platform: Platform, n: repo.NoteRow) {
  return {
    id: n.id,
    body: unseal(platform, n.body_sealed, 'case_notes.body', n.id)!,
    authorId: n.author_id,
    createdAt: n.created_at.toISOString(),
  };
}

export function presentApproval(platform: Platform, a: repo.ApprovalRow): ApprovalView {
  return {
    id: a.id,
    kind: a.kind as ApprovalView['kind'],
    status: a.status as ApprovalView['status'],
    planVersion: a.plan_version,
    closureReason: a.closure_reason as ApprovalView['closureReason'],
    note: unseal(platform, a.note_sealed, 'case_approvals.note', a.id),
    approverId: a.approver_id,
    requestedBy: a.requested_by,
    requestedAt: a.requested_at.toISOString(),
    decidedBy: a.decided_by,
    decidedAt: a.decided_at?.toISOString() ?? null,
    decisionNote: unseal(platform, a.decision_note_sealed, 'case_approvals.decision_note', a.id),
    version: a.version,
  };
}

export function presentTransfer(platform: Platform, t: repo.TransferRow): TransferView {
  return {
    id: t.id,
    fromAgencyId: t.from_agency_id,
    toAgencyId: t.to_agency_id,
    toUserId: t.to_user_id,
    status: t.status as TransferView['status'],
    reason: unseal(platform, t.reason_sealed, 'case_transfers.reason', t.id)!,
    consent: (t.consent as Consent | null) ?? null,
    overrideReason: unseal(platform, t.override_reason_sealed, 'case_transfers.override', t.id),
    requestedBy: t.requested_by,
    requestedAt: t.requested_at.toISOString(),
    decidedBy: t.decided_by,
    decidedAt: t.decided_at?.toISOString() ?? null,
    decisionNote: unseal(platform, t.decision_note_sealed, 'case_transfers.decision_note', t.id),
    version: t.version,
  };
}

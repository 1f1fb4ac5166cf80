import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor } from '../../platform/unit-of-work.ts';
import { notify } from '../notifications/service.ts';
import { canSeeCase } from './policy.ts';
import { presentApproval, seal } from './presenter.ts';
import * as planRepo from './plan-repository.ts';
import * as repo from './repository.ts';
import type { ApprovalDecision, ApprovalInput } from './schema.ts';
import {
  caseEvent,
  factsOf,
  loadCase,
  refuseIfClosed,
  staffActor,
  userSeesPerson,
} from './service.ts';

/**
 * Asks a supervisor to approve the plan (as it is now: its plan_version) or the closing of the
 * case. One pending request of each kind at a time.
 */
export function requestApproval(
  platform: Platform,
  ctx: RequestContext,
  caseId: string,
  input: ApprovalInput,
) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { row } = await loadCase(trx, ctx, caseId, 'work');
    refuseIfClosed(row);
    if (input.kind === 'plan' && !(await planRepo.goalsOf(trx, op, caseId)).length)
      throw fieldError('body.kind', 'the plan has no goals yet', 'conflict');
    if (input.approverId) {
      const approver = await staffActor(trx, ctx, input.approverId);
      const fits =
        approver !== null &&
        can(approver, 'cases.approve') &&
        canSeeCase(approver, factsOf(row)) &&
        (await userSeesPerson(trx, ctx, approver, row.person_id));
      if (!fits) throw fieldError('body.approverId', 'is not a supervisor who can see this case');
    }
    const approval: repo.ApprovalRow = {
      operation_id: op,
      id,
      case_id: caseId,
      kind: input.kind,
      status: 'pending',
      plan_version: input.kind === 'plan' ? row.plan_version : null,
      closure_reason: input.closureReason ?? null,
      note_sealed: input.note ? seal(platform, input.note, 'case_approvals.note', id) : null,
      approver_id: input.approverId ?? null,
      requested_by: ctx.actor.userId,
      requested_at: ctx.now,
      decided_by: null,
      decided_at: null,
      decision_note_sealed: null,
      version: 1,
    };
    await repo.insertApproval(trx, approval);
    await caseEvent(platform, trx, ctx, caseId, 'case.approval_requested', {
      approval: id,
      kind: input.kind,
      closureReason: input.closureReason ?? null,
    });
    if (input.approverId && input.approverId !== ctx.actor.userId)
      await notify(trx, ctx, [input.approverId], {
        kind: 'case_approval_requested',
        entityType: 'case',
        entityId: caseId,
      });
    return presentApproval(platform, approval);
  });
}

/** A supervisor's decision. Nobody decides their own request (four eyes). */
export function decideApproval(
  platform: Platform,
  ctx: RequestContext,
  caseId: string,
  approvalId: string,
  version: number,
  input: ApprovalDecision,
) {
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { row } = await loadCase(trx, ctx, caseId, 'work');
    const approval = (await repo.approvalsOf(trx, op, caseId)).find((a) => a.id === approvalId);
    if (!approval) throw notFound();
    if (approval.requested_by === ctx.actor.userId)
      throw new AppError('forbidden', {
        detail: 'A request cannot be decided by the person who made it.',
      });
    if (approval.status !== 'pending')
      throw fieldError('body.decision', `this request is already ${approval.status}`, 'conflict');
    if (
      input.decision === 'approved' &&
      approval.kind === 'plan' &&
      approval.plan_version !== row.plan_version
    )
      throw fieldError(
        'body.decision',
        'the plan changed after this request; reject it so that the current plan is submitted',
        'conflict',
      );
    const changes = {
      status: input.decision,
      decided_by: ctx.actor.userId,
      decided_at: ctx.now,
      decision_note_sealed: input.note
        ? seal(platform, input.note, 'case_approvals.decision_note', approvalId)
        : null,
    };
    if (!(await repo.updateApproval(trx, op, caseId, approvalId, version, changes)))
      throw new AppError('precondition_failed');
    await caseEvent(platform, trx, ctx, caseId, 'case.approval_decided', {
      approval: approvalId,
      kind: approval.kind,
      decision: input.decision,
    });
    await notify(trx, ctx, [approval.requested_by], {
      kind: 'case_approval_decided',
      entityType: 'case',
      entityId: caseId,
    });
    return presentApproval(platform, { ...approval, ...changes, version: approval.version + 1 });
  });
}

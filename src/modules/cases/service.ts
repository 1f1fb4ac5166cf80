import crypto from 'node:crypto';
import type { Actor, RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import { abilitiesOf, isRole } from '../../platform/access/roles.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { getHousehold } from '../households/service.ts';
import { notify } from '../notifications/service.ts';
import { loadVisible, visiblePersons } from '../registry/service.ts';
import {
  canReceiveTransfer,
  canWorkOnCase,
  isSupervisor,
  relationOf,
  type CaseFacts,
  type Relation,
} from './policy.ts';
import {
  presentApproval,
  presentCase,
  presentGoal,
  presentTask,
  presentTransfer,
  todayOf,
} from './presenter.ts';
import * as planRepo from './plan-repository.ts';
import * as repo from './repository.ts';
import type { CaseCreate, CaseDetail, CaseListQuery, CasePatch } from './schema.ts';
import { refusedMove, type CaseState } from './workflow.ts';
import { loadWorkflow } from './workflow-service.ts';

export const factsOf = (r: repo.CaseRow): CaseFacts => ({
  operationId: r.operation_id,
  agencyId: r.agency_id,
  assignedTo: r.assigned_to,
  pendingToAgencyId: r.pending_to_agency_id,
  pendingToUserId: r.pending_to_user_id,
});

export const viewerOf = (actor: Actor): repo.Viewer => ({
  operationId: actor.operationId,
  userId: actor.userId,
  agencyId: actor.agencyId,
  supervisor: isSupervisor(actor),
});

/**
 * The case, if the actor may see it and its person; otherwise 404 exactly as for an id that
 * does not exist. `need`: 'see' (read the case and its plan), 'work' (anything else: not while
 * it is only offered to the actor's agency, 403 then), 'receive' (decide an offered transfer).
 * Other modules (referrals) call it inside their own transaction.
 */
export async function loadCase(
  trx: Tx,
  ctx: RequestContext,
  id: string,
  need: 'see' | 'work' | 'receive' = 'see',
): Promise<{ row: repo.CaseRow; relation: Relation }> {
  const row = await repo.findCase(trx, ctx.actor.operationId, id);
  const relation = row ? relationOf(ctx.actor, factsOf(row)) : null;
  if (!row || !relation) throw notFound();
  await loadVisible(trx, ctx, row.person_id);
  if (need === 'work' && !canWorkOnCase(ctx.actor, factsOf(row))) throw new AppError('forbidden');
  if (need === 'receive' && !canReceiveTransfer(ctx.actor, factsOf(row)))
    throw new AppError('forbidden');
  return { row, relation };
}

export function refuseIfClosed(row: repo.CaseRow): void {
  if (row.status === 'closed')
    throw new AppError('conflict', { detail: 'The case is closed; reopen it first.' });
}

/** One step of the case's timeline, and its audit event, in the caller's transaction. */
export async function caseEvent(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  caseId: string,
  kind: string,
  details: Record<string, string | number | boolean | null | string[]> = {},
  audit: { entityType: string; entityId: string } = { entityType: 'case', entityId: caseId },
): Promise<void> {
  await repo.insertEvent(trx, {
    operation_id: ctx.actor.operationId,
    case_id: caseId,
    at: ctx.now,
    actor_id: ctx.actor.userId,
    kind,
    details: JSON.stringify(details),
  });
  await recordEvent(platform, trx, ctx, {
    action: kind,
    ...audit,
    details: audit.entityType === 'case' ? details : { ...details, case: caseId },
  });
}

/** One row of the transfer log (SECURITY.md rule 5): who receives which field categories, why. */
export async function recordTransfer(
  trx: Tx,
  ctx: RequestContext,
  t: {
    id: string;
    kind: 'case_transfer' | 'referral';
    recipient: string;
    purpose: string;
    legalBasis: 'consent' | 'override';
    fields: string[];
  },
): Promise<void> {
  await repo.insertTransferRecord(trx, {
    operation_id: ctx.actor.operationId,
    id: t.id,
    kind: t.kind,
    recipient: t.recipient,
    purpose: t.purpose,
    legal_basis: t.legalBasis,
    fields: t.fields,
    record_count: 1,
    format: null,
    created_by: ctx.actor.userId,
    created_at: ctx.now,
  });
}

/** Another user of the operation, as the policies would see them (null: none, or disabled). */
export async function staffActor(trx: Tx, ctx: RequestContext, userId: string) {
  const s = await repo.staffOf(trx, ctx.actor.operationId, userId);
  if (!s || s.status !== 'active') return null;
  const roles = s.roles.filter(isRole);
  const actor: Actor = {
    userId: s.id,
    operationId: ctx.actor.operationId,
    agencyId: s.agency_id,
    roles,
    abilities: abilitiesOf(roles),
    via: 'session',
  };
  return actor;
}

/** Does this (other) user see the person? The registry's rule, applied to them. */
export async function userSeesPerson(
  trx: Tx,
  ctx: RequestContext,
  user: Actor,
  personId: string,
): Promise<boolean> {
  if (!can(user, 'persons.read')) return false;
  return (await visiblePersons(trx, { ...ctx, actor: user }, [personId])).has(personId);
}

/**
 * Someone a case or a task may be given to: an active user who may work on cases, who would
 * see this case under its policy (given `facts`), and who sees its person.
 */
export async function requireWorker(
  trx: Tx,
  ctx: RequestContext,
  facts: CaseFacts,
  personId: string,
  userId: string,
  field: string,
): Promise<Actor> {
  const user = await staffActor(trx, ctx, userId);
  if (!user || !can(user, 'cases.manage'))
    throw fieldError(field, 'is not an active caseworker or supervisor of this operation');
  if (!canWorkOnCase(user, facts))
    throw fieldError(field, "must be a supervisor or a caseworker of the case's agency");
  if (!(await userSeesPerson(trx, ctx, user, personId)))
    throw fieldError(field, "cannot see this person's record; name them on it first");
  return user;
}

// ----- cases -------------------------------------------------------------------------------------

/** The case with its plan, tasks, approvals and transfers, inside the caller's transaction. */
export async function detailOf(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  row: repo.CaseRow,
  relation: Relation,
): Promise<CaseDetail> {
  const op = ctx.actor.operationId;
  const today = todayOf(ctx.now);
  const [goals, tasks, approvals, transfers] = [
    await planRepo.goalsOf(trx, op, row.id),
    await planRepo.tasksOf(trx, op, row.id),
    await repo.approvalsOf(trx, op, row.id),
    await repo.transfersOf(trx, op, row.id),
  ];
  return {
    ...presentCase(row, relation),
    goals: goals.map((g) => presentGoal(platform, g)),
    tasks: tasks.map((t) => presentTask(platform, t, today)),
    approvals: approvals.map((a) => presentApproval(platform, a)),
    transfers: transfers.map((t) => presentTransfer(platform, t)),
  };
}

async function reload(platform: Platform, trx: Tx, ctx: RequestContext, id: string) {
  const { row, relation } = await loadCase(trx, ctx, id);
  return detailOf(platform, trx, ctx, row, relation);
}

/** A person the actor cannot see is reported exactly like one that does not exist. */
async function requirePerson(trx: Tx, ctx: RequestContext, personId: string) {
  try {
    return (await loadVisible(trx, ctx, personId)).row;
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found')
      throw fieldError('body.personId', 'does not exist');
    throw e;
  }
}

export async function createCase(platform: Platform, ctx: RequestContext, input: CaseCreate) {
  if (input.householdId) {
    // Read before our transaction (it opens its own): only members the actor may see are listed.
    const household = await getHousehold(platform, ctx, input.householdId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'not_found')
        throw fieldError('body.householdId', 'does not exist');
      throw e;
    });
    if (!household.members.some((m) => m.personId === input.personId && m.leftOn === null))
      throw fieldError('body.personId', 'is not a current member of the household');
  }
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    await requirePerson(trx, ctx, input.personId);
    const assignee = input.assigneeId ?? ctx.actor.userId;
    const row: repo.CaseRow = {
      operation_id: ctx.actor.operationId,
      id,
      person_id: input.personId,
      household_id: input.householdId ?? null,
      agency_id: ctx.actor.agencyId,
      assigned_to: assignee,
      status: 'open',
      category: input.category,
      priority: input.priority,
      plan_version: 0,
      pending_to_agency_id: null,
      pending_to_user_id: null,
      opened_by: ctx.actor.userId,
      opened_at: ctx.now,
      closed_at: null,
      updated_at: ctx.now,
      version: 1,
    };
    if (assignee !== ctx.actor.userId) {
      const facts = { ...factsOf(row), assignedTo: null };
      await requireWorker(trx, ctx, facts, row.person_id, assignee, 'body.assigneeId');
      if (!relationOf(ctx.actor, factsOf(row)))
        throw fieldError('body.assigneeId', 'you would not see the case you open; keep it');
    }
    await repo.insertCase(trx, row);
    await caseEvent(platform, trx, ctx, id, 'case.opened', {
      person: row.person_id,
      household: row.household_id,
      category: row.category,
      assignee,
    });
    if (assignee !== ctx.actor.userId)
      await notify(trx, ctx, [assignee], {
        kind: 'case_assigned',
        entityType: 'case',
        entityId: id,
      });
    return reload(platform, trx, ctx, id);
  });
}

export function getCase(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, async (trx) => {
    const { row, relation } = await loadCase(trx, ctx, id);
    await recordEvent(platform, trx, ctx, {
      action: 'case.viewed',
      entityType: 'case',
      entityId: id,
    });
    return detailOf(platform, trx, ctx, row, relation);
  });
}

/** Cases scoped in SQL by the case rule; then only those whose person the actor may see. */
export function listCases(platform: Platform, ctx: RequestContext, q: CaseListQuery) {
  return asActor(platform, ctx, async (trx) => {
    const rows = await repo.listCases(trx, viewerOf(ctx.actor), {
      ...(q.status ? { status: q.status } : {}),
      ...(q.personId ? { personId: q.personId } : {}),
      mine: q.mine === 'true',
      incoming: q.incoming === 'true',
      pendingApproval: q.pendingApproval === 'true',
    });
    const visible = await visiblePersons(
      trx,
      ctx,
      rows.map((r) => r.person_id),
    );
    const shown = rows.filter((r) => visible.has(r.person_id));
    await recordEvent(platform, trx, ctx, {
      action: 'case.listed',
      details: { results: shown.length },
    });
    return {
      total: shown.length,
      items: shown
        .slice(q.offset, q.offset + q.limit)
        .map((r) => presentCase(r, relationOf(ctx.actor, factsOf(r))!)),
    };
  });
}

/** The approved closure request a close uses up, or a field-named 409. */
async function closureApproval(trx: Tx, ctx: RequestContext, row: repo.CaseRow) {
  if (row.pending_to_agency_id)
    throw fieldError('body.status', 'a transfer of this case is pending', 'conflict');
  const approvals = await repo.approvalsOf(trx, ctx.actor.operationId, row.id);
  const approved = approvals.find((a) => a.kind === 'closure' && a.status === 'approved');
  if (!approved)
    throw fieldError(
      'body.status',
      'closing needs a closure request approved by a supervisor',
      'conflict',
    );
  return approved;
}

async function requireApprovedPlan(trx: Tx, ctx: RequestContext, row: repo.CaseRow) {
  const approvals = await repo.approvalsOf(trx, ctx.actor.operationId, row.id);
  const ok = approvals.some(
    (a) => a.kind === 'plan' && a.status === 'approved' && a.plan_version === row.plan_version,
  );
  if (!ok)
    throw fieldError(
      'body.status',
      'implementation starts from the current plan approved by a supervisor',
      'conflict',
    );
}

export function updateCase(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: CasePatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const { row } = await loadCase(trx, ctx, id, 'work');
    const op = ctx.actor.operationId;
    const changes: Partial<repo.CaseRow> = {};
    const events: [string, Record<string, string | null>][] = [];
    if (patch.status && patch.status !== row.status) {
      const workflow = await loadWorkflow(trx, op);
      const refused = refusedMove(workflow, row.status as CaseState, patch.status);
      if (refused) throw fieldError('body.status', refused, 'conflict');
      if (patch.status === 'implementation' && workflow.planApprovalRequired)
        await requireApprovedPlan(trx, ctx, row);
      if (patch.status === 'closed') {
        const approval = await closureApproval(trx, ctx, row);
        await repo.updateApproval(trx, op, id, approval.id, approval.version, { status: 'used' });
        changes.closed_at = ctx.now;
      }
      if (row.status === 'closed') changes.closed_at = null;
      changes.status = patch.status;
      const kind =
        patch.status === 'closed'
          ? 'case.closed'
          : row.status === 'closed'
            ? 'case.reopened'
            : 'case.status_changed';
      events.push([kind, { from: row.status, to: patch.status }]);
    } else if (patch.status) {
      throw fieldError('body.status', `the case is already ${row.status}`, 'conflict');
    }
    if (patch.assigneeId && patch.assigneeId !== row.assigned_to) {
      const facts = { ...factsOf(row), assignedTo: null };
      await requireWorker(trx, ctx, facts, row.person_id, patch.assigneeId, 'body.assigneeId');
      if (!relationOf(ctx.actor, { ...factsOf(row), assignedTo: patch.assigneeId }))
        throw fieldError(
          'body.assigneeId',
          'you would lose sight of this case; ask your agency or a supervisor to reassign it',
          'conflict',
        );
      changes.assigned_to = patch.assigneeId;
      events.push(['case.assigned', { assignee: patch.assigneeId }]);
    }
    if (patch.priority) changes.priority = patch.priority;
    if (patch.category) changes.category = patch.category;
    if (patch.priority || patch.category)
      events.push([
        'case.updated',
        { priority: patch.priority ?? null, category: patch.category ?? null },
      ]);
    if (!(await repo.updateCase(trx, op, id, version, { ...changes, updated_at: ctx.now })))
      throw new AppError('precondition_failed');
    for (const [kind, details] of events) await caseEvent(platform, trx, ctx, id, kind, details);
    if (changes.assigned_to && changes.assigned_to !== ctx.actor.userId)
      await notify(trx, ctx, [changes.assigned_to], {
        kind: 'case_assigned',
        entityType: 'case',
        entityId: id,
      });
    return reload(platform, trx, ctx, id);
  });
}

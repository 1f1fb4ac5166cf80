import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { notify } from '../notifications/service.ts';
import { visiblePersons } from '../registry/service.ts';
import { presentGoal, presentNote, presentTask, seal, todayOf } from './presenter.ts';
import * as planRepo from './plan-repository.ts';
import * as repo from './repository.ts';
import type { GoalInput, GoalPatch, TaskInput, TaskPatch } from './schema.ts';
import {
  caseEvent,
  factsOf,
  loadCase,
  refuseIfClosed,
  requireWorker,
  viewerOf,
} from './service.ts';

// ----- goals (the plan) --------------------------------------------------------------------------

export function addGoal(platform: Platform, ctx: RequestContext, caseId: string, input: GoalInput) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const { row } = await loadCase(trx, ctx, caseId, 'work');
    refuseIfClosed(row);
    await planRepo.insertGoal(trx, {
      operation_id: ctx.actor.operationId,
      id,
      case_id: caseId,
      description_sealed: seal(platform, input.description, 'case_goals.description', id),
      status: 'open',
      target_on: input.targetOn ?? null,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    });
    await repo.bumpPlan(trx, ctx.actor.operationId, caseId, ctx.now);
    await caseEvent(platform, trx, ctx, caseId, 'case.goal_added', { goal: id });
    const goals = await planRepo.goalsOf(trx, ctx.actor.operationId, caseId);
    return presentGoal(
      platform,
      goals.find((g) => g.id === id)!,
    );
  });
}

export function updateGoal(
  platform: Platform,
  ctx: RequestContext,
  caseId: string,
  goalId: string,
  version: number,
  patch: GoalPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { row } = await loadCase(trx, ctx, caseId, 'work');
    refuseIfClosed(row);
    if (!(await planRepo.goalsOf(trx, op, caseId)).some((g) => g.id === goalId)) throw notFound();
    const ok = await planRepo.updateGoal(trx, op, caseId, goalId, version, {
      ...(patch.description
        ? {
            description_sealed: seal(platform, patch.description, 'case_goals.description', goalId),
          }
        : {}),
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.targetOn !== undefined ? { target_on: patch.targetOn } : {}),
    });
    if (!ok) throw new AppError('precondition_failed');
    await repo.bumpPlan(trx, op, caseId, ctx.now);
    await caseEvent(platform, trx, ctx, caseId, 'case.goal_updated', {
      goal: goalId,
      fields: Object.keys(patch).sort(),
      status: patch.status ?? null,
    });
    return presentGoal(
      platform,
      (await planRepo.goalsOf(trx, op, caseId)).find((g) => g.id === goalId)!,
    );
  });
}

// ----- tasks, plan actions, follow-ups ----------------------------------------------------------

export function addTask(platform: Platform, ctx: RequestContext, caseId: string, input: TaskInput) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { row } = await loadCase(trx, ctx, caseId, 'work');
    refuseIfClosed(row);
    if (
      input.goalId &&
      !(await planRepo.goalsOf(trx, op, caseId)).some((g) => g.id === input.goalId)
    )
      throw fieldError('body.goalId', 'is not a goal of this case');
    if (input.assigneeId && input.assigneeId !== ctx.actor.userId)
      await requireWorker(
        trx,
        ctx,
        factsOf(row),
        row.person_id,
        input.assigneeId,
        'body.assigneeId',
      );
    await planRepo.insertTask(trx, {
      operation_id: op,
      id,
      case_id: caseId,
      kind: input.kind,
      goal_id: input.goalId ?? null,
      title_sealed: seal(platform, input.title, 'case_tasks.title', id),
      assignee_id: input.assigneeId ?? null,
      due_on: input.dueOn ?? null,
      status: 'open',
      done_on: null,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    });
    if (input.kind === 'action') await repo.bumpPlan(trx, op, caseId, ctx.now);
    await caseEvent(platform, trx, ctx, caseId, 'case.task_added', {
      task: id,
      kind: input.kind,
      assignee: input.assigneeId ?? null,
      dueOn: input.dueOn ?? null,
    });
    if (input.assigneeId && input.assigneeId !== ctx.actor.userId)
      await notify(trx, ctx, [input.assigneeId], {
        kind: 'case_task',
        entityType: 'case',
        entityId: caseId,
      });
    const tasks = await planRepo.tasksOf(trx, op, caseId);
    return presentTask(
      platform,
      tasks.find((t) => t.id === id)!,
      todayOf(ctx.now),
    );
  });
}

export function updateTask(
  platform: Platform,
  ctx: RequestContext,
  caseId: string,
  taskId: string,
  version: number,
  patch: TaskPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { row } = await loadCase(trx, ctx, caseId, 'work');
    refuseIfClosed(row);
    const task = (await planRepo.tasksOf(trx, op, caseId)).find((t) => t.id === taskId);
    if (!task) throw notFound();
    if (patch.assigneeId && patch.assigneeId !== ctx.actor.userId)
      await requireWorker(
        trx,
        ctx,
        factsOf(row),
        row.person_id,
        patch.assigneeId,
        'body.assigneeId',
      );
    const ok = await planRepo.updateTask(trx, op, caseId, taskId, version, {
      ...(patch.title
        ? { title_sealed: seal(platform, patch.title, 'case_tasks.title', taskId) }
        : {}),
      ...(patch.status
        ? { status: patch.status, done_on: patch.status === 'done' ? todayOf(ctx.now) : null }
        : {}),
      ...(patch.dueOn !== undefined ? { due_on: patch.dueOn } : {}),
      ...(patch.assigneeId !== undefined ? { assignee_id: patch.assigneeId } : {}),
    });
    if (!ok) throw new AppError('precondition_failed');
    if (task.kind === 'action' && patch.title) await repo.bumpPlan(trx, op, caseId, ctx.now);
    await caseEvent(platform, trx, ctx, caseId, 'case.task_updated', {
      task: taskId,
      fields: Object.keys(patch).sort(),
      status: patch.status ?? null,
    });
    if (patch.assigneeId && patch.assigneeId !== ctx.actor.userId)
      await notify(trx, ctx, [patch.assigneeId], {
        kind: 'case_task',
        entityType: 'case',
        entityId: caseId,
      });
    const updated = (await planRepo.tasksOf(trx, op, caseId)).find((t) => t.id === taskId)!;
    return presentTask(platform, updated, todayOf(ctx.now));
  });
}

/** The caller's open tasks on cases they may work on: overdue first, then by due date. */
export function myTasks(platform: Platform, ctx: RequestContext) {
  return asActor(platform, ctx, async (trx) => {
    const today = todayOf(ctx.now);
    const rows = await planRepo.myTasks(trx, viewerOf(ctx.actor), today);
    const visible = await visiblePersons(
      trx,
      ctx,
      rows.map((r) => r.person_id),
    );
    const items = rows
      .filter((r) => visible.has(r.person_id))
      .map((r) => presentTask(platform, r, today));
    await recordEvent(platform, trx, ctx, {
      action: 'case.tasks_listed',
      details: { results: items.length, overdue: items.filter((i) => i.overdue).length },
    });
    return { items };
  });
}

// ----- notes and timeline ------------------------------------------------------------------------

export function addNote(platform: Platform, ctx: RequestContext, caseId: string, body: string) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    await loadCase(trx, ctx, caseId, 'work');
    const row = {
      operation_id: ctx.actor.operationId,
      id,
      case_id: caseId,
      body_sealed: seal(platform, body, 'case_notes.body', id),
      author_id: ctx.actor.userId,
      created_at: ctx.now,
    };
    await planRepo.insertNote(trx, row);
    await caseEvent(platform, trx, ctx, caseId, 'case.note_added', { note: id });
    return presentNote(platform, row);
  });
}

export function listNotes(platform: Platform, ctx: RequestContext, caseId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadCase(trx, ctx, caseId, 'work');
    const rows = await planRepo.notesOf(trx, ctx.actor.operationId, caseId);
    await recordEvent(platform, trx, ctx, {
      action: 'case.notes_viewed',
      entityType: 'case',
      entityId: caseId,
      details: { notes: rows.length },
    });
    return { items: rows.map((n) => presentNote(platform, n)) };
  });
}

export function timeline(platform: Platform, ctx: RequestContext, caseId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadCase(trx, ctx, caseId, 'work');
    const rows = await repo.eventsOf(trx, ctx.actor.operationId, caseId);
    return {
      items: rows.map((e) => ({
        at: e.at.toISOString(),
        actorId: e.actor_id,
        kind: e.kind,
        details: (e.details ?? {}) as Record<string, unknown>,
      })),
    };
  });
}

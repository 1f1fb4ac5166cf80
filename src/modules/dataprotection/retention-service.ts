/**
 * Retention: the operation's rules per category, a preview (dry run), and runs that delete what
 * expired in one transaction with their summary (counts only) and audit event. Runs are started
 * by the data-protection officer (a job) or by the daily schedule (scheduler.ts).
 */
import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { inTransaction, type Tx } from '../../platform/db/context.ts';
import { AppError } from '../../platform/errors.ts';
import { startJob } from '../../platform/jobs.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import * as repo from './retention-repository.ts';
import type {
  CategoryResult,
  RulesInput,
  RulesView,
  RunQuery,
  RunView,
} from './retention-schema.ts';
import {
  cutoffOf,
  effectiveRules,
  NEVER_DELETED,
  RETENTION_CATEGORIES,
  scheduledRunDue,
  type RetentionRules,
} from './rules.ts';
import type { RetentionRunRow } from './tables.ts';

const DAY_MS = 86_400_000;

async function rulesOf(trx: Tx, operationId: string) {
  const row = await repo.findSettings(trx, operationId);
  return { row, rules: effectiveRules(row?.rules) };
}

export function getRules(platform: Platform, ctx: RequestContext): Promise<RulesView> {
  return asActor(platform, ctx, async (trx) => {
    const { row, rules } = await rulesOf(trx, ctx.actor.operationId);
    return {
      rules,
      neverDeleted: NEVER_DELETED,
      updatedAt: row?.updated_at.toISOString() ?? null,
      version: row?.version ?? 0,
    };
  });
}

export function saveRules(
  platform: Platform,
  ctx: RequestContext,
  version: number,
  input: RulesInput,
): Promise<RulesView> {
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { rules } = await rulesOf(trx, op);
    const next: RetentionRules = { ...rules, ...input.rules };
    const ok = await repo.saveSettings(trx, op, version, {
      rules: JSON.stringify(next),
      updated_by: ctx.actor.userId,
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'retention.rules_changed',
      entityType: 'operation',
      entityId: op,
      details: Object.fromEntries(
        Object.entries(input.rules).map(([c, r]) => [c, r.enabled ? r.keepDays : 'off']),
      ),
    });
    const row = (await repo.findSettings(trx, op))!;
    return {
      rules: effectiveRules(row.rules),
      neverDeleted: NEVER_DELETED,
      updatedAt: row.updated_at.toISOString(),
      version: row.version,
    };
  });
}

/** Every enabled category, applied (or with dry, counted) in the transaction's operation. */
async function applyAll(trx: Tx, rules: RetentionRules, now: Date, dry: boolean) {
  const results: CategoryResult[] = [];
  for (const category of RETENTION_CATEGORIES) {
    const rule = rules[category];
    const cutoff = cutoffOf(now, rule);
    const base = { category, enabled: rule.enabled, keepDays: rule.keepDays };
    if (!rule.enabled) {
      results.push({ ...base, cutoff: cutoff.toISOString(), deleted: 0, held: 0, blocked: 0 });
      continue;
    }
    const r = await repo.applyCategory(trx, category, cutoff, dry);
    results.push({
      ...base,
      cutoff: cutoff.toISOString(),
      deleted: r.affected,
      held: r.held,
      blocked: r.blocked,
    });
  }
  return results;
}

/** What a run would delete now, per category (counts only). */
export function preview(platform: Platform, ctx: RequestContext) {
  return asActor(platform, ctx, async (trx) => {
    const { rules } = await rulesOf(trx, ctx.actor.operationId);
    const categories = await applyAll(trx, rules, ctx.now, true);
    await recordEvent(platform, trx, ctx, {
      action: 'retention.previewed',
      entityType: 'operation',
      entityId: ctx.actor.operationId,
      details: Object.fromEntries(categories.map((c) => [c.category, c.deleted])),
    });
    return { at: ctx.now.toISOString(), categories };
  });
}

export function presentRun(r: RetentionRunRow): RunView {
  return {
    id: r.id,
    trigger: r.trigger as RunView['trigger'],
    startedBy: r.started_by,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at.toISOString(),
    total: r.total,
    categories: r.counts as CategoryResult[],
  };
}

export interface RunRequest {
  operationId: string;
  /** null: the schedule. */
  userId: string | null;
  requestId: string | null;
  trigger: 'manual' | 'scheduled';
}

/**
 * One run: every enabled category in one transaction with the run's summary and audit event, so
 * the summary says exactly what was deleted. A scheduled run is skipped (null) when one ran in
 * the last day, checked under the operation's retention lock.
 */
export function runRetention(platform: Platform, run: RunRequest): Promise<RunView | null> {
  const now = platform.now();
  const scope = { operationId: run.operationId, userId: run.userId, now };
  return inTransaction(platform.db, scope, async (trx) => {
    await repo.lockRetention(trx, run.operationId);
    if (
      run.trigger === 'scheduled' &&
      !scheduledRunDue(now, await repo.lastScheduledRun(trx, run.operationId))
    )
      return null;
    const { rules } = await rulesOf(trx, run.operationId);
    const categories = await applyAll(trx, rules, now, false);
    const id = crypto.randomUUID();
    const total = categories.reduce((n, c) => n + c.deleted, 0);
    await repo.insertRun(trx, {
      operation_id: run.operationId,
      id,
      trigger: run.trigger,
      started_by: run.userId,
      started_at: now,
      finished_at: platform.now(),
      rules: JSON.stringify(rules),
      counts: JSON.stringify(categories),
      total,
    });
    await platform.audit.append(trx, {
      operationId: run.operationId,
      actorId: run.userId,
      requestId: run.requestId,
      action: 'retention.run',
      entityType: 'retention_run',
      entityId: id,
      at: now,
      details: {
        trigger: run.trigger,
        total,
        ...Object.fromEntries(
          categories.filter((c) => c.enabled).map((c) => [c.category, c.deleted]),
        ),
        blocked: categories.filter((c) => c.blocked > 0).map((c) => c.category),
      },
    });
    return presentRun((await repo.findRun(trx, run.operationId, id))!);
  });
}

/** A run started by the data-protection officer, as a job they poll (GET /jobs/{id}). */
export async function startRun(platform: Platform, ctx: RequestContext) {
  const job = await startJob(platform, ctx, 'retention', async () => {
    const run = await runRetention(platform, {
      operationId: ctx.actor.operationId,
      userId: ctx.actor.userId,
      requestId: ctx.requestId,
      trigger: 'manual',
    });
    return { runId: run!.id, total: run!.total };
  });
  return { id: job.id };
}

export function listRuns(platform: Platform, ctx: RequestContext, q: RunQuery) {
  return asActor(platform, ctx, async (trx) => {
    const { rows, total } = await repo.listRuns(trx, ctx.actor.operationId, {
      ...(q.trigger ? { trigger: q.trigger } : {}),
      ...(q.from ? { from: new Date(`${q.from}T00:00:00Z`) } : {}),
      ...(q.to ? { to: new Date(Date.parse(`${q.to}T00:00:00Z`) + DAY_MS) } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    return { items: rows.map(presentRun), total };
  });
}

/** The operations whose daily scheduled run is due get one (called by scheduler.ts). */
export async function runDueRetention(platform: Platform): Promise<RunView[]> {
  const ops = await inTransaction(platform.db, null, (trx) => repo.operationIds(trx));
  const done: RunView[] = [];
  for (const operationId of ops) {
    const run = await runRetention(platform, {
      operationId,
      userId: null,
      requestId: null,
      trigger: 'scheduled',
    });
    if (run) done.push(run);
  }
  return done;
}

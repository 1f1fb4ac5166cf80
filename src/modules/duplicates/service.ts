import type { RequestContext } from '../../platform/access/actor.ts';
import { inTransaction } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { startJob } from '../../platform/jobs.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { matchKeys, partKeys } from '../registry/names.ts';
import type { PersonCreate } from '../registry/schema.ts';
import { visiblePersons } from '../registry/service.ts';
import { detectDuplicates, type BatchStats, type FoundPair } from './batch.ts';
import * as repo from './repository.ts';
import type { DecisionInput, MergeInput, MergeView } from './schema.ts';
import { DUPLICATE_THRESHOLD, scorePair } from './scoring.ts';

const SENSITIVITY_ORDER = ['normal', 'sensitive', 'restricted'];

/**
 * Likely matches of a person before registration, with reasons. A match the user may not see
 * is never named: a sensitive one turns into "refer to the protection focal point"; a
 * restricted one is treated exactly as if it were not there (SECURITY.md rule 3).
 */
export function checkBeforeRegistration(
  platform: Platform,
  ctx: RequestContext,
  input: PersonCreate,
) {
  const birthYear = input.birthDate
    ? Number(input.birthDate.slice(0, 4))
    : (input.birthYear ?? null);
  const probe = {
    id: '',
    keys: matchKeys(input.names),
    parts: partKeys(input.names),
    sex: input.sex,
    birthDate: input.birthDate ?? null,
    birthYear,
    nationalities: input.nationalities,
  };
  return asActor(platform, ctx, async (trx) => {
    const candidates = await repo.candidatesFor(trx, ctx.actor.operationId, probe.keys, birthYear);
    const scored = candidates
      .map((c) => ({ c, ...scorePair(probe, c) }))
      .filter((s) => s.score >= DUPLICATE_THRESHOLD)
      .sort((x, y) => y.score - x.score);
    const visible = await visiblePersons(
      trx,
      ctx,
      scored.map((s) => s.c.id),
    );
    await recordEvent(platform, trx, ctx, {
      action: 'person.duplicate_checked',
      details: { results: scored.filter((s) => visible.has(s.c.id)).length },
    });
    return {
      items: scored
        .filter((s) => visible.has(s.c.id))
        .slice(0, 10)
        .map((s) => ({ score: s.score, reasons: s.reasons, person: visible.get(s.c.id)! })),
      referToFocalPoint: scored.some(
        (s) => !visible.has(s.c.id) && s.c.sensitivity === 'sensitive',
      ),
    };
  });
}

/** The whole operation, year by year; found pairs are stored as they come (safe to rerun). */
export async function runBatch(
  platform: Platform,
  operationId: string,
  jobId: string | null,
  progress: (done: number, total: number) => void | Promise<void> = () => undefined,
  onPairs: (pairs: FoundPair[]) => void = () => undefined,
): Promise<BatchStats> {
  const scope = { operationId, userId: null };
  const years = await inTransaction(platform.db, scope, (trx) => repo.birthYears(trx, operationId));
  const total = years.reduce((n, y) => n + y.count, 0);
  async function* groups() {
    for (const { year } of years)
      yield {
        year,
        records: await inTransaction(platform.db, scope, (trx) =>
          repo.recordsOfYear(trx, operationId, year),
        ),
      };
  }
  const now = platform.now();
  return detectDuplicates(
    groups(),
    async (pairs) => {
      onPairs(pairs);
      await inTransaction(platform.db, scope, (trx) =>
        repo.upsertPairs(trx, operationId, pairs, jobId, now),
      );
    },
    (done) => void progress(done, total),
  );
}

export async function startBatch(platform: Platform, ctx: RequestContext) {
  const job = await startJob(platform, ctx, 'duplicates', async (report) => {
    const stats = await runBatch(platform, ctx.actor.operationId, report.jobId, (done, total) =>
      report.progress(done, total),
    );
    await asActor(platform, ctx, (trx) =>
      recordEvent(platform, trx, ctx, {
        action: 'duplicates.batch_run',
        details: { records: stats.records, comparisons: stats.comparisons, pairs: stats.pairs },
      }),
    );
    return { ...stats };
  });
  return job;
}

/** Pairs to review, both sides visible to the reviewer (others are left out). */
export function listPairs(
  platform: Platform,
  ctx: RequestContext,
  q: { status: string; limit: number; offset: number },
) {
  return asActor(platform, ctx, async (trx) => {
    const rows = await repo.listPairs(trx, ctx.actor.operationId, q);
    const visible = await visiblePersons(
      trx,
      ctx,
      rows.flatMap((r) => [r.person_a, r.person_b]),
    );
    return {
      items: rows
        .filter((r) => visible.has(r.person_a) && visible.has(r.person_b))
        .map((r) => ({
          a: visible.get(r.person_a)!,
          b: visible.get(r.person_b)!,
          score: r.score,
          reasons: r.reasons as { code: string }[],
          status: r.status as 'open',
          foundAt: r.found_at.toISOString(),
          decidedAt: r.decided_at?.toISOString() ?? null,
        })),
    };
  });
}

async function requireVisible(
  trx: Parameters<typeof visiblePersons>[0],
  ctx: RequestContext,
  ids: Record<string, string>,
) {
  const visible = await visiblePersons(trx, ctx, Object.values(ids));
  for (const [field, id] of Object.entries(ids))
    if (!visible.has(id)) throw fieldError(`body.${field}`, 'does not exist');
}

export function decide(platform: Platform, ctx: RequestContext, input: DecisionInput) {
  return asActor(platform, ctx, async (trx) => {
    await requireVisible(trx, ctx, { personA: input.personA, personB: input.personB });
    const ok = await repo.setPairStatus(
      trx,
      ctx.actor.operationId,
      input.personA,
      input.personB,
      input.decision,
      ctx.actor.userId,
      ctx.now,
    );
    if (!ok) throw notFound();
    for (const id of [input.personA, input.personB])
      await recordEvent(platform, trx, ctx, {
        action: `duplicates.${input.decision}`,
        entityType: 'person',
        entityId: id,
      });
    return null;
  });
}

function presentMerge(m: repo.MergeRow): MergeView {
  return {
    id: m.id,
    survivorId: m.survivor_id,
    absorbedId: m.absorbed_id,
    moved: Object.fromEntries(
      Object.entries(m.moved.rows).map(([table, ids]) => [table, ids.length]),
    ),
    mergedAt: m.merged_at.toISOString(),
    reversedAt: m.reversed_at?.toISOString() ?? null,
  };
}

/**
 * Merges `absorbed` into `survivor`: the absorbed record's history (statuses, residences,
 * documents, household memberships) moves to the survivor, the absorbed record stays as a
 * redirect, the survivor takes the stricter sensitivity, and everything moved is listed so
 * the merge can be reversed exactly.
 */
export function merge(platform: Platform, ctx: RequestContext, input: MergeInput) {
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    await requireVisible(trx, ctx, { survivorId: input.survivorId, absorbedId: input.absorbedId });
    const locked = await repo.lockPersons(trx, op, [input.survivorId, input.absorbedId]);
    const survivor = locked.find((p) => p.id === input.survivorId)!;
    const absorbed = locked.find((p) => p.id === input.absorbedId)!;
    if (survivor.merged_into)
      throw fieldError('body.survivorId', 'was itself merged into another record', 'conflict');
    if (absorbed.merged_into) throw fieldError('body.absorbedId', 'is already merged', 'conflict');
    if (await repo.bothCurrentMembers(trx, op, survivor.id, absorbed.id))
      throw fieldError(
        'body.absorbedId',
        'both records are current members of a household: end one membership first',
        'conflict',
      );
    const rows = {} as repo.Moved['rows'];
    for (const table of repo.HISTORY_TABLES) {
      rows[table] = await repo.historyIds(trx, op, table, absorbed.id);
      await repo.repoint(trx, op, table, rows[table], survivor.id);
    }
    const access = await repo.copyAccess(
      trx,
      op,
      absorbed.id,
      survivor.id,
      ctx.now,
      ctx.actor.userId,
    );
    const stricter = [survivor.sensitivity, absorbed.sensitivity].sort(
      (x, y) => SENSITIVITY_ORDER.indexOf(y) - SENSITIVITY_ORDER.indexOf(x),
    )[0]!;
    if (stricter !== survivor.sensitivity)
      await repo.setSensitivity(trx, op, survivor.id, stricter);
    await repo.setMerged(trx, op, absorbed.id, survivor.id, ctx.now);
    await repo.setPairStatus(
      trx,
      op,
      survivor.id,
      absorbed.id,
      'merged',
      ctx.actor.userId,
      ctx.now,
    );
    const m = await repo.insertMerge(trx, {
      operationId: op,
      survivorId: survivor.id,
      absorbedId: absorbed.id,
      moved: { rows, access, survivorSensitivity: survivor.sensitivity },
      at: ctx.now,
      by: ctx.actor.userId,
      reason: input.reason ?? null,
    });
    for (const id of [survivor.id, absorbed.id])
      await recordEvent(platform, trx, ctx, {
        action: 'person.merged',
        entityType: 'person',
        entityId: id,
        details: { merge: m.id },
      });
    return presentMerge(m);
  });
}

/** Puts every moved row back, lifts the redirect and restores the survivor's sensitivity. */
export function reverseMerge(platform: Platform, ctx: RequestContext, id: string) {
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    const m = await repo.findMerge(trx, op, id);
    if (!m) throw notFound();
    const visible = await visiblePersons(trx, ctx, [m.survivor_id, m.absorbed_id]);
    if (visible.size < 2) throw notFound();
    if (m.reversed_at)
      throw new AppError('conflict', { detail: 'This merge was already reversed.' });
    for (const table of repo.HISTORY_TABLES)
      await repo.repoint(trx, op, table, m.moved.rows[table], m.absorbed_id);
    // Sensitivity first: once the access rows go, a restricted survivor is out of sight.
    await repo.setSensitivity(trx, op, m.survivor_id, m.moved.survivorSensitivity);
    await repo.removeAccess(trx, op, m.survivor_id, m.moved.access);
    await repo.setMerged(trx, op, m.absorbed_id, null, ctx.now);
    await repo.setPairStatus(
      trx,
      op,
      m.survivor_id,
      m.absorbed_id,
      'confirmed',
      ctx.actor.userId,
      ctx.now,
    );
    for (const person of [m.survivor_id, m.absorbed_id])
      await recordEvent(platform, trx, ctx, {
        action: 'person.unmerged',
        entityType: 'person',
        entityId: person,
        details: { merge: m.id },
      });
    return presentMerge(await repo.markReversed(trx, op, m.id, ctx.now, ctx.actor.userId));
  });
}

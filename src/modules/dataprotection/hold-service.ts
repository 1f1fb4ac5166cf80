/**
 * Legal holds, set by the data-protection officer: while one is active, retention deletes
 * nothing about the person. The officer does not see the registry, so a hold is taken on a person
 * id as given (no lookup, so no answer about whether the record exists).
 */
import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import * as repo from './retention-repository.ts';
import type { HoldInput, HoldView } from './retention-schema.ts';
import { seal, unseal } from './sealing.ts';
import type { LegalHoldRow } from './tables.ts';

const REASON = 'legal_holds.reason';
const RELEASE = 'legal_holds.release_reason';

function present(platform: Platform, h: LegalHoldRow): HoldView {
  return {
    id: h.id,
    personId: h.person_id,
    reason: unseal(platform, h.reason_sealed, REASON, h.id)!,
    placedBy: h.placed_by,
    placedAt: h.placed_at.toISOString(),
    releasedBy: h.released_by,
    releasedAt: h.released_at?.toISOString() ?? null,
    releaseReason: unseal(platform, h.release_reason_sealed, RELEASE, h.id),
    active: h.released_at === null,
    version: h.version,
  };
}

export function placeHold(platform: Platform, ctx: RequestContext, input: HoldInput) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const placed = await repo.insertHold(trx, {
      operation_id: op,
      id,
      person_id: input.personId,
      reason_sealed: seal(platform, input.reason, REASON, id),
      placed_by: ctx.actor.userId,
      placed_at: ctx.now,
      released_by: null,
      released_at: null,
      release_reason_sealed: null,
    });
    if (!placed) throw fieldError('body.personId', 'already has an active legal hold', 'conflict');
    await recordEvent(platform, trx, ctx, {
      action: 'legal_hold.placed',
      entityType: 'person',
      entityId: input.personId,
      details: { hold: id },
    });
    return present(platform, (await repo.findHold(trx, op, id))!);
  });
}

export function releaseHold(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  reason: string,
) {
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const hold = await repo.findHold(trx, op, id);
    if (!hold) throw notFound();
    if (hold.released_at)
      throw new AppError('conflict', { detail: 'The hold was released already.' });
    const ok = await repo.releaseHold(trx, op, id, version, {
      released_by: ctx.actor.userId,
      released_at: ctx.now,
      release_reason_sealed: seal(platform, reason, RELEASE, id),
    });
    if (!ok) throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'legal_hold.released',
      entityType: 'person',
      entityId: hold.person_id,
      details: { hold: id },
    });
    return present(platform, (await repo.findHold(trx, op, id))!);
  });
}

export function listHolds(
  platform: Platform,
  ctx: RequestContext,
  q: { active?: 'true' | 'false' | undefined; personId?: string | undefined },
) {
  return asActor(platform, ctx, async (trx) => {
    const rows = await repo.listHolds(trx, ctx.actor.operationId, {
      ...(q.active ? { active: q.active === 'true' } : {}),
      ...(q.personId ? { personId: q.personId } : {}),
    });
    return { items: rows.map((h) => present(platform, h)) };
  });
}

import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor } from '../../platform/unit-of-work.ts';
import * as repo from './repository.ts';

/**
 * In-app notices, inside the caller's transaction. A notice carries a kind and a record id,
 * never a name or whereabouts: the reader opens the record, where access rules apply.
 */
export function notify(
  trx: Tx,
  ctx: RequestContext,
  userIds: readonly string[],
  notice: { kind: string; entityType: string; entityId: string },
): Promise<void> {
  return repo.insertMany(
    trx,
    [...new Set(userIds)].map((userId) => ({
      operation_id: ctx.actor.operationId,
      user_id: userId,
      kind: notice.kind,
      entity_type: notice.entityType,
      entity_id: notice.entityId,
      created_at: ctx.now,
    })),
  );
}

export function listMine(platform: Platform, ctx: RequestContext) {
  return asActor(platform, ctx, async (trx) => ({
    items: (await repo.listOwn(trx, ctx.actor.operationId, ctx.actor.userId)).map((n) => ({
      id: n.id,
      kind: n.kind,
      entityType: n.entity_type,
      entityId: n.entity_id,
      createdAt: n.created_at.toISOString(),
      readAt: n.read_at?.toISOString() ?? null,
    })),
  }));
}

export function markRead(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, async (trx) => {
    if (!(await repo.markRead(trx, ctx.actor.operationId, ctx.actor.userId, id, ctx.now)))
      throw notFound();
    return null;
  });
}

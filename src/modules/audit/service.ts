import type { RequestContext } from '../../platform/access/actor.ts';
import { queryAuditEvents } from '../../platform/audit/audit-repository.ts';
import { verifyOperationChain } from '../../platform/audit/verify.ts';
import { inTransaction } from '../../platform/db/context.ts';
import type { Platform } from '../../platform/platform.ts';
import type { AuditQueryInput } from './schema.ts';

const DAY_MS = 86_400_000;

export async function searchAudit(platform: Platform, ctx: RequestContext, q: AuditQueryInput) {
  const items = await queryAuditEvents(platform.db, ctx.actor.operationId, {
    actorId: q.userId,
    action: q.action,
    entityType: q.entityType,
    entityId: q.entityId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(new Date(q.to).getTime() + (q.to.length === 10 ? DAY_MS : 0)) : undefined,
    beforeSeq: q.cursor ? Number(q.cursor) : undefined,
    limit: q.limit,
  });
  const last = items[items.length - 1];
  return {
    items: items.map(({ operationId: _o, prevHash: _p, hash: _h, ...e }) => e),
    nextCursor: items.length === q.limit && last ? String(last.seq) : null,
  };
}

/** Verifies the operation's chain; the check itself is recorded. */
export async function verifyAudit(platform: Platform, ctx: RequestContext) {
  const result = await verifyOperationChain(
    platform.db,
    platform.keys.auditSigning.publicKey,
    ctx.actor.operationId,
  );
  await inTransaction(
    platform.db,
    { operationId: ctx.actor.operationId, userId: ctx.actor.userId },
    (trx) =>
      platform.audit.append(trx, {
        operationId: ctx.actor.operationId,
        actorId: ctx.actor.userId,
        action: 'audit.verified',
        requestId: ctx.requestId,
        details: { ok: result.ok, checked: result.checked },
        at: ctx.now,
      }),
  );
  return result.ok
    ? { ok: true, checked: result.checked }
    : { ok: false, checked: result.checked, firstBad: result.firstBad };
}

import type { RequestContext } from './access/actor.ts';
import type { AuditEntry } from './audit/audit-log.ts';
import { inTransaction, type Tx } from './db/context.ts';
import type { Platform } from './platform.ts';

/** A transaction acting for the request's user, in the user's operation. */
export function asActor<T>(
  platform: Platform,
  ctx: RequestContext,
  work: (trx: Tx) => Promise<T>,
): Promise<T> {
  return inTransaction(
    platform.db,
    { operationId: ctx.actor.operationId, userId: ctx.actor.userId, now: ctx.now },
    work,
  );
}

/** Appends the audit event of what the request's user did, in the same transaction. */
export async function recordEvent(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  event: {
    action: string;
    entityType?: string;
    entityId?: string;
    details?: AuditEntry['details'];
  },
): Promise<void> {
  await platform.audit.append(trx, {
    operationId: ctx.actor.operationId,
    actorId: ctx.actor.userId,
    requestId: ctx.requestId,
    at: ctx.now,
    ...event,
  });
}

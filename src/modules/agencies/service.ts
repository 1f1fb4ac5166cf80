import type { RequestContext } from '../../platform/access/actor.ts';
import { authorizeRecord, sameOperation } from '../../platform/access/authorize.ts';
import { inTransaction, type Tx } from '../../platform/db/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as repo from './repository.ts';
import type { AgencyView } from './schema.ts';

export function presentAgency(r: repo.AgencyRow): AgencyView {
  return { id: r.id, name: r.name, createdAt: r.created_at.toISOString(), version: r.version };
}

const dbCtx = (ctx: RequestContext) => ({
  operationId: ctx.actor.operationId,
  userId: ctx.actor.userId,
});

async function audit(platform: Platform, trx: Tx, ctx: RequestContext, action: string, id: string) {
  await platform.audit.append(trx, {
    operationId: ctx.actor.operationId,
    actorId: ctx.actor.userId,
    action,
    entityType: 'agency',
    entityId: id,
    requestId: ctx.requestId,
    at: ctx.now,
  });
}

export async function listAgencies(platform: Platform, ctx: RequestContext) {
  const rows = await inTransaction(platform.db, dbCtx(ctx), (trx) =>
    repo.listAgencies(trx, ctx.actor.operationId),
  );
  return { items: rows.map(presentAgency) };
}

export async function createAgency(platform: Platform, ctx: RequestContext, name: string) {
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    const row = await repo.insertAgency(trx, ctx.actor.operationId, name, ctx.now);
    await audit(platform, trx, ctx, 'agency.created', row.id);
    return presentAgency(row);
  });
}

export async function renameAgency(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  name: string,
) {
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    const found = await repo.findAgency(trx, ctx.actor.operationId, id);
    authorizeRecord(ctx.actor, found && { operationId: found.operation_id }, sameOperation);
    const row = await repo.renameAgency(trx, ctx.actor.operationId, id, version, name);
    if (!row) throw new AppError('precondition_failed');
    await audit(platform, trx, ctx, 'agency.updated', id);
    return presentAgency(row);
  });
}

/** For the command line: the agency of this name, created when missing. */
export async function ensureAgency(
  platform: Platform,
  operationId: string,
  name: string,
  now: Date,
): Promise<string> {
  return inTransaction(platform.db, { operationId, userId: null }, async (trx) => {
    const existing = await repo.findAgencyByName(trx, operationId, name);
    if (existing) return existing.id;
    const row = await repo.insertAgency(trx, operationId, name, now);
    await platform.audit.append(trx, {
      operationId,
      actorId: null,
      action: 'agency.created',
      entityType: 'agency',
      entityId: row.id,
      details: { via: 'cli' },
      at: now,
    });
    return row.id;
  });
}

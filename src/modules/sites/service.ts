import type { RequestContext } from '../../platform/access/actor.ts';
import { authorizeRecord, sameOperation } from '../../platform/access/authorize.ts';
import { inTransaction, type Tx } from '../../platform/db/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as repo from './repository.ts';
import type { SiteInput, SiteView } from './schema.ts';

export function presentSite(r: repo.SiteRow): SiteView {
  return {
    id: r.id,
    name: r.name,
    type: r.type as SiteView['type'],
    adm1: r.adm1,
    adm2: r.adm2,
    latitude: r.latitude,
    longitude: r.longitude,
    capacity: r.capacity,
    managingEntity: r.managing_entity,
    country: r.country,
    adm3: r.adm3,
    access: {
      leaveFreely: r.leave_freely,
      walled: r.walled,
      checkpoints: r.checkpoints,
      curfew: r.curfew,
      notes: r.access_notes,
    },
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

const dbCtx = (ctx: RequestContext) => ({
  operationId: ctx.actor.operationId,
  userId: ctx.actor.userId,
});

async function audit(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  action: string,
  id: string,
  fields: string[],
) {
  await platform.audit.append(trx, {
    operationId: ctx.actor.operationId,
    actorId: ctx.actor.userId,
    action,
    entityType: 'site',
    entityId: id,
    requestId: ctx.requestId,
    details: { fields: fields.sort() },
    at: ctx.now,
  });
}

async function load(trx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.findSite(trx, ctx.actor.operationId, id);
  return authorizeRecord(ctx.actor, row, (a, r) =>
    sameOperation(a, { operationId: r.operation_id }),
  );
}

export async function listSites(platform: Platform, ctx: RequestContext) {
  const rows = await inTransaction(platform.db, dbCtx(ctx), (trx) =>
    repo.listSites(trx, ctx.actor.operationId),
  );
  return { items: rows.map(presentSite) };
}

export async function getSite(platform: Platform, ctx: RequestContext, id: string) {
  return inTransaction(platform.db, dbCtx(ctx), async (trx) =>
    presentSite(await load(trx, ctx, id)),
  );
}

export async function createSite(platform: Platform, ctx: RequestContext, input: SiteInput) {
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    const row = await repo.insertSite(trx, ctx.actor.operationId, input, ctx.now);
    await audit(platform, trx, ctx, 'site.created', row.id, Object.keys(input));
    return presentSite(row);
  });
}

export async function updateSite(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  input: Partial<SiteInput>,
) {
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    await load(trx, ctx, id);
    const row = await repo.updateSite(trx, ctx.actor.operationId, id, version, input);
    if (!row) throw new AppError('precondition_failed');
    await audit(platform, trx, ctx, 'site.updated', id, Object.keys(input));
    return presentSite(row);
  });
}

import type { RequestContext } from '../../platform/access/actor.ts';
import { inTransaction } from '../../platform/db/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as repo from './repository.ts';
import { storedSettings, type OperationPatch, type OperationView } from './schema.ts';

function present(platform: Platform, r: repo.OperationRow): OperationView {
  const settings = storedSettings.parse(r.settings);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    settings: {
      mfaRequired: platform.config.mfaRequired,
      suppressionThreshold: settings.suppressionThreshold,
    },
    version: r.version,
  };
}

const dbCtx = (ctx: RequestContext) => ({
  operationId: ctx.actor.operationId,
  userId: ctx.actor.userId,
});

export async function currentOperation(
  platform: Platform,
  ctx: RequestContext,
): Promise<OperationView> {
  const row = await inTransaction(platform.db, dbCtx(ctx), (trx) =>
    repo.findOperation(trx, ctx.actor.operationId),
  );
  if (!row) throw new AppError('not_found');
  return present(platform, row);
}

export async function updateCurrentOperation(
  platform: Platform,
  ctx: RequestContext,
  version: number,
  patch: OperationPatch,
): Promise<OperationView> {
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    const row = await repo.findOperation(trx, ctx.actor.operationId);
    if (!row) throw new AppError('not_found');
    const settings = { ...storedSettings.parse(row.settings) };
    if (patch.suppressionThreshold !== undefined)
      settings.suppressionThreshold = patch.suppressionThreshold;
    const updated = await repo.updateOperation(trx, row.id, version, {
      name: patch.name,
      settings,
    });
    if (!updated) throw new AppError('precondition_failed');
    await platform.audit.append(trx, {
      operationId: row.id,
      actorId: ctx.actor.userId,
      action: 'operation.updated',
      entityType: 'operation',
      entityId: row.id,
      requestId: ctx.requestId,
      details: { fields: Object.keys(patch).sort() },
      at: ctx.now,
    });
    return present(platform, updated);
  });
}

/** The operation a fresh installation starts with (commands without a signed-in user act there). */
export async function defaultOperationId(platform: Platform): Promise<string> {
  const row = await repo.findOperationByCode(platform.db, 'default');
  if (!row) throw new AppError('not_found', { detail: 'The default operation is missing.' });
  return row.id;
}

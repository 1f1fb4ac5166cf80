import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { presentProvider } from './presenter.ts';
import * as repo from './repository.ts';
import type { ProviderInput, ProviderPatch, ProviderQuery } from './schema.ts';

/** The service directory: organisations and their services. No personal data. */
export function listProviders(platform: Platform, ctx: RequestContext, q: ProviderQuery) {
  return asActor(platform, ctx, async (trx) => {
    const rows = await repo.listProviders(trx, ctx.actor.operationId, {
      ...(q.serviceType ? { serviceType: q.serviceType } : {}),
      ...(q.siteId ? { siteId: q.siteId } : {}),
      ...(q.language ? { language: q.language } : {}),
      ...(q.active ? { active: q.active === 'true' } : {}),
    });
    return {
      total: rows.length,
      items: rows.slice(q.offset, q.offset + q.limit).map(presentProvider),
    };
  });
}

export function getProvider(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, async (trx) => {
    const row = await repo.findProvider(trx, ctx.actor.operationId, id);
    if (!row) throw notFound();
    return presentProvider(row);
  });
}

export function createProvider(platform: Platform, ctx: RequestContext, input: ProviderInput) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    await repo.insertProvider(trx, {
      operation_id: op,
      id,
      name: input.name,
      organisation: input.organisation,
      service_types: input.serviceTypes,
      contact: input.contact ? JSON.stringify(input.contact) : null,
      languages: input.languages,
      agency_id: input.agencyId ?? null,
      active: input.active,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await repo.setProviderSites(trx, op, id, input.siteIds);
    await recordEvent(platform, trx, ctx, {
      action: 'service_provider.created',
      entityType: 'service_provider',
      entityId: id,
      details: { serviceTypes: input.serviceTypes, agency: input.agencyId ?? null },
    });
    return presentProvider((await repo.findProvider(trx, op, id))!);
  });
}

export function updateProvider(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: ProviderPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    if (!(await repo.findProvider(trx, op, id))) throw notFound();
    const ok = await repo.updateProvider(trx, op, id, version, {
      ...(patch.name ? { name: patch.name } : {}),
      ...(patch.organisation ? { organisation: patch.organisation } : {}),
      ...(patch.serviceTypes ? { service_types: patch.serviceTypes } : {}),
      ...(patch.contact !== undefined
        ? { contact: patch.contact ? JSON.stringify(patch.contact) : null }
        : {}),
      ...(patch.languages ? { languages: patch.languages } : {}),
      ...(patch.agencyId !== undefined ? { agency_id: patch.agencyId } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    if (patch.siteIds) await repo.setProviderSites(trx, op, id, patch.siteIds);
    await recordEvent(platform, trx, ctx, {
      action: 'service_provider.updated',
      entityType: 'service_provider',
      entityId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return presentProvider((await repo.findProvider(trx, op, id))!);
  });
}

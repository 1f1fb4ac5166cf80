import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import * as repo from './repository.ts';
import type { RelocationInput, RelocationPatch, RelocationView } from './schema.ts';

/** Relocation operations: moves of groups between sites or places, with their legal basis. */

function presentRelocation(r: repo.RelocationRow): RelocationView {
  return {
    id: r.id,
    fromSiteId: r.from_site_id,
    fromPlace: r.from_place,
    toSiteId: r.to_site_id,
    toPlace: r.to_place,
    date: r.relocated_on,
    personsCount: r.persons_count,
    legalBasis: r.legal_basis,
    managedBy: r.managed_by,
    agreementId: r.agreement_id,
    public: r.is_public,
    notes: r.notes,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

async function loadRelocation(trx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.findRelocation(trx, ctx.actor.operationId, id);
  if (!row) throw notFound();
  return presentRelocation(row);
}

export function createRelocation(platform: Platform, ctx: RequestContext, input: RelocationInput) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    await repo.insertRelocation(trx, {
      operation_id: ctx.actor.operationId,
      id,
      from_site_id: input.fromSiteId ?? null,
      from_place: input.fromPlace ?? null,
      to_site_id: input.toSiteId ?? null,
      to_place: input.toPlace ?? null,
      relocated_on: input.date,
      persons_count: input.personsCount,
      legal_basis: input.legalBasis,
      managed_by: input.managedBy,
      agreement_id: input.agreementId ?? null,
      is_public: input.public,
      notes: input.notes ?? null,
      created_at: ctx.now,
      created_by: ctx.actor.userId,
      updated_at: ctx.now,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'relocation.created',
      entityType: 'relocation',
      entityId: id,
      details: { public: input.public },
    });
    return loadRelocation(trx, ctx, id);
  });
}

export function getRelocation(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, (trx) => loadRelocation(trx, ctx, id));
}

export function listRelocations(platform: Platform, ctx: RequestContext) {
  return asActor(platform, ctx, async (trx) => ({
    items: (await repo.listRelocations(trx, ctx.actor.operationId)).map(presentRelocation),
  }));
}

export function updateRelocation(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: RelocationPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const current = await loadRelocation(trx, ctx, id);
    const has = <K extends keyof RelocationPatch>(k: K): RelocationView[K & keyof RelocationView] =>
      (patch[k] === undefined ? current[k as keyof RelocationView] : patch[k]) as never;
    if (!has('fromSiteId') && !has('fromPlace'))
      throw fieldError('body.fromPlace', 'give fromSiteId or fromPlace');
    if (!has('toSiteId') && !has('toPlace'))
      throw fieldError('body.toPlace', 'give toSiteId or toPlace');
    const columns: Record<string, string> = {
      fromSiteId: 'from_site_id',
      fromPlace: 'from_place',
      toSiteId: 'to_site_id',
      toPlace: 'to_place',
      date: 'relocated_on',
      personsCount: 'persons_count',
      legalBasis: 'legal_basis',
      managedBy: 'managed_by',
      agreementId: 'agreement_id',
      public: 'is_public',
      notes: 'notes',
    };
    const changes = Object.fromEntries(
      Object.entries(patch).map(([k, v]) => [columns[k]!, v as unknown]),
    );
    const ok = await repo.updateRelocation(trx, ctx.actor.operationId, id, version, {
      ...changes,
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'relocation.updated',
      entityType: 'relocation',
      entityId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return loadRelocation(trx, ctx, id);
  });
}

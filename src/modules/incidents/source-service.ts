/** The source library: what incidents cite, each with its reliability grade (A–F). */
import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import * as evidence from './evidence-repository.ts';
import {
  URL_OR_REFERENCE,
  type SourceInput,
  type SourceListQuery,
  type SourcePatch,
} from './evidence-schema.ts';
import { presentSource } from './presenter.ts';

export function createSource(platform: Platform, ctx: RequestContext, input: SourceInput) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    await evidence.insertSource(trx, {
      operation_id: ctx.actor.operationId,
      id,
      kind: input.kind,
      title: input.title,
      author: input.author ?? null,
      published_on: input.publishedOn ?? null,
      url: input.url ?? null,
      reference: input.reference ?? null,
      reliability: input.reliability,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'source.created',
      entityType: 'source',
      entityId: id,
      details: { kind: input.kind, reliability: input.reliability },
    });
    return presentSource((await evidence.findSource(trx, ctx.actor.operationId, id))!);
  });
}

export function getSource(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, async (trx) => {
    const row = await evidence.findSource(trx, ctx.actor.operationId, id);
    if (!row) throw notFound();
    return presentSource(row);
  });
}

export function listSources(platform: Platform, ctx: RequestContext, q: SourceListQuery) {
  return asActor(platform, ctx, async (trx) => {
    const { limit, offset, ...filter } = q;
    const { total, rows } = await evidence.listSources(trx, ctx.actor.operationId, filter, {
      limit,
      offset,
    });
    return { total, items: rows.map(presentSource) };
  });
}

export function updateSource(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: SourcePatch,
) {
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    const row = await evidence.findSource(trx, op, id);
    if (!row) throw notFound();
    const url = patch.url !== undefined ? patch.url : row.url;
    const reference = patch.reference !== undefined ? patch.reference : row.reference;
    if (url === null && reference === null) throw fieldError('body.url', URL_OR_REFERENCE);
    const ok = await evidence.updateSource(
      trx,
      { operationId: op, id, version },
      {
        ...(patch.kind ? { kind: patch.kind } : {}),
        ...(patch.title ? { title: patch.title } : {}),
        ...(patch.author !== undefined ? { author: patch.author } : {}),
        ...(patch.publishedOn !== undefined ? { published_on: patch.publishedOn } : {}),
        url,
        reference,
        ...(patch.reliability ? { reliability: patch.reliability } : {}),
        updated_at: ctx.now,
      },
    );
    if (!ok) throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'source.updated',
      entityType: 'source',
      entityId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return presentSource((await evidence.findSource(trx, op, id))!);
  });
}

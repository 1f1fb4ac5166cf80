import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import { openSecret, sealSecret } from '../../platform/crypto/secret-box.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { loadVisible, visiblePersons } from '../registry/service.ts';
import { documentNumberHash } from './numbers.ts';
import * as repo from './repository.ts';
import type { DocumentInput, DocumentPatch, DocumentView } from './schema.ts';

const aadOf = (id: string) => `identity_documents:${id}`;

function present(platform: Platform, ctx: RequestContext, r: repo.DocumentRow): DocumentView {
  const readable = r.number_sealed && can(ctx.actor, 'documents.read_number');
  return {
    id: r.id,
    type: r.type as DocumentView['type'],
    issuer: r.issuer,
    number: readable
      ? openSecret(platform.keys.masterKey, r.number_sealed!, aadOf(r.id)).toString('utf8')
      : null,
    hasNumber: r.number_sealed !== null,
    expiresOn: r.expires_on,
    holder: r.holder as DocumentView['holder'],
    holderDetail: r.holder_detail,
    protectionConcern: r.holder === 'third_party',
    recordedAt: r.recorded_at.toISOString(),
    version: r.version,
  };
}

/** A third party holding someone's papers is recorded as a protection concern in the audit. */
function holderEvent(holder: string | undefined) {
  return holder === 'third_party' ? 'document.held_by_third_party' : undefined;
}

export function addDocument(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  input: DocumentInput,
) {
  const id = crypto.randomUUID();
  const { masterKey } = platform.keys;
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    await repo.insertDocument(trx, {
      operation_id: ctx.actor.operationId,
      id,
      person_id: personId,
      type: input.type,
      issuer: input.issuer,
      number_hash: input.number ? documentNumberHash(masterKey, input.issuer, input.number) : null,
      number_sealed: input.number ? sealSecret(masterKey, input.number, aadOf(id)) : null,
      expires_on: input.expiresOn ?? null,
      holder: input.holder,
      holder_detail: input.holderDetail ?? null,
      recorded_at: ctx.now,
      recorded_by: ctx.actor.userId,
      updated_at: ctx.now,
    });
    for (const action of ['document.added', holderEvent(input.holder)].filter(Boolean))
      await recordEvent(platform, trx, ctx, {
        action: action!,
        entityType: 'person',
        entityId: personId,
        details: { document: id, type: input.type },
      });
    return present(
      platform,
      ctx,
      (await repo.findDocument(trx, ctx.actor.operationId, personId, id))!,
    );
  });
}

export function listDocuments(platform: Platform, ctx: RequestContext, personId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const rows = await repo.listDocuments(trx, ctx.actor.operationId, personId);
    if (rows.some((r) => r.number_sealed) && can(ctx.actor, 'documents.read_number'))
      await recordEvent(platform, trx, ctx, {
        action: 'document.numbers_viewed',
        entityType: 'person',
        entityId: personId,
      });
    return { items: rows.map((r) => present(platform, ctx, r)) };
  });
}

export function updateDocument(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  documentId: string,
  version: number,
  patch: DocumentPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const row = await repo.findDocument(trx, ctx.actor.operationId, personId, documentId);
    if (!row) throw notFound();
    const ok = await repo.updateDocument(trx, ctx.actor.operationId, documentId, version, {
      ...(patch.expiresOn !== undefined ? { expires_on: patch.expiresOn } : {}),
      ...(patch.holder ? { holder: patch.holder } : {}),
      ...(patch.holderDetail !== undefined ? { holder_detail: patch.holderDetail } : {}),
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    const changedHolder = patch.holder && patch.holder !== row.holder ? patch.holder : undefined;
    for (const action of ['document.updated', holderEvent(changedHolder)].filter(Boolean))
      await recordEvent(platform, trx, ctx, {
        action: action!,
        entityType: 'person',
        entityId: personId,
        details: { document: documentId, fields: Object.keys(patch).sort() },
      });
    return present(
      platform,
      ctx,
      (await repo.findDocument(trx, ctx.actor.operationId, personId, documentId))!,
    );
  });
}

/** Persons the actor may see who hold a document with this issuer and number. */
export function matchDocumentNumber(
  platform: Platform,
  ctx: RequestContext,
  q: { issuer: string; number: string },
) {
  return asActor(platform, ctx, async (trx) => {
    const hash = documentNumberHash(platform.keys.masterKey, q.issuer, q.number);
    const rows = await repo.findByNumber(trx, ctx.actor.operationId, hash);
    const visible = await visiblePersons(
      trx,
      ctx,
      rows.map((r) => r.person_id),
    );
    await recordEvent(platform, trx, ctx, {
      action: 'document.number_matched',
      details: { results: rows.filter((r) => visible.has(r.person_id)).length },
    });
    return {
      items: rows
        .filter((r) => visible.has(r.person_id))
        .map((r) => ({ personId: r.person_id, type: r.type as DocumentView['type'] })),
    };
  });
}

/**
 * Testimonies: a statement in its original language and in translation, both sealed at the
 * field level (AES-256-GCM under the master key, bound to the row and column). The text is read
 * only by protection officers and the interviewer (policy.canReadTestimonyText); every read of
 * a testimony is audited, saying whether its text was shown.
 */
import crypto from 'node:crypto';
import type { Actor, RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { visiblePersons } from '../registry/service.ts';
import {
  refuseFuture,
  refuseIssues,
  requireIncidents,
  requirePersons,
  staffWith,
  viewerOf,
} from './access.ts';
import * as evidence from './evidence-repository.ts';
import {
  translationIssues,
  type TestimonyInput,
  type TestimonyListQuery,
  type TestimonyPatch,
} from './evidence-schema.ts';
import { canReadTestimonyText } from './policy.ts';
import { consentRecord, presentTestimony, seal } from './presenter.ts';
import { visibleIncidentIds } from './repository.ts';

/** The testimony when its person and every incident it is linked to are visible; else 404. */
async function loadTestimony(trx: Tx, ctx: RequestContext, id: string) {
  const op = ctx.actor.operationId;
  const row = await evidence.findTestimony(trx, op, id);
  if (!row) throw notFound();
  if (row.person_id && !(await visiblePersons(trx, ctx, [row.person_id])).has(row.person_id))
    throw notFound();
  const incidentIds = (await evidence.linksOf(trx, op, [id])).get(id) ?? [];
  const visible = can(ctx.actor, 'incidents.read')
    ? await visibleIncidentIds(trx, viewerOf(ctx), incidentIds)
    : new Set<string>();
  if (incidentIds.some((i) => !visible.has(i))) throw notFound();
  return { row, incidentIds };
}

/**
 * The interviewer reads the text, so they must be an active reader of testimonies who sees the
 * person and the incidents: otherwise the statement would be theirs and out of their reach.
 */
async function requireInterviewer(
  trx: Tx,
  ctx: RequestContext,
  userId: string,
  personId: string | null,
  incidentIds: readonly string[],
): Promise<void> {
  if (userId === ctx.actor.userId) return;
  const user = await staffWith(trx, ctx, userId, 'testimonies.read');
  if (!user) throw fieldError('body.interviewerId', 'is not an active user who takes testimonies');
  if (!(await seesAll(trx, ctx, user, personId, incidentIds)))
    throw fieldError('body.interviewerId', 'cannot see the person or an incident linked');
}

async function seesAll(
  trx: Tx,
  ctx: RequestContext,
  user: Actor,
  personId: string | null,
  incidentIds: readonly string[],
) {
  const as = { ...ctx, actor: user };
  if (personId && !(await visiblePersons(trx, as, [personId])).has(personId)) return false;
  if (!incidentIds.length) return true;
  if (!can(user, 'incidents.read')) return false;
  const seen = await visibleIncidentIds(trx, viewerOf(as), incidentIds);
  return incidentIds.every((i) => seen.has(i));
}

const sealText = (platform: Platform, text: string, column: string, id: string) =>
  seal(platform, text, `testimonies.${column}`, id);

async function view(platform: Platform, trx: Tx, ctx: RequestContext, id: string) {
  const { row, incidentIds } = await loadTestimony(trx, ctx, id);
  const readable = canReadTestimonyText(ctx.actor, { interviewerId: row.interviewer_id });
  await recordEvent(platform, trx, ctx, {
    action: 'testimony.viewed',
    entityType: 'testimony',
    entityId: id,
    details: { text: readable },
  });
  return presentTestimony(platform, row, incidentIds, { withText: readable, readable });
}

export function createTestimony(platform: Platform, ctx: RequestContext, input: TestimonyInput) {
  refuseFuture(ctx, { 'body.takenOn': input.takenOn });
  const id = crypto.randomUUID();
  const op = ctx.actor.operationId;
  const incidentIds = [...new Set(input.incidentIds)];
  const interviewerId = input.interviewerId ?? ctx.actor.userId;
  return asActor(platform, ctx, async (trx) => {
    await requirePersons(trx, ctx, [input.personId], () => 'body.personId');
    await requireIncidents(trx, ctx, input.incidentIds, (i) => `body.incidentIds.${i}`);
    await requireInterviewer(trx, ctx, interviewerId, input.personId ?? null, incidentIds);
    await evidence.insertTestimony(trx, {
      operation_id: op,
      id,
      person_id: input.personId ?? null,
      statement_sealed: sealText(platform, input.statement, 'statement', id),
      statement_language: input.statementLanguage,
      translation_sealed: input.translation
        ? sealText(platform, input.translation, 'translation', id)
        : null,
      translation_language: input.translationLanguage ?? null,
      interviewer_id: interviewerId,
      interpreter_name: input.interpreterName ?? null,
      taken_on: input.takenOn,
      consent: consentRecord(ctx, input.consent),
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await evidence.replaceLinks(trx, op, id, incidentIds);
    await recordEvent(platform, trx, ctx, {
      action: 'testimony.created',
      entityType: 'testimony',
      entityId: id,
      details: { incidents: incidentIds, translated: Boolean(input.translation) },
    });
    return view(platform, trx, ctx, id);
  });
}

export function getTestimony(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, (trx) => view(platform, trx, ctx, id));
}

/** Lists carry no text; textWithheld says whether opening one would show it to the caller. */
export function listTestimonies(platform: Platform, ctx: RequestContext, q: TestimonyListQuery) {
  return asActor(platform, ctx, async (trx) => {
    const { limit, offset, ...filter } = q;
    const { total, rows } = await evidence.listTestimonies(trx, viewerOf(ctx), filter, {
      limit,
      offset,
    });
    const links = await evidence.linksOf(
      trx,
      ctx.actor.operationId,
      rows.map((r) => r.id),
    );
    await recordEvent(platform, trx, ctx, {
      action: 'testimony.listed',
      details: { results: rows.length },
    });
    return {
      total,
      items: rows.map((r) =>
        presentTestimony(platform, r, links.get(r.id) ?? [], {
          withText: false,
          readable: canReadTestimonyText(ctx.actor, { interviewerId: r.interviewer_id }),
        }),
      ),
    };
  });
}

/** Changing a testimony needs its text in reach: protection officers and the interviewer. */
export function updateTestimony(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: TestimonyPatch,
) {
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    const { row, incidentIds } = await loadTestimony(trx, ctx, id);
    if (!canReadTestimonyText(ctx.actor, { interviewerId: row.interviewer_id }))
      throw new AppError('forbidden');
    const translationLanguage =
      patch.translationLanguage !== undefined
        ? patch.translationLanguage
        : row.translation_language;
    const hasTranslation =
      patch.translation !== undefined
        ? patch.translation !== null
        : row.translation_sealed !== null;
    refuseIssues(
      translationIssues({
        statementLanguage: patch.statementLanguage ?? row.statement_language,
        translation: hasTranslation ? 'present' : null,
        translationLanguage,
      }),
    );
    if (patch.takenOn) refuseFuture(ctx, { 'body.takenOn': patch.takenOn });
    const personId = patch.personId !== undefined ? patch.personId : row.person_id;
    const links = patch.incidentIds ? [...new Set(patch.incidentIds)] : incidentIds;
    if (patch.personId) await requirePersons(trx, ctx, [patch.personId], () => 'body.personId');
    if (patch.incidentIds)
      await requireIncidents(trx, ctx, patch.incidentIds, (i) => `body.incidentIds.${i}`);
    await requireInterviewer(trx, ctx, patch.interviewerId ?? row.interviewer_id, personId, links);
    const ok = await evidence.updateTestimony(
      trx,
      { operationId: op, id, version },
      {
        person_id: personId,
        ...(patch.statement
          ? { statement_sealed: sealText(platform, patch.statement, 'statement', id) }
          : {}),
        ...(patch.statementLanguage ? { statement_language: patch.statementLanguage } : {}),
        ...(patch.translation !== undefined
          ? {
              translation_sealed: patch.translation
                ? sealText(platform, patch.translation, 'translation', id)
                : null,
            }
          : {}),
        translation_language: translationLanguage,
        ...(patch.interviewerId ? { interviewer_id: patch.interviewerId } : {}),
        ...(patch.interpreterName !== undefined ? { interpreter_name: patch.interpreterName } : {}),
        ...(patch.takenOn ? { taken_on: patch.takenOn } : {}),
        ...(patch.consent !== undefined ? { consent: consentRecord(ctx, patch.consent) } : {}),
        updated_at: ctx.now,
      },
    );
    if (!ok) throw new AppError('precondition_failed');
    if (patch.incidentIds) await evidence.replaceLinks(trx, op, id, links);
    await recordEvent(platform, trx, ctx, {
      action: 'testimony.updated',
      entityType: 'testimony',
      entityId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return view(platform, trx, ctx, id);
  });
}

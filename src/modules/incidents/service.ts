/**
 * Incidents (after the HURIDOCS events model): what happened, when and where, who was involved
 * and how, the rights touched, sensitivity and consent. Every write and every read is audited
 * with ids and codes only; the description is sealed.
 */
import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { notify } from '../notifications/service.ts';
import { visiblePersons } from '../registry/service.ts';
import {
  loadIncident,
  refuseFuture,
  refuseIssues,
  requirePersons,
  staffWith,
  viewerOf,
} from './access.ts';
import { sortActs, sortArticles, type Act, type Sensitivity } from './catalogue.ts';
import { citationViews } from './citation-service.ts';
import { flaggedCounts } from './evidence-repository.ts';
import { canChangeSensitivity, canDeleteIncident } from './policy.ts';
import { consentRecord, presentIncident, seal } from './presenter.ts';
import * as repo from './repository.ts';
import type {
  IncidentDetail,
  IncidentInput,
  IncidentListQuery,
  IncidentPatch,
  InvolvementInput,
} from './schema.ts';
import type { InvolvementsTable } from './tables.ts';
import { incidentIssues, type IncidentFields } from './validation.ts';

const RESTRICT_MESSAGE = 'only a protection officer may restrict an incident or lift it';

function involvementRows(
  operationId: string,
  incidentId: string,
  list: readonly InvolvementInput[],
): Insertable<InvolvementsTable>[] {
  return list.map((v, position) => ({
    operation_id: operationId,
    id: crypto.randomUUID(),
    incident_id: incidentId,
    position,
    role: v.role,
    subject: v.subject,
    person_id: v.personId ?? null,
    label: v.label ?? null,
    perpetrator_type: v.perpetratorType ?? null,
    degree: v.degree ?? null,
  }));
}

async function detailOf(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  row: repo.IncidentRow,
  involvements: readonly repo.InvolvementRow[],
): Promise<IncidentDetail> {
  const citations = (await citationViews(platform, trx, ctx.actor.operationId, [row.id])).get(
    row.id,
  );
  const list = citations ?? [];
  return {
    ...presentIncident(platform, row, involvements, list.filter((c) => c.flags.length).length),
    citations: list,
  };
}

async function reload(platform: Platform, trx: Tx, ctx: RequestContext, id: string) {
  const { row, involvements } = await loadIncident(trx, ctx, id);
  return detailOf(platform, trx, ctx, row, involvements);
}

/** Whoever makes an incident sensitive or restricted is named on it, or it could vanish for them. */
async function nameSelfIfNeeded(trx: Tx, ctx: RequestContext, id: string, s: Sensitivity) {
  if (s !== 'normal')
    await repo.grantAccess(
      trx,
      ctx.actor.operationId,
      id,
      ctx.actor.userId,
      ctx.now,
      ctx.actor.userId,
    );
}

export function createIncident(platform: Platform, ctx: RequestContext, input: IncidentInput) {
  refuseFuture(ctx, { 'body.when.from': input.when.from, 'body.when.to': input.when.to });
  if (!canChangeSensitivity(ctx.actor, 'normal', input.sensitivity))
    throw fieldError('body.sensitivity', RESTRICT_MESSAGE, 'forbidden');
  const id = crypto.randomUUID();
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    await requirePersons(
      trx,
      ctx,
      input.involvements.map((v) => v.personId),
      (i) => `body.involvements.${i}.personId`,
    );
    await repo.insertIncident(trx, {
      operation_id: op,
      id,
      acts: sortActs(input.acts),
      act_other: input.actOther ?? null,
      description_sealed: seal(platform, input.description, 'incidents.description', id),
      occurred_from: input.when.from,
      occurred_to: input.when.to ?? null,
      date_precision: input.when.precision,
      site_id: input.where.siteId ?? null,
      place: input.where.place ?? null,
      place_precision: input.where.precision,
      articles: sortArticles(input.articles),
      sensitivity: input.sensitivity,
      consent_use: consentRecord(ctx, input.consentToUse),
      consent_share: consentRecord(ctx, input.consentToShare),
      agency_id: ctx.actor.agencyId,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await nameSelfIfNeeded(trx, ctx, id, input.sensitivity);
    await repo.replaceInvolvements(trx, op, id, involvementRows(op, id, input.involvements));
    await recordEvent(platform, trx, ctx, {
      action: 'incident.created',
      entityType: 'incident',
      entityId: id,
      details: {
        acts: sortActs(input.acts),
        sensitivity: input.sensitivity,
        involvements: input.involvements.length,
      },
    });
    return reload(platform, trx, ctx, id);
  });
}

export function getIncident(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, async (trx) => {
    const { row, involvements } = await loadIncident(trx, ctx, id);
    await recordEvent(platform, trx, ctx, {
      action: 'incident.viewed',
      entityType: 'incident',
      entityId: id,
      details: { sensitivity: row.sensitivity },
    });
    return detailOf(platform, trx, ctx, row, involvements);
  });
}

export function listIncidents(platform: Platform, ctx: RequestContext, q: IncidentListQuery) {
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    const { limit, offset, ...filter } = q;
    const { total, rows } = await repo.listIncidents(trx, viewerOf(ctx), filter, { limit, offset });
    const ids = rows.map((r) => r.id);
    const involvements = await repo.involvementsOf(trx, op, ids);
    const flagged = await flaggedCounts(trx, op, ids);
    await recordEvent(platform, trx, ctx, {
      action: 'incident.listed',
      details: { results: rows.length, ...(q.personId ? { person: q.personId } : {}) },
    });
    return {
      total,
      items: rows.map((r) => presentIncident(platform, r, involvements, flagged.get(r.id) ?? 0)),
    };
  });
}

/** The stored incident as the fields a change is merged into. */
function fieldsOf(row: repo.IncidentRow, involvements: readonly repo.InvolvementRow[]) {
  return {
    acts: row.acts,
    actOther: row.act_other,
    when: { from: row.occurred_from, to: row.occurred_to },
    where: { siteId: row.site_id, place: row.place, precision: row.place_precision },
    involvements: involvements.map((v) => ({
      role: v.role,
      subject: v.subject,
      personId: v.person_id,
      label: v.label,
      perpetratorType: v.perpetrator_type,
      degree: v.degree,
    })),
    articles: row.articles,
  } satisfies IncidentFields;
}

export function updateIncident(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: IncidentPatch,
) {
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    const { row, involvements } = await loadIncident(trx, ctx, id);
    const stored = fieldsOf(row, involvements);
    const acts = patch.acts ?? (stored.acts as Act[]);
    const merged: IncidentFields = {
      acts,
      // Dropping the act 'other' drops what it was.
      actOther:
        patch.actOther !== undefined
          ? patch.actOther
          : acts.includes('other')
            ? stored.actOther
            : null,
      when: patch.when ?? stored.when,
      where: patch.where ?? stored.where,
      involvements: patch.involvements ?? stored.involvements,
      articles: patch.articles ?? stored.articles,
    };
    refuseIssues(incidentIssues(merged));
    if (patch.when)
      refuseFuture(ctx, { 'body.when.from': patch.when.from, 'body.when.to': patch.when.to });
    const sensitivity = patch.sensitivity ?? (row.sensitivity as Sensitivity);
    if (!canChangeSensitivity(ctx.actor, row.sensitivity as Sensitivity, sensitivity))
      throw fieldError('body.sensitivity', RESTRICT_MESSAGE, 'forbidden');
    if (patch.involvements)
      await requirePersons(
        trx,
        ctx,
        patch.involvements.map((v) => v.personId),
        (i) => `body.involvements.${i}.personId`,
      );
    const ok = await repo.updateIncident(trx, op, id, version, {
      acts: sortActs(merged.acts as Act[]),
      act_other: merged.actOther ?? null,
      ...(patch.description
        ? { description_sealed: seal(platform, patch.description, 'incidents.description', id) }
        : {}),
      ...(patch.when
        ? {
            occurred_from: patch.when.from,
            occurred_to: patch.when.to ?? null,
            date_precision: patch.when.precision,
          }
        : {}),
      ...(patch.where
        ? {
            site_id: patch.where.siteId ?? null,
            place: patch.where.place ?? null,
            place_precision: patch.where.precision,
          }
        : {}),
      articles: sortArticles(merged.articles),
      sensitivity,
      ...(patch.consentToUse !== undefined
        ? { consent_use: consentRecord(ctx, patch.consentToUse) }
        : {}),
      ...(patch.consentToShare !== undefined
        ? { consent_share: consentRecord(ctx, patch.consentToShare) }
        : {}),
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    // Named first: under row-level security a newly restricted incident hides its involvements.
    if (sensitivity !== row.sensitivity) await nameSelfIfNeeded(trx, ctx, id, sensitivity);
    if (patch.involvements)
      await repo.replaceInvolvements(trx, op, id, involvementRows(op, id, patch.involvements));
    await recordEvent(platform, trx, ctx, {
      action: 'incident.updated',
      entityType: 'incident',
      entityId: id,
      details: { fields: Object.keys(patch).sort(), sensitivity },
    });
    return reload(platform, trx, ctx, id);
  });
}

export function deleteIncident(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
) {
  return asActor(platform, ctx, async (trx) => {
    const { row } = await loadIncident(trx, ctx, id);
    if (!canDeleteIncident(ctx.actor, row.created_by)) throw new AppError('forbidden');
    if (!(await repo.deleteIncident(trx, ctx.actor.operationId, id, version)))
      throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'incident.deleted',
      entityType: 'incident',
      entityId: id,
      details: { sensitivity: row.sensitivity },
    });
  });
}

/**
 * Names another user on the incident (a restricted one exists only for the users named on it).
 * They must read incidents and see every person involved, or naming them would show nothing.
 */
export function nameUser(platform: Platform, ctx: RequestContext, id: string, userId: string) {
  return asActor(platform, ctx, async (trx) => {
    const { involvements } = await loadIncident(trx, ctx, id);
    const user = await staffWith(trx, ctx, userId, 'incidents.read');
    if (!user) throw fieldError('body.userId', 'is not an active user who reads incidents');
    const persons = involvements.flatMap((v) => (v.person_id ? [v.person_id] : []));
    const seen = can(user, 'persons.read')
      ? await visiblePersons(trx, { ...ctx, actor: user }, persons)
      : new Map();
    if (persons.some((p) => !seen.has(p)))
      throw fieldError(
        'body.userId',
        'cannot see a person involved; name them on that person first',
      );
    await repo.grantAccess(trx, ctx.actor.operationId, id, userId, ctx.now, ctx.actor.userId);
    await notify(trx, ctx, [userId], {
      kind: 'record_shared',
      entityType: 'incident',
      entityId: id,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'incident.user_named',
      entityType: 'incident',
      entityId: id,
      details: { user: userId },
    });
  });
}

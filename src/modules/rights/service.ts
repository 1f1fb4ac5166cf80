import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/errors.ts';
import type { Tx } from '../../platform/db/context.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { listLegalStatuses, loadVisible } from '../registry/service.ts';
import { listResidences } from '../residences/service.ts';
import { CATALOGUE, CATALOGUE_VERSION } from './catalogue.ts';
import { compileProfile, DEFAULT_HOST_PROFILE, type HostProfile } from './engine.ts';
import * as repo from './repository.ts';
import type { AssessmentInput, AssessmentView, HostProfileInput } from './schema.ts';

const SUMMARIES = new Map(CATALOGUE.map((a) => [a.article, a.summary]));

async function loadProfile(trx: Tx, operationId: string) {
  const row = await repo.findProfile(trx, operationId);
  const profile = (row?.profile as HostProfile | undefined) ?? DEFAULT_HOST_PROFILE;
  return {
    ...(profile as HostProfileInput),
    catalogueVersion: CATALOGUE_VERSION,
    version: row?.version ?? 0,
  };
}

/** The operation's host-state profile; version 0 means the default, never edited. */
export function getHostProfile(platform: Platform, ctx: RequestContext) {
  return asActor(platform, ctx, (trx) => loadProfile(trx, ctx.actor.operationId));
}

export function saveHostProfile(
  platform: Platform,
  ctx: RequestContext,
  version: number,
  input: HostProfileInput,
) {
  compileProfile(input); // refuses settings the engine has no reading for
  return asActor(platform, ctx, async (trx) => {
    const ok = await repo.saveProfile(
      trx,
      ctx.actor.operationId,
      version,
      input,
      ctx.now,
      ctx.actor.userId,
    );
    if (!ok) throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'host_profile.updated',
      entityType: 'operation',
      entityId: ctx.actor.operationId,
      details: {
        party1951: input.party1951,
        party1967: input.party1967,
        reservations: input.reservations.map((r) => `${r.article}:${r.effect}`),
      },
    });
    return loadProfile(trx, ctx.actor.operationId);
  });
}

/** What the Convention owes the person on `asOf` under this operation's host profile, and why. */
export async function entitlements(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  asOf: string | undefined,
) {
  const statuses = (await listLegalStatuses(platform, ctx, personId)).items;
  const residences = (await listResidences(platform, ctx, personId)).items;
  const profile = await getHostProfile(platform, ctx);
  const day = asOf ?? ctx.now.toISOString().slice(0, 10);
  const result = compileProfile(profile)({ statuses, residences, asOf: day });
  await asActor(platform, ctx, (trx) =>
    recordEvent(platform, trx, ctx, {
      action: 'person.entitlements_viewed',
      entityType: 'person',
      entityId: personId,
    }),
  );
  return {
    asOf: result.asOf,
    catalogueVersion: CATALOGUE_VERSION,
    convention: { binds: result.convention.binds, reason: result.convention.reason },
    attachment: {
      level: result.attachment.level,
      since: result.attachment.since,
      reason: result.attachment.reason,
    },
    refugeeStatus: result.refugeeStatus,
    refugeeStatusReason: result.refugeeStatusReason,
    items: result.items.map((i) => ({
      ...i,
      facts: [...i.facts],
      summary: SUMMARIES.get(i.article) ?? { en: i.title, sq: i.title, ar: i.title, fa: i.title },
    })),
  };
}

function presentAssessment(r: repo.AssessmentRow): AssessmentView {
  return {
    id: r.id,
    personId: r.person_id,
    article: r.article,
    access: r.access as AssessmentView['access'],
    barriers: r.barriers,
    assessedOn: r.assessed_on,
    method: r.method as AssessmentView['method'],
    reliability: r.reliability as AssessmentView['reliability'],
    siteId: r.site_id,
    round: r.round,
    note: r.note,
    assessorId: r.assessor_id,
    recordedAt: r.recorded_at.toISOString(),
  };
}

export function addAssessment(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  input: AssessmentInput,
) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const [row] = await repo.insertAssessments(trx, [
      {
        operation_id: ctx.actor.operationId,
        id: crypto.randomUUID(),
        person_id: personId,
        article: input.article,
        access: input.access,
        barriers: input.barriers,
        assessed_on: input.assessedOn,
        method: input.method,
        reliability: input.reliability,
        site_id: input.siteId ?? null,
        round: input.round ?? null,
        note: input.note ?? null,
        assessor_id: ctx.actor.userId,
        recorded_at: ctx.now,
      },
    ]);
    await recordEvent(platform, trx, ctx, {
      action: 'rights.assessed',
      entityType: 'person',
      entityId: personId,
      details: { article: input.article, access: input.access },
    });
    return presentAssessment(row!);
  });
}

export function listAssessments(platform: Platform, ctx: RequestContext, personId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const rows = await repo.listAssessments(trx, ctx.actor.operationId, personId);
    return { items: rows.map(presentAssessment) };
  });
}

/**
 * The person's rights gap: each right owed ('yes' or 'if-refugee') whose latest assessment
 * says access is 'none' or 'partial', with its barriers.
 */
export async function rightsGaps(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  asOf: string | undefined,
) {
  const owed = await entitlements(platform, ctx, personId, asOf);
  const latest = new Map<string, AssessmentView>();
  for (const a of (await listAssessments(platform, ctx, personId)).items)
    if (!latest.has(a.article) && a.assessedOn <= owed.asOf) latest.set(a.article, a);
  const items = owed.items.flatMap((i) => {
    const a = latest.get(i.article) ?? latest.get(i.article.replace(/\(.*$/, ''));
    if ((i.owed !== 'yes' && i.owed !== 'if-refugee') || !a) return [];
    if (a.access !== 'none' && a.access !== 'partial') return [];
    return [
      {
        article: i.article,
        title: i.title,
        owed: i.owed,
        access: a.access,
        barriers: a.barriers,
        assessedOn: a.assessedOn,
        reliability: a.reliability,
      },
    ];
  });
  return { asOf: owed.asOf, items };
}

import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { AppError } from '../../platform/errors.ts';
import type { Tx } from '../../platform/db/context.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { seesSensitive } from '../registry/policy.ts';
import { listLegalStatuses, loadVisible } from '../registry/service.ts';
import { suppressTable, type Cell } from '../reports/suppression.ts';
import { listResidences } from '../residences/service.ts';
import { getSite } from '../sites/service.ts';
import { CATALOGUE, CATALOGUE_VERSION } from './catalogue.ts';
import { compileProfile, DEFAULT_HOST_PROFILE, type HostProfile } from './engine.ts';
import { addGroup, rightsClass, type Matrix, type OwedMap } from './matrix.ts';
import * as repo from './repository.ts';
import { checkRoundEntries, writeRound, type RoundEntry } from './rounds.ts';
import type { AssessmentInput, AssessmentView, HostProfileInput, RoundInput } from './schema.ts';

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

/**
 * Brings every person's rights class up to date for `asOf` under the current host profile, in
 * pages: only persons without a class for that day and profile version, or (`everyone`) all
 * of them. After the first run of a day the matrix costs one grouping query.
 */
async function refreshClasses(
  platform: Platform,
  ctx: RequestContext,
  profile: Awaited<ReturnType<typeof getHostProfile>>,
  asOf: string,
  q: { siteId: string | undefined; everyone: boolean },
): Promise<number> {
  const evaluate = compileProfile(profile);
  const at = { day: asOf, version: profile.version };
  let after: string | null = null;
  let evaluated = 0;
  for (;;) {
    const rows = await asActor(platform, ctx, async (trx) => {
      const page = await repo.factsPage(trx, ctx.actor.operationId, {
        after,
        limit: 5000,
        siteId: q.siteId,
        staleFor: q.everyone ? null : at,
      });
      const classes = new Map<string, OwedMap>();
      const assigned = page.map((r) => {
        const c = rightsClass(evaluate({ statuses: r.statuses, residences: r.residences, asOf }));
        classes.set(c.key, c.owed);
        return { personId: r.id, classKey: c.key, siteId: r.site_id };
      });
      await repo.saveClasses(
        trx,
        ctx.actor.operationId,
        [...classes].map(([key, owed]) => ({ key, owed })),
        assigned,
        at,
      );
      return page;
    });
    evaluated += rows.length;
    if (rows.length < 5000) return evaluated;
    after = rows.at(-1)!.id;
  }
}

/**
 * The operation's (or one site's) rights-gap matrix: sites × articles, counting persons owed
 * each right and their latest observed access. Readers who may not see persons get every count
 * through small-cell suppression (with complementary suppression across each site).
 */
export async function gapMatrix(
  platform: Platform,
  ctx: RequestContext,
  q: { siteId?: string; asOf?: string },
) {
  const asOf = q.asOf ?? ctx.now.toISOString().slice(0, 10);
  const profile = await getHostProfile(platform, ctx);
  const op = ctx.actor.operationId;
  const at = { day: asOf, version: profile.version };
  // The whole operation: one pass counts the classes and finds whether any person lacks one;
  // only then are classes brought up to date. A site: brought up to date first, its few
  // residents only.
  const groupsNow = () =>
    asActor(platform, ctx, async (trx) =>
      q.siteId
        ? { groups: await repo.classGroups(trx, op, q.siteId), stale: 0 }
        : repo.operationClassGroups(trx, op, at),
    );
  let evaluated = 0;
  let counted = q.siteId ? null : await groupsNow();
  if (!counted || counted.stale > 0) {
    // When most persons have no class for the day (the day's first matrix), evaluating them
    // all is cheaper than finding the few that have one, and needs no statistics on the
    // classes to plan well.
    const total = counted ? counted.stale + counted.groups.reduce((n, g) => n + g.persons, 0) : 0;
    const everyone = !!counted && counted.stale * 2 > total;
    evaluated = await refreshClasses(platform, ctx, profile, asOf, { siteId: q.siteId, everyone });
    counted = await groupsNow();
  }
  const { groups } = counted;
  const matrix: Matrix = new Map();
  await asActor(platform, ctx, async (trx) => {
    const access = new Map<string, Map<string, Record<string, number>>>();
    for (const a of await repo.accessGroups(trx, ctx.actor.operationId, asOf, q.siteId)) {
      const group = `${a.site_id ?? ''}|${a.class_key}`;
      const byArticle = access.get(group) ?? new Map<string, Record<string, number>>();
      byArticle.set(a.article, { ...byArticle.get(a.article), [a.access]: a.persons });
      access.set(group, byArticle);
    }
    for (const g of groups)
      addGroup(
        matrix,
        g.site_id,
        g.owed as OwedMap,
        g.persons,
        access.get(`${g.site_id ?? ''}|${g.class_key}`) ?? new Map(),
      );
    await recordEvent(platform, trx, ctx, {
      action: 'report.rights_gaps',
      details: { site: q.siteId ?? null, evaluated },
    });
  });
  // Only protection officers see every non-restricted person; everyone else gets small cells
  // suppressed, since a cell may count persons they may not see.
  return presentMatrix(matrix, asOf, !seesSensitive(ctx.actor));
}

const COUNTS = ['owed', 'full', 'partial', 'none', 'unassessed'] as const;

function presentMatrix(matrix: Matrix, asOf: string, suppress: boolean) {
  const articles = CATALOGUE.map((a) => a.article).filter((a) =>
    [...matrix.values()].some((row) => row.has(a)),
  );
  const sites = [...matrix.keys()].sort();
  const tables = Object.fromEntries(
    COUNTS.map((k) => {
      const cells = sites.map((s) => articles.map((a) => matrix.get(s)!.get(a)?.[k] ?? 0));
      return [k, suppress ? suppressTable({ cells }).cells : cells];
    }),
  ) as Record<(typeof COUNTS)[number], readonly (readonly Cell[])[]>;
  return {
    asOf,
    suppressed: suppress,
    articles,
    sites: sites.map((siteId, i) => ({
      siteId: siteId === '' ? null : siteId,
      cells: articles.map((article, j) => {
        const count = (k: (typeof COUNTS)[number]) => showCell(tables[k][i]![j]!);
        const owed = tables.owed[i]![j]!;
        const full = tables.full[i]![j]!;
        return {
          article,
          owed: count('owed'),
          full: count('full'),
          partial: count('partial'),
          none: count('none'),
          unassessed: count('unassessed'),
          shareWithAccess:
            typeof owed === 'number' && typeof full === 'number' && owed > 0
              ? Math.round((full / owed) * 1000) / 1000
              : null,
        };
      }),
    })),
  };
}

const showCell = (c: Cell): number | string => (typeof c === 'number' ? c : c.label);

/**
 * A protection-monitoring round on a site: many assessments, all or none. Every person must be
 * one the actor may see and a resident of the site on the day (rounds.ts, shared with imports).
 */
export async function recordRound(
  platform: Platform,
  ctx: RequestContext,
  siteId: string,
  input: RoundInput,
) {
  await getSite(platform, ctx, siteId);
  const entries: RoundEntry[] = input.entries.map((e) => ({
    personId: e.personId,
    article: e.article,
    access: e.access,
    barriers: e.barriers,
    assessedOn: input.assessedOn,
    method: input.method,
    reliability: input.reliability,
    note: e.note ?? null,
  }));
  return asActor(platform, ctx, async (trx) => {
    const problems = await checkRoundEntries(trx, ctx, siteId, entries);
    if (problems.length)
      throw new AppError('validation_failed', {
        errors: problems.map((p) => ({
          field: `body.entries.${p.index}.${p.field}`,
          message: p.message,
        })),
      });
    const recorded = await writeRound(platform, trx, ctx, siteId, input.round, entries, {
      kind: 'form',
    });
    return { round: input.round, recorded };
  });
}

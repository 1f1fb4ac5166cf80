/**
 * Aggregate reports: raw counts from the assistance and self-reliance modules, suppressed here
 * (suppression.ts through tables.ts) before they leave. Every count of every report is
 * suppressed for every caller: the roles that read aggregates (analysts, programme and
 * protection officers) are the ones that must not recognise a person in them, and the public
 * page builds on the same functions.
 */
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { accessCounts, dependencyCounts, reachedCounts } from '../assistance/indicators-service.ts';
import { PROGRAMME_TYPES, type ProgrammeType } from '../assistance/indicators.ts';
import { LEGAL_STATUSES } from '../registry/schema.ts';
import { assessmentsBySite } from '../selfreliance/service.ts';
import { siteAverage, sriTotal, type SriAssessment } from '../selfreliance/sri.ts';
import * as repo from './repository.ts';
import type {
  AccessReport,
  DependencyReport,
  PopulationReport,
  ReachedReport,
  SriDistributionReport,
  SriReport,
} from './schema.ts';
import { suppressionLabel } from './suppression.ts';
import {
  SRI_BINS,
  SRI_BINNING,
  lastQuarters,
  publishedThreshold,
  shareOf,
  sriBinOf,
  suppressCells,
  suppressOne,
  suppressSiteTable,
} from './tables.ts';

const today = (now: Date) => now.toISOString().slice(0, 10);

export async function thresholdOf(trx: Tx, operationId: string): Promise<number> {
  return publishedThreshold(await repo.suppressionSetting(trx, operationId));
}

const suppressionOf = (threshold: number) => ({
  suppressionThreshold: threshold,
  suppressedLabel: suppressionLabel(threshold),
});

export async function buildDependency(
  trx: Tx,
  operationId: string,
  q: { from?: string; to?: string; threshold?: number },
  now: Date,
): Promise<DependencyReport> {
  const threshold = await thresholdOf(trx, operationId);
  const raw = await dependencyCounts(trx, operationId, { ...q, today: today(now) });
  const table = suppressSiteTable(
    raw.rows.map((r) => ({
      siteId: r.site_id,
      siteName: r.site_name,
      counts: [r.flagged, r.not_flagged],
    })),
    2,
    threshold,
  );
  const figures = (
    dependent: DependencyReport['totals']['dependent'],
    notDependent: typeof dependent,
    assessed: typeof dependent,
  ) => ({
    dependent,
    notDependent,
    assessed,
    share: shareOf(dependent, assessed),
  });
  return {
    from: raw.from,
    to: raw.to,
    threshold: raw.threshold,
    reportingCurrency: raw.reportingCurrency,
    ...suppressionOf(threshold),
    sites: table.rows.map((r) => ({
      siteId: r.siteId,
      siteName: r.siteName,
      ...figures(r.cells[0]!, r.cells[1]!, r.total),
    })),
    totals: figures(table.columnTotals[0]!, table.columnTotals[1]!, table.grandTotal),
  };
}

export async function buildAccess(
  trx: Tx,
  operationId: string,
  asOf: string,
): Promise<AccessReport> {
  const threshold = await thresholdOf(trx, operationId);
  const raw = await accessCounts(trx, operationId, asOf);
  const table = suppressSiteTable(
    raw.rows.map((r) => ({
      siteId: r.site_id,
      siteName: r.site_name,
      counts: [r.with_access, r.without_access],
    })),
    2,
    threshold,
  );
  const figures = (
    withAccess: AccessReport['totals']['withAccess'],
    withoutAccess: typeof withAccess,
    workingAge: typeof withAccess,
  ) => ({
    withAccess,
    withoutAccess,
    workingAge,
    share: shareOf(withAccess, workingAge),
  });
  return {
    asOf: raw.asOf,
    windowStart: raw.windowStart,
    ...suppressionOf(threshold),
    sites: table.rows.map((r) => ({
      siteId: r.siteId,
      siteName: r.siteName,
      ...figures(r.cells[0]!, r.cells[1]!, r.total),
    })),
    totals: figures(table.columnTotals[0]!, table.columnTotals[1]!, table.grandTotal),
  };
}

export async function buildReached(
  trx: Tx,
  operationId: string,
  q: { from?: string; to?: string },
  now: Date,
): Promise<ReachedReport> {
  const threshold = await thresholdOf(trx, operationId);
  const raw = await reachedCounts(trx, operationId, { ...q, today: today(now) });
  const types = PROGRAMME_TYPES.filter((t) => raw.rows.some((r) => r.programme_type === t));
  const sites = new Map<
    string,
    { siteId: string | null; siteName: string | null; byType: number[]; persons: number }
  >();
  for (const r of raw.rows) {
    const key = r.site_id ?? '';
    if (!sites.has(key))
      sites.set(key, {
        siteId: r.site_id,
        siteName: r.site_name,
        byType: types.map(() => 0),
        persons: 0,
      });
    const s = sites.get(key)!;
    if (r.programme_type === null) s.persons = r.persons;
    else s.byType[types.indexOf(r.programme_type as ProgrammeType)] = r.persons;
  }
  const list = [...sites.values()];
  const cells = suppressCells(
    list.map((s) => s.byType),
    threshold,
  );
  return {
    from: raw.from,
    to: raw.to,
    ...suppressionOf(threshold),
    programmeTypes: types,
    sites: list.map((s, i) => ({
      siteId: s.siteId,
      siteName: s.siteName,
      byType: cells[i]!,
      persons: suppressOne(s.persons, threshold),
    })),
  };
}

/** Site averages of each household's latest SRI total, by the operation's current method. */
export async function buildSri(
  trx: Tx,
  operationId: string,
  siteId: string | null,
): Promise<SriReport> {
  const threshold = await thresholdOf(trx, operationId);
  const { config, sites } = await assessmentsBySite(trx, operationId, siteId);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    method: config.method,
    minHouseholds: threshold,
    ...suppressionOf(threshold),
    sites: sites.map((s) => {
      const avg = siteAverage(s.assessments, config, { minHouseholds: threshold });
      const shown = avg.value !== null;
      return {
        siteId: s.siteId,
        siteName: s.siteName,
        households: suppressOne(avg.households, threshold),
        refused: suppressOne(avg.refused, threshold),
        average: shown ? round(avg.value) : null,
        min: shown ? round(avg.min) : null,
        max: shown ? round(avg.max) : null,
        reason: shown ? null : avg.reason,
      };
    }),
  };
}

/** Standard statuses in their fixed order, then national (x_) ones by code, then none (null). */
function statusColumns(found: readonly (string | null)[]): (string | null)[] {
  const present = new Set(found);
  const standard: (string | null)[] = LEGAL_STATUSES.filter((k) => present.has(k));
  const national = [...present]
    .filter((k): k is string => k !== null && !(LEGAL_STATUSES as readonly string[]).includes(k))
    .sort();
  return [...standard, ...national, ...(present.has(null) ? [null] : [])];
}

/**
 * Persons by legal status valid on `asOf` × site of residence on that day, with row, column and
 * grand totals suppressed together (complementary suppression: no hidden cell can be worked out
 * from the totals). Restricted persons are never counted.
 */
export async function buildPopulation(
  trx: Tx,
  operationId: string,
  asOf: string,
): Promise<PopulationReport> {
  const threshold = await thresholdOf(trx, operationId);
  const raw = await repo.populationBySiteAndStatus(trx, operationId, asOf);
  const statuses = statusColumns(raw.map((r) => r.status));
  const sites = new Map<
    string,
    { siteId: string | null; siteName: string | null; counts: number[] }
  >();
  for (const r of raw) {
    const key = r.site_id ?? '';
    if (!sites.has(key))
      sites.set(key, { siteId: r.site_id, siteName: r.site_name, counts: statuses.map(() => 0) });
    sites.get(key)!.counts[statuses.indexOf(r.status)]! += r.persons;
  }
  const table = suppressSiteTable([...sites.values()], statuses.length, threshold);
  return {
    asOf,
    ...suppressionOf(threshold),
    statuses,
    sites: table.rows.map((r) => ({
      siteId: r.siteId,
      siteName: r.siteName,
      byStatus: r.cells,
      total: r.total,
    })),
    totals: { byStatus: table.columnTotals, total: table.grandTotal },
  };
}

/** Each household's latest assessment (by date, then id, like sri.ts). */
function latestPerHousehold(assessments: readonly SriAssessment[]): SriAssessment[] {
  const latest = new Map<string, SriAssessment>();
  for (const a of assessments) {
    const seen = latest.get(a.householdId);
    if (
      seen === undefined ||
      seen.assessedOn < a.assessedOn ||
      (seen.assessedOn === a.assessedOn && seen.id < a.id)
    )
      latest.set(a.householdId, a);
  }
  return [...latest.values()];
}

/**
 * Households per SRI bin (their latest total by the operation's method, binned as SRI_BINNING
 * says) per site, suppressed with totals; and the operation-wide average of the households
 * assessed in each of the last 8 calendar quarters (sri.ts's siteAverage: each household's
 * latest assessment of the quarter, refused below the suppression threshold of households).
 */
export async function buildSriDistribution(
  trx: Tx,
  operationId: string,
  now: Date,
): Promise<SriDistributionReport> {
  const threshold = await thresholdOf(trx, operationId);
  const { config, sites } = await assessmentsBySite(trx, operationId, null);
  const counted = sites.map((s) => {
    const counts = SRI_BINS.map(() => 0);
    let refused = 0;
    for (const a of latestPerHousehold(s.assessments)) {
      const total = sriTotal(a.domains, config);
      if (total.value === null) refused++;
      else counts[sriBinOf(total)]!++;
    }
    return { siteId: s.siteId, siteName: s.siteName, counts, refused };
  });
  const table = suppressSiteTable(counted, SRI_BINS.length, threshold);
  const all = sites.flatMap((s) => s.assessments);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    method: config.method,
    binning: SRI_BINNING,
    minHouseholds: threshold,
    ...suppressionOf(threshold),
    bins: SRI_BINS.map((b) => ({ ...b })),
    sites: table.rows.map((r, i) => ({
      siteId: r.siteId,
      siteName: r.siteName,
      byBin: r.cells,
      households: r.total,
      refused: suppressOne(counted[i]!.refused, threshold),
    })),
    totals: { byBin: table.columnTotals, households: table.grandTotal },
    trend: lastQuarters(today(now), 8).map((q) => {
      const inQuarter = all.filter((a) => a.assessedOn >= q.from && a.assessedOn <= q.to);
      const avg = siteAverage(inQuarter, config, { minHouseholds: threshold });
      return {
        ...q,
        households: suppressOne(avg.households, threshold),
        average: avg.value === null ? null : round(avg.value),
        reason: avg.value === null ? avg.reason : null,
      };
    }),
  };
}

// ----- for signed-in readers -------------------------------------------------------------------

async function audited<T>(
  platform: Platform,
  ctx: RequestContext,
  report: string,
  format: string,
  build: (trx: Tx) => Promise<T>,
): Promise<T> {
  return asActor(platform, ctx, async (trx) => {
    const result = await build(trx);
    if (format !== 'json')
      await recordEvent(platform, trx, ctx, {
        action: 'report.exported',
        details: { report, format },
      });
    return result;
  });
}

export function dependencyReport(
  platform: Platform,
  ctx: RequestContext,
  q: { from?: string; to?: string; threshold?: number; format: string },
) {
  return audited(platform, ctx, 'dependency', q.format, (trx) =>
    buildDependency(trx, ctx.actor.operationId, q, ctx.now),
  );
}

export function accessReport(
  platform: Platform,
  ctx: RequestContext,
  q: { asOf?: string; format: string },
) {
  return audited(platform, ctx, 'self-reliance-access', q.format, (trx) =>
    buildAccess(trx, ctx.actor.operationId, q.asOf ?? today(ctx.now)),
  );
}

export function reachedReport(
  platform: Platform,
  ctx: RequestContext,
  q: { from?: string; to?: string; format: string },
) {
  return audited(platform, ctx, 'reached', q.format, (trx) =>
    buildReached(trx, ctx.actor.operationId, q, ctx.now),
  );
}

export function sriReport(
  platform: Platform,
  ctx: RequestContext,
  q: { siteId?: string; format: string },
) {
  return audited(platform, ctx, 'sri', q.format, (trx) =>
    buildSri(trx, ctx.actor.operationId, q.siteId ?? null),
  );
}

export function populationReport(
  platform: Platform,
  ctx: RequestContext,
  q: { asOf?: string; format: string },
) {
  return audited(platform, ctx, 'population', q.format, (trx) =>
    buildPopulation(trx, ctx.actor.operationId, q.asOf ?? today(ctx.now)),
  );
}

export function sriDistributionReport(
  platform: Platform,
  ctx: RequestContext,
  q: { format: string },
) {
  return audited(platform, ctx, 'sri-distribution', q.format, (trx) =>
    buildSriDistribution(trx, ctx.actor.operationId, ctx.now),
  );
}

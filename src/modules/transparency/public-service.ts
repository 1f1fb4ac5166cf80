/**
 * The public transparency page of an operation: no sign-in, nothing about an individual.
 * Agreements marked public, programmes, and the per-site aggregates — every count through
 * small-cell suppression (the same builders the reports use), no ids of persons or sites, and no
 * date finer than a month. The figures cover the 12 complete months before the current one, so
 * they change once a month and cannot be differenced day by day.
 */
import { inTransaction } from '../../platform/db/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { programmesIn } from '../assistance/service.ts';
import { buildAccess, buildDependency, buildReached, thresholdOf } from '../reports/service.ts';
import { suppressionLabel } from '../reports/suppression.ts';
import { suppressOne } from '../reports/tables.ts';
import * as repo from './repository.ts';
import type { AgreementView, PublicView } from './schema.ts';
import { agreementsIn } from './service.ts';

const month = (date: string) => date.slice(0, 7);

/** The 12 complete months before `now`'s month. */
export function publicPeriod(now: Date): { from: string; to: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { from: iso(new Date(Date.UTC(y - 1, m, 1))), to: iso(new Date(Date.UTC(y, m, 0))) };
}

/** Transactions summed by type and currency (their dates would be finer than a month). */
function transactionTotals(a: AgreementView) {
  const sums = new Map<string, { type: string; currency: string; cents: number; count: number }>();
  for (const t of a.transactions) {
    const key = `${t.type} ${t.currency}`;
    const s = sums.get(key) ?? { type: t.type, currency: t.currency, cents: 0, count: 0 };
    s.cents += Math.round(Number(t.value) * 100);
    s.count++;
    sums.set(key, s);
  }
  return [...sums.values()].map((s) => ({
    type: s.type,
    currency: s.currency,
    total: (s.cents / 100).toFixed(2),
    count: s.count,
  }));
}

/**
 * Answers are kept for a few minutes per operation: the page is public, costs a full set of
 * aggregates, and its figures only change monthly, so a burst of anonymous requests must not
 * become a burst of queries (the embedded database runs one at a time).
 */
const CACHE_MS = 5 * 60_000;
const cache = new WeakMap<Platform, Map<string, { at: number; view: PublicView }>>();

export async function publicTransparency(
  platform: Platform,
  code: string,
  now: Date,
): Promise<PublicView> {
  const entries = cache.get(platform) ?? new Map<string, { at: number; view: PublicView }>();
  cache.set(platform, entries);
  const hit = entries.get(code);
  if (hit && now.getTime() - hit.at < CACHE_MS && hit.at <= now.getTime()) return hit.view;
  const view = await buildPublicPage(platform, code, now);
  entries.set(code, { at: now.getTime(), view });
  return view;
}

/** The page, computed now (publicTransparency caches it). */
export async function buildPublicPage(
  platform: Platform,
  code: string,
  now: Date,
): Promise<PublicView> {
  const operation = await inTransaction(platform.db, null, (trx) =>
    repo.operationByCode(trx, code),
  );
  if (!operation) throw notFound();
  const op = operation.id;
  // No user: row-level security shows no restricted record, and the SQL leaves them out anyway.
  return inTransaction(platform.db, { operationId: op, userId: null }, async (trx) => {
    const period = publicPeriod(now);
    const threshold = await thresholdOf(trx, op);
    const programmes = await programmesIn(trx, op);
    const programmeNames = new Map(programmes.map((p) => [p.id, p.name]));
    const sites = await repo.siteNames(trx, op);
    const agreements = await agreementsIn(trx, op, true);
    const reached = await buildReached(trx, op, period, now);
    const dependency = await buildDependency(trx, op, period, now);
    const access = await buildAccess(trx, op, period.to);
    const relocations = await repo.publicRelocations(trx, op);
    const noIds = <T extends { siteId: unknown }>({ siteId: _id, ...rest }: T) => rest;
    return {
      operation: { code: operation.code, name: operation.name },
      period: { from: month(period.from), to: month(period.to) },
      suppressionThreshold: threshold,
      suppressedLabel: suppressionLabel(threshold),
      agreements: agreements.map((a) => ({
        iatiIdentifier: a.iatiIdentifier,
        title: a.title,
        purpose: a.purpose,
        amount: a.amount,
        currency: a.currency,
        startMonth: month(a.startDate),
        endMonth: a.endDate ? month(a.endDate) : null,
        status: a.status,
        parties: a.parties.map((p) => ({ name: p.name, role: p.role })),
        programmes: a.programmeIds.flatMap((id) => programmeNames.get(id) ?? []),
        transactions: transactionTotals(a),
      })),
      programmes: programmes.map((p) => ({
        name: p.name,
        type: p.type,
        provider: p.providerName,
        independenceClass: p.independenceClass,
        sites: p.siteIds.flatMap((id) => sites.get(id) ?? []),
        startMonth: month(p.startDate),
        endMonth: p.endDate ? month(p.endDate) : null,
      })),
      reached: { programmeTypes: reached.programmeTypes, sites: reached.sites.map(noIds) },
      dependency: {
        threshold: dependency.threshold,
        sites: dependency.sites.map(noIds),
        totals: dependency.totals,
      },
      selfRelianceAccess: { sites: access.sites.map(noIds), totals: access.totals },
      relocations: relocations.map((r) => ({
        month: month(r.relocated_on),
        from: r.from_name,
        to: r.to_name,
        persons: suppressOne(r.persons_count, threshold),
        legalBasis: r.legal_basis,
        managedBy: r.managed_by,
      })),
    };
  });
}

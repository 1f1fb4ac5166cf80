/**
 * Raw per-site indicator counts for the reports module, inside the caller's transaction. These
 * counts are not for presenting: reports/service.ts suppresses small cells first.
 */
import type { Tx } from '../../platform/db/context.ts';
import { accessWindowStart, periodOf } from './indicators.ts';
import * as q from './indicators-repository.ts';
import { loadSettings } from './service.ts';

export type { ReachedRow, SiteAccessRow, SiteDependencyRow } from './indicators-repository.ts';

export async function dependencyCounts(
  trx: Tx,
  operationId: string,
  params: { from?: string; to?: string; threshold?: number; today: string },
) {
  const settings = await loadSettings(trx, operationId);
  const period = periodOf(params, params.today);
  const threshold = params.threshold ?? settings.dependencyThreshold;
  const rows = await q.dependencyBySite(trx, operationId, {
    ...period,
    currency: settings.reportingCurrency,
    threshold,
  });
  return { ...period, threshold, reportingCurrency: settings.reportingCurrency, rows };
}

export async function accessCounts(trx: Tx, operationId: string, asOf: string) {
  const windowStart = accessWindowStart(asOf);
  const rows = await q.accessBySite(trx, operationId, { asOf, windowStart });
  return { asOf, windowStart, rows };
}

export async function reachedCounts(
  trx: Tx,
  operationId: string,
  params: { from?: string; to?: string; today: string },
) {
  const period = periodOf(params, params.today);
  return { ...period, rows: await q.reachedBySite(trx, operationId, period) };
}

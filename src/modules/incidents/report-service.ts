/**
 * The protection-monitoring report: per site and period, incidents by act, by perpetrator type
 * and by linked article, every count small-cell suppressed with the operation's threshold
 * (reports/suppression.ts, as every other report), for every reader.
 *
 * Each dimension is a sites × categories table published with its column totals: an incident
 * belongs to one site row, so a column adds up across sites and complementary suppression keeps
 * hidden cells from being worked out from those totals. Rows do not add up (an incident may
 * have several acts), so no row totals are published beside them; the incidents per site are
 * their own list with its total. Known limit, as for the reached report: a reader who assumes
 * one act per incident can bound a hidden cell from the site's incident count.
 */
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { fieldError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { thresholdOf } from '../reports/service.ts';
import {
  suppressionLabel,
  suppressList,
  suppressTable,
  type Cell,
} from '../reports/suppression.ts';
import { ACTS, PERPETRATOR_TYPES, sortArticles } from './catalogue.ts';
import { monitoringCounts, siteName, type KeyedCount } from './report-repository.ts';
import type { MonitoringQuery, MonitoringReport } from './report-schema.ts';

export const COUNTED =
  'incidents whose date or date range overlaps the period; restricted incidents and incidents involving a restricted person are never counted';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

function yearBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return dayOf(d);
}

/** Sites × keys, suppressed with column totals. */
function dimension(
  siteKeys: readonly (string | null)[],
  keys: readonly string[],
  counts: readonly KeyedCount[],
  threshold: number,
): { rows: Cell[][]; totals: Cell[] } {
  const cells = siteKeys.map(() => keys.map(() => 0));
  for (const c of counts) {
    const i = siteKeys.indexOf(c.site_id);
    const j = keys.indexOf(c.key);
    if (i >= 0 && j >= 0) cells[i]![j]! += c.n;
  }
  const columnTotals = keys.map((_, j) => cells.reduce((sum, row) => sum + row[j]!, 0));
  if (!siteKeys.length || !keys.length) return { rows: cells, totals: columnTotals };
  const out = suppressTable({ cells, columnTotals }, { threshold });
  return { rows: out.cells.map((r) => [...r]), totals: [...out.columnTotals!] };
}

export async function buildMonitoring(
  trx: Tx,
  operationId: string,
  q: { siteId: string | null; from: string; to: string },
): Promise<MonitoringReport> {
  const threshold = await thresholdOf(trx, operationId);
  const raw = await monitoringCounts(trx, operationId, q);
  const sites = raw.incidents.map((r) => ({ siteId: r.site_id, siteName: r.site_name, n: r.n }));
  if (q.siteId && !sites.length) {
    const name = await siteName(trx, operationId, q.siteId);
    if (name === null) throw fieldError('query.siteId', 'does not exist');
    sites.push({ siteId: q.siteId, siteName: name, n: 0 });
  }
  const siteKeys = sites.map((s) => s.siteId);
  const articles = sortArticles(raw.articles.map((a) => a.key));
  const incidents = suppressList(
    sites.map((s) => s.n),
    { threshold },
  );
  const acts = dimension(siteKeys, ACTS, raw.acts, threshold);
  const perpetrators = dimension(siteKeys, PERPETRATOR_TYPES, raw.perpetrators, threshold);
  const byArticle = dimension(siteKeys, articles, raw.articles, threshold);
  return {
    from: q.from,
    to: q.to,
    siteId: q.siteId,
    suppressionThreshold: threshold,
    suppressedLabel: suppressionLabel(threshold),
    counted: COUNTED,
    acts: [...ACTS],
    perpetratorTypes: [...PERPETRATOR_TYPES],
    articles,
    sites: sites.map((s, i) => ({
      siteId: s.siteId,
      siteName: s.siteName,
      incidents: incidents.cells[i]!,
      byAct: acts.rows[i]!,
      byPerpetratorType: perpetrators.rows[i]!,
      byArticle: byArticle.rows[i]!,
    })),
    totals: {
      incidents: incidents.total ?? 0,
      byAct: acts.totals,
      byPerpetratorType: perpetrators.totals,
      byArticle: byArticle.totals,
    },
  };
}

export function monitoringReport(platform: Platform, ctx: RequestContext, q: MonitoringQuery) {
  const to = q.to ?? dayOf(ctx.now);
  const from = q.from ?? yearBefore(to);
  if (from > to) throw fieldError('query.from', 'must not be after to');
  return asActor(platform, ctx, async (trx) => {
    const report = await buildMonitoring(trx, ctx.actor.operationId, {
      siteId: q.siteId ?? null,
      from,
      to,
    });
    if (q.format !== 'json')
      await recordEvent(platform, trx, ctx, {
        action: 'report.exported',
        details: { report: 'protection-monitoring', format: q.format },
      });
    return report;
  });
}

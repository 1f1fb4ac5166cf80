/**
 * The protection-monitoring report as HXL-tagged CSV (HXL 1.1: the hashtag row directly under
 * the header), written by platform/tabular's writeTable like the other reports: one row per site
 * and a last row of totals; hidden counts as their label ('<5').
 */
import { PassThrough } from 'node:stream';
import { writeTable, type WriteColumn, type WriteRow } from '../../platform/tabular/index.ts';
import { cellText } from '../reports/tables.ts';
import type { MonitoringReport } from './report-schema.ts';

/** An article as an HXL attribute: '17(2)(a)' → 'x_article_17_2_a'. */
export const articleAttribute = (article: string) =>
  `x_article_${article.replace(/[()]+/g, '_').replace(/_+$/, '')}`;

export async function monitoringCsv(r: MonitoringReport): Promise<string> {
  const columns: WriteColumn[] = [
    { header: 'Site', key: 'site', hxl: '#loc +name' },
    { header: 'Site id', key: 'siteId', hxl: '#loc +code' },
    { header: 'From', key: 'from', hxl: '#date +start' },
    { header: 'To', key: 'to', hxl: '#date +end' },
    { header: 'Incidents', key: 'incidents', hxl: '#indicator +num +x_incidents' },
    ...r.acts.map((a) => ({
      header: `Incidents with act: ${a}`,
      key: `act_${a}`,
      hxl: `#indicator +num +x_act_${a}`,
    })),
    ...r.perpetratorTypes.map((p) => ({
      header: `Incidents by perpetrator type: ${p}`,
      key: `perpetrator_${p}`,
      hxl: `#indicator +num +x_perpetrator_${p}`,
    })),
    ...r.articles.map((a) => ({
      header: `Incidents linked to article ${a}`,
      key: `article_${a}`,
      hxl: `#indicator +num +${articleAttribute(a)}`,
    })),
  ];
  const row = (site: string, siteId: string, f: MonitoringReport['totals']): WriteRow => ({
    site,
    siteId,
    from: r.from,
    to: r.to,
    incidents: cellText(f.incidents),
    ...Object.fromEntries(r.acts.map((a, i) => [`act_${a}`, cellText(f.byAct[i]!)])),
    ...Object.fromEntries(
      r.perpetratorTypes.map((p, i) => [`perpetrator_${p}`, cellText(f.byPerpetratorType[i]!)]),
    ),
    ...Object.fromEntries(r.articles.map((a, i) => [`article_${a}`, cellText(f.byArticle[i]!)])),
  });
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeTable(out, { format: 'hxl-csv', columns }, [
    ...r.sites.map((s) => row(s.siteName ?? '(no site)', s.siteId ?? '', s)),
    row('(all sites)', '', r.totals),
  ]);
  return Buffer.concat(chunks).toString('utf8');
}

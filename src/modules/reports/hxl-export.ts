/**
 * Each report as an HXL-tagged CSV (HXL 1.1: the hashtag row directly under the header), written
 * by src/platform/tabular's writeTable. Hidden counts are written as their label ('<5'). Only
 * the columns listed here are written.
 */
import { PassThrough } from 'node:stream';
import { writeTable, type WriteColumn, type WriteRow } from '../../platform/tabular/index.ts';
import type {
  AccessReport,
  DependencyReport,
  PopulationReport,
  ReachedReport,
  SriDistributionReport,
  SriReport,
} from './schema.ts';
import { cellText } from './tables.ts';

async function hxlCsv(columns: WriteColumn[], rows: WriteRow[]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeTable(out, { format: 'hxl-csv', columns }, rows);
  return Buffer.concat(chunks).toString('utf8');
}

const SITE: WriteColumn[] = [
  { header: 'Site', key: 'site', hxl: '#loc +name' },
  { header: 'Site id', key: 'siteId', hxl: '#loc +code' },
];
const siteOf = (s: { siteId: string | null; siteName: string | null }) => ({
  site: s.siteName ?? '(no site)',
  siteId: s.siteId ?? '',
});

export function dependencyCsv(r: DependencyReport): Promise<string> {
  return hxlCsv(
    [
      ...SITE,
      { header: 'From', key: 'from', hxl: '#date +start' },
      { header: 'To', key: 'to', hxl: '#date +end' },
      {
        header: 'Persons with valued essentials',
        key: 'assessed',
        hxl: '#reached +ind +x_essentials',
      },
      {
        header: 'Dependent on group-linked sponsors',
        key: 'dependent',
        hxl: '#indicator +num +x_dependent',
      },
      { header: 'Not dependent', key: 'notDependent', hxl: '#indicator +num +x_not_dependent' },
      { header: 'Share dependent', key: 'share', hxl: '#indicator +pct +x_dependency' },
      { header: 'Threshold', key: 'threshold', hxl: '#x_threshold' },
    ],
    r.sites.map((s) => ({
      ...siteOf(s),
      from: r.from,
      to: r.to,
      assessed: cellText(s.assessed),
      dependent: cellText(s.dependent),
      notDependent: cellText(s.notDependent),
      share: s.share,
      threshold: r.threshold,
    })),
  );
}

export function accessCsv(r: AccessReport): Promise<string> {
  return hxlCsv(
    [
      ...SITE,
      { header: 'As of', key: 'asOf', hxl: '#date +reported' },
      {
        header: 'Working-age persons (18-59)',
        key: 'workingAge',
        hxl: '#population +ind +adults +x_age_18_59',
      },
      {
        header: 'In training or livelihoods (12 months)',
        key: 'withAccess',
        hxl: '#indicator +num +x_livelihood_access',
      },
      {
        header: 'Not in training or livelihoods',
        key: 'withoutAccess',
        hxl: '#indicator +num +x_no_livelihood_access',
      },
      { header: 'Share with access', key: 'share', hxl: '#indicator +pct +x_livelihood_access' },
    ],
    r.sites.map((s) => ({
      ...siteOf(s),
      asOf: r.asOf,
      workingAge: cellText(s.workingAge),
      withAccess: cellText(s.withAccess),
      withoutAccess: cellText(s.withoutAccess),
      share: s.share,
    })),
  );
}

export function reachedCsv(r: ReachedReport): Promise<string> {
  return hxlCsv(
    [
      ...SITE,
      { header: 'From', key: 'from', hxl: '#date +start' },
      { header: 'To', key: 'to', hxl: '#date +end' },
      ...r.programmeTypes.map((t) => ({
        header: `Persons reached: ${t}`,
        key: `type_${t}`,
        hxl: `#reached +ind +x_${t}`,
      })),
      { header: 'Persons reached (any programme)', key: 'persons', hxl: '#reached +ind +total' },
    ],
    r.sites.map((s) => ({
      ...siteOf(s),
      from: r.from,
      to: r.to,
      ...Object.fromEntries(r.programmeTypes.map((t, i) => [`type_${t}`, cellText(s.byType[i]!)])),
      persons: cellText(s.persons),
    })),
  );
}

export function sriCsv(r: SriReport): Promise<string> {
  return hxlCsv(
    [
      ...SITE,
      { header: 'Households assessed', key: 'households', hxl: '#population +hh +x_sri_assessed' },
      { header: 'SRI average', key: 'average', hxl: '#x_sri_score +x_average' },
      { header: 'Method', key: 'method', hxl: '#x_sri_method' },
    ],
    r.sites.map((s) => ({
      ...siteOf(s),
      households: cellText(s.households),
      average: s.average,
      method: r.method,
    })),
  );
}

/** A legal-status code as an HXL attribute: x_ codes keep their prefix once. */
const statusAttribute = (status: string | null) =>
  status === null ? '+x_no_status' : `+x_${status.replace(/^x_/, 'national_')}`;

/** One row per site and a last row of column totals; one column per status, then the total. */
export function populationCsv(r: PopulationReport): Promise<string> {
  const key = (i: number) => `status_${i}`;
  return hxlCsv(
    [
      ...SITE,
      { header: 'As of', key: 'asOf', hxl: '#date +reported' },
      ...r.statuses.map((status, i) => ({
        header: `Persons: ${status ?? 'no status'}`,
        key: key(i),
        hxl: `#population +ind ${statusAttribute(status)}`,
      })),
      { header: 'Persons (all statuses)', key: 'total', hxl: '#population +ind +total' },
    ],
    [
      ...r.sites.map((s) => ({
        ...siteOf(s),
        asOf: r.asOf,
        ...Object.fromEntries(s.byStatus.map((c, i) => [key(i), cellText(c)])),
        total: cellText(s.total),
      })),
      {
        site: '(all sites)',
        siteId: '',
        asOf: r.asOf,
        ...Object.fromEntries(r.totals.byStatus.map((c, i) => [key(i), cellText(c)])),
        total: cellText(r.totals.total),
      },
    ],
  );
}

/** Households per SRI bin per site, then a row of totals (the trend is in the JSON only). */
export function sriDistributionCsv(r: SriDistributionReport): Promise<string> {
  const key = (i: number) => `bin_${i}`;
  return hxlCsv(
    [
      ...SITE,
      ...r.bins.map((b, i) => ({
        header: `Households with SRI ${b.from}-${b.to}`,
        key: key(i),
        hxl: `#population +hh +x_sri_${b.from}_${b.to}`,
      })),
      { header: 'Households assessed', key: 'households', hxl: '#population +hh +x_sri_assessed' },
      { header: 'Method', key: 'method', hxl: '#x_sri_method' },
    ],
    [
      ...r.sites.map((s) => ({
        ...siteOf(s),
        ...Object.fromEntries(s.byBin.map((c, i) => [key(i), cellText(c)])),
        households: cellText(s.households),
        method: r.method,
      })),
      {
        site: '(all sites)',
        siteId: '',
        ...Object.fromEntries(r.totals.byBin.map((c, i) => [key(i), cellText(c)])),
        households: cellText(r.totals.households),
        method: r.method,
      },
    ],
  );
}

import { useTranslation } from 'react-i18next';
import { BarChart, type BarRow } from '../charts/BarChart';
import { ChartCard } from '../charts/ChartCard';
import { LineChart, type LinePoint } from '../charts/LineChart';
import {
  countText,
  countValue,
  isHidden,
  numberText,
  shareText,
  type ChartTable,
  type Count,
} from '../charts/model';
import { seriesColor } from '../charts/palette';
import type { ProgrammeType } from './api';

// The indicator charts of the operation dashboard and of the public page. They take the rows
// the reports publish (already suppressed by the server); a site row may lack its id (public).

interface SiteRow {
  siteId?: string | null;
  siteName: string | null;
}

const rowKey = (site: SiteRow, i: number) => site.siteId ?? site.siteName ?? `row-${i}`;

function useSiteLabel() {
  const { t } = useTranslation();
  return (site: SiteRow) => site.siteName ?? t('dashboard.noSite');
}

/** A count as a bar: its length, or a dashed stub labelled "<5". */
function countBar(c: Count, language: string) {
  return { value: countValue(c), text: countText(c, language), hidden: isHidden(c) };
}

const percent = (language: string) => (v: number) => shareText(v, language);

interface CommonProps {
  testId: string;
  /** Server HXL CSV of the same table (signed-in readers). */
  serverCsv?: () => Promise<string>;
  suppressedLabel: string;
  suppressionThreshold: number;
}

export interface DependencySite extends SiteRow {
  dependent: Count;
  notDependent: Count;
  assessed: Count;
  share: number | null;
}

/**
 * Share of the persons assessed at each site who got more than the threshold of their
 * essentials from group-linked sponsors; a site with any such person is flagged.
 */
export function DependencyChart({
  sites,
  threshold,
  ...common
}: CommonProps & { sites: DependencySite[]; threshold: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = useSiteLabel();
  const flagged = (s: DependencySite) => isHidden(s.dependent) || s.dependent > 0;
  const rows: BarRow[] = sites.map((s, i) => ({
    key: rowKey(s, i),
    label: label(s),
    flagged: flagged(s),
    values: [
      s.share === null
        ? { value: null, text: isHidden(s.dependent) ? s.dependent.label : '—', hidden: true }
        : { value: s.share, text: shareText(s.share, lang) },
    ],
  }));
  const table: ChartTable = {
    columns: [
      t('dashboard.site'),
      t('dashboard.dependency.dependent'),
      t('dashboard.dependency.notDependent'),
      t('dashboard.dependency.assessed'),
      t('dashboard.share'),
      t('dashboard.dependency.flag'),
    ],
    rows: sites.map((s, i) => ({
      key: rowKey(s, i),
      cells: [
        label(s),
        countText(s.dependent, lang),
        countText(s.notDependent, lang),
        countText(s.assessed, lang),
        shareText(s.share, lang),
        flagged(s) ? t('dashboard.dependency.flagged') : '—',
      ],
    })),
  };
  const title = t('dashboard.dependency.title');
  return (
    <ChartCard
      title={title}
      description={t('dashboard.dependency.description', {
        threshold: shareText(threshold, lang),
      })}
      testId={common.testId}
      table={table}
      serverCsv={common.serverCsv}
      emptyText={sites.length ? undefined : t('dashboard.noData')}
      footnote={t('dashboard.suppressedNote', {
        label: common.suppressedLabel,
        threshold: common.suppressionThreshold,
      })}
    >
      <BarChart
        title={title}
        summary={t('dashboard.dependency.summary', { count: sites.length })}
        rows={rows}
        series={[{ key: 'share', label: t('dashboard.share'), color: seriesColor(0) }]}
        max={1}
        tickText={percent(lang)}
        flagText="⚑"
        testId={`${common.testId}-chart`}
      />
    </ChartCard>
  );
}

export interface AccessSite extends SiteRow {
  withAccess: Count;
  withoutAccess: Count;
  workingAge: Count;
  share: number | null;
}

/** Working-age persons (18–59) enrolled in training or livelihoods in the last 12 months. */
export function AccessChart({ sites, ...common }: CommonProps & { sites: AccessSite[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = useSiteLabel();
  const rows: BarRow[] = sites.map((s, i) => ({
    key: rowKey(s, i),
    label: label(s),
    values: [
      s.share === null
        ? { value: null, text: isHidden(s.withAccess) ? s.withAccess.label : '—', hidden: true }
        : { value: s.share, text: shareText(s.share, lang) },
    ],
  }));
  const table: ChartTable = {
    columns: [
      t('dashboard.site'),
      t('dashboard.access.withAccess'),
      t('dashboard.access.withoutAccess'),
      t('dashboard.access.workingAge'),
      t('dashboard.share'),
    ],
    rows: sites.map((s, i) => ({
      key: rowKey(s, i),
      cells: [
        label(s),
        countText(s.withAccess, lang),
        countText(s.withoutAccess, lang),
        countText(s.workingAge, lang),
        shareText(s.share, lang),
      ],
    })),
  };
  const title = t('dashboard.access.title');
  return (
    <ChartCard
      title={title}
      description={t('dashboard.access.description')}
      testId={common.testId}
      table={table}
      serverCsv={common.serverCsv}
      emptyText={sites.length ? undefined : t('dashboard.noData')}
      footnote={t('dashboard.suppressedNote', {
        label: common.suppressedLabel,
        threshold: common.suppressionThreshold,
      })}
    >
      <BarChart
        title={title}
        summary={t('dashboard.access.summary', { count: sites.length })}
        rows={rows}
        series={[{ key: 'share', label: t('dashboard.share'), color: seriesColor(2) }]}
        max={1}
        tickText={percent(lang)}
        testId={`${common.testId}-chart`}
      />
    </ChartCard>
  );
}

export interface ReachSite extends SiteRow {
  byType: Count[];
  persons: Count;
}

/** Distinct persons reached per site, one bar per programme type. */
export function ReachChart({
  sites,
  programmeTypes,
  ...common
}: CommonProps & { sites: ReachSite[]; programmeTypes: ProgrammeType[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = useSiteLabel();
  const typeLabel = (type: ProgrammeType) => t(`assistance.programmeTypes.${type}`);
  const rows: BarRow[] = sites.map((s, i) => ({
    key: rowKey(s, i),
    label: label(s),
    values: s.byType.map((c) => countBar(c, lang)),
  }));
  const table: ChartTable = {
    columns: [t('dashboard.site'), ...programmeTypes.map(typeLabel), t('dashboard.reach.persons')],
    rows: sites.map((s, i) => ({
      key: rowKey(s, i),
      cells: [label(s), ...s.byType.map((c) => countText(c, lang)), countText(s.persons, lang)],
    })),
  };
  const title = t('dashboard.reach.title');
  return (
    <ChartCard
      title={title}
      description={t('dashboard.reach.description')}
      testId={common.testId}
      table={table}
      serverCsv={common.serverCsv}
      emptyText={sites.length ? undefined : t('dashboard.noData')}
      footnote={t('dashboard.suppressedNote', {
        label: common.suppressedLabel,
        threshold: common.suppressionThreshold,
      })}
    >
      <BarChart
        title={title}
        summary={t('dashboard.reach.summary', { count: sites.length })}
        rows={rows}
        series={programmeTypes.map((type, i) => ({
          key: type,
          label: typeLabel(type),
          color: seriesColor(i),
        }))}
        tickText={(v) => numberText(v, lang, 0)}
        testId={`${common.testId}-chart`}
      />
    </ChartCard>
  );
}

export interface SriSite extends SiteRow {
  households: Count;
  refused: Count;
  average: number | null;
  min: number | null;
  max: number | null;
  reason: string | null;
}

/** The axis of an SRI total by method when no site says otherwise: sums up to 60, means to 5. */
export function sriScale(method: string): { min: number; max: number } {
  return method.startsWith('sum') ? { min: 0, max: 60 } : { min: 0, max: 5 };
}

/**
 * Each site's average of its households' latest SRI total. The report's min and max are the
 * range such an average can take (the means of the households' own ranges), shown as the scale.
 */
export function SriSitesChart({
  sites,
  method,
  ...common
}: CommonProps & { sites: SriSite[]; method: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = useSiteLabel();
  const scale = sriScale(method);
  const top = Math.max(scale.max, ...sites.map((s) => s.max ?? 0));
  const reason = (s: SriSite) =>
    s.reason ? t(`dashboard.sri.reasons.${s.reason}`, { defaultValue: s.reason }) : '';
  const rows: BarRow[] = sites.map((s, i) => ({
    key: rowKey(s, i),
    label: label(s),
    values: [
      s.average === null
        ? { value: null, text: countText(s.households, lang), hidden: true }
        : { value: s.average, text: numberText(s.average, lang) },
    ],
  }));
  const table: ChartTable = {
    columns: [
      t('dashboard.site'),
      t('dashboard.sri.households'),
      t('dashboard.sri.average'),
      t('dashboard.sri.scale'),
      t('dashboard.sri.notShown'),
    ],
    rows: sites.map((s, i) => ({
      key: rowKey(s, i),
      cells: [
        label(s),
        countText(s.households, lang),
        numberText(s.average, lang),
        s.min !== null && s.max !== null
          ? `${numberText(s.min, lang)}–${numberText(s.max, lang)}`
          : '—',
        reason(s),
      ],
    })),
  };
  const title = t('dashboard.sri.title');
  return (
    <ChartCard
      title={title}
      description={t('dashboard.sri.description', {
        method: t(`sri.methods.${method}`, { defaultValue: method }),
      })}
      testId={common.testId}
      table={table}
      serverCsv={common.serverCsv}
      emptyText={sites.length ? undefined : t('dashboard.noData')}
      footnote={t('dashboard.sri.footnote', { threshold: common.suppressionThreshold })}
    >
      <BarChart
        title={title}
        summary={t('dashboard.sri.summary', { count: sites.length })}
        rows={rows}
        series={[{ key: 'average', label: t('dashboard.sri.average'), color: seriesColor(3) }]}
        min={scale.min}
        max={top}
        tickText={(v) => numberText(v, lang, 1)}
        testId={`${common.testId}-chart`}
      />
    </ChartCard>
  );
}

export interface PopulationSite extends SiteRow {
  byStatus: Count[];
  total: Count;
}

/**
 * Persons by legal status (one bar per status) at each site, on a day. The table adds each
 * site's total and a row of totals; hidden counts are drawn as dashed stubs labelled "<5".
 */
export function PopulationChart({
  sites,
  statuses,
  totals,
  asOf,
  ...common
}: CommonProps & {
  sites: PopulationSite[];
  statuses: (string | null)[];
  totals: { byStatus: Count[]; total: Count };
  asOf: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = useSiteLabel();
  const statusLabel = (status: string | null) =>
    status === null
      ? t('reports.population.noStatus')
      : t(`legalStatus.codes.${status}`, { defaultValue: status });
  const rows: BarRow[] = sites.map((s, i) => ({
    key: rowKey(s, i),
    label: label(s),
    values: s.byStatus.map((c) => countBar(c, lang)),
  }));
  const table: ChartTable = {
    columns: [t('dashboard.site'), ...statuses.map(statusLabel), t('reports.population.total')],
    rows: [
      ...sites.map((s, i) => ({
        key: rowKey(s, i),
        cells: [label(s), ...s.byStatus.map((c) => countText(c, lang)), countText(s.total, lang)],
      })),
      ...(sites.length
        ? [
            {
              key: 'total',
              cells: [
                t('reports.population.allSites'),
                ...totals.byStatus.map((c) => countText(c, lang)),
                countText(totals.total, lang),
              ],
            },
          ]
        : []),
    ],
  };
  const title = t('reports.population.title');
  return (
    <ChartCard
      title={title}
      description={t('reports.population.description', { day: asOf })}
      testId={common.testId}
      table={table}
      serverCsv={common.serverCsv}
      emptyText={sites.length ? undefined : t('dashboard.noData')}
      footnote={t('dashboard.suppressedNote', {
        label: common.suppressedLabel,
        threshold: common.suppressionThreshold,
      })}
    >
      <BarChart
        title={title}
        summary={t('reports.population.summary', { count: sites.length })}
        rows={rows}
        series={statuses.map((status, i) => ({
          key: status ?? 'none',
          label: statusLabel(status),
          color: seriesColor(i),
        }))}
        tickText={(v) => numberText(v, lang, 0)}
        testId={`${common.testId}-chart`}
      />
    </ChartCard>
  );
}

export interface SriBin {
  key: string;
  from: number;
  to: number;
}

export interface SriDistributionSite extends SiteRow {
  byBin: Count[];
  households: Count;
  refused: Count;
}

/** Households by bin of their latest SRI total at each site (one bar per bin). */
export function SriDistributionChart({
  sites,
  bins,
  totals,
  method,
  ...common
}: CommonProps & {
  sites: SriDistributionSite[];
  bins: SriBin[];
  totals: { byBin: Count[]; households: Count };
  method: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = useSiteLabel();
  const binLabel = (b: SriBin) => t('reports.sriDistribution.bin', { from: b.from, to: b.to });
  const rows: BarRow[] = sites.map((s, i) => ({
    key: rowKey(s, i),
    label: label(s),
    values: s.byBin.map((c) => countBar(c, lang)),
  }));
  const table: ChartTable = {
    columns: [
      t('dashboard.site'),
      ...bins.map(binLabel),
      t('reports.sriDistribution.households'),
      t('reports.sriDistribution.refused'),
    ],
    rows: [
      ...sites.map((s, i) => ({
        key: rowKey(s, i),
        cells: [
          label(s),
          ...s.byBin.map((c) => countText(c, lang)),
          countText(s.households, lang),
          countText(s.refused, lang),
        ],
      })),
      ...(sites.length
        ? [
            {
              key: 'total',
              cells: [
                t('reports.population.allSites'),
                ...totals.byBin.map((c) => countText(c, lang)),
                countText(totals.households, lang),
                '—',
              ],
            },
          ]
        : []),
    ],
  };
  const title = t('reports.sriDistribution.title');
  return (
    <ChartCard
      title={title}
      description={t('reports.sriDistribution.description', {
        method: t(`sri.methods.${method}`, { defaultValue: method }),
      })}
      testId={common.testId}
      table={table}
      serverCsv={common.serverCsv}
      emptyText={sites.length ? undefined : t('dashboard.noData')}
      footnote={t('dashboard.suppressedNote', {
        label: common.suppressedLabel,
        threshold: common.suppressionThreshold,
      })}
    >
      <BarChart
        title={title}
        summary={t('reports.sriDistribution.summary', { count: sites.length })}
        rows={rows}
        series={bins.map((b, i) => ({ key: b.key, label: binLabel(b), color: seriesColor(i) }))}
        tickText={(v) => numberText(v, lang, 0)}
        testId={`${common.testId}-chart`}
      />
    </ChartCard>
  );
}

export interface SriQuarter {
  quarter: string;
  from: string;
  to: string;
  households: Count;
  average: number | null;
  reason: string | null;
}

/** The operation-wide SRI average per quarter, oldest first; a quarter without one is a gap. */
export function SriTrendChart({
  quarters,
  method,
  ...common
}: CommonProps & { quarters: SriQuarter[]; method: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const scale = sriScale(method);
  const reason = (q: SriQuarter) =>
    q.reason ? t(`dashboard.sri.reasons.${q.reason}`, { defaultValue: q.reason }) : '';
  const points: LinePoint[] = quarters.map((q) => ({
    key: q.quarter,
    label: q.quarter,
    value: q.average,
    text: q.average === null ? '—' : numberText(q.average, lang),
  }));
  const table: ChartTable = {
    columns: [
      t('reports.sriTrend.quarter'),
      t('reports.sriTrend.households'),
      t('reports.sriTrend.average'),
      t('dashboard.sri.notShown'),
    ],
    rows: quarters.map((q) => ({
      key: q.quarter,
      cells: [q.quarter, countText(q.households, lang), numberText(q.average, lang), reason(q)],
    })),
  };
  const title = t('reports.sriTrend.title');
  return (
    <ChartCard
      title={title}
      description={t('reports.sriTrend.description', {
        method: t(`sri.methods.${method}`, { defaultValue: method }),
      })}
      testId={common.testId}
      table={table}
      serverCsv={common.serverCsv}
      emptyText={quarters.length ? undefined : t('dashboard.noData')}
      footnote={t('reports.sriTrend.footnote', { threshold: common.suppressionThreshold })}
    >
      <LineChart
        title={title}
        summary={t('reports.sriTrend.summary', { count: quarters.length })}
        points={points}
        min={scale.min}
        max={Math.max(scale.max, ...quarters.map((q) => q.average ?? 0))}
        tickText={(v) => numberText(v, lang, 1)}
        testId={`${common.testId}-chart`}
      />
    </ChartCard>
  );
}

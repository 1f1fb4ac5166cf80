import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { sitesApi } from '../../api/endpoints';
import { useSites } from '../../api/queries';
import {
  aidKeys,
  reportsApi,
  type AccessQuery,
  type DependencyQuery,
  type ReachedQuery,
} from '../../components/assistance/api';
import {
  AccessChart,
  DependencyChart,
  ReachChart,
  SriSitesChart,
} from '../../components/assistance/IndicatorCharts';
import { BarChart } from '../../components/charts/BarChart';
import { ChartCard } from '../../components/charts/ChartCard';
import { numberText, type ChartTable } from '../../components/charts/model';
import { seriesColor } from '../../components/charts/palette';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';
import { localDayStartIso } from '../../lib/dates';
import { formatDay } from '../../lib/format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (day: string) => DAY.test(day) && localDayStartIso(day) !== undefined;

/** The operation's indicators as charts, each with its table and downloads. */
export function OperationDashboardPage() {
  const { t, i18n } = useTranslation();
  const canRights = useHasAbility('rights.report');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  const period: DependencyQuery & ReachedQuery = {};
  if (validDay(from)) period.from = from;
  if (validDay(to)) period.to = to;
  const accessQuery: AccessQuery = period.to ? { asOf: period.to } : {};
  const asText = (q: object) =>
    Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])) as Record<string, string>;

  const options = { placeholderData: keepPreviousData, staleTime: 0 } as const;
  const dependency = useQuery({
    queryKey: aidKeys.report('dependency', period),
    queryFn: ({ signal }) => reportsApi.dependency(period, signal),
    ...options,
  });
  const access = useQuery({
    queryKey: aidKeys.report('access', accessQuery),
    queryFn: ({ signal }) => reportsApi.access(accessQuery, signal),
    ...options,
  });
  const reached = useQuery({
    queryKey: aidKeys.report('reached', period),
    queryFn: ({ signal }) => reportsApi.reached(period, signal),
    ...options,
  });
  const sri = useQuery({
    queryKey: aidKeys.report('sri', {}),
    queryFn: ({ signal }) => reportsApi.sri({}, signal),
    ...options,
  });

  return (
    <Stack gap="md">
      <Title order={1}>{t('dashboard.title')}</Title>
      <Text c="dimmed">{t('dashboard.intro')}</Text>
      <Group align="flex-end" gap="md">
        <TextInput
          type="date"
          label={t('dashboard.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          data-testid="dashboard-from"
        />
        <TextInput
          type="date"
          label={t('dashboard.to')}
          description={t('dashboard.toHint')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data-testid="dashboard-to"
        />
        {canRights && (
          <Button
            component={Link}
            to="/reports/rights-gaps"
            variant="light"
            data-testid="dashboard-rights-link"
          >
            {t('dashboard.rightsLink')}
          </Button>
        )}
      </Group>
      {dependency.data && (
        <Text size="sm" c="dimmed" data-testid="dashboard-period">
          {t('dashboard.period', {
            from: formatDay(dependency.data.from, i18n.language),
            to: formatDay(dependency.data.to, i18n.language),
          })}
        </Text>
      )}
      <PopulationSection />
      <Stack gap="md">
        <ReportBlock error={dependency.error} pending={dependency.isPending}>
          {dependency.data && (
            <DependencyChart
              testId="chart-dependency"
              sites={dependency.data.sites}
              threshold={dependency.data.threshold}
              suppressedLabel={dependency.data.suppressedLabel}
              suppressionThreshold={dependency.data.suppressionThreshold}
              serverCsv={() => reportsApi.hxlCsv('dependency', asText(period))}
            />
          )}
        </ReportBlock>
        <ReportBlock error={access.error} pending={access.isPending}>
          {access.data && (
            <AccessChart
              testId="chart-access"
              sites={access.data.sites}
              suppressedLabel={access.data.suppressedLabel}
              suppressionThreshold={access.data.suppressionThreshold}
              serverCsv={() => reportsApi.hxlCsv('self-reliance-access', asText(accessQuery))}
            />
          )}
        </ReportBlock>
        <ReportBlock error={sri.error} pending={sri.isPending}>
          {sri.data && (
            <SriSitesChart
              testId="chart-sri"
              sites={sri.data.sites}
              method={sri.data.method}
              suppressedLabel={sri.data.suppressedLabel}
              suppressionThreshold={sri.data.suppressionThreshold}
              serverCsv={() => reportsApi.hxlCsv('sri', {})}
            />
          )}
        </ReportBlock>
        <ReportBlock error={reached.error} pending={reached.isPending}>
          {reached.data && (
            <ReachChart
              testId="chart-reach"
              sites={reached.data.sites}
              programmeTypes={reached.data.programmeTypes}
              suppressedLabel={reached.data.suppressedLabel}
              suppressionThreshold={reached.data.suppressionThreshold}
              serverCsv={() => reportsApi.hxlCsv('reached', asText(period))}
            />
          )}
        </ReportBlock>
      </Stack>
      <Paper withBorder p="md">
        <Stack gap={4}>
          <Title order={2} size="h4">
            {t('dashboard.sriTrend.title')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="dashboard-sri-trend-note">
            {t('dashboard.sriTrend.note')}
          </Text>
        </Stack>
      </Paper>
      {canRights && (
        <Anchor component={Link} to="/reports/rights-gaps">
          {t('dashboard.rightsLinkLong')}
        </Anchor>
      )}
    </Stack>
  );
}

function ReportBlock({
  error,
  pending,
  children,
}: {
  error: unknown;
  pending: boolean;
  children: ReactNode;
}) {
  return (
    <Stack gap="xs">
      <ProblemAlert error={error} />
      {pending && <Loader size="sm" />}
      {children}
    </Stack>
  );
}

/**
 * Residents per site, counted from each site's resident list (which shows only the persons the
 * reader may see). There is no aggregate of persons by legal status in the API yet.
 */
function PopulationSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const canSites = useHasAbility('sites.read');
  const canPersons = useHasAbility('persons.read');
  const enabled = canSites && canPersons;
  const sites = useSites(enabled);
  const items = sites.data?.items ?? [];
  const totals = useQueries({
    queries: items.map((site) => ({
      queryKey: [...aidKeys.population, site.id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        sitesApi.residents(site.id, { limit: 1, offset: 0 }, signal),
      staleTime: 0,
    })),
  });
  const statusNote = (
    <Alert color="gray" data-testid="population-status-unavailable">
      {t('dashboard.population.byStatusUnavailable')}
    </Alert>
  );
  if (!enabled) {
    return (
      <Stack gap="xs">
        <Alert color="gray" data-testid="population-unavailable">
          {t('dashboard.population.needsPersons')}
        </Alert>
        {statusNote}
      </Stack>
    );
  }
  const counts = items.map((_, i) => totals[i]?.data?.total ?? null);
  const title = t('dashboard.population.bySiteTitle');
  const table: ChartTable = {
    columns: [t('dashboard.site'), t('dashboard.population.residents')],
    rows: items.map((site, i) => ({
      key: site.id,
      cells: [site.name, numberText(counts[i] ?? null, lang, 0)],
    })),
  };
  return (
    <Stack gap="xs">
      <ProblemAlert error={sites.error ?? totals.find((q) => q.error)?.error} />
      <ChartCard
        title={title}
        description={t('dashboard.population.bySiteDescription')}
        testId="chart-population-site"
        table={table}
        emptyText={items.length ? undefined : t('dashboard.noData')}
      >
        <BarChart
          title={title}
          summary={t('dashboard.population.summary', { count: items.length })}
          rows={items.map((site, i) => ({
            key: site.id,
            label: site.name,
            values: [{ value: counts[i] ?? null, text: numberText(counts[i] ?? null, lang, 0) }],
          }))}
          series={[
            { key: 'residents', label: t('dashboard.population.residents'), color: seriesColor(4) },
          ]}
          tickText={(v) => numberText(v, lang, 0)}
          testId="chart-population-site-chart"
        />
      </ChartCard>
      {statusNote}
    </Stack>
  );
}

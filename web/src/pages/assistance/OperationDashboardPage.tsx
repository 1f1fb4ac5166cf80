import { Anchor, Button, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  aidKeys,
  reportsApi,
  type AccessQuery,
  type DependencyQuery,
  type PopulationQuery,
  type ReachedQuery,
} from '../../components/assistance/api';
import {
  AccessChart,
  DependencyChart,
  PopulationChart,
  ReachChart,
  SriDistributionChart,
  SriSitesChart,
  SriTrendChart,
} from '../../components/assistance/IndicatorCharts';
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
  const populationQuery: PopulationQuery = period.to ? { asOf: period.to } : {};
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
  const population = useQuery({
    queryKey: aidKeys.report('population', populationQuery),
    queryFn: ({ signal }) => reportsApi.population(populationQuery, signal),
    ...options,
  });
  const sriDistribution = useQuery({
    queryKey: aidKeys.report('sri-distribution', {}),
    queryFn: ({ signal }) => reportsApi.sriDistribution(signal),
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
      <Stack gap="md">
        <ReportBlock error={population.error} pending={population.isPending}>
          {population.data && (
            <PopulationChart
              testId="chart-population"
              sites={population.data.sites}
              statuses={population.data.statuses}
              totals={population.data.totals}
              asOf={formatDay(population.data.asOf, i18n.language)}
              suppressedLabel={population.data.suppressedLabel}
              suppressionThreshold={population.data.suppressionThreshold}
              serverCsv={() => reportsApi.hxlCsv('population', asText(populationQuery))}
            />
          )}
        </ReportBlock>
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
        <ReportBlock error={sriDistribution.error} pending={sriDistribution.isPending}>
          {sriDistribution.data && (
            <SriDistributionChart
              testId="chart-sri-distribution"
              sites={sriDistribution.data.sites}
              bins={sriDistribution.data.bins}
              totals={sriDistribution.data.totals}
              method={sriDistribution.data.method}
              suppressedLabel={sriDistribution.data.suppressedLabel}
              suppressionThreshold={sriDistribution.data.suppressionThreshold}
              serverCsv={() => reportsApi.hxlCsv('sri-distribution', {})}
            />
          )}
          {sriDistribution.data && (
            <SriTrendChart
              testId="chart-sri-trend"
              quarters={sriDistribution.data.trend}
              method={sriDistribution.data.method}
              suppressedLabel={sriDistribution.data.suppressedLabel}
              suppressionThreshold={sriDistribution.data.minHouseholds}
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

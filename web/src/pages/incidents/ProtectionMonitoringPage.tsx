import { Anchor, Group, Loader, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSites } from '../../api/queries';
import { incidentKeys, monitoringApi, type MonitoringQuery } from '../../components/incidents/api';
import { MonitoringTables } from '../../components/incidents/MonitoringTables';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fieldErrors } from '../../lib/errors';
import { formatDay } from '../../lib/format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The protection-monitoring report per site and period: incidents by act, alleged perpetrator
 * type and Convention article. Every count is small-cell suppressed by the server, for every
 * reader; restricted incidents are never counted.
 */
export function ProtectionMonitoringPage() {
  const { t, i18n } = useTranslation();
  const sites = useSites(useHasAbility('sites.read'));
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? '';
  const update = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const query: MonitoringQuery = {};
  if (get('siteId')) query.siteId = get('siteId');
  if (DAY.test(get('from'))) query.from = get('from');
  if (DAY.test(get('to'))) query.to = get('to');
  const report = useQuery({
    queryKey: incidentKeys.report(query),
    queryFn: ({ signal }) => monitoringApi.report(query, signal),
    placeholderData: keepPreviousData,
  });
  const errors = fieldErrors(report.error);
  const r = report.data;

  return (
    <Stack gap="md">
      <Title order={1}>{t('incidents.report.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('incidents.report.intro')}
      </Text>
      <Group align="flex-end" gap="md">
        <NativeSelect
          label={t('incidents.form.site')}
          value={get('siteId')}
          onChange={(e) => update('siteId', e.currentTarget.value)}
          error={errors.siteId}
          data-testid="report-site"
        >
          <option value="">{t('incidents.list.anySite')}</option>
          {(sites.data?.items ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          type="date"
          label={t('incidents.list.from')}
          value={get('from')}
          onChange={(e) => update('from', e.currentTarget.value)}
          error={errors.from}
          data-testid="report-from"
        />
        <TextInput
          type="date"
          label={t('incidents.list.to')}
          value={get('to')}
          onChange={(e) => update('to', e.currentTarget.value)}
          error={errors.to}
          data-testid="report-to"
        />
        <Anchor
          href={monitoringApi.csvUrl(query)}
          download
          data-testid="report-csv"
          title={t('incidents.report.csvHint')}
        >
          {t('incidents.report.csv')}
        </Anchor>
      </Group>
      <ProblemAlert error={report.error} fields={['siteId', 'from', 'to']} />
      {report.isPending && <Loader size="sm" />}
      {r && (
        <>
          <Text size="sm" data-testid="report-period">
            {t('incidents.report.period', {
              from: formatDay(r.from, i18n.language),
              to: formatDay(r.to, i18n.language),
            })}
          </Text>
          <Text size="sm" c="dimmed" data-testid="report-suppression">
            {t('incidents.report.suppressionNote', {
              label: r.suppressedLabel,
              threshold: r.suppressionThreshold,
            })}{' '}
            {t('incidents.report.countedNote')}
          </Text>
          <MonitoringTables report={r} />
        </>
      )}
    </Stack>
  );
}

import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useSites } from '../../api/queries';
import {
  ACTS,
  INCIDENT_SENSITIVITIES,
  incidentKeys,
  incidentsApi,
  isOneOf,
  type IncidentListQuery,
} from '../../components/incidents/api';
import {
  actsText,
  placeText,
  SensitivityBadge,
  useSiteName,
  whenText,
} from '../../components/incidents/shared';
import { useHasAbility } from '../../components/MeContext';
import { Pager } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fieldErrors } from '../../lib/errors';

const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The incidents the reader may see (one involving a person they may not see does not exist for
 * them), filtered by site, act, period and sensitivity. Filters live in the address.
 */
export function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const canWrite = useHasAbility('incidents.write');
  const sites = useSites(useHasAbility('sites.read'));
  const siteName = useSiteName();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? '';
  const offset = Math.max(0, Number(get('offset')) || 0);
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '' || (k === 'offset' && v === '0')) next.delete(k);
      else next.set(k, v);
    }
    if (!('offset' in changes)) next.delete('offset');
    setParams(next, { replace: true });
  };
  const query: IncidentListQuery = { limit: PAGE_SIZE, offset };
  const act = get('act');
  const sensitivity = get('sensitivity');
  if (get('siteId')) query.siteId = get('siteId');
  if (isOneOf(ACTS, act)) query.act = act;
  if (isOneOf(INCIDENT_SENSITIVITIES, sensitivity)) query.sensitivity = sensitivity;
  if (DAY.test(get('from'))) query.from = get('from');
  if (DAY.test(get('to'))) query.to = get('to');
  const incidents = useQuery({
    queryKey: incidentKeys.list(query),
    queryFn: ({ signal }) => incidentsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const errors = fieldErrors(incidents.error);
  const items = incidents.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={1}>{t('incidents.list.title')}</Title>
        {canWrite && (
          <Button component={Link} to="/incidents/new" data-testid="incident-new">
            {t('incidents.list.record')}
          </Button>
        )}
      </Group>
      <Group align="flex-end" gap="md">
        <NativeSelect
          label={t('incidents.form.site')}
          value={get('siteId')}
          onChange={(e) => update({ siteId: e.currentTarget.value })}
          error={errors.siteId}
          data-testid="incidents-filter-site"
        >
          <option value="">{t('incidents.list.anySite')}</option>
          {(sites.data?.items ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('incidents.list.act')}
          value={act}
          onChange={(e) => update({ act: e.currentTarget.value })}
          data-testid="incidents-filter-act"
        >
          <option value="">{t('incidents.list.anyAct')}</option>
          {ACTS.map((a) => (
            <option key={a} value={a}>
              {t(`incidents.acts.${a}`)}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          type="date"
          label={t('incidents.list.from')}
          value={get('from')}
          onChange={(e) => update({ from: e.currentTarget.value })}
          error={errors.from}
          data-testid="incidents-filter-from"
        />
        <TextInput
          type="date"
          label={t('incidents.list.to')}
          value={get('to')}
          onChange={(e) => update({ to: e.currentTarget.value })}
          error={errors.to}
          data-testid="incidents-filter-to"
        />
        <NativeSelect
          label={t('incidents.form.sensitivity')}
          value={sensitivity}
          onChange={(e) => update({ sensitivity: e.currentTarget.value })}
          data-testid="incidents-filter-sensitivity"
        >
          <option value="">{t('incidents.list.anySensitivity')}</option>
          {INCIDENT_SENSITIVITIES.map((s) => (
            <option key={s} value={s}>
              {t(`incidents.sensitivities.${s}`)}
            </option>
          ))}
        </NativeSelect>
      </Group>
      <ProblemAlert error={incidents.error} fields={['siteId', 'from', 'to']} />
      {incidents.isPending && <Loader size="sm" />}
      {incidents.data && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid="incidents-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('incidents.list.date')}</Table.Th>
                <Table.Th scope="col">{t('incidents.list.acts')}</Table.Th>
                <Table.Th scope="col">{t('incidents.list.place')}</Table.Th>
                <Table.Th scope="col">{t('incidents.list.involved')}</Table.Th>
                <Table.Th scope="col">{t('incidents.list.flagged')}</Table.Th>
                <Table.Th scope="col">{t('incidents.form.sensitivity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed">{t('incidents.list.none')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((i) => (
                <Table.Tr key={i.id} data-testid="incident-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/incidents/${i.id}`} data-testid="incident-link">
                      {whenText(t, i.when, i18n.language)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td dir="auto" data-testid="incident-row-acts">
                    {actsText(t, i.acts, i.actOther)}
                  </Table.Td>
                  <Table.Td dir="auto">{placeText(t, i.where, siteName)}</Table.Td>
                  <Table.Td data-testid="incident-row-involved">{i.involvements.length}</Table.Td>
                  <Table.Td data-testid="incident-row-flagged">
                    {i.flaggedCitations > 0 ? (
                      <Badge color="red" variant="light" tt="none">
                        {i.flaggedCitations}
                      </Badge>
                    ) : (
                      '0'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <SensitivityBadge value={i.sensitivity} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {incidents.data && (
        <Pager
          offset={offset}
          pageSize={PAGE_SIZE}
          total={incidents.data.total}
          onChange={(o) => update({ offset: String(o) })}
        />
      )}
    </Stack>
  );
}

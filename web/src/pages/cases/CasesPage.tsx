import { Anchor, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import {
  CASE_STATES,
  casesApi,
  casesKeys,
  isOneOf,
  type CaseListQuery,
} from '../../components/cases/api';
import { StateBadge, UserLabel, useAgencyName } from '../../components/cases/shared';
import { Pager } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';

const PAGE_SIZE = 50;
const VIEWS = ['all', 'mine', 'incoming', 'pendingApproval'] as const;
type View = (typeof VIEWS)[number];

/**
 * The cases the reader may see, filtered by state and by assignment (mine), offers to the
 * reader's agency, and those waiting for a supervisor's decision. Filters live in the address.
 */
export function CasesPage() {
  const { t, i18n } = useTranslation();
  const agencyName = useAgencyName();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const viewParam = params.get('view') ?? 'all';
  const view: View = isOneOf(VIEWS, viewParam) ? viewParam : 'all';
  const offset = Math.max(0, Number(params.get('offset') ?? 0) || 0);
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '' || (k === 'view' && v === 'all') || (k === 'offset' && v === '0'))
        next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };
  const query: CaseListQuery = { limit: PAGE_SIZE, offset };
  if (isOneOf(CASE_STATES, status)) query.status = status;
  if (view !== 'all') query[view] = 'true';
  const cases = useQuery({
    queryKey: casesKeys.list(query),
    queryFn: ({ signal }) => casesApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const items = cases.data?.items ?? [];

  return (
    <Stack gap="md">
      <Title order={1}>{t('cases.list.title')}</Title>
      <Group align="flex-end" gap="md">
        <NativeSelect
          label={t('cases.state')}
          value={status}
          onChange={(e) => update({ status: e.currentTarget.value, offset: '0' })}
          data-testid="cases-filter-state"
        >
          <option value="">{t('cases.list.anyState')}</option>
          {CASE_STATES.map((s) => (
            <option key={s} value={s}>
              {t(`cases.states.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('cases.list.view')}
          value={view}
          onChange={(e) => update({ view: e.currentTarget.value, offset: '0' })}
          data-testid="cases-filter-view"
        >
          {VIEWS.map((v) => (
            <option key={v} value={v}>
              {t(`cases.list.views.${v}`)}
            </option>
          ))}
        </NativeSelect>
      </Group>
      <ProblemAlert error={cases.error} />
      {cases.isPending && <Loader size="sm" />}
      {cases.data && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid="cases-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.list.case')}</Table.Th>
                <Table.Th scope="col">{t('cases.state')}</Table.Th>
                <Table.Th scope="col">{t('cases.priority')}</Table.Th>
                <Table.Th scope="col">{t('cases.assignee')}</Table.Th>
                <Table.Th scope="col">{t('cases.agency')}</Table.Th>
                <Table.Th scope="col">{t('cases.openedAt')}</Table.Th>
                <Table.Th scope="col">{t('cases.list.person')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed">{t('cases.list.none')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((c) => (
                <Table.Tr key={c.id} data-testid="case-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/cases/${c.id}`} data-testid="case-link">
                      {t(`cases.categories.${c.category}`)}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace" dir="ltr">
                      {c.id.slice(0, 8)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge state={c.status} />
                  </Table.Td>
                  <Table.Td>{t(`cases.priorities.${c.priority}`)}</Table.Td>
                  <Table.Td>
                    <UserLabel userId={c.assigneeId} />
                  </Table.Td>
                  <Table.Td dir="auto">{agencyName(c.agencyId)}</Table.Td>
                  <Table.Td>{formatDateTime(c.openedAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    {/* Names are read on the profile (each reading is audited), not in the list. */}
                    <Anchor component={Link} to={`/persons/${c.personId}?tab=cases`} size="sm">
                      {t('cases.personProfile')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {cases.data && (
        <Pager
          offset={offset}
          pageSize={PAGE_SIZE}
          total={cases.data.total}
          onChange={(o) => update({ offset: String(o) })}
        />
      )}
    </Stack>
  );
}

import { Button, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { AuditEventsQuery } from '../api/types';
import { AuditFilters, EMPTY_AUDIT_FILTERS } from '../components/AuditFilters';
import type { AuditFilterValues } from '../components/AuditFilters';
import { AuditVerify } from '../components/AuditVerify';
import { ProblemAlert } from '../components/ProblemAlert';
import { localDayRange } from '../lib/dates';
import { formatDateTime } from '../lib/format';

const PAGE_SIZE = 50;

/**
 * The filters as API parameters. The date inputs give local days; the API gets ISO 8601
 * instants with offset: the start of the `from` day and the start of the day after `to`
 * (exclusive), so both days are covered whole in the user's time zone.
 */
function toQuery(f: AuditFilterValues): AuditEventsQuery {
  return {
    userId: f.userId.trim() || undefined,
    action: f.action.trim() || undefined,
    entityType: f.entityType.trim() || undefined,
    entityId: f.entityId.trim() || undefined,
    ...localDayRange(f.from, f.to),
  };
}

function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  return typeof details === 'string' ? details : JSON.stringify(details);
}

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterValues>(EMPTY_AUDIT_FILTERS);
  const query = toQuery(filters);

  const events = useInfiniteQuery({
    queryKey: queryKeys.auditEvents(query),
    queryFn: ({ pageParam, signal }) =>
      auditApi.events({ ...query, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md">
      <Title order={1}>{t('audit.title')}</Title>
      <AuditVerify />
      <section aria-labelledby="audit-filters-heading">
        <Title order={2} size="h4" id="audit-filters-heading" mb="xs">
          {t('audit.filters')}
        </Title>
        <AuditFilters initial={filters} onApply={setFilters} />
      </section>

      <ProblemAlert error={events.error} />
      {events.isPending && <Loader size="sm" />}
      {events.data && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.seq')}</Table.Th>
                <Table.Th scope="col">{t('audit.at')}</Table.Th>
                <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.entity')}</Table.Th>
                <Table.Th scope="col">{t('audit.requestId')}</Table.Th>
                <Table.Th scope="col">{t('audit.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={7}>
                    <Text c="dimmed">{t('common.noResults')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {rows.map((event) => (
                <Table.Tr key={event.seq} data-testid="audit-row">
                  <Table.Td>{event.seq}</Table.Td>
                  <Table.Td>{formatDateTime(event.at, i18n.language)}</Table.Td>
                  <Table.Td dir="ltr" className="text-start">
                    {event.actorId ?? t('audit.system')}
                  </Table.Td>
                  <Table.Td dir="ltr" className="text-start">
                    <Code>{event.action}</Code>
                  </Table.Td>
                  <Table.Td dir="ltr" className="text-start">
                    {[event.entityType, event.entityId].filter(Boolean).join(' ')}
                  </Table.Td>
                  <Table.Td dir="ltr" className="text-start">
                    {event.requestId ?? ''}
                  </Table.Td>
                  <Table.Td dir="ltr" className="text-start">
                    <Code className="break-all">{detailsText(event.details)}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {events.hasNextPage && (
        <Group>
          <Button
            variant="default"
            onClick={() => void events.fetchNextPage()}
            loading={events.isFetchingNextPage}
            data-testid="audit-load-more"
          >
            {t('audit.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

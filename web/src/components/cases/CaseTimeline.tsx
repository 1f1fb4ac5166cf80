import { Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import { casesApi, casesKeys, CASE_STATES, isOneOf, type TimelineEntry } from './api';
import { UserLabel, useAgencyName } from './shared';

/** What a timeline entry's details say, in words (ids and codes only; no case content). */
function useDescribe(): (e: TimelineEntry) => string {
  const { t } = useTranslation();
  const agencyName = useAgencyName();
  return (e) => {
    const d = e.details;
    const text = (key: string): string | null => {
      const v = d[key];
      return typeof v === 'string' ? v : null;
    };
    const state = (key: string) => {
      const v = text(key);
      return v && isOneOf(CASE_STATES, v) ? t(`cases.states.${v}`) : (v ?? '—');
    };
    switch (e.kind) {
      case 'case.status_changed':
      case 'case.closed':
      case 'case.reopened':
        return t('cases.timeline.moved', { from: state('from'), to: state('to') });
      case 'case.transfer_offered':
        return t('cases.timeline.toAgency', { agency: agencyName(text('toAgency')) });
      case 'case.approval_requested':
      case 'case.approval_decided': {
        const kind = text('kind');
        return kind === 'plan' || kind === 'closure' ? t(`cases.approvals.kinds.${kind}`) : '';
      }
      case 'referral.created': {
        const type = text('serviceType');
        return type ? t(`cases.services.types.${type}`, { defaultValue: type }) : '';
      }
      default:
        return '';
    }
  };
}

export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const describe = useDescribe();
  const timeline = useQuery({
    queryKey: casesKeys.timeline(caseId),
    queryFn: ({ signal }) => casesApi.timeline(caseId, signal),
  });
  const items = timeline.data?.items ?? [];
  return (
    <Stack gap="sm" data-testid="case-timeline">
      <Title order={2} size="h3">
        {t('cases.timeline.title')}
      </Title>
      <ProblemAlert error={timeline.error} />
      {timeline.isPending && <Loader size="sm" />}
      {timeline.data && items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('common.noResults')}
        </Text>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.timeline.at')}</Table.Th>
                <Table.Th scope="col">{t('cases.timeline.what')}</Table.Th>
                <Table.Th scope="col">{t('cases.timeline.who')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((e, i) => (
                <Table.Tr key={`${e.at}-${i}`} data-testid="timeline-entry" data-kind={e.kind}>
                  <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t(`cases.timeline.kinds.${e.kind.replace('.', '_')}`, {
                        defaultValue: e.kind,
                      })}
                    </Text>
                    {describe(e) && (
                      <Text size="xs" c="dimmed">
                        {describe(e)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <UserLabel userId={e.actorId} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

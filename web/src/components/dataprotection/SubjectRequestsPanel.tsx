import { Button, Checkbox, Group, Loader, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format';
import { Pager } from '../Pager';
import { ProblemAlert } from '../ProblemAlert';
import {
  dpoApi,
  dpoKeys,
  isOneOf,
  SUBJECT_REQUEST_KINDS,
  SUBJECT_REQUEST_STATUSES,
  type SubjectRequestQuery,
} from './api';
import {
  CsvButton,
  csvName,
  EmptyRow,
  OverdueBadge,
  ShortId,
  SubjectStatusBadge,
  useAbilities,
} from './shared';
import { SubjectRequestDetail } from './SubjectRequestDetail';
import { SubjectRequestForm } from './SubjectRequestForm';

const PAGE_SIZE = 50;

/** Access, correction and erasure requests: due 30 days after receipt, tracked to the end. */
export function SubjectRequestsPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const manage = useAbilities()('dataprotection.manage');
  const [status, setStatus] = useState('');
  const [kind, setKind] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const query: SubjectRequestQuery = { limit: PAGE_SIZE, offset };
  if (isOneOf(SUBJECT_REQUEST_STATUSES, status)) query.status = status;
  if (isOneOf(SUBJECT_REQUEST_KINDS, kind)) query.kind = kind;
  if (overdue) query.overdue = 'true';
  const list = useQuery({
    queryKey: dpoKeys.subjectRequestList(query),
    queryFn: ({ signal }) => dpoApi.subjectRequests(query, signal),
    placeholderData: keepPreviousData,
  });
  const detail = useQuery({
    queryKey: dpoKeys.subjectRequest(openId ?? ''),
    queryFn: ({ signal }) => dpoApi.subjectRequest(openId!, signal),
    enabled: openId !== null,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: dpoKeys.subjectRequests });
  const items = list.data?.items ?? [];
  const filter = (set: (v: string) => void) => (v: string) => {
    set(v);
    setOffset(0);
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('dpo.subject.explanation')}
      </Text>
      {manage && !creating && (
        <Group>
          <Button onClick={() => setCreating(true)} data-testid="subject-new">
            {t('dpo.subject.new')}
          </Button>
        </Group>
      )}
      {creating && (
        <SubjectRequestForm
          onCancel={() => setCreating(false)}
          onCreated={(r) => {
            setCreating(false);
            setOpenId(r.id);
            void refresh();
          }}
        />
      )}
      <Group align="flex-end" gap="md">
        <NativeSelect
          label={t('dpo.status')}
          value={status}
          onChange={(e) => filter(setStatus)(e.currentTarget.value)}
          data-testid="subject-filter-status"
        >
          <option value="">{t('dpo.any')}</option>
          {SUBJECT_REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`dpo.subject.statuses.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('dpo.subject.kind')}
          value={kind}
          onChange={(e) => filter(setKind)(e.currentTarget.value)}
          data-testid="subject-filter-kind"
        >
          <option value="">{t('dpo.any')}</option>
          {SUBJECT_REQUEST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`dpo.subject.kinds.${k}`)}
            </option>
          ))}
        </NativeSelect>
        <Checkbox
          label={t('dpo.subject.onlyOverdue')}
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.currentTarget.checked);
            setOffset(0);
          }}
          mb={8}
          data-testid="subject-filter-overdue"
        />
        <CsvButton
          fetch={() => dpoApi.subjectRequestsCsv({ ...query, offset: 0, limit: 500 })}
          filename={csvName('subject-requests')}
          testId="subject-csv"
        />
      </Group>
      <ProblemAlert error={list.error} />
      {list.isPending && <Loader size="sm" />}
      {list.data && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="subject-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dpo.subject.receivedOn')}</Table.Th>
                <Table.Th scope="col">{t('dpo.subject.kind')}</Table.Th>
                <Table.Th scope="col">{t('dpo.personId')}</Table.Th>
                <Table.Th scope="col" miw={130}>
                  {t('dpo.status')}
                </Table.Th>
                <Table.Th scope="col">{t('dpo.subject.dueOn')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && <EmptyRow colSpan={6} text={t('dpo.subject.none')} />}
              {items.map((r) => (
                <Table.Tr
                  key={r.id}
                  data-testid="subject-row"
                  data-id={r.id}
                  data-status={r.status}
                >
                  <Table.Td>{formatDay(r.receivedOn, i18n.language)}</Table.Td>
                  <Table.Td>{t(`dpo.subject.kinds.${r.kind}`)}</Table.Td>
                  <Table.Td>
                    <ShortId id={r.personId} />
                  </Table.Td>
                  <Table.Td>
                    <SubjectStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {formatDay(r.dueOn, i18n.language)}
                      {r.overdue && <OverdueBadge />}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant={r.id === openId ? 'filled' : 'default'}
                      aria-pressed={r.id === openId}
                      onClick={() => setOpenId(r.id)}
                      data-testid="subject-open"
                    >
                      {t('dpo.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && (
        <Pager offset={offset} pageSize={PAGE_SIZE} total={list.data.total} onChange={setOffset} />
      )}
      <ProblemAlert error={detail.error} />
      {openId && detail.data && (
        <SubjectRequestDetail
          key={`${detail.data.id}:${detail.data.version}`}
          request={detail.data}
          onChanged={() => void refresh()}
          onClose={() => setOpenId(null)}
        />
      )}
    </Stack>
  );
}

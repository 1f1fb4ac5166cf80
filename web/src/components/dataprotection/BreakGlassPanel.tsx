import { Badge, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { Pager } from '../Pager';
import { ProblemAlert } from '../ProblemAlert';
import { dpoApi, dpoKeys, type BreakGlassQuery } from './api';
import { CsvButton, csvName, EmptyRow, ShortId } from './shared';

const PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every break-glass reading of a record (from the audit log): who, which record, until when. */
export function BreakGlassPanel() {
  const { t, i18n } = useTranslation();
  const [userId, setUserId] = useState('');
  const [personId, setPersonId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const query: BreakGlassQuery = { limit: PAGE_SIZE, offset };
  // An id filter applies once it is a whole id; a half-typed one would be refused.
  if (UUID.test(userId.trim())) query.userId = userId.trim();
  if (UUID.test(personId.trim())) query.personId = personId.trim();
  if (from) query.from = from;
  if (to) query.to = to;
  const list = useQuery({
    queryKey: dpoKeys.breakGlass(query),
    queryFn: ({ signal }) => dpoApi.breakGlass(query, signal),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const change = (set: (v: string) => void) => (e: { currentTarget: { value: string } }) => {
    set(e.currentTarget.value);
    setOffset(0);
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('dpo.breakGlass.explanation')}
      </Text>
      <Group align="flex-end" gap="md">
        <TextInput
          label={t('dpo.breakGlass.userId')}
          dir="ltr"
          value={userId}
          onChange={change(setUserId)}
          data-testid="break-glass-user"
        />
        <TextInput
          label={t('dpo.personId')}
          dir="ltr"
          value={personId}
          onChange={change(setPersonId)}
          data-testid="break-glass-person"
        />
        <TextInput
          type="date"
          label={t('dpo.from')}
          value={from}
          onChange={change(setFrom)}
          data-testid="break-glass-from"
        />
        <TextInput
          type="date"
          label={t('dpo.to')}
          value={to}
          onChange={change(setTo)}
          data-testid="break-glass-to"
        />
        <CsvButton
          fetch={() => dpoApi.breakGlassCsv({ ...query, offset: 0, limit: 500 })}
          filename={csvName('break-glass')}
          testId="break-glass-csv"
        />
      </Group>
      <ProblemAlert error={list.error} />
      {list.isPending && <Loader size="sm" />}
      {list.data && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="break-glass-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dpo.breakGlass.at')}</Table.Th>
                <Table.Th scope="col">{t('dpo.breakGlass.user')}</Table.Th>
                <Table.Th scope="col">{t('dpo.personId')}</Table.Th>
                <Table.Th scope="col">{t('dpo.breakGlass.until')}</Table.Th>
                <Table.Th scope="col">{t('dpo.breakGlass.reason')}</Table.Th>
                <Table.Th scope="col" miw={130}>
                  {t('dpo.status')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && <EmptyRow colSpan={6} text={t('dpo.breakGlass.none')} />}
              {items.map((r, i) => (
                <Table.Tr key={`${r.at}:${r.userId}:${i}`} data-testid="break-glass-row">
                  <Table.Td>{formatDateTime(r.at, i18n.language)}</Table.Td>
                  <Table.Td>
                    <ShortId id={r.userId} />
                  </Table.Td>
                  <Table.Td>
                    <ShortId id={r.personId} />
                  </Table.Td>
                  <Table.Td>{r.until ? formatDateTime(r.until, i18n.language) : '—'}</Table.Td>
                  <Table.Td dir="auto">
                    {r.reason ?? (
                      <Text span size="sm" c="dimmed">
                        {t('dpo.breakGlass.reasonGone')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={r.active ? 'orange' : 'gray'} variant="light" tt="none">
                      {t(r.active ? 'dpo.breakGlass.active' : 'dpo.breakGlass.expired')}
                    </Badge>
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
    </Stack>
  );
}

import { Group, Loader, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../lib/format';
import { Pager } from '../Pager';
import { ProblemAlert } from '../ProblemAlert';
import {
  DATA_CATEGORIES,
  dpoApi,
  dpoKeys,
  isOneOf,
  RECIPIENT_TYPES,
  TRANSFER_KINDS,
  type TransferQuery,
  type TransferRow,
} from './api';
import { CsvButton, csvName, EmptyRow, ShortId } from './shared';

const PAGE_SIZE = 50;

interface Filters {
  from: string;
  to: string;
  kind: string;
  recipientType: string;
  category: string;
}

function queryOf(f: Filters, offset: number): TransferQuery {
  const q: TransferQuery = { limit: PAGE_SIZE, offset };
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (isOneOf(TRANSFER_KINDS, f.kind)) q.kind = f.kind;
  if (isOneOf(RECIPIENT_TYPES, f.recipientType)) q.recipientType = f.recipientType;
  if (isOneOf([...DATA_CATEGORIES, 'unclassified' as const], f.category)) q.category = f.category;
  return q;
}

/** The transfer log: everything that left, to whom, why, on what basis, which data. */
export function TransfersPanel() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<Filters>({
    from: '',
    to: '',
    kind: '',
    recipientType: '',
    category: '',
  });
  const [offset, setOffset] = useState(0);
  const set = (key: keyof Filters, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setOffset(0);
  };
  const query = queryOf(filters, offset);
  const list = useQuery({
    queryKey: dpoKeys.transfers(query),
    queryFn: ({ signal }) => dpoApi.transfers(query, signal),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('dpo.transfers.explanation')}
      </Text>
      <Group align="flex-end" gap="md">
        <TextInput
          type="date"
          label={t('dpo.from')}
          value={filters.from}
          onChange={(e) => set('from', e.currentTarget.value)}
          data-testid="transfers-from"
        />
        <TextInput
          type="date"
          label={t('dpo.to')}
          value={filters.to}
          onChange={(e) => set('to', e.currentTarget.value)}
          data-testid="transfers-to"
        />
        <NativeSelect
          label={t('dpo.transfers.kind')}
          value={filters.kind}
          onChange={(e) => set('kind', e.currentTarget.value)}
          data-testid="transfers-kind"
        >
          <option value="">{t('dpo.any')}</option>
          {TRANSFER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`dpo.transfers.kinds.${k}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('dpo.recipientType')}
          value={filters.recipientType}
          onChange={(e) => set('recipientType', e.currentTarget.value)}
          data-testid="transfers-recipient-type"
        >
          <option value="">{t('dpo.any')}</option>
          {RECIPIENT_TYPES.map((r) => (
            <option key={r} value={r}>
              {t(`dpo.recipientTypes.${r}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('dpo.category')}
          value={filters.category}
          onChange={(e) => set('category', e.currentTarget.value)}
          data-testid="transfers-category"
        >
          <option value="">{t('dpo.any')}</option>
          {[...DATA_CATEGORIES, 'unclassified' as const].map((c) => (
            <option key={c} value={c}>
              {t(`dpo.categories.${c}`)}
            </option>
          ))}
        </NativeSelect>
        <CsvButton
          fetch={() => dpoApi.transfersCsv({ ...queryOf(filters, 0), limit: 500 })}
          filename={csvName('transfers')}
          testId="transfers-csv"
        />
      </Group>
      <ProblemAlert error={list.error} />
      {list.isPending && <Loader size="sm" />}
      {list.data && (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped data-testid="transfers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dpo.transfers.at')}</Table.Th>
                <Table.Th scope="col">{t('dpo.transfers.kind')}</Table.Th>
                <Table.Th scope="col">{t('dpo.recipient')}</Table.Th>
                <Table.Th scope="col">{t('dpo.purpose')}</Table.Th>
                <Table.Th scope="col">{t('dpo.legalBasis')}</Table.Th>
                <Table.Th scope="col">{t('dpo.categoriesLabel')}</Table.Th>
                <Table.Th scope="col">{t('dpo.transfers.records')}</Table.Th>
                <Table.Th scope="col">{t('dpo.transfers.consent')}</Table.Th>
                <Table.Th scope="col">{t('dpo.transfers.by')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && <EmptyRow colSpan={9} text={t('dpo.transfers.none')} />}
              {items.map((r) => (
                <TransferLine key={r.id} row={r} language={i18n.language} />
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

function TransferLine({ row, language }: { row: TransferRow; language: string }) {
  const { t } = useTranslation();
  const label = (prefix: string, value: string) => t(`${prefix}.${value}`, { defaultValue: value });
  return (
    <Table.Tr data-testid="transfer-row" data-kind={row.kind}>
      <Table.Td>{formatDateTime(row.createdAt, language)}</Table.Td>
      <Table.Td>{label('dpo.transfers.kinds', row.kind)}</Table.Td>
      <Table.Td>
        <Text size="sm" dir="auto" data-testid="transfer-recipient">
          {row.recipient}
        </Text>
        <Text size="xs" c="dimmed">
          {label('dpo.recipientTypes', row.recipientType)}
        </Text>
      </Table.Td>
      <Table.Td dir="auto">{row.purpose}</Table.Td>
      <Table.Td>{row.legalBasis ? label('dpo.legalBases', row.legalBasis) : '—'}</Table.Td>
      <Table.Td>
        {row.categories.map((c) => label('dpo.categories', c)).join(t('common.listSeparator'))}
      </Table.Td>
      <Table.Td>{formatNumber(row.recordCount, language)}</Table.Td>
      <Table.Td>
        {row.consentPurpose ? label('dpo.purposes', row.consentPurpose) : '—'}
        {row.consentMissing ? (
          <Text size="xs" c="red.9">
            {t('dpo.transfers.withoutConsent', { count: row.consentMissing })}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <ShortId id={row.createdBy} />
      </Table.Td>
    </Table.Tr>
  );
}

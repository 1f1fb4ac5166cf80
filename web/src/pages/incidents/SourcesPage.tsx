import {
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  incidentKeys,
  isOneOf,
  RELIABILITIES,
  SOURCE_KINDS,
  sourcesApi,
  type Source,
  type SourceListQuery,
} from '../../components/incidents/api';
import { ReliabilityBadge } from '../../components/incidents/shared';
import { SourceForm } from '../../components/incidents/SourceForm';
import { useHasAbility } from '../../components/MeContext';
import { Pager } from '../../components/Pager';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDay } from '../../lib/format';

const PAGE_SIZE = 50;

/** The source library: documents, reports, media and lawyers' or agencies' reports, graded A–F. */
export function SourcesPage() {
  const { t, i18n } = useTranslation();
  const canWrite = useHasAbility('sources.write');
  const [kind, setKind] = useState('');
  const [reliability, setReliability] = useState('');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [offset, setOffset] = useState(0);
  // undefined: closed; null: a new source; a source: editing it.
  const [editing, setEditing] = useState<Source | null | undefined>(undefined);
  const query: SourceListQuery = { limit: PAGE_SIZE, offset };
  if (isOneOf(SOURCE_KINDS, kind)) query.kind = kind;
  if (isOneOf(RELIABILITIES, reliability)) query.reliability = reliability;
  if (q) query.q = q;
  const sources = useQuery({
    queryKey: incidentKeys.sourceList(query),
    queryFn: ({ signal }) => sourcesApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
  const items = sources.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={1}>{t('incidents.sources.title')}</Title>
        {canWrite && (
          <Button onClick={() => setEditing(null)} data-testid="source-create">
            {t('incidents.sources.create')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        {t('incidents.sources.intro')}
      </Text>
      <Group align="flex-end" gap="md">
        <TextInput
          label={t('incidents.sources.search')}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setOffset(0);
          }}
          dir="auto"
          data-testid="sources-filter-q"
        />
        <NativeSelect
          label={t('incidents.sources.kind')}
          value={kind}
          onChange={(e) => {
            setKind(e.currentTarget.value);
            setOffset(0);
          }}
          data-testid="sources-filter-kind"
        >
          <option value="">{t('incidents.sources.anyKind')}</option>
          {SOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`incidents.sourceKinds.${k}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('incidents.sources.reliability')}
          value={reliability}
          onChange={(e) => {
            setReliability(e.currentTarget.value);
            setOffset(0);
          }}
          data-testid="sources-filter-reliability"
        >
          <option value="">{t('incidents.sources.anyReliability')}</option>
          {RELIABILITIES.map((r) => (
            <option key={r} value={r}>
              {`${r} · ${t(`incidents.reliability.${r}`)}`}
            </option>
          ))}
        </NativeSelect>
      </Group>
      <ProblemAlert error={sources.error} />
      {sources.isPending && <Loader size="sm" />}
      {sources.data && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="sources-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('incidents.sources.titleField')}</Table.Th>
                <Table.Th scope="col">{t('incidents.sources.kind')}</Table.Th>
                <Table.Th scope="col">{t('incidents.sources.author')}</Table.Th>
                <Table.Th scope="col">{t('incidents.sources.publishedOn')}</Table.Th>
                <Table.Th scope="col">{t('incidents.sources.reliability')}</Table.Th>
                <Table.Th scope="col">{t('incidents.sources.where')}</Table.Th>
                {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={canWrite ? 7 : 6}>
                    <Text c="dimmed">{t('incidents.sources.none')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((s) => (
                <Table.Tr key={s.id} data-testid="source-row">
                  <Table.Td dir="auto" data-testid="source-row-title">
                    {s.title}
                  </Table.Td>
                  <Table.Td>{t(`incidents.sourceKinds.${s.kind}`)}</Table.Td>
                  <Table.Td dir="auto">{s.author ?? '—'}</Table.Td>
                  <Table.Td>
                    {s.publishedOn ? formatDay(s.publishedOn, i18n.language) : '—'}
                  </Table.Td>
                  <Table.Td>
                    <ReliabilityBadge grade={s.reliability} />
                  </Table.Td>
                  <Table.Td>
                    {s.url ? (
                      <Anchor
                        href={s.url}
                        target="_blank"
                        rel="noopener noreferrer"
                        dir="ltr"
                        size="sm"
                      >
                        {t('incidents.sources.open')}
                      </Anchor>
                    ) : (
                      <Text size="sm" dir="auto">
                        {s.reference}
                      </Text>
                    )}
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button
                        variant="default"
                        size="xs"
                        onClick={() => setEditing(s)}
                        aria-label={t('incidents.sources.editNamed', { title: s.title })}
                        data-testid="source-edit"
                      >
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {sources.data && (
        <Pager
          offset={offset}
          pageSize={PAGE_SIZE}
          total={sources.data.total}
          onChange={setOffset}
        />
      )}
      <Modal
        opened={editing !== undefined}
        onClose={() => setEditing(undefined)}
        title={editing ? t('incidents.sources.editTitle') : t('incidents.sources.createTitle')}
        size="lg"
      >
        {editing !== undefined && (
          <SourceForm
            key={editing?.id ?? 'new'}
            source={editing ?? undefined}
            onDone={() => setEditing(undefined)}
          />
        )}
      </Modal>
    </Stack>
  );
}

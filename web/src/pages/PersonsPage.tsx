import {
  Anchor,
  Button,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
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
import { Link } from 'react-router-dom';
import { personsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { isPersonSex, PERSON_SEXES } from '../api/types';
import type { PersonSearchQuery, PersonSex } from '../api/types';
import { useHasAbility } from '../components/MeContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { ExportPersonsDialog } from '../components/registry/ExportPersonsDialog';
import { formatNumber } from '../lib/format';
import { formatName, originalScriptNames, primaryName } from '../lib/persons';

const MIN_QUERY = 2;

export function PersonsPage() {
  const { t, i18n } = useTranslation();
  const canWrite = useHasAbility('persons.write');
  const canImport = useHasAbility('persons.import');
  const [exporting, setExporting] = useState(false);
  const [search, setSearch] = useState('');
  const [birthYear, setBirthYear] = useState<number | string>('');
  const [sex, setSex] = useState<PersonSex | ''>('');
  const [filters] = useDebouncedValue({ q: search.trim(), birthYear, sex }, 300);

  const query: PersonSearchQuery = { q: filters.q, limit: 50 };
  if (typeof filters.birthYear === 'number') query.birthYear = filters.birthYear;
  if (filters.sex) query.sex = filters.sex;
  const enabled = filters.q.length >= MIN_QUERY;

  const results = useQuery({
    queryKey: queryKeys.personSearch(query),
    queryFn: ({ signal }) => personsApi.search(query, signal),
    enabled,
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('persons.title')}</Title>
        <Group gap="sm">
          {canImport && (
            <Button
              variant="default"
              component={Link}
              to="/persons/import"
              data-testid="person-import"
            >
              {t('registry.import.link')}
            </Button>
          )}
          <Button variant="default" onClick={() => setExporting(true)} data-testid="person-export">
            {t('registry.export.open')}
          </Button>
          {canWrite && (
            <Button component={Link} to="/persons/new" data-testid="person-register">
              {t('persons.register')}
            </Button>
          )}
        </Group>
      </Group>
      <ExportPersonsDialog opened={exporting} onClose={() => setExporting(false)} />

      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="search"
          label={t('persons.search')}
          placeholder={t('persons.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="person-search"
          style={{ flex: 1, minWidth: 240 }}
          autoFocus
        />
        <NumberInput
          label={t('persons.birthYear')}
          value={birthYear}
          onChange={setBirthYear}
          min={1900}
          max={2100}
          allowDecimal={false}
          allowNegative={false}
          w={140}
          data-testid="person-search-birth-year"
        />
        <NativeSelect
          label={t('persons.sex')}
          value={sex}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setSex(isPersonSex(value) ? value : '');
          }}
          w={160}
          data-testid="person-search-sex"
        >
          <option value="">{t('persons.anySex')}</option>
          {PERSON_SEXES.map((code) => (
            <option key={code} value={code}>
              {t(`persons.sexes.${code}`)}
            </option>
          ))}
        </NativeSelect>
      </Group>

      {!enabled && <Text c="dimmed">{t('persons.searchHint')}</Text>}
      {enabled && <ProblemAlert error={results.error} />}
      {enabled && results.isPending && <Loader size="sm" />}
      {enabled && results.data && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped highlightOnHover data-testid="persons-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('persons.name')}</Table.Th>
                <Table.Th scope="col">{t('persons.originalName')}</Table.Th>
                <Table.Th scope="col">{t('persons.sex')}</Table.Th>
                <Table.Th scope="col">{t('persons.birthYear')}</Table.Th>
                <Table.Th scope="col">{t('persons.nationalities')}</Table.Th>
                <Table.Th scope="col">{t('persons.score')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed">{t('persons.noMatches')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {results.data.items.map((hit) => {
                const primary = primaryName(hit.names);
                const original = originalScriptNames(hit.names)[0];
                return (
                  <Table.Tr key={hit.id} data-testid="person-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/persons/${hit.id}`}>
                        {(primary && formatName(primary)) || hit.id}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {original ? <span dir="auto">{formatName(original)}</span> : '—'}
                    </Table.Td>
                    <Table.Td>{t(`persons.sexes.${hit.sex}`)}</Table.Td>
                    <Table.Td>{hit.birthYear ?? '—'}</Table.Td>
                    <Table.Td>
                      {hit.nationalities.length > 0 ? hit.nationalities.join(', ') : '—'}
                    </Table.Td>
                    <Table.Td>{formatNumber(hit.score, i18n.language)}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

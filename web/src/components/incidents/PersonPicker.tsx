import { NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queries';
import type { PersonSearchQuery } from '../../api/types';
import { formatName, primaryName } from '../../lib/persons';

interface PersonPickerProps {
  value: string;
  onChange: (personId: string) => void;
  error?: string;
  testId: string;
}

/**
 * A registered person, found by name through the registry search (so only persons the user may
 * see). A private person is never named in free text on an incident: they are linked by id.
 */
export function PersonPicker({ value, onChange, error, testId }: PersonPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const query: PersonSearchQuery = { q, limit: 20 };
  const results = useQuery({
    queryKey: queryKeys.personSearch(query),
    queryFn: ({ signal }) => personsApi.search(query, signal),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
  const hits = q.length >= 2 ? (results.data?.items ?? []) : [];
  const chosenIsHit = hits.some((h) => h.id === value);
  // The person already chosen (e.g. when editing) stays offered while the search changes.
  const chosen = useQuery({
    queryKey: queryKeys.person(value),
    queryFn: ({ signal }) => personsApi.get(value, signal),
    enabled: value !== '' && !chosenIsHit,
  });
  const chosenName = chosen.data ? primaryName(chosen.data.data.names) : undefined;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput
        label={t('incidents.involved.search')}
        description={t('incidents.involved.searchHint')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        dir="auto"
        data-testid={`${testId}-search`}
      />
      <NativeSelect
        label={t('incidents.involved.person')}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        required
        data-testid={`${testId}-person`}
      >
        <option value="">{t('incidents.involved.choosePerson')}</option>
        {value !== '' && !chosenIsHit && (
          <option value={value}>
            {(chosenName && formatName(chosenName)) || t('incidents.involved.registeredPerson')}
          </option>
        )}
        {hits.map((hit) => {
          const name = primaryName(hit.names);
          return (
            <option key={hit.id} value={hit.id}>
              {`${(name && formatName(name)) || t('persons.unnamed')}${
                hit.birthYear ? ` (${hit.birthYear})` : ''
              }`}
            </option>
          );
        })}
      </NativeSelect>
    </SimpleGrid>
  );
}

import { NativeSelect, Stack, TextInput } from '@mantine/core';
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
  label?: string;
}

/** Finds a person by name (the registry search, so only persons the user may see). */
export function PersonPicker({ value, onChange, error, testId, label }: PersonPickerProps) {
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
  return (
    <Stack gap="xs">
      <TextInput
        label={label ?? t('assistance.person')}
        description={t('assistance.personSearchHint')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-testid={`${testId}-search`}
      />
      <NativeSelect
        label={t('assistance.personMatch')}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        data-testid={`${testId}-select`}
      >
        <option value="">{t('assistance.choosePerson')}</option>
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
    </Stack>
  );
}

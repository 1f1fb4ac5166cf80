import {
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse } from '../api/client';
import { householdsApi, personsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { isRelationship, RELATIONSHIPS } from '../api/types';
import type { AddMemberRequest, Household, PersonSearchQuery, Relationship } from '../api/types';
import { fieldErrors } from '../lib/errors';
import { formatName, originalScriptNames, primaryName } from '../lib/persons';
import { ProblemAlert } from './ProblemAlert';

const MIN_QUERY = 2;
const FIELDS = ['personId', 'relationship', 'joinedOn'] as const;
// A household has exactly one focal point, chosen when it is created.
const MEMBER_RELATIONSHIPS = RELATIONSHIPS.filter((r) => r !== 'focal_point');

interface AddMemberFormProps {
  householdId: string;
  etag: string | null;
  /** Current members, left out of the search results. */
  excludeIds: ReadonlySet<string>;
  onDone: (response: ApiResponse<Household>, personId: string) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Finds a person by name and adds them to the household. */
export function AddMemberForm({
  householdId,
  etag,
  excludeIds,
  onDone,
  onCancel,
  onReload,
}: AddMemberFormProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [personId, setPersonId] = useState('');
  const [relationship, setRelationship] = useState<Relationship>('child');
  const [joinedOn, setJoinedOn] = useState('');

  const query: PersonSearchQuery = { q, limit: 10 };
  const enabled = q.length >= MIN_QUERY;
  const results = useQuery({
    queryKey: queryKeys.personSearch(query),
    queryFn: ({ signal }) => personsApi.search(query, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
  const hits = (results.data?.items ?? []).filter((hit) => !excludeIds.has(hit.id));

  const save = useMutation({
    mutationFn: () => {
      const body: AddMemberRequest = { personId, relationship };
      if (joinedOn) body.joinedOn = joinedOn;
      return householdsApi.addMember(householdId, body, etag);
    },
    onSuccess: (response) => onDone(response, personId),
  });
  const errors = fieldErrors(save.error);

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <ProblemAlert
            error={save.error}
            fields={FIELDS}
            onReload={() => {
              save.reset();
              onReload();
            }}
            testId="member-add-error"
          />
          <TextInput
            type="search"
            label={t('households.findPerson')}
            placeholder={t('persons.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPersonId('');
            }}
            data-testid="member-search"
            data-autofocus
          />
          {!enabled && <Text c="dimmed">{t('persons.searchHint')}</Text>}
          {enabled && <ProblemAlert error={results.error} />}
          {enabled && results.isPending && <Loader size="sm" />}
          {enabled && results.data && (
            <Radio.Group
              label={t('households.person')}
              required
              value={personId}
              onChange={setPersonId}
              error={errors.personId}
            >
              <Stack gap="xs" mt="xs" data-testid="member-results">
                {hits.length === 0 && <Text c="dimmed">{t('persons.noMatches')}</Text>}
                {hits.map((hit) => {
                  const primary = primaryName(hit.names);
                  const original = originalScriptNames(hit.names)[0];
                  const details = [
                    t(`persons.sexes.${hit.sex}`),
                    hit.birthYear ?? null,
                    hit.nationalities.join(', ') || null,
                  ].filter((part) => part !== null);
                  return (
                    <Radio
                      key={hit.id}
                      value={hit.id}
                      label={
                        <span dir="auto">
                          {(primary && formatName(primary)) || t('persons.unnamed')}
                          {original ? ` · ${formatName(original)}` : ''}
                        </span>
                      }
                      description={details.join(' · ')}
                      data-testid="member-result"
                    />
                  );
                })}
              </Stack>
            </Radio.Group>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('households.relationship')}
              description={t('households.relationshipHelp')}
              required
              value={relationship}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isRelationship(value)) setRelationship(value);
              }}
              error={errors.relationship}
              data-testid="member-relationship"
            >
              {MEMBER_RELATIONSHIPS.map((code) => (
                <option key={code} value={code}>
                  {t(`households.relationships.${code}`)}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              type="date"
              label={t('households.joinedOn')}
              description={t('households.joinedOnHelp')}
              value={joinedOn}
              onChange={(e) => setJoinedOn(e.currentTarget.value)}
              error={errors.joinedOn}
              data-testid="member-joined-on"
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              disabled={personId === ''}
              loading={save.isPending}
              data-testid="member-add-submit"
            >
              {t('households.addMember')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

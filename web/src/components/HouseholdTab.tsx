import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { householdsApi, personsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { CreateHouseholdRequest, Membership } from '../api/types';
import { fieldPathErrors } from '../lib/errors';
import { formatDay } from '../lib/format';
import { useHasAbility } from './MeContext';
import { ProblemAlert } from './ProblemAlert';

/** Current membership first, then past ones, most recent first. */
function currentFirst(a: Membership, b: Membership): number {
  if ((a.leftOn === null) !== (b.leftOn === null)) return a.leftOn === null ? -1 : 1;
  return a.joinedOn < b.joinedOn ? 1 : a.joinedOn > b.joinedOn ? -1 : 0;
}

/** The households a person belongs or belonged to; a person is in at most one at a time. */
export function HouseholdTab({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const canWrite = useHasAbility('persons.write');
  const [creating, setCreating] = useState(false);
  const memberships = useQuery({
    queryKey: queryKeys.personHouseholds(personId),
    queryFn: ({ signal }) => personsApi.households(personId, signal),
  });

  const items = memberships.data ? [...memberships.data.items].sort(currentFirst) : [];
  const hasCurrent = items.some((m) => m.leftOn === null);

  return (
    <Stack gap="md">
      {canWrite && memberships.data && !hasCurrent && !creating && (
        <Group>
          <Button onClick={() => setCreating(true)} data-testid="household-create">
            {t('households.createWithFocalPoint')}
          </Button>
        </Group>
      )}
      {canWrite && creating && (
        <HouseholdCreateForm personId={personId} onCancel={() => setCreating(false)} />
      )}
      <ProblemAlert error={memberships.error} />
      {memberships.isPending && <Loader size="sm" />}
      {memberships.data && items.length === 0 && (
        <Text c="dimmed">{t('households.noMemberships')}</Text>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="memberships-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('households.household')}</Table.Th>
                <Table.Th scope="col">{t('households.relationship')}</Table.Th>
                <Table.Th scope="col">{t('households.joinedOn')}</Table.Th>
                <Table.Th scope="col">{t('households.leftOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id} data-testid="membership-row">
                  <Table.Td>
                    <Group gap="xs">
                      <Anchor component={Link} to={`/households/${m.householdId}`}>
                        {t('households.open')}
                      </Anchor>
                      <Badge color={m.leftOn === null ? 'green' : 'gray'} variant="light">
                        {m.leftOn === null ? t('households.current') : t('households.past')}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`households.relationships.${m.relationship}`)}</Table.Td>
                  <Table.Td>{formatDay(m.joinedOn, i18n.language)}</Table.Td>
                  <Table.Td>{m.leftOn ? formatDay(m.leftOn, i18n.language) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function HouseholdCreateForm({ personId, onCancel }: { personId: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [externalId, setExternalId] = useState('');
  const [joinedOn, setJoinedOn] = useState('');

  const create = useMutation({
    mutationFn: () => {
      const body: CreateHouseholdRequest = {
        members: [{ personId, relationship: 'focal_point', ...(joinedOn ? { joinedOn } : {}) }],
      };
      if (externalId.trim()) body.externalId = externalId.trim();
      return householdsApi.create(body);
    },
    onSuccess: (household) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.personHouseholds(personId) });
      void navigate(`/households/${household.id}`);
    },
  });
  const errors = fieldPathErrors(create.error);

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t('households.createHelp')}</Text>
          <ProblemAlert
            error={create.error}
            fields={['externalId']}
            testId="household-create-error"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('households.externalId')}
              description={t('households.externalIdHelp')}
              value={externalId}
              onChange={(e) => setExternalId(e.currentTarget.value)}
              error={errors.externalId}
              data-testid="household-external-id"
            />
            <TextInput
              type="date"
              label={t('households.joinedOn')}
              description={t('households.joinedOnHelp')}
              value={joinedOn}
              onChange={(e) => setJoinedOn(e.currentTarget.value)}
              error={errors['members.0.joinedOn']}
              data-testid="household-joined-on"
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="household-create-submit">
              {t('households.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

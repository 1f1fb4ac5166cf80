import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError, type ApiResponse } from '../api/client';
import { householdsApi, personsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { Household, HouseholdMember } from '../api/types';
import { AddMemberForm } from '../components/AddMemberForm';
import { HouseholdAssistance } from '../components/assistance/HouseholdAssistance';
import { useHasAbility } from '../components/MeContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { fieldErrors } from '../lib/errors';
import { formatDay } from '../lib/format';
import { formatName, primaryName } from '../lib/persons';

/** Current members first (focal point on top), then those who left, most recent first. */
function memberOrder(a: HouseholdMember, b: HouseholdMember): number {
  if ((a.leftOn === null) !== (b.leftOn === null)) return a.leftOn === null ? -1 : 1;
  if ((a.relationship === 'focal_point') !== (b.relationship === 'focal_point'))
    return a.relationship === 'focal_point' ? -1 : 1;
  return a.joinedOn < b.joinedOn ? 1 : a.joinedOn > b.joinedOn ? -1 : 0;
}

export function HouseholdPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const canWrite = useHasAbility('persons.write');
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [leaving, setLeaving] = useState<HouseholdMember | null>(null);

  const household = useQuery({
    queryKey: queryKeys.household(id),
    queryFn: ({ signal }) => householdsApi.get(id, signal),
    enabled: id !== '',
  });
  const members = household.data ? [...household.data.data.members].sort(memberOrder) : [];
  // Members carry only person ids; each name comes from the person's own record.
  const persons = useQueries({
    queries: members.map((m) => ({
      queryKey: queryKeys.person(m.personId),
      queryFn: ({ signal }: { signal: AbortSignal }) => personsApi.get(m.personId, signal),
      staleTime: 60_000,
    })),
  });

  /** Keeps the new version and ETag, and refreshes the changed members' own views. */
  const applyUpdate = (response: ApiResponse<Household>, personIds: string[]) => {
    queryClient.setQueryData(queryKeys.household(id), response);
    for (const personId of personIds)
      void queryClient.invalidateQueries({ queryKey: queryKeys.personHouseholds(personId) });
  };

  if (household.isError && isApiError(household.error) && household.error.status === 404) {
    return (
      <Stack gap="md" data-testid="household-not-found">
        <Title order={1}>{t('households.notFound')}</Title>
        <Anchor component={Link} to="/persons">
          {t('persons.back')}
        </Anchor>
      </Stack>
    );
  }

  const data = household.data?.data;
  const currentIds = new Set(members.filter((m) => m.leftOn === null).map((m) => m.personId));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t('households.title')}</Title>
          {data?.externalId && (
            <Text c="dimmed">
              {t('households.externalId')}: <span dir="auto">{data.externalId}</span>
            </Text>
          )}
        </Stack>
        {canWrite && data && !adding && (
          <Button onClick={() => setAdding(true)} data-testid="household-add-member">
            {t('households.addMember')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={household.error} />
      {household.isPending && <Loader size="sm" />}
      {canWrite && data && adding && (
        <AddMemberForm
          householdId={id}
          etag={household.data?.etag ?? null}
          excludeIds={currentIds}
          onDone={(response, personId) => {
            applyUpdate(response, [personId]);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
          onReload={() => void household.refetch()}
        />
      )}
      {data && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="household-members">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('persons.name')}</Table.Th>
                <Table.Th scope="col">{t('households.relationship')}</Table.Th>
                <Table.Th scope="col">{t('households.joinedOn')}</Table.Th>
                <Table.Th scope="col">{t('households.leftOn')}</Table.Th>
                {canWrite && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.map((m, index) => {
                const person = persons[index]?.data?.data;
                const primary = person ? primaryName(person.names) : undefined;
                return (
                  <Table.Tr key={m.id} data-testid="household-member-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/persons/${m.personId}`} dir="auto">
                        {(primary && formatName(primary)) || t('persons.unnamed')}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {t(`households.relationships.${m.relationship}`)}
                        {m.leftOn !== null && (
                          <Badge color="gray" variant="light" size="sm">
                            {t('households.left')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDay(m.joinedOn, i18n.language)}</Table.Td>
                    <Table.Td>{m.leftOn ? formatDay(m.leftOn, i18n.language) : '—'}</Table.Td>
                    {canWrite && (
                      <Table.Td>
                        {m.leftOn === null && (
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setLeaving(m)}
                            data-testid={`member-leave-${m.id}`}
                          >
                            {t('households.markLeft')}
                          </Button>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data && <HouseholdAssistance householdId={id} />}
      <Modal
        opened={leaving !== null}
        onClose={() => setLeaving(null)}
        title={t('households.markLeft')}
      >
        {leaving && (
          <LeaveForm
            key={leaving.id}
            householdId={id}
            member={leaving}
            etag={household.data?.etag ?? null}
            onDone={(response) => {
              applyUpdate(response, [leaving.personId]);
              setLeaving(null);
            }}
            onCancel={() => setLeaving(null)}
            onReload={() => {
              void household.refetch();
              setLeaving(null);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface LeaveFormProps {
  householdId: string;
  member: HouseholdMember;
  etag: string | null;
  onDone: (response: ApiResponse<Household>) => void;
  onCancel: () => void;
  onReload: () => void;
}

function LeaveForm({ householdId, member, etag, onDone, onCancel, onReload }: LeaveFormProps) {
  const { t } = useTranslation();
  const [leftOn, setLeftOn] = useState(localToday);
  const save = useMutation({
    mutationFn: () => householdsApi.updateMember(householdId, member.id, { leftOn }, etag),
    onSuccess: onDone,
  });
  const errors = fieldErrors(save.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="md">
        {member.relationship === 'focal_point' && (
          <Text size="sm" c="orange" data-testid="leave-focal-point-note">
            {t('households.focalPointLeaving')}
          </Text>
        )}
        <ProblemAlert
          error={save.error}
          fields={['leftOn']}
          onReload={onReload}
          testId="member-leave-error"
        />
        <TextInput
          type="date"
          label={t('households.leftOn')}
          required
          value={leftOn}
          onChange={(e) => setLeftOn(e.currentTarget.value)}
          error={errors.leftOn}
          data-testid="member-left-on"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="member-leave-submit">
            {t('households.markLeft')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

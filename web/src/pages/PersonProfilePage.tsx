import { Anchor, Badge, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../api/client';
import { personsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { Person, Sensitivity } from '../api/types';
import { LegalStatusTab } from '../components/LegalStatusTab';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatDay } from '../lib/format';
import { formatName, primaryName } from '../lib/persons';

const SENSITIVITY_COLORS: Record<Sensitivity, string> = {
  normal: 'gray',
  sensitive: 'orange',
  restricted: 'red',
};

const LATER_TABS = ['rights', 'protection', 'cases', 'assistance'] as const;

export function PersonProfilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const person = useQuery({
    queryKey: queryKeys.person(id),
    queryFn: ({ signal }) => personsApi.get(id, signal),
    enabled: id !== '',
  });

  const backLink = (
    <Anchor component={Link} to="/persons">
      {t('persons.back')}
    </Anchor>
  );

  // The server answers 404 both for missing records and for ones the user may not see.
  if (person.isError && isApiError(person.error) && person.error.status === 404) {
    return (
      <Stack gap="md" data-testid="person-not-found">
        <Title order={1}>{t('persons.notFound')}</Title>
        {backLink}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {backLink}
      <ProblemAlert error={person.error} />
      {person.isPending && <Loader size="sm" />}
      {person.data && <PersonHeader person={person.data.data} />}
      {person.data && (
        <Tabs defaultValue="status" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="status" data-testid="tab-status">
              {t('persons.tabs.status')}
            </Tabs.Tab>
            {LATER_TABS.map((tab) => (
              <Tabs.Tab key={tab} value={tab} data-testid={`tab-${tab}`}>
                {t(`persons.tabs.${tab}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="status" pt="md">
            <LegalStatusTab key={id} personId={person.data.data.id} />
          </Tabs.Panel>
          {LATER_TABS.map((tab) => (
            <Tabs.Panel key={tab} value={tab} pt="md">
              <Text c="dimmed">{t('persons.comingLater')}</Text>
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}

function PersonHeader({ person }: { person: Person }) {
  const { t, i18n } = useTranslation();
  const primary = primaryName(person.names);
  const others = person.names.filter((name) => name !== primary);
  const birth = person.birthDate
    ? formatDay(person.birthDate, i18n.language)
    : person.birthYear !== null
      ? person.birthYearEstimated
        ? t('persons.birthYearEstimatedValue', { year: person.birthYear })
        : String(person.birthYear)
      : '—';

  return (
    <Stack gap="xs" data-testid="person-header">
      <Group gap="sm" align="center">
        <Title order={1}>
          <span dir="auto">{(primary && formatName(primary)) || '—'}</span>
        </Title>
        <Badge
          color={SENSITIVITY_COLORS[person.sensitivity]}
          variant="light"
          data-testid="person-sensitivity-badge"
        >
          {t(`persons.sensitivities.${person.sensitivity}`)}
        </Badge>
      </Group>
      {others.map((name, index) => (
        <Group key={index} gap="xs">
          <Text size="lg" dir="auto">
            {formatName(name)}
          </Text>
          <Badge variant="outline" color="gray" size="sm">
            {t(`persons.scripts.${name.script}`, { defaultValue: name.script })}
          </Badge>
        </Group>
      ))}
      <Group gap="lg">
        <Text size="sm">
          <Text span c="dimmed">
            {t('persons.sex')}:
          </Text>{' '}
          {t(`persons.sexes.${person.sex}`)}
        </Text>
        <Text size="sm">
          <Text span c="dimmed">
            {person.birthDate ? t('persons.birthDate') : t('persons.birthYear')}:
          </Text>{' '}
          {birth}
        </Text>
        <Text size="sm">
          <Text span c="dimmed">
            {t('persons.nationalities')}:
          </Text>{' '}
          {person.nationalities.length > 0
            ? person.nationalities
                .map((code) => (code === 'stateless' ? t('persons.stateless') : code))
                .join(', ')
            : '—'}
        </Text>
      </Group>
    </Stack>
  );
}

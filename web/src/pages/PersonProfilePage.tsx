import { Alert, Anchor, Badge, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../api/client';
import { personsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { Person, Sensitivity } from '../api/types';
import { AssistanceTab } from '../components/assistance/AssistanceTab';
import { BreakGlassForm } from '../components/BreakGlassForm';
import { CasesTab } from '../components/cases/CasesTab';
import { ConsentTab } from '../components/dataprotection/ConsentTab';
import { DocumentsTab } from '../components/DocumentsTab';
import { HouseholdTab } from '../components/HouseholdTab';
import { IncidentsTab } from '../components/incidents/IncidentsTab';
import { LegalStatusTab } from '../components/LegalStatusTab';
import { useHasAbility } from '../components/MeContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { PersonEditButton } from '../components/registry/PersonEditForm';
import { ProtectionTab } from '../components/ProtectionTab';
import { ResidenceTab } from '../components/ResidenceTab';
import { RightsTab } from '../components/RightsTab';
import { formatDay } from '../lib/format';
import { formatName, primaryName } from '../lib/persons';

const SENSITIVITY_COLORS: Record<Sensitivity, string> = {
  normal: 'gray',
  sensitive: 'orange',
  restricted: 'red',
};

/** Tabs after the status tab, each with its own component keyed by person. */
const RECORD_TABS = [
  { value: 'household', Panel: HouseholdTab },
  { value: 'residence', Panel: ResidenceTab },
  { value: 'documents', Panel: DocumentsTab },
  // Consent per purpose and data category (docs/data-protection.md).
  { value: 'consent', Panel: ConsentTab },
  { value: 'rights', Panel: RightsTab },
  { value: 'protection', Panel: ProtectionTab },
  { value: 'cases', Panel: CasesTab },
  { value: 'incidents', Panel: IncidentsTab },
  { value: 'assistance', Panel: AssistanceTab },
] as const;

const TABS: readonly string[] = ['status', ...RECORD_TABS.map((tab) => tab.value)];

export function PersonProfilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  // The open tab is in the address (?tab=protection), so a notice or a bookmark can lead there.
  const [params, setParams] = useSearchParams();
  const requestedTab = params.get('tab') ?? 'status';
  const tab = TABS.includes(requestedTab) ? requestedTab : 'status';
  const person = useQuery({
    queryKey: queryKeys.person(id),
    queryFn: ({ signal }) => personsApi.get(id, signal),
    enabled: id !== '',
  });
  const canWrite = useHasAbility('persons.write');

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
        <BreakGlassForm personId={id} onOpened={() => void person.refetch()} />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {backLink}
      <ProblemAlert error={person.error} />
      {person.isPending && <Loader size="sm" />}
      {person.data?.data.mergedInto && <MergedBanner survivorId={person.data.data.mergedInto} />}
      {person.data && <PersonHeader person={person.data.data} />}
      {person.data && canWrite && !person.data.data.mergedInto && (
        <Group>
          <PersonEditButton
            person={person.data.data}
            etag={person.data.etag}
            onReload={async () => (await person.refetch()).data?.data}
          />
        </Group>
      )}
      {/* A merged record is only a pointer: its history now lives on the surviving record. */}
      {person.data && !person.data.data.mergedInto && (
        <Tabs
          value={tab}
          onChange={(value) =>
            setParams(value && value !== 'status' ? { tab: value } : {}, { replace: true })
          }
          keepMounted={false}
        >
          <Tabs.List>
            <Tabs.Tab value="status" data-testid="tab-status">
              {t('persons.tabs.status')}
            </Tabs.Tab>
            {RECORD_TABS.map(({ value }) => (
              <Tabs.Tab key={value} value={value} data-testid={`tab-${value}`}>
                {t(`persons.tabs.${value}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="status" pt="md">
            <LegalStatusTab key={id} personId={person.data.data.id} />
          </Tabs.Panel>
          {RECORD_TABS.map(({ value, Panel }) => (
            <Tabs.Panel key={value} value={value} pt="md">
              <Panel key={id} personId={person.data.data.id} />
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </Stack>
  );
}

/** Names the surviving record when the reader may see it; the link works either way. */
function MergedBanner({ survivorId }: { survivorId: string }) {
  const { t } = useTranslation();
  const survivor = useQuery({
    queryKey: queryKeys.person(survivorId),
    queryFn: ({ signal }) => personsApi.get(survivorId, signal),
  });
  const primary = survivor.data ? primaryName(survivor.data.data.names) : undefined;
  const label = (primary && formatName(primary)) || t('persons.merged.otherRecord');
  return (
    <Alert color="orange" title={t('persons.merged.title')} data-testid="person-merged">
      <Text size="sm">
        <Trans
          i18nKey="persons.merged.into"
          values={{ name: label }}
          // Not `link`: Trans treats an HTML void element name as self-closing.
          components={{
            survivor: (
              <Anchor
                component={Link}
                to={`/persons/${survivorId}`}
                dir="auto"
                data-testid="merged-link"
              />
            ),
          }}
        />
      </Text>
      <Text size="sm" c="dimmed" mt="xs">
        {t('persons.merged.explanation')}
      </Text>
    </Alert>
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

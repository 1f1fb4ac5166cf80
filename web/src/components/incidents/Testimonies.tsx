import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format';
import { useCurrentUser, useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import { incidentKeys, testimoniesApi, type Incident, type Testimony } from './api';
import { Muted, PersonName } from './shared';
import { TestimonyForm } from './TestimonyForm';

/** The testimonies linked to the incident: metadata for every reader, text only when returned. */
export function Testimonies({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const canWrite = useHasAbility('testimonies.write');
  const [adding, setAdding] = useState(false);
  const list = useQuery({
    queryKey: incidentKeys.testimonies(incident.id),
    queryFn: ({ signal }) => testimoniesApi.ofIncident(incident.id, signal),
  });
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm" data-testid="incident-testimonies">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">
          {t('incidents.testimonies.title')}
        </Title>
        {canWrite && !adding && (
          <Button
            variant="default"
            size="xs"
            onClick={() => setAdding(true)}
            data-testid="testimony-start"
          >
            {t('incidents.testimonies.add')}
          </Button>
        )}
      </Group>
      {adding && (
        <TestimonyForm
          incident={incident}
          onDone={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      )}
      <ProblemAlert error={list.error} />
      {list.isPending && <Loader size="sm" />}
      {list.data && items.length === 0 && <Muted>{t('incidents.testimonies.none')}</Muted>}
      {items.map((item) => (
        <TestimonyCard key={item.id} testimony={item} />
      ))}
    </Stack>
  );
}

function TestimonyCard({ testimony: m }: { testimony: Testimony }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser().user.id;
  // Opening a testimony is audited: only when the reader asks for its text.
  const [open, setOpen] = useState(false);
  const full = useQuery({
    queryKey: incidentKeys.testimony(m.id),
    queryFn: ({ signal }) => testimoniesApi.get(m.id, signal),
    enabled: open && !m.textWithheld,
    staleTime: Infinity,
  });
  const text = full.data;
  return (
    <Paper withBorder p="sm" data-testid="testimony" data-id={m.id}>
      <Stack gap={6}>
        <Group gap="md">
          <Text size="sm" fw={600}>
            {t('incidents.testimonies.takenOn', { on: formatDay(m.takenOn, i18n.language) })}
          </Text>
          {m.personId && (
            <Text size="sm">
              {t('incidents.testimonies.givenBy')} <PersonName personId={m.personId} />
            </Text>
          )}
        </Group>
        <Text size="sm">
          {t('incidents.testimonies.languages', {
            statement: m.statementLanguage,
            translation: m.translationLanguage ?? '—',
          })}
          {' · '}
          {t('incidents.testimonies.interviewer', {
            who:
              m.interviewerId === me
                ? t('incidents.you')
                : t('incidents.userRef', { id: m.interviewerId.slice(0, 8) }),
          })}
          {m.interpreterName && (
            <>
              {' · '}
              <span dir="auto">
                {t('incidents.testimonies.interpreterShown', { name: m.interpreterName })}
              </span>
            </>
          )}
        </Text>
        {m.consent && (
          <Text size="sm">
            {t('incidents.testimonies.consentShown', {
              decision: t(`incidents.consent.decisions.${m.consent.decision}`),
              on: formatDay(m.consent.on, i18n.language),
            })}
          </Text>
        )}
        {m.textWithheld || text?.textWithheld ? (
          <Alert color="gray" variant="light" data-testid="testimony-withheld">
            {t('incidents.testimonies.withheld')}
          </Alert>
        ) : !open ? (
          <div>
            <Button
              variant="light"
              size="xs"
              onClick={() => setOpen(true)}
              data-testid="testimony-read"
            >
              {t('incidents.testimonies.read')}
            </Button>
            <Text size="xs" c="dimmed" mt={4}>
              {t('incidents.testimonies.readHint')}
            </Text>
          </div>
        ) : (
          <TestimonyText loading={full.isPending} error={full.error} testimony={text} />
        )}
      </Stack>
    </Paper>
  );
}

function TestimonyText({
  loading,
  error,
  testimony,
}: {
  loading: boolean;
  error: unknown;
  testimony: Testimony | undefined;
}) {
  const { t } = useTranslation();
  if (error) return <ProblemAlert error={error} />;
  if (loading || !testimony) return <Loader size="sm" />;
  return (
    <Stack gap="xs">
      {testimony.statement !== null && (
        <div>
          <Text size="sm" fw={600}>
            {t('incidents.testimonies.statement')}
          </Text>
          <Text
            size="sm"
            dir="auto"
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid="testimony-statement"
          >
            {testimony.statement}
          </Text>
        </div>
      )}
      {testimony.translation !== null && (
        <div>
          <Text size="sm" fw={600}>
            {t('incidents.testimonies.translation')}
          </Text>
          <Text
            size="sm"
            dir="auto"
            style={{ whiteSpace: 'pre-wrap' }}
            data-testid="testimony-translation"
          >
            {testimony.translation}
          </Text>
        </div>
      )}
    </Stack>
  );
}

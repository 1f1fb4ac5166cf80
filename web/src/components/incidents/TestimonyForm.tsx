import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queries';
import { fieldPathErrors } from '../../lib/errors';
import { formatName, primaryName } from '../../lib/persons';
import { localToday } from '../../lib/rights';
import { ProblemAlert } from '../ProblemAlert';
import { incidentKeys, testimoniesApi, type Incident, type TestimonyRequest } from './api';
import { ConsentEditor } from './ConsentEditor';
import type { ConsentDraft } from './draft';

interface TestimonyDraft {
  personId: string;
  statement: string;
  statementLanguage: string;
  translation: string;
  translationLanguage: string;
  interpreterName: string;
  takenOn: string;
  consent: ConsentDraft;
}

const FIELDS = [
  'personId',
  'statement',
  'statementLanguage',
  'translation',
  'translationLanguage',
  'interpreterName',
  'takenOn',
  'consent',
] as const;

function bodyOf(d: TestimonyDraft, incidentId: string): TestimonyRequest {
  const part = (v: string) => v.trim() || undefined;
  return {
    personId: d.personId || undefined,
    statement: d.statement.trim(),
    statementLanguage: d.statementLanguage.trim(),
    translation: part(d.translation),
    translationLanguage: part(d.translationLanguage),
    interpreterName: part(d.interpreterName),
    takenOn: d.takenOn,
    consent:
      d.consent.decision === ''
        ? null
        : {
            decision: d.consent.decision,
            givenBy: d.consent.givenBy,
            on: d.consent.on,
            scope: part(d.consent.scope),
          },
    incidentIds: [incidentId],
  };
}

/**
 * A testimony about this incident, taken by the signed-in user (its interviewer, who may read
 * its text later). Statement and translation are sealed by the server.
 */
export function TestimonyForm({
  incident,
  onDone,
  onCancel,
}: {
  incident: Incident;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TestimonyDraft>(() => ({
    personId: '',
    statement: '',
    statementLanguage: '',
    translation: '',
    translationLanguage: '',
    interpreterName: '',
    takenOn: localToday(),
    consent: { decision: '', givenBy: 'person', on: '', scope: '' },
  }));
  const set = <K extends keyof TestimonyDraft>(key: K, value: TestimonyDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  // Who gave it: one of the registered persons involved in the incident, or nobody registered.
  const personIds = [
    ...new Set(incident.involvements.flatMap((v) => (v.personId ? [v.personId] : []))),
  ];
  const persons = useQueries({
    queries: personIds.map((id) => ({
      queryKey: queryKeys.person(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => personsApi.get(id, signal),
    })),
  });
  const save = useMutation({
    mutationFn: () => testimoniesApi.create(bodyOf(draft, incident.id)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: incidentKeys.testimonies(incident.id) });
      onDone();
    },
  });
  const errors = fieldPathErrors(save.error);

  return (
    <Paper withBorder p="md" data-testid="testimony-form">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('incidents.testimonies.add')}
          </Title>
          <ProblemAlert error={save.error} fields={FIELDS} testId="testimony-form-error" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('incidents.testimonies.givenBy')}
              value={draft.personId}
              onChange={(e) => set('personId', e.currentTarget.value)}
              error={errors.personId}
              data-testid="testimony-person"
            >
              <option value="">{t('incidents.testimonies.notRegistered')}</option>
              {personIds.map((id, i) => {
                const name = persons[i]?.data ? primaryName(persons[i].data.data.names) : undefined;
                return (
                  <option key={id} value={id}>
                    {(name && formatName(name)) || t('incidents.involved.registeredPerson')}
                  </option>
                );
              })}
            </NativeSelect>
            <TextInput
              type="date"
              label={t('incidents.testimonies.date')}
              required
              max={localToday()}
              value={draft.takenOn}
              onChange={(e) => set('takenOn', e.currentTarget.value)}
              error={errors.takenOn}
              data-testid="testimony-taken-on"
            />
          </SimpleGrid>
          <Textarea
            label={t('incidents.testimonies.statement')}
            description={t('incidents.testimonies.statementHint')}
            required
            dir="auto"
            autosize
            minRows={3}
            value={draft.statement}
            onChange={(e) => set('statement', e.currentTarget.value)}
            error={errors.statement}
            data-testid="testimony-statement-input"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('incidents.testimonies.statementLanguage')}
              description={t('incidents.testimonies.languageHint')}
              required
              dir="ltr"
              value={draft.statementLanguage}
              onChange={(e) => set('statementLanguage', e.currentTarget.value)}
              error={errors.statementLanguage}
              data-testid="testimony-statement-language"
            />
            <TextInput
              label={t('incidents.testimonies.interpreter')}
              description={t('incidents.testimonies.interpreterHint')}
              dir="auto"
              value={draft.interpreterName}
              onChange={(e) => set('interpreterName', e.currentTarget.value)}
              error={errors.interpreterName}
              data-testid="testimony-interpreter"
            />
          </SimpleGrid>
          <Textarea
            label={t('incidents.testimonies.translation')}
            dir="auto"
            autosize
            minRows={2}
            value={draft.translation}
            onChange={(e) => set('translation', e.currentTarget.value)}
            error={errors.translation}
            data-testid="testimony-translation-input"
          />
          <TextInput
            label={t('incidents.testimonies.translationLanguage')}
            description={t('incidents.testimonies.languageHint')}
            dir="ltr"
            value={draft.translationLanguage}
            onChange={(e) => set('translationLanguage', e.currentTarget.value)}
            error={errors.translationLanguage}
            data-testid="testimony-translation-language"
          />
          <ConsentEditor
            legend={t('incidents.testimonies.consent')}
            value={draft.consent}
            onChange={(v) => set('consent', v)}
            errors={errors}
            field="consent"
            testId="testimony-consent"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="testimony-submit">
              {t('incidents.testimonies.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

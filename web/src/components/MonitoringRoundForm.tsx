import {
  Alert,
  Button,
  CloseButton,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rightsApi, sitesApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import {
  ASSESSMENT_METHODS,
  isAssessmentMethod,
  isRightsAccess,
  RIGHTS_ACCESS_VALUES,
} from '../api/types';
import type {
  AssessmentMethod,
  MonitoringRoundRequest,
  MonitoringRoundResult,
  Reliability,
  RightsAccess,
  SiteResident,
} from '../api/types';
import { errorAt, fieldErrors, fieldPathErrors } from '../lib/errors';
import { formatNumber } from '../lib/format';
import { articleLabel, localToday, RIGHTS_ARTICLES } from '../lib/rights';
import { BarrierSelect } from './BarrierSelect';
import { summaryName } from './PersonLink';
import { ProblemAlert } from './ProblemAlert';
import { ReliabilitySelect } from './RightsAssessmentForm';

/** The most residents offered at once (the server's page limit). */
const RESIDENTS_LIMIT = 500;

interface Entry {
  key: number;
  personId: string;
  article: string;
  access: RightsAccess;
  barriers: string[];
  note: string;
}

interface MonitoringRoundFormProps {
  siteId: string;
  /** Articles to offer first (those owed at the site); every catalogue article is offered. */
  articles?: readonly string[];
  onDone: (result: MonitoringRoundResult) => void;
  onCancel: () => void;
}

function residentName(resident: SiteResident, unnamed: string): string {
  const name = summaryName(resident.names) || unnamed;
  return resident.birthYear ? `${name} (${resident.birthYear})` : name;
}

/** A protection-monitoring round on a site: one entry per resident and right, all or none. */
export function MonitoringRoundForm({
  siteId,
  articles,
  onDone,
  onCancel,
}: MonitoringRoundFormProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const nextKey = useRef(1);
  const residents = useQuery({
    queryKey: queryKeys.siteResidentsForRound(siteId),
    queryFn: ({ signal }) =>
      sitesApi.residents(siteId, { limit: RESIDENTS_LIMIT, offset: 0 }, signal),
  });
  const articleOptions = [
    ...(articles ?? []),
    ...RIGHTS_ARTICLES.filter((a) => !(articles ?? []).includes(a)),
  ];
  const defaultArticle = articleOptions[0] ?? '3';

  const [round, setRound] = useState('');
  const [assessedOn, setAssessedOn] = useState(localToday);
  const [method, setMethod] = useState<AssessmentMethod>('interview');
  const [reliability, setReliability] = useState<Reliability>('B');
  const [entries, setEntries] = useState<Entry[]>([]);

  const newEntry = (personId: string, article: string): Entry => ({
    key: nextKey.current++,
    personId,
    article,
    access: 'none',
    barriers: [],
    note: '',
  });
  const lastArticle = () => entries.at(-1)?.article ?? defaultArticle;
  const update = (key: number, change: Partial<Entry>) =>
    setEntries((list) => list.map((e) => (e.key === key ? { ...e, ...change } : e)));

  const record = useMutation({
    mutationFn: () => {
      const body: MonitoringRoundRequest = {
        round: round.trim(),
        assessedOn,
        method,
        reliability,
        entries: entries.map((e) => ({
          personId: e.personId,
          article: e.article,
          access: e.access,
          barriers: e.barriers,
          ...(e.note.trim() ? { note: e.note.trim() } : {}),
        })),
      };
      return rightsApi.recordRound(siteId, body);
    },
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.rightsMatrices });
      // Each resident's assessments and gaps changed too.
      void queryClient.invalidateQueries({ queryKey: queryKeys.persons });
      onDone(result);
    },
  });
  const errors = fieldErrors(record.error);
  const paths = fieldPathErrors(record.error);
  const list = residents.data?.items ?? [];
  const unnamed = t('persons.unnamed');

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          record.mutate();
        }}
        data-testid="round-form"
      >
        <Stack gap="md">
          <Title order={3} size="h4">
            {t('rights.round.title')}
          </Title>
          <ProblemAlert
            error={record.error}
            fields={['round', 'assessedOn', 'method', 'reliability', 'entries']}
            testId="round-error"
          />
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <TextInput
              label={t('rights.round.name')}
              description={t('rights.round.nameHint')}
              required
              dir="auto"
              value={round}
              onChange={(e) => setRound(e.currentTarget.value)}
              error={errors.round}
              data-testid="round-name"
            />
            <TextInput
              type="date"
              label={t('rights.assessments.assessedOn')}
              required
              value={assessedOn}
              onChange={(e) => setAssessedOn(e.currentTarget.value)}
              error={errors.assessedOn}
              data-testid="round-date"
            />
            <NativeSelect
              label={t('rights.method.label')}
              required
              value={method}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isAssessmentMethod(value)) setMethod(value);
              }}
              error={errors.method}
              data-testid="round-method"
            >
              {ASSESSMENT_METHODS.map((value) => (
                <option key={value} value={value}>
                  {t(`rights.method.values.${value}`)}
                </option>
              ))}
            </NativeSelect>
            <ReliabilitySelect
              value={reliability}
              onChange={setReliability}
              error={errors.reliability}
              testId="round-reliability"
            />
          </SimpleGrid>

          <ProblemAlert error={residents.error} />
          {residents.isPending && <Loader size="sm" />}
          {residents.data && list.length === 0 && (
            <Alert color="gray" data-testid="round-no-residents">
              {t('rights.round.noResidents')}
            </Alert>
          )}
          {residents.data && residents.data.total > list.length && (
            <Text size="sm" c="dimmed">
              {t('rights.round.residentsCut', {
                shown: formatNumber(list.length, i18n.language),
                total: formatNumber(residents.data.total, i18n.language),
              })}
            </Text>
          )}

          <Stack gap="sm" data-testid="round-entries">
            {entries.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('rights.round.noEntries')}
              </Text>
            )}
            {entries.map((entry, index) => (
              <Paper
                key={entry.key}
                withBorder
                p="sm"
                data-testid="round-entry"
                role="group"
                aria-label={t('rights.round.entry', { n: index + 1 })}
              >
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm">
                    {t('rights.round.entry', { n: index + 1 })}
                  </Text>
                  <CloseButton
                    aria-label={t('rights.round.removeEntry', { n: index + 1 })}
                    onClick={() => setEntries((l) => l.filter((e) => e.key !== entry.key))}
                    data-testid="round-entry-remove"
                  />
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
                  <NativeSelect
                    label={t('rights.round.resident')}
                    required
                    value={entry.personId}
                    onChange={(e) => update(entry.key, { personId: e.currentTarget.value })}
                    error={errorAt(paths, `entries.${index}.personId`)}
                    data-testid="round-entry-person"
                  >
                    <option value="">{t('rights.round.pickResident')}</option>
                    {list.map((r) => (
                      <option key={r.personId} value={r.personId}>
                        {residentName(r, unnamed)}
                      </option>
                    ))}
                  </NativeSelect>
                  <NativeSelect
                    label={t('rights.article')}
                    required
                    value={entry.article}
                    onChange={(e) => update(entry.key, { article: e.currentTarget.value })}
                    error={errorAt(paths, `entries.${index}.article`)}
                    data-testid="round-entry-article"
                  >
                    {articleOptions.map((article) => (
                      <option key={article} value={article}>
                        {articleLabel(t, article)}
                      </option>
                    ))}
                  </NativeSelect>
                  <NativeSelect
                    label={t('rights.access.label')}
                    required
                    value={entry.access}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      if (isRightsAccess(value)) update(entry.key, { access: value });
                    }}
                    error={errorAt(paths, `entries.${index}.access`)}
                    data-testid="round-entry-access"
                  >
                    {RIGHTS_ACCESS_VALUES.map((value) => (
                      <option key={value} value={value}>
                        {t(`rights.access.values.${value}`)}
                      </option>
                    ))}
                  </NativeSelect>
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs">
                  <BarrierSelect
                    value={entry.barriers}
                    onChange={(barriers) => update(entry.key, { barriers })}
                    error={errorAt(paths, `entries.${index}.barriers`)}
                    testId="round-entry-barriers"
                  />
                  <TextInput
                    label={t('rights.assessments.note')}
                    dir="auto"
                    value={entry.note}
                    onChange={(e) => update(entry.key, { note: e.currentTarget.value })}
                    error={errorAt(paths, `entries.${index}.note`)}
                    data-testid="round-entry-note"
                  />
                </SimpleGrid>
              </Paper>
            ))}
          </Stack>

          <Group gap="sm">
            <Button
              variant="default"
              onClick={() => setEntries((l) => [...l, newEntry('', lastArticle())])}
              data-testid="round-add-entry"
            >
              {t('rights.round.addEntry')}
            </Button>
            <Button
              variant="default"
              disabled={list.length === 0}
              onClick={() => {
                const article = lastArticle();
                const taken = new Set(
                  entries.filter((e) => e.article === article).map((e) => e.personId),
                );
                const added = list
                  .filter((r) => !taken.has(r.personId))
                  .map((r) => newEntry(r.personId, article));
                setEntries((l) => [...l.filter((e) => e.personId !== ''), ...added]);
              }}
              data-testid="round-add-all"
            >
              {t('rights.round.addAll', { article: lastArticle() })}
            </Button>
          </Group>

          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={record.isPending}
              disabled={entries.length === 0}
              data-testid="round-submit"
            >
              {t('rights.round.submit', { n: entries.length })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fieldErrors } from '../../lib/errors';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import {
  CREDIBILITIES,
  incidentKeys,
  incidentsApi,
  sourcesApi,
  type Citation,
  type Incident,
} from './api';
import { FlagBadges, Muted, ReliabilityBadge } from './shared';

/** The incident's citations: each claim with its source, passage, grade and flags. */
export function Citations({ incident, canWrite }: { incident: Incident; canWrite: boolean }) {
  const { t } = useTranslation();
  const canReadSources = useHasAbility('sources.read');
  return (
    <Stack gap="sm" data-testid="incident-citations">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">
          {t('incidents.citations.title')}
        </Title>
        {incident.flaggedCitations > 0 && (
          <Badge color="red" variant="light" tt="none" data-testid="incident-flagged-count">
            {t('incidents.citations.flaggedCount', { n: incident.flaggedCitations })}
          </Badge>
        )}
      </Group>
      {incident.citations.length === 0 && <Muted>{t('incidents.citations.none')}</Muted>}
      {incident.citations.map((c) => (
        <CitationCard key={c.id} citation={c} />
      ))}
      {canWrite && canReadSources && <CitationForm incidentId={incident.id} />}
    </Stack>
  );
}

function CitationCard({ citation: c }: { citation: Citation }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="citation" data-flags={c.flags.join(' ')}>
      <Stack gap={6}>
        <Group gap="xs" justify="space-between">
          <Group gap="xs">
            <Text fw={600} dir="auto" data-testid="citation-source">
              {c.sourceTitle}
            </Text>
            <ReliabilityBadge grade={c.reliability} />
            <Badge
              variant="outline"
              color="gray"
              tt="none"
              title={t(`incidents.credibility.${c.credibility}`)}
              data-testid="citation-grade"
            >
              {t('incidents.citations.grade', { grade: c.grade })}
            </Badge>
          </Group>
          <FlagBadges flags={c.flags} />
        </Group>
        <Text size="sm" dir="auto" data-testid="citation-claim">
          {c.claim}
        </Text>
        <Text size="sm">
          {t('incidents.citations.credibilityShown', {
            level: c.credibility,
            meaning: t(`incidents.credibility.${c.credibility}`),
          })}
        </Text>
        {c.locator && (
          <Text size="sm" dir="auto" data-testid="citation-locator">
            {t('incidents.citations.locatorShown', { locator: c.locator })}
          </Text>
        )}
        {c.passage && (
          <Text
            size="sm"
            dir="auto"
            fs="italic"
            component="blockquote"
            m={0}
            data-testid="citation-passage"
          >
            {c.passage}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

interface CitationDraft {
  sourceId: string;
  claim: string;
  locator: string;
  passage: string;
  credibility: string;
}

const EMPTY: CitationDraft = { sourceId: '', claim: '', locator: '', passage: '', credibility: '' };
const FIELDS = ['sourceId', 'claim', 'locator', 'passage', 'credibility'] as const;

function CitationForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<CitationDraft>(EMPTY);
  const set = <K extends keyof CitationDraft>(key: K, value: CitationDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const sources = useQuery({
    queryKey: incidentKeys.sourceList({ limit: 500 }),
    queryFn: ({ signal }) => sourcesApi.list({ limit: 500 }, signal),
  });
  const add = useMutation({
    mutationFn: () =>
      incidentsApi.addCitation(incidentId, {
        sourceId: draft.sourceId,
        claim: draft.claim.trim(),
        locator: draft.locator.trim() || undefined,
        passage: draft.passage.trim() || undefined,
        // An empty choice goes as 0, which the server names as out of range.
        credibility: Number(draft.credibility) || 0,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: incidentKeys.detail(incidentId) });
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
      // The source stays chosen: several claims often cite one source.
      setDraft((d) => ({ ...EMPTY, sourceId: d.sourceId }));
    },
  });
  const errors = fieldErrors(add.error);
  const items = sources.data?.items ?? [];
  return (
    <Paper withBorder p="md" data-testid="citation-form">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('incidents.citations.add')}
          </Title>
          <ProblemAlert error={add.error ?? sources.error} fields={FIELDS} />
          {sources.data && items.length === 0 && (
            <Muted>
              {t('incidents.citations.noSources')}{' '}
              <Anchor component={Link} to="/sources" size="sm">
                {t('incidents.sources.title')}
              </Anchor>
            </Muted>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('incidents.citations.source')}
              required
              value={draft.sourceId}
              onChange={(e) => set('sourceId', e.currentTarget.value)}
              error={errors.sourceId}
              data-testid="citation-source-select"
            >
              <option value="">{t('incidents.choose')}</option>
              {items.map((s) => (
                <option key={s.id} value={s.id}>
                  {`${s.title} (${s.reliability})`}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('incidents.citations.credibility')}
              required
              value={draft.credibility}
              onChange={(e) => set('credibility', e.currentTarget.value)}
              error={errors.credibility}
              data-testid="citation-credibility"
            >
              <option value="">{t('incidents.choose')}</option>
              {CREDIBILITIES.map((c) => (
                <option key={c} value={String(c)}>
                  {`${c} · ${t(`incidents.credibility.${c}`)}`}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
          <Textarea
            label={t('incidents.citations.claim')}
            description={t('incidents.citations.claimHint')}
            required
            dir="auto"
            autosize
            minRows={2}
            value={draft.claim}
            onChange={(e) => set('claim', e.currentTarget.value)}
            error={errors.claim}
            data-testid="citation-claim-input"
          />
          <TextInput
            label={t('incidents.citations.locator')}
            description={t('incidents.citations.locatorHint')}
            dir="auto"
            value={draft.locator}
            onChange={(e) => set('locator', e.currentTarget.value)}
            error={errors.locator}
            data-testid="citation-locator-input"
          />
          <Textarea
            label={t('incidents.citations.passage')}
            description={t('incidents.citations.passageHint')}
            dir="auto"
            autosize
            minRows={2}
            value={draft.passage}
            onChange={(e) => set('passage', e.currentTarget.value)}
            error={errors.passage}
            data-testid="citation-passage-input"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending} data-testid="citation-submit">
              {t('incidents.citations.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

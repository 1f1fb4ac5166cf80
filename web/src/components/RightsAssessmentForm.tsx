import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rightsApi } from '../api/endpoints';
import { queryKeys, useSites } from '../api/queries';
import {
  ASSESSMENT_METHODS,
  isAssessmentMethod,
  isReliability,
  isRightsAccess,
  RELIABILITIES,
  RIGHTS_ACCESS_VALUES,
} from '../api/types';
import type {
  AssessmentMethod,
  Entitlement,
  Reliability,
  RightsAccess,
  RightsAssessmentRequest,
} from '../api/types';
import { fieldErrors } from '../lib/errors';
import { articleLabel, localToday, RIGHTS_ARTICLES } from '../lib/rights';
import { BarrierSelect } from './BarrierSelect';
import { useHasAbility } from './MeContext';
import { ProblemAlert } from './ProblemAlert';

const FIELDS = [
  'article',
  'access',
  'barriers',
  'assessedOn',
  'method',
  'reliability',
  'siteId',
  'round',
  'note',
] as const;

interface Draft {
  article: string;
  access: RightsAccess;
  barriers: string[];
  assessedOn: string;
  method: AssessmentMethod;
  reliability: Reliability;
  siteId: string;
  round: string;
  note: string;
}

function toRequest(d: Draft): RightsAssessmentRequest {
  const body: RightsAssessmentRequest = {
    article: d.article,
    access: d.access,
    barriers: d.barriers,
    assessedOn: d.assessedOn,
    method: d.method,
    reliability: d.reliability,
  };
  if (d.siteId) body.siteId = d.siteId;
  if (d.round.trim()) body.round = d.round.trim();
  if (d.note.trim()) body.note = d.note.trim();
  return body;
}

interface RightsAssessmentFormProps {
  personId: string;
  /** The person's entitlements, to offer their articles (the catalogue's otherwise). */
  articles?: readonly Entitlement[];
  onDone: () => void;
  onCancel: () => void;
}

/** One observation of how far the person can exercise one right, and what stands in the way. */
export function RightsAssessmentForm({
  personId,
  articles,
  onDone,
  onCancel,
}: RightsAssessmentFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canReadSites = useHasAbility('sites.read');
  const sites = useSites(canReadSites);
  const options =
    articles?.map((a) => ({ value: a.article, title: a.title })) ??
    RIGHTS_ARTICLES.map((article) => ({ value: article, title: undefined }));
  const [draft, setDraft] = useState<Draft>(() => ({
    article: options[0]?.value ?? '3',
    access: 'none',
    barriers: [],
    assessedOn: localToday(),
    method: 'interview',
    reliability: 'B',
    siteId: '',
    round: '',
    note: '',
  }));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: () => rightsApi.addAssessment(personId, toRequest(draft)),
    onSuccess: () => {
      // The gap and the list depend on it; entitlements do not, but share the prefix cheaply.
      void queryClient.invalidateQueries({ queryKey: queryKeys.rightsAssessments(personId) });
      void queryClient.invalidateQueries({
        queryKey: ['persons', 'detail', personId, 'rights-gaps'],
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.rightsMatrices });
      onDone();
    },
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
        data-testid="assessment-form"
      >
        <Stack gap="md">
          <ProblemAlert error={save.error} fields={FIELDS} testId="assessment-error" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('rights.article')}
              required
              value={draft.article}
              onChange={(e) => set('article', e.currentTarget.value)}
              error={errors.article}
              data-testid="assessment-article"
            >
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {articleLabel(t, o.value, o.title)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('rights.access.label')}
              required
              value={draft.access}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isRightsAccess(value)) set('access', value);
              }}
              error={errors.access}
              data-testid="assessment-access"
            >
              {RIGHTS_ACCESS_VALUES.map((value) => (
                <option key={value} value={value}>
                  {t(`rights.access.values.${value}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
          <BarrierSelect
            value={draft.barriers}
            onChange={(value) => set('barriers', value)}
            error={errors.barriers}
            testId="assessment-barriers"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              label={t('rights.assessments.assessedOn')}
              required
              value={draft.assessedOn}
              onChange={(e) => set('assessedOn', e.currentTarget.value)}
              error={errors.assessedOn}
              data-testid="assessment-date"
            />
            <NativeSelect
              label={t('rights.method.label')}
              required
              value={draft.method}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isAssessmentMethod(value)) set('method', value);
              }}
              error={errors.method}
              data-testid="assessment-method"
            >
              {ASSESSMENT_METHODS.map((value) => (
                <option key={value} value={value}>
                  {t(`rights.method.values.${value}`)}
                </option>
              ))}
            </NativeSelect>
            <ReliabilitySelect
              value={draft.reliability}
              onChange={(value) => set('reliability', value)}
              error={errors.reliability}
              testId="assessment-reliability"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {canReadSites && (
              <NativeSelect
                label={t('rights.assessments.site')}
                value={draft.siteId}
                onChange={(e) => set('siteId', e.currentTarget.value)}
                error={errors.siteId}
                data-testid="assessment-site"
              >
                <option value="">{t('rights.assessments.noSite')}</option>
                {(sites.data?.items ?? []).map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
              </NativeSelect>
            )}
            <TextInput
              label={t('rights.assessments.round')}
              dir="auto"
              value={draft.round}
              onChange={(e) => set('round', e.currentTarget.value)}
              error={errors.round}
              data-testid="assessment-round"
            />
          </SimpleGrid>
          <Textarea
            label={t('rights.assessments.note')}
            dir="auto"
            autosize
            minRows={2}
            value={draft.note}
            onChange={(e) => set('note', e.currentTarget.value)}
            error={errors.note}
            data-testid="assessment-note"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="assessment-submit">
              {t('rights.assessments.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

interface ReliabilitySelectProps {
  value: Reliability;
  onChange: (value: Reliability) => void;
  error?: string;
  testId?: string;
}

/** Source reliability on the A–F scale, each letter with its meaning. */
export function ReliabilitySelect({ value, onChange, error, testId }: ReliabilitySelectProps) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      label={t('rights.reliability.label')}
      required
      value={value}
      onChange={(e) => {
        const next = e.currentTarget.value;
        if (isReliability(next)) onChange(next);
      }}
      error={error}
      data-testid={testId}
    >
      {RELIABILITIES.map((letter) => (
        <option key={letter} value={letter}>
          {t('rights.reliability.option', {
            letter,
            meaning: t(`rights.reliability.values.${letter}`),
          })}
        </option>
      ))}
    </NativeSelect>
  );
}

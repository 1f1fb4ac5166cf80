import {
  Alert,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAt, fieldPathErrors } from '../../lib/errors';
import { formatDay } from '../../lib/format';
import { ChartCard } from '../charts/ChartCard';
import { LineChart } from '../charts/LineChart';
import { numberText, type ChartTable } from '../charts/model';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import { aidKeys, assistanceApi, SRI_DOMAINS, type SriRequest, type SriTrend } from './api';
import { sriScale } from './IndicatorCharts';

type Scores = Record<string, string>;

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A household's Self-Reliance Index: the trend chart, the assessments, and a new one. */
export function SriSection({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const canAssess = useHasAbility('sri.assess');
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  const trend = useQuery({
    queryKey: aidKeys.sriTrend(householdId),
    queryFn: ({ signal }) => assistanceApi.sriTrend(householdId, signal),
  });
  return (
    <Stack gap="sm" data-testid="sri-section">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t('sri.title')}
        </Title>
        {canAssess && !adding && (
          <Button
            onClick={() => {
              setAdding(true);
              setSaved(false);
            }}
            data-testid="sri-new"
          >
            {t('sri.new')}
          </Button>
        )}
      </Group>
      {saved && (
        <Alert color="teal" data-testid="sri-saved">
          {t('sri.saved')}
        </Alert>
      )}
      {canAssess && adding && (
        <SriForm
          householdId={householdId}
          onDone={() => {
            setAdding(false);
            setSaved(true);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <ProblemAlert error={trend.error} />
      {trend.isPending && <Loader size="sm" />}
      {trend.data && <SriTrendChart data={trend.data} />}
      {trend.data && trend.data.items.length > 0 && <SriAssessments data={trend.data} />}
    </Stack>
  );
}

function SriTrendChart({ data }: { data: SriTrend }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const scale = sriScale(data.trend.method);
  const method = t(`sri.methods.${data.trend.method}`, { defaultValue: data.trend.method });
  const points = data.trend.points.map((p) => ({
    key: p.assessmentId,
    label: formatDay(p.assessedOn, lang),
    value: p.value,
    text: p.value === null ? t('sri.noTotal') : numberText(p.value, lang),
  }));
  const table: ChartTable = {
    columns: [t('sri.assessedOn'), t('sri.total'), t('sri.scoredDomains'), t('sri.change')],
    rows: data.trend.points.map((p) => ({
      key: p.assessmentId,
      cells: [
        formatDay(p.assessedOn, lang),
        p.value === null ? t('sri.noTotal') : numberText(p.value, lang),
        String(p.scoredDomains),
        p.change === null ? '—' : `${p.change > 0 ? '+' : ''}${numberText(p.change, lang)}`,
      ],
    })),
  };
  const title = t('sri.trendTitle');
  return (
    <ChartCard
      title={title}
      description={t('sri.trendDescription', { method })}
      testId="sri-trend"
      table={table}
      emptyText={points.length ? undefined : t('sri.none')}
    >
      <LineChart
        title={title}
        summary={t('sri.trendSummary', { count: points.length })}
        points={points}
        min={scale.min}
        max={scale.max}
        tickText={(v) => numberText(v, lang, 1)}
        testId="sri-trend-chart"
      />
    </ChartCard>
  );
}

function SriAssessments({ data }: { data: SriTrend }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const items = [...data.items].reverse();
  return (
    <Table.ScrollContainer minWidth={1100}>
      <Table withTableBorder striped data-testid="sri-assessments">
        <Table.Caption>{t('sri.assessmentsCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('sri.assessedOn')}</Table.Th>
            <Table.Th scope="col">{t('sri.assessor')}</Table.Th>
            <Table.Th scope="col">{t('sri.total')}</Table.Th>
            {SRI_DOMAINS.map((d) => (
              <Table.Th scope="col" key={d}>
                {t(`sri.domains.${d}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-testid="sri-assessment-row">
              <Table.Th scope="row" fw={500}>
                {formatDay(a.assessedOn, lang)}
              </Table.Th>
              <Table.Td dir="auto">{a.assessor ?? '—'}</Table.Td>
              <Table.Td data-testid="sri-assessment-total">
                {a.total.value === null ? t('sri.noTotal') : numberText(a.total.value, lang)}
              </Table.Td>
              {SRI_DOMAINS.map((d) => (
                <Table.Td key={d}>{a.domains[d] ?? '—'}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A new assessment: the 12 domains scored 1–5, or left unscored. */
function SriForm({
  householdId,
  onDone,
  onCancel,
}: {
  householdId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [assessedOn, setAssessedOn] = useState(today());
  const [assessor, setAssessor] = useState('');
  const [instrumentVersion, setVersion] = useState('2.0');
  const [scores, setScores] = useState<Scores>({});
  const save = useMutation({
    mutationFn: () => {
      const domains: SriRequest['domains'] = {};
      for (const d of SRI_DOMAINS) domains[d] = scores[d] ? Number(scores[d]) : null;
      const body: SriRequest = { assessedOn, instrumentVersion: instrumentVersion.trim(), domains };
      if (assessor.trim()) body.assessor = assessor.trim();
      return assistanceApi.addSri(householdId, body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: aidKeys.sriTrend(householdId) });
      void queryClient.invalidateQueries({ queryKey: aidKeys.reports });
      onDone();
    },
  });
  const errors = fieldPathErrors(save.error);
  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
        data-testid="sri-form"
      >
        <Stack gap="sm">
          <ProblemAlert
            error={save.error}
            fields={['assessedOn', 'assessor', 'instrumentVersion', 'domains']}
            testId="sri-error"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              label={t('sri.assessedOn')}
              required
              value={assessedOn}
              onChange={(e) => setAssessedOn(e.currentTarget.value)}
              error={errors.assessedOn}
              data-testid="sri-date"
            />
            <TextInput
              label={t('sri.assessor')}
              value={assessor}
              onChange={(e) => setAssessor(e.currentTarget.value)}
              error={errors.assessor}
              data-testid="sri-assessor"
            />
            <TextInput
              label={t('sri.instrumentVersion')}
              required
              dir="ltr"
              value={instrumentVersion}
              onChange={(e) => setVersion(e.currentTarget.value)}
              error={errors.instrumentVersion}
              data-testid="sri-version"
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            {t('sri.scoresHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            {SRI_DOMAINS.map((d) => (
              <NativeSelect
                key={d}
                label={t(`sri.domains.${d}`)}
                value={scores[d] ?? ''}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setScores((s) => ({ ...s, [d]: v }));
                }}
                error={errorAt(errors, `domains.${d}`)}
                data-testid={`sri-domain-${d}`}
              >
                <option value="">{t('sri.unscored')}</option>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={String(n)}>
                    {t(`sri.scores.${n}`)}
                  </option>
                ))}
              </NativeSelect>
            ))}
          </SimpleGrid>
          {errors.domains && (
            <Text c="red" size="sm">
              {errors.domains}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="sri-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

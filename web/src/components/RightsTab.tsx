import {
  Badge,
  Button,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { rightsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { OWED_VALUES } from '../api/types';
import type { Entitlement, Entitlements, Owed, RightsAssessment, RightsGap } from '../api/types';
import { localDayStartIso } from '../lib/dates';
import { formatDay } from '../lib/format';
import { articleLabel, groupByOwed, localToday } from '../lib/rights';
import { useHasAbility } from './MeContext';
import { ProblemAlert } from './ProblemAlert';
import { RightsAssessmentForm } from './RightsAssessmentForm';

export const OWED_COLORS: Record<Owed, string> = {
  yes: 'green',
  'if-refugee': 'blue',
  no: 'gray',
  reserved: 'orange',
};

export const ACCESS_COLORS: Record<string, string> = {
  full: 'green',
  partial: 'yellow',
  none: 'red',
  unknown: 'gray',
};

/** A summary in the UI language (the catalogue has one per language), English otherwise. */
export function summaryIn(item: Entitlement, language: string): string {
  const key = language as keyof Entitlement['summary'];
  return Object.hasOwn(item.summary, key) ? item.summary[key] : item.summary.en;
}

/** The as-of day: a real day from the input, else today. */
function dayOrToday(value: string): string {
  return localDayStartIso(value) ? value : localToday();
}

/**
 * What the 1951 Convention owes the person, and why (the engine's reading of their statuses and
 * residences under the operation's host-state profile); the rights assessed and the gaps.
 */
export function RightsTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canAssess = useHasAbility('rights.assess');
  const [asOfInput, setAsOfInput] = useState(localToday);
  const [adding, setAdding] = useState(false);
  const asOf = dayOrToday(asOfInput);

  const entitlements = useQuery({
    queryKey: queryKeys.entitlements(personId, asOf),
    queryFn: ({ signal }) => rightsApi.entitlements(personId, { asOf }, signal),
    placeholderData: keepPreviousData,
  });
  const gaps = useQuery({
    queryKey: queryKeys.rightsGaps(personId, asOf),
    queryFn: ({ signal }) => rightsApi.gaps(personId, { asOf }, signal),
    placeholderData: keepPreviousData,
  });
  const assessments = useQuery({
    queryKey: queryKeys.rightsAssessments(personId),
    queryFn: ({ signal }) => rightsApi.assessments(personId, signal),
  });

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <TextInput
          type="date"
          label={t('rights.asOf')}
          description={t('rights.asOfHint')}
          value={asOfInput}
          onChange={(e) => setAsOfInput(e.currentTarget.value)}
          data-testid="rights-as-of"
        />
        <Button
          component={Link}
          to={`/persons/${personId}/rights-card?asOf=${asOf}`}
          variant="default"
          data-testid="rights-card-link"
        >
          {t('rights.card.open')}
        </Button>
      </Group>

      <ProblemAlert error={entitlements.error} />
      {entitlements.isPending && <Loader size="sm" />}
      {entitlements.data && (
        <>
          <RightsOverview data={entitlements.data} />
          <Text size="xs" c="dimmed">
            {t('rights.engineNote', { version: entitlements.data.catalogueVersion })}
          </Text>
        </>
      )}

      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('rights.gaps.title')}
        </Title>
        <ProblemAlert error={gaps.error} />
        {gaps.data && <GapList items={gaps.data.items} />}
      </Stack>

      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h3">
            {t('rights.assessments.title')}
          </Title>
          {canAssess && !adding && (
            <Button onClick={() => setAdding(true)} data-testid="assessment-add">
              {t('rights.assessments.add')}
            </Button>
          )}
        </Group>
        {canAssess && adding && (
          <RightsAssessmentForm
            personId={personId}
            articles={entitlements.data?.items}
            onDone={() => setAdding(false)}
            onCancel={() => setAdding(false)}
          />
        )}
        <ProblemAlert error={assessments.error} />
        {assessments.isPending && <Loader size="sm" />}
        {assessments.data && <AssessmentList items={assessments.data.items} />}
      </Stack>

      {entitlements.data && <EntitlementGroups items={entitlements.data.items} />}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** The engine writes its reasons in English; they are marked as such for screen readers. */
function EngineText({ children, size = 'sm' }: { children: string; size?: 'xs' | 'sm' }) {
  return (
    <Text size={size} lang="en" dir="ltr" className="text-start">
      {children}
    </Text>
  );
}

function RightsOverview({ data }: { data: Entitlements }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="rights-overview">
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Fact label={t('rights.attachment.label')}>
          <Group gap="xs">
            <Badge variant="filled" tt="none" data-testid="rights-attachment">
              {t(`rights.attachment.levels.${data.attachment.level}`, {
                defaultValue: data.attachment.level,
              })}
            </Badge>
            {data.attachment.since && (
              <Text size="sm">
                {t('rights.attachment.since', {
                  day: formatDay(data.attachment.since, i18n.language),
                })}
              </Text>
            )}
          </Group>
          <EngineText>{data.attachment.reason}</EngineText>
        </Fact>
        <Fact label={t('rights.refugeeStatus.label')}>
          <div>
            <Badge variant="light" tt="none" data-testid="rights-refugee-status">
              {t(`rights.refugeeStatus.values.${data.refugeeStatus}`, {
                defaultValue: data.refugeeStatus,
              })}
            </Badge>
          </div>
          <EngineText>{data.refugeeStatusReason}</EngineText>
        </Fact>
        <Fact label={t('rights.convention.label')}>
          <div>
            <Badge
              variant="light"
              color={data.convention.binds ? 'green' : 'red'}
              tt="none"
              data-testid="rights-convention"
            >
              {data.convention.binds
                ? t('rights.convention.binds')
                : t('rights.convention.notBinds')}
            </Badge>
          </div>
          <EngineText>{data.convention.reason}</EngineText>
        </Fact>
      </SimpleGrid>
    </Paper>
  );
}

function EntitlementGroups({ items }: { items: readonly Entitlement[] }) {
  const { t } = useTranslation();
  const groups = groupByOwed(items);
  return (
    <Stack gap="md" data-testid="entitlements">
      <Title order={2} size="h3">
        {t('rights.owed.title')}
      </Title>
      {OWED_VALUES.map((owed) => (
        <Stack key={owed} gap="xs" data-testid={`entitlements-${owed}`}>
          <Group gap="xs" align="baseline">
            <Title order={3} size="h4">
              {t(`rights.owed.groups.${owed}`)}
            </Title>
            <Badge variant="light" color={OWED_COLORS[owed]} tt="none">
              {groups[owed].length}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {t(`rights.owed.explain.${owed}`)}
          </Text>
          {groups[owed].length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('rights.owed.none')}
            </Text>
          ) : (
            groups[owed].map((item) => <EntitlementRow key={item.article} item={item} />)
          )}
        </Stack>
      ))}
    </Stack>
  );
}

function EntitlementRow({ item }: { item: Entitlement }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const whyId = useId();
  return (
    <Paper withBorder p="sm" data-testid="entitlement" data-article={item.article}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={4}>
            <Text fw={600}>{articleLabel(t, item.article, item.title)}</Text>
            <Text size="sm">{summaryIn(item, i18n.language)}</Text>
          </Stack>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls={whyId}
            data-testid="entitlement-why"
          >
            {t('rights.why')}
          </Button>
        </Group>
        <Group gap="xs">
          <Badge variant="outline" color="gray" tt="none">
            {t(`rights.standards.${item.standard}`, { defaultValue: item.standard })}
          </Badge>
          <Badge variant="outline" color="gray" tt="none">
            {t('rights.needs', {
              level: t(`rights.attachment.levels.${item.attachment}`, {
                defaultValue: item.attachment,
              }),
            })}
          </Badge>
          {item.contested && (
            <Badge variant="light" color="grape" tt="none">
              {t('rights.contested')}
            </Badge>
          )}
        </Group>
        {item.comparator && (
          <Text size="sm" c="dimmed">
            {t('rights.comparator')}:{' '}
            <span lang="en" dir="ltr">
              {item.comparator}
            </span>
          </Text>
        )}
        {item.condition && (
          <Text size="sm" c="dimmed">
            {t('rights.condition')}:{' '}
            <span lang="en" dir="ltr">
              {item.condition}
            </span>
          </Text>
        )}
        {open && (
          <Paper bg="gray.0" p="sm" id={whyId} data-testid="entitlement-reason">
            <Stack gap="xs">
              <Text size="sm" fw={600}>
                {t('rights.reason')}
              </Text>
              <EngineText>{item.reason}</EngineText>
              {item.facts.length > 0 && (
                <>
                  <Text size="sm" fw={600}>
                    {t('rights.facts')}
                  </Text>
                  <List size="sm" lang="en" dir="ltr" className="text-start">
                    {item.facts.map((fact) => (
                      <List.Item key={fact}>{fact}</List.Item>
                    ))}
                  </List>
                </>
              )}
            </Stack>
          </Paper>
        )}
      </Stack>
    </Paper>
  );
}

export function BarrierList({ barriers }: { barriers: readonly string[] }) {
  const { t } = useTranslation();
  if (barriers.length === 0) return <>—</>;
  return (
    <>
      {barriers
        .map((code) => t(`rights.barriers.${code}`, { defaultValue: code }))
        .join(t('common.listSeparator'))}
    </>
  );
}

function GapList({ items }: { items: readonly RightsGap[] }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0)
    return (
      <Text c="dimmed" data-testid="rights-gaps-empty">
        {t('rights.gaps.empty')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table data-testid="rights-gaps">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('rights.article')}</Table.Th>
            <Table.Th scope="col">{t('rights.access.label')}</Table.Th>
            <Table.Th scope="col">{t('rights.barriers.label')}</Table.Th>
            <Table.Th scope="col">{t('rights.assessments.assessedOn')}</Table.Th>
            <Table.Th scope="col">{t('rights.reliability.label')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((gap) => (
            <Table.Tr key={gap.article} data-testid="rights-gap-row">
              <Table.Td>
                {articleLabel(t, gap.article, gap.title)}
                {gap.owed === 'if-refugee' && (
                  <Text size="xs" c="dimmed">
                    {t('rights.owed.groups.if-refugee')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={ACCESS_COLORS[gap.access]} variant="light" tt="none">
                  {t(`rights.access.values.${gap.access}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <BarrierList barriers={gap.barriers} />
              </Table.Td>
              <Table.Td>{formatDay(gap.assessedOn, i18n.language)}</Table.Td>
              <Table.Td>{gap.reliability}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AssessmentList({ items }: { items: readonly RightsAssessment[] }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0)
    return (
      <Text c="dimmed" data-testid="assessments-empty">
        {t('rights.assessments.empty')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped data-testid="assessments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('rights.assessments.assessedOn')}</Table.Th>
            <Table.Th scope="col">{t('rights.article')}</Table.Th>
            <Table.Th scope="col">{t('rights.access.label')}</Table.Th>
            <Table.Th scope="col">{t('rights.barriers.label')}</Table.Th>
            <Table.Th scope="col">{t('rights.method.label')}</Table.Th>
            <Table.Th scope="col">{t('rights.reliability.label')}</Table.Th>
            <Table.Th scope="col">{t('rights.assessments.round')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-testid="assessment-row">
              <Table.Td>{formatDay(a.assessedOn, i18n.language)}</Table.Td>
              <Table.Td>
                {articleLabel(t, a.article)}
                {a.note && (
                  <Text size="xs" c="dimmed" dir="auto">
                    {a.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={ACCESS_COLORS[a.access]} variant="light" tt="none">
                  {t(`rights.access.values.${a.access}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <BarrierList barriers={a.barriers} />
              </Table.Td>
              <Table.Td>{t(`rights.method.values.${a.method}`)}</Table.Td>
              <Table.Td>
                <span title={t(`rights.reliability.values.${a.reliability}`)}>{a.reliability}</span>
              </Table.Td>
              <Table.Td dir="auto">{a.round ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

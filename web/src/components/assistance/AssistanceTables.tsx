import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../lib/format';
import { shareText } from '../charts/model';
import { useHasAbility } from '../MeContext';
import { aidKeys, assistanceApi, type Dependency, type Distribution, type Enrolment } from './api';
import { DependencyFlag, IndependenceBadge } from './badges';
import { OutcomeForm } from './EnrolmentForms';

/** Programme names by id (the lists carry ids only). */
function useProgrammeNames(): (id: string) => string {
  const programmes = useQuery({
    queryKey: aidKeys.programmeList(''),
    queryFn: ({ signal }) => assistanceApi.programmes(undefined, signal),
    staleTime: 60_000,
  });
  return (id) => programmes.data?.items.find((p) => p.id === id)?.name ?? id.slice(0, 8);
}

/** What was received: date, programme, item or cash, quantity, value, provider's class. */
export function DistributionsTable({ items, testId }: { items: Distribution[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const programmeName = useProgrammeNames();
  if (items.length === 0)
    return (
      <Text c="dimmed" size="sm" data-testid={`${testId}-empty`}>
        {t('assistance.distributions.none')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('assistance.distributions.distributedOn')}</Table.Th>
            <Table.Th scope="col">{t('assistance.distributions.programme')}</Table.Th>
            <Table.Th scope="col">{t('assistance.distributions.what')}</Table.Th>
            <Table.Th scope="col">{t('assistance.distributions.value')}</Table.Th>
            <Table.Th scope="col">{t('assistance.distributions.provider')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((d) => (
            <Table.Tr key={d.id} data-testid={`${testId}-row`}>
              <Table.Td>{formatDay(d.distributedOn, i18n.language)}</Table.Td>
              <Table.Td dir="auto">
                {programmeName(d.programmeId)}
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({t(`assistance.programmeTypes.${d.programmeType}`)})
                </Text>
              </Table.Td>
              <Table.Td dir="auto">
                {t(`assistance.kinds.${d.kind}`)}
                {d.item ? `: ${d.item}` : ''}
                {d.quantity ? ` · ${d.quantity} ${d.unit ?? ''}` : ''}
              </Table.Td>
              <Table.Td dir="ltr" className="text-start">
                {d.value ? `${d.value} ${d.currency ?? ''}` : '—'}
              </Table.Td>
              <Table.Td>
                <IndependenceBadge value={d.independenceClass} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The share of essentials from group-linked sponsors over the period, with its flag. */
export function DependencyPanel({ data, testId }: { data: Dependency; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap="xs" data-testid={testId}>
      <Group gap="sm">
        <Text fw={600}>{t('assistance.dependency.share')}:</Text>
        <Text data-testid={`${testId}-share`}>{shareText(data.share, lang)}</Text>
        <DependencyFlag flagged={data.flagged} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('assistance.dependency.explain', {
          from: formatDay(data.from, lang),
          to: formatDay(data.to, lang),
          threshold: shareText(data.threshold, lang),
          currency: data.reportingCurrency,
        })}
      </Text>
      {data.unvalued > 0 && (
        <Text size="sm" c="orange">
          {t('assistance.dependency.unvalued', { count: data.unvalued })}
        </Text>
      )}
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('assistance.dependency.essential')}</Table.Th>
            <Table.Th scope="col">{t('assistance.dependency.total')}</Table.Th>
            <Table.Th scope="col">{t('assistance.dependency.fromLinked')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(['food', 'shelter', 'cash'] as const).map((e) => (
            <Table.Tr key={e}>
              <Table.Th scope="row" fw={500}>
                {t(`assistance.dependency.essentials.${e}`)}
              </Table.Th>
              <Table.Td dir="ltr" className="text-start">
                {data.byEssential[e].total}
              </Table.Td>
              <Table.Td dir="ltr" className="text-start">
                {data.byEssential[e].fromGroupLinked}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** Enrolments with status and outcomes; those who record assistance can update outcomes. */
export function EnrolmentsTable({ items, testId }: { items: Enrolment[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const canRecord = useHasAbility('assistance.record');
  const programmeName = useProgrammeNames();
  const [editing, setEditing] = useState<Enrolment | null>(null);
  if (items.length === 0)
    return (
      <Text c="dimmed" size="sm" data-testid={`${testId}-empty`}>
        {t('assistance.enrolments.none')}
      </Text>
    );
  const flags = (e: Enrolment) =>
    (['completed', 'certified', 'employed', 'businessStarted'] as const)
      .filter((f) => e.outcomes[f])
      .map((f) => t(`assistance.enrolments.flags.${f}`));
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('assistance.enrolments.programme')}</Table.Th>
              <Table.Th scope="col">{t('assistance.enrolments.enrolledOn')}</Table.Th>
              <Table.Th scope="col">{t('assistance.enrolments.status')}</Table.Th>
              <Table.Th scope="col">{t('assistance.enrolments.outcomes')}</Table.Th>
              {canRecord && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.id} data-testid={`${testId}-row`}>
                <Table.Td dir="auto">
                  {programmeName(e.programmeId)}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({t(`assistance.programmeTypes.${e.programmeType}`)})
                  </Text>
                </Table.Td>
                <Table.Td>
                  {formatDay(e.enrolledOn, i18n.language)}
                  {e.endedOn ? ` – ${formatDay(e.endedOn, i18n.language)}` : ''}
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" data-testid="enrolment-status-badge">
                    {t(`assistance.enrolments.statuses.${e.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td data-testid="enrolment-outcomes">
                  {[
                    ...flags(e),
                    ...(e.outcomes.monthlyIncome
                      ? [
                          t('assistance.enrolments.incomeValue', {
                            value: e.outcomes.monthlyIncome,
                            currency: e.outcomes.incomeCurrency ?? '',
                          }),
                        ]
                      : []),
                  ].join(t('common.listSeparator')) || '—'}
                </Table.Td>
                {canRecord && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setEditing(e)}
                      data-testid="enrolment-outcomes-edit"
                    >
                      {t('assistance.enrolments.recordOutcomes')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('assistance.enrolments.recordOutcomes')}
        size="lg"
      >
        {editing && (
          <OutcomeForm
            key={editing.id}
            enrolment={editing}
            onDone={() => setEditing(null)}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </>
  );
}

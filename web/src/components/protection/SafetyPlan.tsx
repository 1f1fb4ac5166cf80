import { Alert, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SeparationRequest } from '../../api/types';
import { formatDay } from '../../lib/format';
import { isOverdue, localToday } from '../../lib/rights';
import { AddStepForm, StepRow } from './SafetyPlanSteps';

/** The safety plan of a separation request: its steps, each with an owner and a due date. */
export function SafetyPlan({ request, canEdit }: { request: SeparationRequest; canEdit: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const today = localToday();
  const overdue = request.steps.filter((s) => isOverdue(s, today)).length;
  return (
    <Stack gap="sm" data-testid="safety-plan">
      <Group justify="space-between" align="baseline">
        <Group gap="xs" align="baseline">
          <Title order={3} size="h4">
            {t('protection.steps.title')}
          </Title>
          {overdue > 0 && (
            <Badge color="red" variant="filled" tt="none" data-testid="safety-plan-overdue">
              {t('protection.steps.overdueCount', { n: overdue })}
            </Badge>
          )}
        </Group>
        {canEdit && !adding && (
          <Button variant="default" onClick={() => setAdding(true)} data-testid="step-add">
            {t('protection.steps.add')}
          </Button>
        )}
      </Group>
      <AssistanceDependencyNote dependency={request.assistanceDependency} />
      {canEdit && adding && (
        <AddStepForm
          request={request}
          onDone={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      )}
      {request.steps.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('protection.steps.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table data-testid="safety-plan-steps">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('protection.steps.kind')}</Table.Th>
                <Table.Th scope="col">{t('protection.steps.owner')}</Table.Th>
                <Table.Th scope="col">{t('protection.steps.dueOn')}</Table.Th>
                <Table.Th scope="col">{t('protection.steps.doneOn')}</Table.Th>
                {canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {request.steps.map((step) => (
                <StepRow
                  key={step.id}
                  request={request}
                  step={step}
                  today={today}
                  canEdit={canEdit}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/**
 * Where the person's essentials came from over the last 90 days (the API's dependency check):
 * a warning when any came from a provider linked to a group, since the plan needs an
 * independent one; a quiet line otherwise.
 */
function AssistanceDependencyNote({
  dependency: d,
}: {
  dependency: SeparationRequest['assistanceDependency'];
}) {
  const { t, i18n } = useTranslation();
  const period = {
    from: formatDay(d.from, i18n.language),
    to: formatDay(d.to, i18n.language),
  };
  if (!d.groupLinked && !d.flagged)
    return (
      <Text size="sm" c="dimmed" data-testid="assistance-dependency-clear">
        {d.providers.length
          ? t('protection.dependency.independentOnly', period)
          : t('protection.dependency.noneReceived', period)}
      </Text>
    );
  const linked = d.providers.filter((p) => p.independence === 'group_linked_sponsor');
  return (
    <Alert
      color="red"
      variant="light"
      title={t('protection.dependency.warningTitle')}
      data-testid="assistance-dependency-warning"
      data-flagged={d.flagged || undefined}
    >
      <Stack gap={4}>
        <Text size="sm">{t('protection.dependency.warning')}</Text>
        {d.share !== null && (
          <Text size="sm">
            {t('protection.dependency.share', {
              ...period,
              share: new Intl.NumberFormat(i18n.language, {
                style: 'percent',
                maximumFractionDigits: 0,
              }).format(d.share),
            })}
          </Text>
        )}
        {linked.length > 0 && (
          <Text size="sm" data-testid="assistance-dependency-providers">
            {t('protection.dependency.providers', { names: linked.map((p) => p.name).join(', ') })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** The owner as the reader can know them: "you", nobody, or a colleague's user id. */

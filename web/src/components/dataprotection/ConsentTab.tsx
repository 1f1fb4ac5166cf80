import { Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay } from '../../lib/format';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import { CONSENT_PURPOSES, dpoApi, dpoKeys, type ConsentDecision, type ConsentState } from './api';
import { ConsentForm } from './ConsentForm';
import { EmptyRow, ShortId } from './shared';

const DECISION_COLORS: Record<ConsentDecision, string> = {
  given: 'green',
  refused: 'red',
  withdrawn: 'orange',
};

export function DecisionBadge({ decision }: { decision: ConsentDecision }) {
  const { t } = useTranslation();
  return (
    <Badge color={DECISION_COLORS[decision]} variant="light" tt="none" data-decision={decision}>
      {t(`dpo.consent.decisions.${decision}`)}
    </Badge>
  );
}

/**
 * A person's consent: per purpose and data category the decision in force, every decision ever
 * recorded (never overwritten), and a form to record a new one.
 */
export function ConsentTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canWrite = useHasAbility('persons.write');
  const [recording, setRecording] = useState(false);
  const consent = useQuery({
    queryKey: dpoKeys.consents(personId),
    queryFn: ({ signal }) => dpoApi.consents(personId, signal),
  });
  return (
    <Stack gap="md" data-testid="consent-tab">
      <Text size="sm" c="dimmed">
        {t('dpo.consent.explanation')}
      </Text>
      {canWrite && !recording && (
        <Group>
          <Button onClick={() => setRecording(true)} data-testid="consent-new">
            {t('dpo.consent.record')}
          </Button>
        </Group>
      )}
      {recording && (
        <ConsentForm
          personId={personId}
          onDone={() => {
            setRecording(false);
            void consent.refetch();
          }}
          onCancel={() => setRecording(false)}
        />
      )}
      <ProblemAlert error={consent.error} />
      {consent.isPending && <Loader size="sm" />}
      {consent.data && <CurrentConsent state={consent.data} />}
      {consent.data && <ConsentHistory state={consent.data} />}
    </Stack>
  );
}

function CurrentConsent({ state }: { state: ConsentState }) {
  const { t, i18n } = useTranslation();
  const purposes = CONSENT_PURPOSES.filter((p) => state.current.some((c) => c.purpose === p));
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('dpo.consent.inForce')}
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <Table data-testid="consent-current">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dpo.consent.purpose')}</Table.Th>
              <Table.Th scope="col">{t('dpo.category')}</Table.Th>
              <Table.Th scope="col">{t('dpo.consent.decision')}</Table.Th>
              <Table.Th scope="col">{t('dpo.consent.decidedOn')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {purposes.length === 0 && <EmptyRow colSpan={4} text={t('dpo.consent.noneInForce')} />}
            {purposes.flatMap((p) =>
              state.current
                .filter((c) => c.purpose === p)
                .map((c, i) => (
                  <Table.Tr
                    key={`${p}:${c.category}`}
                    data-testid="consent-current-row"
                    data-purpose={p}
                    data-category={c.category}
                    data-decision={c.decision}
                  >
                    <Table.Td>{i === 0 ? t(`dpo.purposes.${p}`) : ''}</Table.Td>
                    <Table.Td>{t(`dpo.categories.${c.category}`)}</Table.Td>
                    <Table.Td>
                      <DecisionBadge decision={c.decision} />
                    </Table.Td>
                    <Table.Td>{formatDay(c.decidedOn, i18n.language)}</Table.Td>
                  </Table.Tr>
                )),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ConsentHistory({ state }: { state: ConsentState }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('dpo.consent.history')}
      </Title>
      <Table.ScrollContainer minWidth={900}>
        <Table striped data-testid="consent-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('dpo.consent.decidedOn')}</Table.Th>
              <Table.Th scope="col">{t('dpo.consent.purpose')}</Table.Th>
              <Table.Th scope="col">{t('dpo.categoriesLabel')}</Table.Th>
              <Table.Th scope="col">{t('dpo.consent.decision')}</Table.Th>
              <Table.Th scope="col">{t('dpo.consent.how')}</Table.Th>
              <Table.Th scope="col">{t('dpo.consent.evidence')}</Table.Th>
              <Table.Th scope="col">{t('dpo.consent.recorded')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {state.history.length === 0 && (
              <EmptyRow colSpan={7} text={t('dpo.consent.noHistory')} />
            )}
            {state.history.map((h) => (
              <Table.Tr key={h.id} data-testid="consent-history-row" data-decision={h.decision}>
                <Table.Td>{formatDay(h.decidedOn, i18n.language)}</Table.Td>
                <Table.Td>{t(`dpo.purposes.${h.purpose}`)}</Table.Td>
                <Table.Td>
                  {h.categories
                    .map((c) => t(`dpo.categories.${c}`))
                    .join(t('common.listSeparator'))}
                </Table.Td>
                <Table.Td>
                  <DecisionBadge decision={h.decision} />
                </Table.Td>
                <Table.Td>
                  {t(`dpo.consent.methods.${h.method}`)}
                  <Text size="xs" c="dimmed">
                    {t(`dpo.consent.givers.${h.givenBy}`)}
                  </Text>
                </Table.Td>
                <Table.Td dir="auto">{h.evidence ?? '—'}</Table.Td>
                <Table.Td>
                  {formatDateTime(h.recordedAt, i18n.language)}
                  <Text size="xs" c="dimmed">
                    {t('dpo.requests.by')} <ShortId id={h.recordedBy} />
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

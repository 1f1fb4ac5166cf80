import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { etagFromVersion } from '../../api/client';
import { formatDateTime, formatDay } from '../../lib/format';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import { DecisionForm, OutcomeForm } from './AnswerForms';
import { casesKeys, referralsApi, type Provider, type Referral } from './api';
import { ReferralStatusBadge } from './shared';

interface ReferralCardProps {
  referral: Referral;
  provider: Provider | undefined;
  /** Link to the case the referral was made from (on the person's tab). */
  showCaseLink?: boolean;
}

/**
 * A referral as the referring side sees it: what was shared and on what basis, the partner's
 * answer and outcome. For a provider with no agency in the system the caseworker records them.
 */
export function ReferralCard({ referral: r, provider, showCaseLink = false }: ReferralCardProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const canSend = useHasAbility('referrals.send');
  const [answering, setAnswering] = useState(false);
  // Withdrawing erases the partner's copy: a second click confirms.
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: casesKeys.all });
  const withdraw = useMutation({
    mutationFn: () => referralsApi.withdraw(r.id, etagFromVersion(r.version)),
    onSuccess: () => void refresh(),
  });
  // A provider linked to an agency answers in its own inbox; for the others, the caseworker.
  const offline = provider !== undefined && provider.agencyId === null;
  const etag = etagFromVersion(r.version);
  const done = () => {
    setAnswering(false);
    void refresh();
  };

  return (
    <Paper withBorder p="md" data-testid="referral-card" data-referral-id={r.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Text fw={600}>
              {t(`cases.services.types.${r.serviceType}`)}
              {' · '}
              <span dir="auto">{provider?.name ?? t('cases.referrals.unknownProvider')}</span>
            </Text>
            {provider && (
              <Text size="sm" c="dimmed" dir="auto">
                {provider.organisation}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t('cases.referrals.referredAt', {
                at: formatDateTime(r.referredAt, i18n.language),
              })}
            </Text>
          </Stack>
          <Group gap="xs">
            {r.urgency === 'urgent' && (
              <Badge color="red" variant="filled" tt="none">
                {t('cases.referrals.urgencies.urgent')}
              </Badge>
            )}
            <ReferralStatusBadge status={r.status} />
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div>
            <Text size="sm" c="dimmed">
              {t('cases.referrals.sharedFields')}
            </Text>
            <Text size="sm" data-testid="referral-fields">
              {r.fields
                .map((f) => t(`cases.referrals.fields.${f}`))
                .join(t('common.listSeparator'))}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('cases.referrals.basis')}
            </Text>
            {r.consent ? (
              <Text size="sm" data-testid="referral-consent">
                {t('cases.referrals.consentBy', {
                  by: t(`cases.consent.givers.${r.consent.givenBy}`),
                  on: formatDay(r.consent.givenOn, i18n.language),
                })}
                {' — '}
                <span dir="auto">{r.consent.scope}</span>
              </Text>
            ) : (
              <Text size="sm" c="orange.8" data-testid="referral-override">
                {t('cases.referrals.overrideWith')} <span dir="auto">{r.overrideReason}</span>
              </Text>
            )}
          </div>
        </SimpleGrid>
        {r.decidedAt && (
          <Text size="sm" data-testid="referral-decision">
            {t(
              r.status === 'declined' ? 'cases.referrals.declinedAt' : 'cases.referrals.acceptedAt',
              { at: formatDateTime(r.decidedAt, i18n.language) },
            )}
            {r.declineReason && ` — ${t(`cases.referrals.declineReasons.${r.declineReason}`)}`}
            {r.decisionNote && (
              <>
                {' — '}
                <span dir="auto">{r.decisionNote}</span>
              </>
            )}
          </Text>
        )}
        {r.outcome && (
          <Text size="sm" fw={500} data-testid="referral-outcome">
            {t('cases.referrals.outcomeLine', {
              result: t(`cases.referrals.outcomes.${r.outcome.result}`),
              on: formatDay(r.outcome.on, i18n.language),
            })}
            {r.outcome.note && (
              <>
                {' — '}
                <span dir="auto">{r.outcome.note}</span>
              </>
            )}
          </Text>
        )}
        {showCaseLink && (
          <Anchor component={Link} to={`/cases/${r.caseId}?tab=referrals`} size="sm">
            {t('cases.referrals.openCase')}
          </Anchor>
        )}
        <ProblemAlert
          error={withdraw.error}
          onReload={() => {
            withdraw.reset();
            void refresh();
          }}
          testId="referral-withdraw-error"
        />
        {canSend && offline && answering && r.status === 'pending' && (
          <DecisionForm
            send={(body) => referralsApi.decide(r.id, body, etag)}
            onDone={done}
            onReload={() => void refresh()}
            testId="referral-offline-decision"
          />
        )}
        {canSend && offline && answering && r.status === 'accepted' && (
          <OutcomeForm
            send={(body) => referralsApi.outcome(r.id, body, etag)}
            onDone={done}
            onReload={() => void refresh()}
            testId="referral-offline-outcome"
          />
        )}
        {canSend && (r.status === 'pending' || r.status === 'accepted') && (
          <Group justify="flex-end" gap="xs">
            {offline && !answering && (
              <Button
                variant="default"
                size="xs"
                onClick={() => setAnswering(true)}
                data-testid="referral-offline-answer"
              >
                {r.status === 'pending'
                  ? t('cases.referrals.recordAnswer')
                  : t('cases.referrals.recordOutcome')}
              </Button>
            )}
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={() => (confirming ? withdraw.mutate() : setConfirming(true))}
              onBlur={() => setConfirming(false)}
              loading={withdraw.isPending}
              data-testid="referral-withdraw"
            >
              {confirming ? t('cases.referrals.withdrawConfirm') : t('cases.referrals.withdraw')}
            </Button>
          </Group>
        )}
        {offline && (
          <Text size="xs" c="dimmed">
            {t('cases.referrals.offlineHint')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

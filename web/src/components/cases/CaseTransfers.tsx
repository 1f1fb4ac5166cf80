import {
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
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { etagFromVersion } from '../../api/client';
import { useAgencies } from '../../api/queries';
import { fieldErrors, fieldPathErrors } from '../../lib/errors';
import { formatDateTime, formatDay } from '../../lib/format';
import { useCurrentUser } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import {
  casesApi,
  casesKeys,
  type CaseDetail,
  type CaseTransfer,
  type TransferDecision,
  type TransferRequest,
} from './api';
import {
  ConsentFields,
  consentBody,
  consentComplete,
  emptyConsent,
  UserLabel,
  useAgencyName,
  type ConsentDraft,
} from './shared';

const STATUS_COLORS: Record<CaseTransfer['status'], string> = {
  pending: 'yellow',
  accepted: 'green',
  declined: 'red',
  cancelled: 'gray',
};

/**
 * Transfers of the case to another agency: offered with consent (or an audited override), then
 * accepted or declined by the receiving agency, or cancelled by the sender. History is kept.
 */
export function CaseTransfers({ kase, canWork }: { kase: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const transfers = [...kase.transfers].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  const pending = transfers.some((x) => x.status === 'pending');
  return (
    <Stack gap="sm" data-testid="case-transfers">
      <Title order={2} size="h3">
        {t('cases.transfers.title')}
      </Title>
      {canWork && !pending && kase.status !== 'closed' && <OfferTransferForm kase={kase} />}
      {transfers.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('cases.transfers.none')}
        </Text>
      )}
      {transfers.map((x) => (
        <TransferCard key={x.id} kase={kase} transfer={x} canWork={canWork} />
      ))}
    </Stack>
  );
}

/** The receiving side's decision, also shown on top of an offered case. */
export function TransferCard({
  kase,
  transfer: x,
  canWork,
}: {
  kase: CaseDetail;
  transfer: CaseTransfer;
  canWork: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const agencyName = useAgencyName();
  const { user } = useCurrentUser();
  const [note, setNote] = useState('');
  const receiving =
    kase.relation === 'incoming' ||
    (user.agencyId === x.toAgencyId && (x.toUserId === null || x.toUserId === user.id));
  const decide = useMutation({
    mutationFn: (decision: TransferDecision['decision']) =>
      casesApi.decideTransfer(
        kase.id,
        x.id,
        note.trim() ? { decision, note: note.trim() } : { decision },
        etagFromVersion(x.version),
      ),
    onSuccess: (_data, decision) => {
      void queryClient.invalidateQueries({ queryKey: casesKeys.all });
      // Declining an offer: the case is not the reader's to see any more.
      if (decision === 'declined' && kase.relation === 'incoming') void navigate('/cases');
    },
  });
  const errors = fieldErrors(decide.error);

  return (
    <Paper withBorder p="sm" data-testid="case-transfer" data-status={x.status}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Text fw={600} dir="auto">
              {t('cases.transfers.fromTo', {
                from: agencyName(x.fromAgencyId),
                to: agencyName(x.toAgencyId),
              })}
            </Text>
            <Text size="sm" c="dimmed">
              <UserLabel userId={x.requestedBy} /> · {formatDateTime(x.requestedAt, i18n.language)}
              {x.toUserId && (
                <>
                  {' · '}
                  {t('cases.transfers.toUser')} <UserLabel userId={x.toUserId} />
                </>
              )}
            </Text>
            <Text size="sm" dir="auto">
              {x.reason}
            </Text>
            {x.consent ? (
              <Text size="sm">
                {t('cases.referrals.consentBy', {
                  by: t(`cases.consent.givers.${x.consent.givenBy}`),
                  on: formatDay(x.consent.givenOn, i18n.language),
                })}
                {' — '}
                <span dir="auto">{x.consent.scope}</span>
              </Text>
            ) : (
              <Text size="sm" c="orange.8">
                {t('cases.referrals.overrideWith')} <span dir="auto">{x.overrideReason}</span>
              </Text>
            )}
          </Stack>
          <Badge
            color={STATUS_COLORS[x.status]}
            variant="light"
            tt="none"
            data-testid="case-transfer-status"
          >
            {t(`cases.transfers.statuses.${x.status}`)}
          </Badge>
        </Group>
        {x.decidedAt && (
          <Text size="sm">
            <UserLabel userId={x.decidedBy} /> · {formatDateTime(x.decidedAt, i18n.language)}
            {x.decisionNote && (
              <>
                {' — '}
                <span dir="auto">{x.decisionNote}</span>
              </>
            )}
          </Text>
        )}
        {x.status === 'pending' && (receiving || canWork) && (
          <Stack gap="xs">
            <ProblemAlert
              error={decide.error}
              fields={['note']}
              onReload={() => {
                decide.reset();
                void queryClient.invalidateQueries({ queryKey: casesKeys.all });
              }}
            />
            <Textarea
              label={t('cases.transfers.decisionNote')}
              dir="auto"
              autosize
              minRows={1}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              error={errors.note}
              data-testid="transfer-decision-note"
            />
            <Group justify="flex-end" gap="xs">
              {receiving ? (
                <>
                  <Button
                    color="red"
                    variant="light"
                    onClick={() => decide.mutate('declined')}
                    loading={decide.isPending && decide.variables === 'declined'}
                    data-testid="transfer-decline"
                  >
                    {t('cases.transfers.decline')}
                  </Button>
                  <Button
                    onClick={() => decide.mutate('accepted')}
                    loading={decide.isPending && decide.variables === 'accepted'}
                    data-testid="transfer-accept"
                  >
                    {t('cases.transfers.accept')}
                  </Button>
                </>
              ) : (
                <Button
                  variant="default"
                  onClick={() => decide.mutate('cancelled')}
                  loading={decide.isPending}
                  data-testid="transfer-cancel"
                >
                  {t('cases.transfers.cancel')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function OfferTransferForm({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const agencies = useAgencies();
  const [open, setOpen] = useState(false);
  const [toAgencyId, setToAgencyId] = useState('');
  const [toUserId, setToUserId] = useState('');
  const [reason, setReason] = useState('');
  const [consent, setConsent] = useState<ConsentDraft>(emptyConsent);
  const offer = useMutation({
    mutationFn: () => {
      const body: TransferRequest = {
        toAgencyId,
        reason: reason.trim(),
        ...consentBody(consent),
      };
      if (toUserId.trim()) body.toUserId = toUserId.trim();
      return casesApi.offerTransfer(kase.id, body);
    },
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
  const errors = fieldErrors(offer.error);
  const paths = fieldPathErrors(offer.error);
  const others = (agencies.data?.items ?? []).filter((a) => a.id !== kase.agencyId);
  const ready = toAgencyId !== '' && reason.trim() !== '' && consentComplete(consent);

  if (!open)
    return (
      <Group>
        <Button variant="default" onClick={() => setOpen(true)} data-testid="transfer-start">
          {t('cases.transfers.offer')}
        </Button>
      </Group>
    );
  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) offer.mutate();
        }}
        data-testid="transfer-form"
      >
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('cases.transfers.offer')}
          </Title>
          <ProblemAlert
            error={offer.error ?? agencies.error}
            fields={['toAgencyId', 'toUserId', 'reason', 'consent', 'override']}
            testId="transfer-error"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('cases.transfers.toAgency')}
              required
              value={toAgencyId}
              onChange={(e) => setToAgencyId(e.currentTarget.value)}
              error={errors.toAgencyId}
              data-testid="transfer-agency"
            >
              <option value="">{t('cases.transfers.chooseAgency')}</option>
              {others.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              label={t('cases.transfers.toUserId')}
              description={t('cases.transfers.toUserHint')}
              dir="ltr"
              value={toUserId}
              onChange={(e) => setToUserId(e.currentTarget.value)}
              error={errors.toUserId}
              data-testid="transfer-user"
            />
          </SimpleGrid>
          <Textarea
            label={t('cases.transfers.reason')}
            required
            dir="auto"
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            data-testid="transfer-reason"
          />
          <ConsentFields
            value={consent}
            onChange={setConsent}
            errors={paths}
            testId="transfer-consent"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              disabled={!ready}
              loading={offer.isPending}
              data-testid="transfer-submit"
            >
              {t('cases.transfers.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

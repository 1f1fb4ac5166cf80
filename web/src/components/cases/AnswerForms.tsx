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
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/errors';
import { ProblemAlert } from '../ProblemAlert';
import {
  DECLINE_REASONS,
  isOneOf,
  OUTCOMES,
  type DeclineReason,
  type OutcomeResult,
  type ReferralDecision,
  type ReferralOutcome,
} from './api';
import { localDay } from './shared';

interface DecisionFormProps {
  /** Sends the decision (the partner's inbox, or the caseworker for an offline provider). */
  send: (body: ReferralDecision) => Promise<unknown>;
  onDone: () => void;
  onReload: () => void;
  testId: string;
}

/** Accept, or decline with a reason; a note either way. */
export function DecisionForm({ send, onDone, onReload, testId }: DecisionFormProps) {
  const { t } = useTranslation();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState<DeclineReason>('outside_mandate');
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'accepted' | 'declined') => {
      const body: ReferralDecision =
        decision === 'accepted' ? { decision } : { decision, declineReason: reason };
      if (note.trim()) body.note = note.trim();
      return send(body);
    },
    onSuccess: onDone,
  });
  const errors = fieldErrors(decide.error);
  return (
    <Stack gap="sm" data-testid={testId}>
      <ProblemAlert
        error={decide.error}
        fields={['declineReason', 'note']}
        onReload={() => {
          decide.reset();
          onReload();
        }}
        testId={`${testId}-error`}
      />
      {declining && (
        <NativeSelect
          label={t('cases.referrals.declineReason')}
          required
          value={reason}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isOneOf(DECLINE_REASONS, v)) setReason(v);
          }}
          error={errors.declineReason ?? errors.decision}
          data-testid={`${testId}-reason`}
        >
          {DECLINE_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`cases.referrals.declineReasons.${r}`)}
            </option>
          ))}
        </NativeSelect>
      )}
      <Textarea
        label={t('cases.referrals.decisionNote')}
        dir="auto"
        autosize
        minRows={2}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={errors.note}
        data-testid={`${testId}-note`}
      />
      <Group justify="flex-end" gap="xs">
        {declining ? (
          <>
            <Button variant="default" onClick={() => setDeclining(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => decide.mutate('declined')}
              loading={decide.isPending}
              data-testid={`${testId}-decline-confirm`}
            >
              {t('cases.referrals.declineConfirm')}
            </Button>
          </>
        ) : (
          <>
            <Button
              variant="default"
              color="red"
              onClick={() => setDeclining(true)}
              data-testid={`${testId}-decline`}
            >
              {t('cases.referrals.decline')}
            </Button>
            <Button
              onClick={() => decide.mutate('accepted')}
              loading={decide.isPending}
              data-testid={`${testId}-accept`}
            >
              {t('cases.referrals.accept')}
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}

interface OutcomeFormProps {
  send: (body: ReferralOutcome) => Promise<unknown>;
  onDone: () => void;
  onReload: () => void;
  testId: string;
}

/** What came of an accepted referral, and on which day. */
export function OutcomeForm({ send, onDone, onReload, testId }: OutcomeFormProps) {
  const { t } = useTranslation();
  const [result, setResult] = useState<OutcomeResult>('delivered');
  const [on, setOn] = useState(localDay());
  const [note, setNote] = useState('');
  const record = useMutation({
    mutationFn: () => {
      const body: ReferralOutcome = { result, on };
      if (note.trim()) body.note = note.trim();
      return send(body);
    },
    onSuccess: onDone,
  });
  const errors = fieldErrors(record.error);
  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          record.mutate();
        }}
        data-testid={testId}
      >
        <Stack gap="sm">
          <ProblemAlert
            error={record.error}
            fields={['result', 'on', 'note']}
            onReload={() => {
              record.reset();
              onReload();
            }}
            testId={`${testId}-error`}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('cases.referrals.outcome')}
              value={result}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isOneOf(OUTCOMES, v)) setResult(v);
              }}
              error={errors.result}
              data-testid={`${testId}-result`}
            >
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`cases.referrals.outcomes.${o}`)}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              type="date"
              label={t('cases.referrals.outcomeOn')}
              required
              max={localDay()}
              value={on}
              onChange={(e) => setOn(e.currentTarget.value)}
              error={errors.on}
              data-testid={`${testId}-on`}
            />
          </SimpleGrid>
          <Textarea
            label={t('cases.referrals.outcomeNote')}
            dir="auto"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            data-testid={`${testId}-note`}
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              disabled={on === ''}
              loading={record.isPending}
              data-testid={`${testId}-submit`}
            >
              {t('cases.referrals.recordOutcome')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

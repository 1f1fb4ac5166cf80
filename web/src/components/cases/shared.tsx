import {
  Badge,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../../api/queries';
import { errorAt } from '../../lib/errors';
import { useCurrentUser } from '../MeContext';
import { CONSENT_GIVERS, isOneOf, type CaseState, type Consent, type ReferralStatus } from './api';

export const STATE_COLORS: Record<CaseState, string> = {
  open: 'blue',
  assessment: 'cyan',
  plan: 'violet',
  implementation: 'orange',
  review: 'yellow',
  closed: 'gray',
};

export const REFERRAL_COLORS: Record<ReferralStatus, string> = {
  pending: 'yellow',
  accepted: 'blue',
  declined: 'red',
  completed: 'green',
  withdrawn: 'gray',
};

export function StateBadge({ state, testId }: { state: CaseState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLORS[state]} variant="light" tt="none" data-testid={testId}>
      {t(`cases.states.${state}`)}
    </Badge>
  );
}

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={REFERRAL_COLORS[status]}
      variant="light"
      tt="none"
      data-testid="referral-status"
      data-status={status}
    >
      {t(`cases.referrals.statuses.${status}`)}
    </Badge>
  );
}

/**
 * A user as the reader can know them: "you", nobody, or a colleague's user id (caseworkers
 * cannot list users, so names are not available to them).
 */
export function UserLabel({ userId }: { userId: string | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser().user.id;
  if (userId === null)
    return (
      <Text span c="dimmed" size="sm">
        {t('cases.nobody')}
      </Text>
    );
  if (userId === me) return <>{t('cases.you')}</>;
  return (
    <Text span ff="monospace" size="xs" dir="ltr" title={userId}>
      {t('cases.userRef', { id: userId.slice(0, 8) })}
    </Text>
  );
}

/** Agency names by id (every signed-in user may list agencies). */
export function useAgencyName(): (id: string | null) => string {
  const { t } = useTranslation();
  const agencies = useAgencies();
  return (id) => {
    if (id === null) return t('cases.noAgency');
    return agencies.data?.items.find((a) => a.id === id)?.name ?? id.slice(0, 8);
  };
}

/** The local calendar day (`YYYY-MM-DD`), as a date input takes it. */
export function localDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Consent to a share, or an override with its reason: what the form holds. */
export interface ConsentDraft {
  mode: 'consent' | 'override';
  givenBy: Consent['givenBy'];
  givenOn: string;
  scope: string;
  overrideReason: string;
}

export function emptyConsent(): ConsentDraft {
  return {
    mode: 'consent',
    givenBy: 'person',
    givenOn: localDay(),
    scope: '',
    overrideReason: '',
  };
}

/** The request fields for the draft: exactly one of consent and override. */
export function consentBody(
  d: ConsentDraft,
): { consent: Consent } | { override: { reason: string } } {
  return d.mode === 'consent'
    ? { consent: { givenBy: d.givenBy, givenOn: d.givenOn, scope: d.scope.trim() } }
    : { override: { reason: d.overrideReason.trim() } };
}

export function consentComplete(d: ConsentDraft): boolean {
  return d.mode === 'consent'
    ? d.givenOn !== '' && d.scope.trim() !== ''
    : d.overrideReason.trim() !== '';
}

interface ConsentFieldsProps {
  value: ConsentDraft;
  onChange: (value: ConsentDraft) => void;
  /** Field errors by full path (`consent.givenOn`, `override.reason`). */
  errors: Record<string, string>;
  testId: string;
}

/** Who consented, when and to what; or, without consent, the override and its reason. */
export function ConsentFields({ value, onChange, errors, testId }: ConsentFieldsProps) {
  const { t } = useTranslation();
  const set = <K extends keyof ConsentDraft>(key: K, v: ConsentDraft[K]) =>
    onChange({ ...value, [key]: v });
  return (
    <Stack gap="sm">
      <Radio.Group
        label={t('cases.consent.legend')}
        value={value.mode}
        onChange={(mode) => {
          if (mode === 'consent' || mode === 'override') set('mode', mode);
        }}
        error={value.mode === 'consent' ? errorAt(errors, 'consent') : undefined}
      >
        <Stack gap="xs" mt="xs">
          <Radio
            value="consent"
            label={t('cases.consent.given')}
            data-testid={`${testId}-mode-consent`}
          />
          <Radio
            value="override"
            label={t('cases.consent.override')}
            data-testid={`${testId}-mode-override`}
          />
        </Stack>
      </Radio.Group>
      {value.mode === 'consent' ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('cases.consent.givenBy')}
            value={value.givenBy}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isOneOf(CONSENT_GIVERS, v)) set('givenBy', v);
            }}
            error={errorAt(errors, 'consent.givenBy')}
            data-testid={`${testId}-given-by`}
          >
            {CONSENT_GIVERS.map((g) => (
              <option key={g} value={g}>
                {t(`cases.consent.givers.${g}`)}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            type="date"
            label={t('cases.consent.givenOn')}
            required
            max={localDay()}
            value={value.givenOn}
            onChange={(e) => set('givenOn', e.currentTarget.value)}
            error={errorAt(errors, 'consent.givenOn')}
            data-testid={`${testId}-given-on`}
          />
          <TextInput
            label={t('cases.consent.scope')}
            description={t('cases.consent.scopeHint')}
            required
            dir="auto"
            value={value.scope}
            onChange={(e) => set('scope', e.currentTarget.value)}
            error={errorAt(errors, 'consent.scope')}
            data-testid={`${testId}-scope`}
          />
        </SimpleGrid>
      ) : (
        <Textarea
          label={t('cases.consent.overrideReason')}
          description={t('cases.consent.overrideHint')}
          required
          dir="auto"
          autosize
          minRows={2}
          value={value.overrideReason}
          onChange={(e) => set('overrideReason', e.currentTarget.value)}
          error={errorAt(errors, 'override.reason', 'override', 'consent')}
          data-testid={`${testId}-override-reason`}
        />
      )}
    </Stack>
  );
}

import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldPathErrors, errorAt } from '../../lib/errors';
import { ProblemAlert } from '../ProblemAlert';
import {
  aidKeys,
  assistanceApi,
  ENROLMENT_STATUSES,
  isOneOf,
  LIVELIHOOD_TYPES,
  type Enrolment,
  type EnrolmentPatch,
  type EnrolmentRequest,
  type EnrolmentStatus,
} from './api';

const OUTCOME_FLAGS = ['completed', 'certified', 'employed', 'businessStarted'] as const;
type Outcomes = NonNullable<EnrolmentPatch['outcomes']>;

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface OutcomeDraft {
  status: EnrolmentStatus;
  endedOn: string;
  flags: string[];
  monthlyIncome: string;
  incomeCurrency: string;
  outcomeOn: string;
}

function outcomesOf(d: OutcomeDraft): Outcomes {
  const out: Outcomes = {};
  for (const flag of OUTCOME_FLAGS) out[flag] = d.flags.includes(flag);
  if (d.monthlyIncome.trim()) out.monthlyIncome = d.monthlyIncome.trim();
  if (d.incomeCurrency.trim()) out.incomeCurrency = d.incomeCurrency.trim().toUpperCase();
  if (d.outcomeOn) out.outcomeOn = d.outcomeOn;
  return out;
}

/** Status, end and outcomes: shared by the enrolment and the outcome forms. */
function OutcomeFields({
  draft,
  set,
  errors,
}: {
  draft: OutcomeDraft;
  set: (patch: Partial<OutcomeDraft>) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('assistance.enrolments.status')}
          value={draft.status}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isOneOf(ENROLMENT_STATUSES, v)) set({ status: v });
          }}
          error={errors.status}
          data-testid="enrolment-status"
        >
          {ENROLMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`assistance.enrolments.statuses.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          type="date"
          label={t('assistance.enrolments.endedOn')}
          value={draft.endedOn}
          onChange={(e) => set({ endedOn: e.currentTarget.value })}
          error={errors.endedOn}
          data-testid="enrolment-ended-on"
        />
      </SimpleGrid>
      <Fieldset legend={t('assistance.enrolments.outcomes')}>
        <Stack gap="xs">
          <Checkbox.Group
            value={draft.flags}
            onChange={(flags) => set({ flags })}
            aria-label={t('assistance.enrolments.outcomes')}
          >
            <Group gap="md">
              {OUTCOME_FLAGS.map((f) => (
                <Checkbox
                  key={f}
                  value={f}
                  label={t(`assistance.enrolments.flags.${f}`)}
                  data-testid={`outcome-${f}`}
                />
              ))}
            </Group>
          </Checkbox.Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('assistance.enrolments.monthlyIncome')}
              inputMode="decimal"
              value={draft.monthlyIncome}
              onChange={(e) => set({ monthlyIncome: e.currentTarget.value })}
              error={errorAt(errors, 'outcomes.monthlyIncome')}
              data-testid="outcome-income"
            />
            <TextInput
              label={t('assistance.enrolments.incomeCurrency')}
              description={t('assistance.currencyHint')}
              maxLength={3}
              dir="ltr"
              value={draft.incomeCurrency}
              onChange={(e) => set({ incomeCurrency: e.currentTarget.value })}
              error={errorAt(errors, 'outcomes.incomeCurrency')}
              data-testid="outcome-currency"
            />
            <TextInput
              type="date"
              label={t('assistance.enrolments.outcomeOn')}
              value={draft.outcomeOn}
              onChange={(e) => set({ outcomeOn: e.currentTarget.value })}
              error={errorAt(errors, 'outcomes.outcomeOn')}
            />
          </SimpleGrid>
        </Stack>
      </Fieldset>
    </>
  );
}

/** Enrols a person in a programme (training and income-generating ones first). */
export function EnrolmentForm({
  personId,
  onDone,
  onCancel,
}: {
  personId: string;
  onDone: (e: Enrolment) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const programmes = useQuery({
    queryKey: aidKeys.programmeList(''),
    queryFn: ({ signal }) => assistanceApi.programmes(undefined, signal),
  });
  const sorted = [...(programmes.data?.items ?? [])].sort(
    (a, b) =>
      Number(!LIVELIHOOD_TYPES.includes(a.type)) - Number(!LIVELIHOOD_TYPES.includes(b.type)),
  );
  const [programmeId, setProgrammeId] = useState('');
  const [enrolledOn, setEnrolledOn] = useState(today());
  const [draft, setDraft] = useState<OutcomeDraft>({
    status: 'enrolled',
    endedOn: '',
    flags: [],
    monthlyIncome: '',
    incomeCurrency: '',
    outcomeOn: '',
  });
  const save = useMutation({
    mutationFn: () => {
      const body: EnrolmentRequest = {
        personId,
        programmeId,
        enrolledOn,
        status: draft.status,
        outcomes: outcomesOf(draft),
      };
      // Unticked boxes on a new enrolment are "not known yet", not "no".
      for (const flag of OUTCOME_FLAGS)
        if (!draft.flags.includes(flag)) delete body.outcomes![flag];
      if (draft.endedOn) body.endedOn = draft.endedOn;
      return assistanceApi.enrol(body);
    },
    onSuccess: (e) => {
      void queryClient.invalidateQueries({ queryKey: ['assistance'] });
      void queryClient.invalidateQueries({ queryKey: aidKeys.reports });
      onDone(e);
    },
  });
  const errors = fieldPathErrors(save.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="enrolment-form"
    >
      <Stack gap="sm">
        <ProblemAlert
          error={save.error}
          fields={['personId', 'programmeId', 'enrolledOn', 'status', 'endedOn', 'outcomes']}
          testId="enrolment-error"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('assistance.enrolments.programme')}
            required
            value={programmeId}
            onChange={(e) => setProgrammeId(e.currentTarget.value)}
            error={errors.programmeId ?? errors.personId}
            data-testid="enrolment-programme"
          >
            <option value="">{t('assistance.choose')}</option>
            {sorted.map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.name} (${t(`assistance.programmeTypes.${p.type}`)})`}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            type="date"
            label={t('assistance.enrolments.enrolledOn')}
            required
            value={enrolledOn}
            onChange={(e) => setEnrolledOn(e.currentTarget.value)}
            error={errors.enrolledOn}
            data-testid="enrolment-date"
          />
        </SimpleGrid>
        <OutcomeFields
          draft={draft}
          set={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          errors={errors}
        />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={save.isPending} data-testid="enrolment-submit">
            {t('assistance.enrolments.enrol')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Records how an enrolment went: status, end, and outcomes (completed, certified, …). */
export function OutcomeForm({
  enrolment,
  onDone,
  onCancel,
}: {
  enrolment: Enrolment;
  onDone: (e: Enrolment) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const o = enrolment.outcomes;
  const [draft, setDraft] = useState<OutcomeDraft>({
    status: enrolment.status,
    endedOn: enrolment.endedOn ?? '',
    flags: OUTCOME_FLAGS.filter((f) => o[f] === true),
    monthlyIncome: o.monthlyIncome ?? '',
    incomeCurrency: o.incomeCurrency ?? '',
    outcomeOn: o.outcomeOn ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      assistanceApi.updateEnrolment(
        enrolment.id,
        { status: draft.status, endedOn: draft.endedOn || null, outcomes: outcomesOf(draft) },
        enrolment.version,
      ),
    onSuccess: (e) => {
      void queryClient.invalidateQueries({ queryKey: ['assistance'] });
      void queryClient.invalidateQueries({ queryKey: aidKeys.reports });
      onDone(e);
    },
  });
  const errors = fieldPathErrors(save.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="outcome-form"
    >
      <Stack gap="sm">
        <ProblemAlert
          error={save.error}
          fields={['status', 'endedOn', 'outcomes']}
          testId="outcome-error"
        />
        <OutcomeFields
          draft={draft}
          set={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          errors={errors}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="outcome-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

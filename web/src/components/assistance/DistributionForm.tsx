import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSites } from '../../api/queries';
import { fieldErrors } from '../../lib/errors';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import {
  aidKeys,
  assistanceApi,
  DISTRIBUTION_KINDS,
  isOneOf,
  transparencyApi,
  type Distribution,
  type DistributionRequest,
} from './api';
import { PersonPicker } from './PersonPicker';

const FIELDS = [
  'personId',
  'householdId',
  'programmeId',
  'providerId',
  'kind',
  'item',
  'quantity',
  'unit',
  'value',
  'currency',
  'reportingValue',
  'distributedOn',
  'siteId',
  'funder',
  'agreementId',
] as const;

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface DistributionFormProps {
  /** The recipient, when the form is opened from their record. */
  personId?: string;
  householdId?: string;
  onDone: (distribution: Distribution) => void;
  onCancel?: () => void;
}

/** Records one distribution: who received what, when, where, from whom, funded by whom. */
export function DistributionForm({
  personId,
  householdId,
  onDone,
  onCancel,
}: DistributionFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canSites = useHasAbility('sites.read');
  const canAgreements = useHasAbility('transparency.read');
  const sites = useSites(canSites);
  const programmes = useQuery({
    queryKey: aidKeys.programmeList(''),
    queryFn: ({ signal }) => assistanceApi.programmes(undefined, signal),
  });
  const providers = useQuery({
    queryKey: aidKeys.providers,
    queryFn: ({ signal }) => assistanceApi.providers(signal),
  });
  const agreements = useQuery({
    queryKey: aidKeys.agreements,
    queryFn: ({ signal }) => transparencyApi.agreements(signal),
    enabled: canAgreements,
  });
  const [recipient, setRecipient] = useState(personId ?? '');
  const [draft, setDraft] = useState({
    programmeId: '',
    providerId: '',
    kind: 'item' as DistributionRequest['kind'],
    item: '',
    quantity: '',
    unit: '',
    value: '',
    currency: '',
    reportingValue: '',
    distributedOn: today(),
    siteId: '',
    funder: '',
    agreementId: '',
  });
  const set = (key: keyof typeof draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: () => {
      const body: DistributionRequest = {
        programmeId: draft.programmeId,
        kind: draft.kind,
        distributedOn: draft.distributedOn,
      };
      if (householdId) body.householdId = householdId;
      else body.personId = recipient;
      const optional = [
        'providerId',
        'item',
        'quantity',
        'unit',
        'value',
        'currency',
        'reportingValue',
        'siteId',
        'funder',
        'agreementId',
      ] as const;
      for (const key of optional) {
        const v = draft[key].trim();
        if (v) body[key] = key === 'currency' ? v.toUpperCase() : v;
      }
      return assistanceApi.recordDistribution(body);
    },
    onSuccess: (d) => {
      void queryClient.invalidateQueries({ queryKey: ['assistance'] });
      void queryClient.invalidateQueries({ queryKey: aidKeys.reports });
      onDone(d);
    },
  });
  const errors = fieldErrors(save.error);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="distribution-form"
    >
      <Stack gap="sm">
        <ProblemAlert error={save.error} fields={FIELDS} testId="distribution-error" />
        {!personId && !householdId && (
          <PersonPicker
            value={recipient}
            onChange={setRecipient}
            error={errors.personId}
            testId="distribution-person"
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('assistance.distributions.programme')}
            required
            value={draft.programmeId}
            onChange={(e) => set('programmeId', e.currentTarget.value)}
            error={errors.programmeId ?? (householdId ? errors.householdId : undefined)}
            data-testid="distribution-programme"
          >
            <option value="">{t('assistance.choose')}</option>
            {(programmes.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.name} (${t(`assistance.programmeTypes.${p.type}`)})`}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            label={t('assistance.distributions.provider')}
            description={t('assistance.distributions.providerHint')}
            value={draft.providerId}
            onChange={(e) => set('providerId', e.currentTarget.value)}
            error={errors.providerId}
          >
            <option value="">{t('assistance.distributions.programmeProvider')}</option>
            {(providers.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.name} — ${t(`assistance.independence.${p.independenceClass}`)}`}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            label={t('assistance.distributions.kind')}
            value={draft.kind}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isOneOf(DISTRIBUTION_KINDS, v)) setDraft((d) => ({ ...d, kind: v }));
            }}
            error={errors.kind}
            data-testid="distribution-kind"
          >
            {DISTRIBUTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`assistance.kinds.${k}`)}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t('assistance.distributions.item')}
            required={draft.kind === 'item'}
            value={draft.item}
            onChange={(e) => set('item', e.currentTarget.value)}
            error={errors.item}
            data-testid="distribution-item"
          />
          <TextInput
            label={t('assistance.distributions.quantity')}
            inputMode="decimal"
            value={draft.quantity}
            onChange={(e) => set('quantity', e.currentTarget.value)}
            error={errors.quantity}
            data-testid="distribution-quantity"
          />
          <TextInput
            label={t('assistance.distributions.unit')}
            value={draft.unit}
            onChange={(e) => set('unit', e.currentTarget.value)}
            error={errors.unit}
            data-testid="distribution-unit"
          />
          <TextInput
            label={t('assistance.distributions.value')}
            required={draft.kind === 'cash'}
            inputMode="decimal"
            value={draft.value}
            onChange={(e) => set('value', e.currentTarget.value)}
            error={errors.value}
            data-testid="distribution-value"
          />
          <TextInput
            label={t('assistance.distributions.currency')}
            description={t('assistance.currencyHint')}
            value={draft.currency}
            maxLength={3}
            dir="ltr"
            onChange={(e) => set('currency', e.currentTarget.value)}
            error={errors.currency}
            data-testid="distribution-currency"
          />
          <TextInput
            label={t('assistance.distributions.reportingValue')}
            description={t('assistance.distributions.reportingValueHint')}
            inputMode="decimal"
            value={draft.reportingValue}
            onChange={(e) => set('reportingValue', e.currentTarget.value)}
            error={errors.reportingValue}
          />
          <TextInput
            type="date"
            label={t('assistance.distributions.distributedOn')}
            required
            value={draft.distributedOn}
            onChange={(e) => set('distributedOn', e.currentTarget.value)}
            error={errors.distributedOn}
            data-testid="distribution-date"
          />
          {canSites && (
            <NativeSelect
              label={t('assistance.distributions.site')}
              value={draft.siteId}
              onChange={(e) => set('siteId', e.currentTarget.value)}
              error={errors.siteId}
              data-testid="distribution-site"
            >
              <option value="">—</option>
              {(sites.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </NativeSelect>
          )}
          <TextInput
            label={t('assistance.distributions.funder')}
            value={draft.funder}
            onChange={(e) => set('funder', e.currentTarget.value)}
            error={errors.funder}
          />
          {canAgreements && (
            <NativeSelect
              label={t('assistance.distributions.agreement')}
              value={draft.agreementId}
              onChange={(e) => set('agreementId', e.currentTarget.value)}
              error={errors.agreementId}
            >
              <option value="">—</option>
              {(agreements.data?.items ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
            </NativeSelect>
          )}
        </SimpleGrid>
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={save.isPending} data-testid="distribution-submit">
            {t('assistance.distributions.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

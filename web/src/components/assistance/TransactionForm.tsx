import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/errors';
import { ProblemAlert } from '../ProblemAlert';
import {
  isOneOf,
  TRANSACTION_TYPES,
  transparencyApi,
  type Agreement,
  type Transaction,
  type TransactionRequest,
} from './api';

const FIELDS = [
  'type',
  'value',
  'currency',
  'date',
  'description',
  'providerOrg',
  'receiverOrg',
] as const;

/** A commitment, disbursement or expenditure against an agreement (negative: a reversal). */
export function TransactionForm({
  agreement,
  onDone,
  onCancel,
}: {
  agreement: Agreement;
  onDone: (tx: Transaction) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState<TransactionRequest['type']>('disbursement');
  const [draft, setDraft] = useState({
    value: '',
    currency: '',
    date: '',
    description: '',
    providerOrg: '',
    receiverOrg: '',
  });
  const set = (key: keyof typeof draft, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const body: TransactionRequest = { type, value: draft.value.trim(), date: draft.date };
      if (draft.currency.trim()) body.currency = draft.currency.trim().toUpperCase();
      for (const key of ['description', 'providerOrg', 'receiverOrg'] as const)
        if (draft[key].trim()) body[key] = draft[key].trim();
      return transparencyApi.addTransaction(agreement.id, body);
    },
    onSuccess: onDone,
  });
  const errors = fieldErrors(save.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="transaction-form"
    >
      <Stack gap="sm">
        <ProblemAlert error={save.error} fields={FIELDS} testId="transaction-error" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('transparency.transactions.type')}
            value={type}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isOneOf(TRANSACTION_TYPES, v)) setType(v);
            }}
            error={errors.type}
            data-testid="transaction-type"
          >
            {TRANSACTION_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`transparency.transactionTypes.${x}`)}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t('transparency.transactions.value')}
            description={t('transparency.transactions.valueHint')}
            required
            inputMode="decimal"
            dir="ltr"
            value={draft.value}
            onChange={(e) => set('value', e.currentTarget.value)}
            error={errors.value}
            data-testid="transaction-value"
          />
          <TextInput
            label={t('transparency.transactions.currency')}
            description={t('transparency.transactions.currencyHint', {
              currency: agreement.currency,
            })}
            maxLength={3}
            dir="ltr"
            value={draft.currency}
            onChange={(e) => set('currency', e.currentTarget.value)}
            error={errors.currency}
          />
          <TextInput
            type="date"
            label={t('transparency.transactions.date')}
            required
            value={draft.date}
            onChange={(e) => set('date', e.currentTarget.value)}
            error={errors.date}
            data-testid="transaction-date"
          />
          <TextInput
            label={t('transparency.transactions.providerOrg')}
            value={draft.providerOrg}
            onChange={(e) => set('providerOrg', e.currentTarget.value)}
            error={errors.providerOrg}
          />
          <TextInput
            label={t('transparency.transactions.receiverOrg')}
            value={draft.receiverOrg}
            onChange={(e) => set('receiverOrg', e.currentTarget.value)}
            error={errors.receiverOrg}
          />
        </SimpleGrid>
        <TextInput
          label={t('transparency.transactions.description')}
          value={draft.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="transaction-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

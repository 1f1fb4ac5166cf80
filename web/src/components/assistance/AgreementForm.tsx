import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorAt, fieldPathErrors } from '../../lib/errors';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import {
  AGREEMENT_STATUSES,
  aidKeys,
  assistanceApi,
  isOneOf,
  PARTY_ROLES,
  transparencyApi,
  type Agreement,
  type AgreementRequest,
  type Party,
} from './api';

const FIELDS = [
  'reference',
  'reportingOrg',
  'title',
  'description',
  'purpose',
  'amount',
  'currency',
  'startDate',
  'endDate',
  'status',
  'public',
  'recipientCountry',
  'parties',
  'programmeIds',
] as const;

interface PartyDraft {
  name: string;
  ref: string;
  type: string;
  role: string;
}

const toParty = (p: PartyDraft): Party => {
  // An unknown role cannot be chosen in the form; the server names the field if it comes.
  const role = isOneOf(PARTY_ROLES, p.role) ? p.role : 'funding';
  const party: Party = { name: p.name.trim(), role };
  if (p.ref.trim()) party.ref = p.ref.trim();
  if (p.type.trim()) party.type = p.type.trim();
  return party;
};

/** A funding agreement: its parties and their roles, amount, purpose, dates, programmes. */
export function AgreementForm({
  agreement,
  onDone,
  onCancel,
}: {
  agreement?: Agreement;
  onDone: (a: Agreement) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const canProgrammes = useHasAbility('assistance.read');
  const programmes = useQuery({
    queryKey: aidKeys.programmeList(''),
    queryFn: ({ signal }) => assistanceApi.programmes(undefined, signal),
    enabled: canProgrammes,
  });
  const [reference, setReference] = useState(agreement?.reference ?? '');
  const [orgRef, setOrgRef] = useState(agreement?.reportingOrg.ref ?? '');
  const [orgName, setOrgName] = useState(agreement?.reportingOrg.name ?? '');
  const [orgType, setOrgType] = useState(agreement?.reportingOrg.type ?? '');
  const [title, setTitle] = useState(agreement?.title ?? '');
  const [description, setDescription] = useState(agreement?.description ?? '');
  const [purpose, setPurpose] = useState(agreement?.purpose ?? '');
  const [amount, setAmount] = useState(agreement?.amount ?? '');
  const [currency, setCurrency] = useState(agreement?.currency ?? '');
  const [startDate, setStartDate] = useState(agreement?.startDate ?? '');
  const [endDate, setEndDate] = useState(agreement?.endDate ?? '');
  const [status, setStatus] = useState(agreement?.status ?? 'implementation');
  const [isPublic, setPublic] = useState(agreement?.public ?? false);
  const [country, setCountry] = useState(agreement?.recipientCountry ?? '');
  const [parties, setParties] = useState<PartyDraft[]>(
    agreement?.parties.map((p) => ({
      name: p.name,
      ref: p.ref ?? '',
      type: p.type ?? '',
      role: p.role,
    })) ?? [{ name: '', ref: '', type: '', role: 'funding' }],
  );
  const [programmeIds, setProgrammeIds] = useState<string[]>(agreement?.programmeIds ?? []);

  const save = useMutation({
    mutationFn: () => {
      const common = {
        title: title.trim(),
        purpose: purpose.trim(),
        amount: amount.trim(),
        currency: currency.trim().toUpperCase(),
        startDate,
        status: isOneOf(AGREEMENT_STATUSES, status) ? status : undefined,
        public: isPublic,
        parties: parties.map(toParty),
        programmeIds,
      };
      if (agreement)
        return transparencyApi.updateAgreement(
          agreement.id,
          {
            ...common,
            description: description.trim() || null,
            endDate: endDate || null,
            recipientCountry: country.trim().toUpperCase() || null,
          },
          agreement.version,
        );
      const body: AgreementRequest = {
        ...common,
        reference: reference.trim(),
        reportingOrg: { ref: orgRef.trim(), name: orgName.trim(), type: orgType.trim() },
      };
      if (description.trim()) body.description = description.trim();
      if (endDate) body.endDate = endDate;
      if (country.trim()) body.recipientCountry = country.trim().toUpperCase();
      return transparencyApi.createAgreement(body);
    },
    onSuccess: onDone,
  });
  const errors = fieldPathErrors(save.error);
  const setParty = (i: number, patch: Partial<PartyDraft>) =>
    setParties((all) => all.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="agreement-form"
    >
      <Stack gap="sm">
        <ProblemAlert error={save.error} fields={FIELDS} testId="agreement-error" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('transparency.agreements.title')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            data-testid="agreement-title"
          />
          <TextInput
            label={t('transparency.agreements.reference')}
            description={t('transparency.agreements.referenceHint')}
            required
            disabled={agreement !== undefined}
            dir="ltr"
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
            error={errors.reference}
            data-testid="agreement-reference"
          />
          <TextInput
            label={t('transparency.agreements.reportingOrgRef')}
            required
            disabled={agreement !== undefined}
            dir="ltr"
            value={orgRef}
            onChange={(e) => setOrgRef(e.currentTarget.value)}
            error={errorAt(errors, 'reportingOrg.ref', 'reportingOrg')}
            data-testid="agreement-org-ref"
          />
          <TextInput
            label={t('transparency.agreements.reportingOrgName')}
            required
            disabled={agreement !== undefined}
            value={orgName}
            onChange={(e) => setOrgName(e.currentTarget.value)}
            error={errorAt(errors, 'reportingOrg.name')}
            data-testid="agreement-org-name"
          />
          <TextInput
            label={t('transparency.agreements.reportingOrgType')}
            description={t('transparency.orgTypeHint')}
            required
            disabled={agreement !== undefined}
            dir="ltr"
            value={orgType}
            onChange={(e) => setOrgType(e.currentTarget.value)}
            error={errorAt(errors, 'reportingOrg.type')}
            data-testid="agreement-org-type"
          />
          <NativeSelect
            label={t('transparency.agreements.status')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value)}
            error={errors.status}
          >
            {AGREEMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`transparency.statuses.${s}`)}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t('transparency.agreements.amount')}
            required
            inputMode="decimal"
            dir="ltr"
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.amount}
            data-testid="agreement-amount"
          />
          <TextInput
            label={t('transparency.agreements.currency')}
            description={t('assistance.currencyHint')}
            required
            maxLength={3}
            dir="ltr"
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value)}
            error={errors.currency}
            data-testid="agreement-currency"
          />
          <TextInput
            type="date"
            label={t('transparency.agreements.startDate')}
            required
            value={startDate}
            onChange={(e) => setStartDate(e.currentTarget.value)}
            error={errors.startDate}
            data-testid="agreement-start"
          />
          <TextInput
            type="date"
            label={t('transparency.agreements.endDate')}
            value={endDate}
            onChange={(e) => setEndDate(e.currentTarget.value)}
            error={errors.endDate}
          />
          <TextInput
            label={t('transparency.agreements.recipientCountry')}
            description={t('transparency.agreements.recipientCountryHint')}
            maxLength={2}
            dir="ltr"
            value={country}
            onChange={(e) => setCountry(e.currentTarget.value)}
            error={errors.recipientCountry}
          />
        </SimpleGrid>
        <Textarea
          label={t('transparency.agreements.purpose')}
          required
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value)}
          error={errors.purpose}
          autosize
          minRows={2}
          data-testid="agreement-purpose"
        />
        <Textarea
          label={t('transparency.agreements.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
          autosize
          minRows={2}
        />
        <Fieldset legend={t('transparency.agreements.parties')}>
          <Stack gap="xs">
            {parties.map((p, i) => (
              <Group key={i} align="flex-end" data-testid="agreement-party">
                <TextInput
                  label={t('transparency.agreements.partyName')}
                  value={p.name}
                  onChange={(e) => setParty(i, { name: e.currentTarget.value })}
                  error={errorAt(errors, `parties.${i}.name`, `parties.${i}`)}
                  data-testid="party-name"
                />
                <NativeSelect
                  label={t('transparency.agreements.partyRole')}
                  value={p.role}
                  onChange={(e) => setParty(i, { role: e.currentTarget.value })}
                  error={errorAt(errors, `parties.${i}.role`)}
                  data-testid="party-role"
                >
                  {PARTY_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`transparency.roles.${r}`)}
                    </option>
                  ))}
                </NativeSelect>
                <TextInput
                  label={t('transparency.agreements.partyRef')}
                  dir="ltr"
                  value={p.ref}
                  onChange={(e) => setParty(i, { ref: e.currentTarget.value })}
                  error={errorAt(errors, `parties.${i}.ref`)}
                />
                <TextInput
                  label={t('transparency.agreements.partyType')}
                  dir="ltr"
                  w={110}
                  value={p.type}
                  onChange={(e) => setParty(i, { type: e.currentTarget.value })}
                  error={errorAt(errors, `parties.${i}.type`)}
                />
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => setParties((all) => all.filter((_, j) => j !== i))}
                >
                  {t('assistance.remove')}
                </Button>
              </Group>
            ))}
            {errorAt(errors, 'parties') && (
              <Text c="red" size="sm">
                {errorAt(errors, 'parties')}
              </Text>
            )}
            <div>
              <Button
                size="xs"
                variant="light"
                onClick={() =>
                  setParties((all) => [
                    ...all,
                    { name: '', ref: '', type: '', role: 'implementing' },
                  ])
                }
                data-testid="party-add"
              >
                {t('transparency.agreements.addParty')}
              </Button>
            </div>
          </Stack>
        </Fieldset>
        {canProgrammes && (
          <Checkbox.Group
            label={t('transparency.agreements.programmes')}
            value={programmeIds}
            onChange={setProgrammeIds}
            error={errorAt(errors, 'programmeIds')}
          >
            <Group gap="md" mt={4}>
              {(programmes.data?.items ?? []).map((p) => (
                <Checkbox key={p.id} value={p.id} label={p.name} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <Checkbox
          label={t('transparency.agreements.public')}
          description={t('transparency.agreements.publicHint')}
          checked={isPublic}
          onChange={(e) => setPublic(e.currentTarget.checked)}
          data-testid="agreement-public"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="agreement-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

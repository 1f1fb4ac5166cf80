import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queries';
import { fieldErrors, fieldPathErrors } from '../../lib/errors';
import { ProblemAlert } from '../ProblemAlert';
import {
  casesApi,
  casesKeys,
  isOneOf,
  providersApi,
  referralsApi,
  SERVICE_TYPES,
  SHARE_FIELDS,
  type ReferralRequest,
  type ServiceType,
  type ShareField,
} from './api';
import {
  ConsentFields,
  consentBody,
  consentComplete,
  emptyConsent,
  type ConsentDraft,
} from './shared';

/**
 * The fields a referral may share for this person. A restricted person's contact is whereabouts:
 * the API refuses to share it, and the form never offers it.
 */
export function shareableFields(sensitivity: string | undefined): readonly ShareField[] {
  return sensitivity === 'restricted' ? SHARE_FIELDS.filter((f) => f !== 'contact') : SHARE_FIELDS;
}

interface ReferralFormProps {
  personId: string;
  /** Refer from this case; otherwise the caseworker picks one of the person's open cases. */
  caseId?: string;
  onDone: () => void;
  onCancel: () => void;
}

export function ReferralForm({ personId, caseId, onDone, onCancel }: ReferralFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const person = useQuery({
    queryKey: queryKeys.person(personId),
    queryFn: ({ signal }) => personsApi.get(personId, signal),
  });
  const cases = useQuery({
    queryKey: casesKeys.ofPerson(personId),
    queryFn: ({ signal }) => casesApi.list({ personId, limit: 500 }, signal),
    enabled: caseId === undefined,
  });
  const openCases = (cases.data?.items ?? []).filter(
    (c) => c.status !== 'closed' && c.relation !== 'incoming',
  );
  const [chosenCase, setChosenCase] = useState('');
  const fromCase = caseId ?? (chosenCase || openCases[0]?.id || '');
  const [serviceType, setServiceType] = useState<ServiceType>('legal_aid');
  const [providerId, setProviderId] = useState('');
  const [urgency, setUrgency] = useState<'normal' | 'urgent'>('normal');
  const [fields, setFields] = useState<ShareField[]>(['names']);
  const [summary, setSummary] = useState('');
  const [consent, setConsent] = useState<ConsentDraft>(emptyConsent);
  const providers = useQuery({
    queryKey: casesKeys.providerList({ serviceType, active: 'true' }),
    queryFn: ({ signal }) => providersApi.list({ serviceType, active: 'true', limit: 500 }, signal),
  });
  const offered = shareableFields(person.data?.data.sensitivity);
  const restricted = person.data?.data.sensitivity === 'restricted';

  const send = useMutation({
    mutationFn: () => {
      const chosen = fields.filter((f) => offered.includes(f));
      const body: ReferralRequest = {
        providerId,
        serviceType,
        urgency,
        fields: SHARE_FIELDS.filter((f) => chosen.includes(f)),
        ...consentBody(consent),
      };
      if (chosen.includes('summary')) body.summary = summary.trim();
      return referralsApi.create(fromCase, body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: casesKeys.all });
      onDone();
    },
  });
  const errors = fieldErrors(send.error);
  const paths = fieldPathErrors(send.error);
  const ready =
    fromCase !== '' &&
    providerId !== '' &&
    fields.length > 0 &&
    (!fields.includes('summary') || summary.trim() !== '') &&
    consentComplete(consent);

  if (caseId === undefined && cases.data && openCases.length === 0)
    return (
      <Alert color="yellow" data-testid="referral-needs-case">
        <Stack gap="xs">
          <Text size="sm">{t('cases.referrals.needsCase')}</Text>
          <Group>
            <Button size="xs" variant="default" onClick={onCancel}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      </Alert>
    );

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (ready) send.mutate();
        }}
        data-testid="referral-form"
      >
        <Stack gap="md">
          <Title order={3} size="h4">
            {t('cases.referrals.formTitle')}
          </Title>
          <ProblemAlert
            error={send.error}
            fields={[
              'providerId',
              'serviceType',
              'urgency',
              'fields',
              'summary',
              'consent',
              'override',
            ]}
            testId="referral-error"
          />
          {(person.isPending || cases.isFetching) && <Loader size="sm" />}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {caseId === undefined && (
              <NativeSelect
                label={t('cases.referrals.fromCase')}
                required
                value={fromCase}
                onChange={(e) => setChosenCase(e.currentTarget.value)}
                data-testid="referral-case"
              >
                {openCases.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t('cases.referrals.caseOption', {
                      category: t(`cases.categories.${c.category}`),
                      state: t(`cases.states.${c.status}`),
                    })}
                  </option>
                ))}
              </NativeSelect>
            )}
            <NativeSelect
              label={t('cases.services.serviceType')}
              required
              value={serviceType}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isOneOf(SERVICE_TYPES, v)) {
                  setServiceType(v);
                  setProviderId('');
                }
              }}
              error={errors.serviceType}
              data-testid="referral-service-type"
            >
              {SERVICE_TYPES.map((s) => (
                <option key={s} value={s}>
                  {t(`cases.services.types.${s}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('cases.referrals.urgency')}
              value={urgency}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (v === 'normal' || v === 'urgent') setUrgency(v);
              }}
              error={errors.urgency}
              data-testid="referral-urgency"
            >
              <option value="normal">{t('cases.referrals.urgencies.normal')}</option>
              <option value="urgent">{t('cases.referrals.urgencies.urgent')}</option>
            </NativeSelect>
          </SimpleGrid>

          <ProblemAlert error={providers.error} testId="referral-providers-error" />
          {providers.isPending && <Loader size="sm" />}
          {providers.data && providers.data.items.length === 0 && (
            <Text c="dimmed" size="sm" data-testid="referral-no-providers">
              {t('cases.referrals.noProviders')}
            </Text>
          )}
          {providers.data && providers.data.items.length > 0 && (
            <Radio.Group
              label={t('cases.referrals.provider')}
              required
              value={providerId}
              onChange={setProviderId}
              error={errors.providerId}
            >
              <Stack gap="xs" mt="xs" data-testid="referral-providers">
                {providers.data.items.map((p) => (
                  <Radio
                    key={p.id}
                    value={p.id}
                    data-testid="referral-provider"
                    label={
                      <span dir="auto">
                        {p.name} — {p.organisation}
                      </span>
                    }
                    description={[
                      p.languages.length
                        ? t('cases.services.languagesList', { list: p.languages.join(', ') })
                        : '',
                      p.agencyId ? '' : t('cases.services.offline'),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}

          <Checkbox.Group
            label={t('cases.referrals.fieldsLabel')}
            description={t('cases.referrals.fieldsHint')}
            required
            value={fields}
            onChange={(values) => setFields(values.filter((v) => isOneOf(offered, v)))}
            error={errors.fields}
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs" data-testid="referral-fields-choice">
              {offered.map((f) => (
                <Checkbox
                  key={f}
                  value={f}
                  label={t(`cases.referrals.fields.${f}`)}
                  data-testid={`referral-field-${f}`}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {restricted && (
            <Alert color="orange" variant="light" data-testid="referral-contact-withheld">
              {t('cases.referrals.contactWithheld')}
            </Alert>
          )}
          {fields.includes('summary') && (
            <Textarea
              label={t('cases.referrals.summary')}
              description={t('cases.referrals.summaryHint')}
              required
              dir="auto"
              autosize
              minRows={3}
              value={summary}
              onChange={(e) => setSummary(e.currentTarget.value)}
              error={errors.summary}
              data-testid="referral-summary"
            />
          )}

          <ConsentFields
            value={consent}
            onChange={setConsent}
            errors={paths}
            testId="referral-consent"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              disabled={!ready}
              loading={send.isPending}
              data-testid="referral-submit"
            >
              {t('cases.referrals.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/errors';
import { ProblemAlert } from '../ProblemAlert';
import {
  CONSENT_DECISIONS,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  DATA_CATEGORIES,
  dpoApi,
  isOneOf,
  utcToday,
  type ConsentBody,
  type ConsentDecision,
  type ConsentGiver,
  type ConsentMethod,
  type ConsentPurpose,
  type DataCategory,
} from './api';

const FIELDS = ['purpose', 'categories', 'decision', 'decidedOn', 'method', 'givenBy', 'evidence'];

/** Records one decision of the person (or their guardian or representative); never overwrites. */
export function ConsentForm({
  personId,
  onDone,
  onCancel,
}: {
  personId: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const today = utcToday();
  const [purpose, setPurpose] = useState<ConsentPurpose>('registration');
  const [categories, setCategories] = useState<DataCategory[]>([]);
  const [decision, setDecision] = useState<ConsentDecision>('given');
  const [decidedOn, setDecidedOn] = useState(today);
  const [method, setMethod] = useState<ConsentMethod>('written');
  const [givenBy, setGivenBy] = useState<ConsentGiver>('person');
  const [evidence, setEvidence] = useState('');
  const record = useMutation({
    mutationFn: () => {
      const body: ConsentBody = { purpose, categories, decision, decidedOn, method, givenBy };
      if (evidence.trim()) body.evidence = evidence.trim();
      return dpoApi.recordConsent(personId, body);
    },
    onSuccess: onDone,
  });
  const errors = fieldErrors(record.error);
  const select = <T extends string>(list: readonly T[], set: (v: T) => void) => ({
    onChange: (e: { currentTarget: { value: string } }) => {
      const v = e.currentTarget.value;
      if (isOneOf(list, v)) set(v);
    },
  });

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        aria-labelledby="consent-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate();
        }}
        data-testid="consent-form"
      >
        <Stack gap="sm">
          <Title order={2} size="h3" id="consent-form-title">
            {t('dpo.consent.record')}
          </Title>
          <ProblemAlert error={record.error} fields={FIELDS} testId="consent-form-error" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('dpo.consent.purpose')}
              value={purpose}
              {...select(CONSENT_PURPOSES, setPurpose)}
              error={errors.purpose}
              data-testid="consent-purpose"
            >
              {CONSENT_PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {t(`dpo.purposes.${p}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('dpo.consent.decision')}
              value={decision}
              {...select(CONSENT_DECISIONS, setDecision)}
              error={errors.decision}
              data-testid="consent-decision"
            >
              {CONSENT_DECISIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`dpo.consent.decisions.${d}`)}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              type="date"
              label={t('dpo.consent.decidedOn')}
              required
              max={today}
              value={decidedOn}
              onChange={(e) => setDecidedOn(e.currentTarget.value)}
              error={errors.decidedOn}
              data-testid="consent-decided-on"
            />
            <NativeSelect
              label={t('dpo.consent.method')}
              value={method}
              {...select(CONSENT_METHODS, setMethod)}
              error={errors.method}
              data-testid="consent-method"
            >
              {CONSENT_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`dpo.consent.methods.${m}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('dpo.consent.givenBy')}
              value={givenBy}
              {...select(CONSENT_GIVERS, setGivenBy)}
              error={errors.givenBy}
              data-testid="consent-given-by"
            >
              {CONSENT_GIVERS.map((g) => (
                <option key={g} value={g}>
                  {t(`dpo.consent.givers.${g}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
          <Checkbox.Group
            label={t('dpo.categoriesLabel')}
            description={t('dpo.consent.categoriesHint')}
            required
            value={categories}
            onChange={(v) =>
              setCategories(v.filter((c): c is DataCategory => isOneOf(DATA_CATEGORIES, c)))
            }
            error={errors.categories}
            data-testid="consent-categories"
          >
            <SimpleGrid cols={{ base: 2, sm: 5 }} mt="xs">
              {DATA_CATEGORIES.map((c) => (
                <Checkbox
                  key={c}
                  value={c}
                  label={t(`dpo.categories.${c}`)}
                  data-testid={`consent-category-${c}`}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Textarea
            label={t('dpo.consent.evidence')}
            description={t('dpo.consent.evidenceHint')}
            dir="auto"
            autosize
            minRows={1}
            value={evidence}
            onChange={(e) => setEvidence(e.currentTarget.value)}
            error={errors.evidence}
            data-testid="consent-evidence"
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending} data-testid="consent-submit">
              {t('dpo.consent.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import { Fieldset, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorAt } from '../../lib/errors';
import { localToday } from '../../lib/rights';
import { CONSENT_DECISIONS, CONSENT_GIVERS, isOneOf } from './api';
import type { ConsentDraft } from './draft';

interface ConsentEditorProps {
  /** Legend of the group ("Consent to use", "Consent to share"). */
  legend: string;
  value: ConsentDraft;
  onChange: (value: ConsentDraft) => void;
  /** Field errors by full path. */
  errors: Record<string, string>;
  /** The body field (`consentToUse`, `consent`). */
  field: string;
  testId: string;
}

/** A consent decision: not asked yet, or given/refused/withdrawn by whom, when, for what. */
export function ConsentEditor({
  legend,
  value,
  onChange,
  errors,
  field,
  testId,
}: ConsentEditorProps) {
  const { t } = useTranslation();
  const set = <K extends keyof ConsentDraft>(key: K, v: ConsentDraft[K]) =>
    onChange({ ...value, [key]: v });
  const asked = value.decision !== '';
  return (
    <Fieldset legend={legend} data-testid={testId}>
      <SimpleGrid cols={{ base: 1, sm: asked ? 4 : 1 }}>
        <NativeSelect
          label={t('incidents.consent.decision')}
          value={value.decision}
          onChange={(e) => {
            const d = e.currentTarget.value;
            if (d === '') return set('decision', '');
            if (!isOneOf(CONSENT_DECISIONS, d)) return;
            // A first decision is dated today unless the user says otherwise.
            onChange({ ...value, decision: d, on: value.on || localToday() });
          }}
          error={errorAt(errors, `${field}.decision`, field)}
          data-testid={`${testId}-decision`}
        >
          <option value="">{t('incidents.consent.notAsked')}</option>
          {CONSENT_DECISIONS.map((d) => (
            <option key={d} value={d}>
              {t(`incidents.consent.decisions.${d}`)}
            </option>
          ))}
        </NativeSelect>
        {asked && (
          <>
            <NativeSelect
              label={t('incidents.consent.givenBy')}
              value={value.givenBy}
              onChange={(e) => {
                const g = e.currentTarget.value;
                if (isOneOf(CONSENT_GIVERS, g)) set('givenBy', g);
              }}
              error={errorAt(errors, `${field}.givenBy`)}
              data-testid={`${testId}-given-by`}
            >
              {CONSENT_GIVERS.map((g) => (
                <option key={g} value={g}>
                  {t(`incidents.consent.givers.${g}`)}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              type="date"
              label={t('incidents.consent.on')}
              required
              max={localToday()}
              value={value.on}
              onChange={(e) => set('on', e.currentTarget.value)}
              error={errorAt(errors, `${field}.on`)}
              data-testid={`${testId}-on`}
            />
            <TextInput
              label={t('incidents.consent.scope')}
              dir="auto"
              value={value.scope}
              onChange={(e) => set('scope', e.currentTarget.value)}
              error={errorAt(errors, `${field}.scope`)}
              data-testid={`${testId}-scope`}
            />
          </>
        )}
      </SimpleGrid>
    </Fieldset>
  );
}

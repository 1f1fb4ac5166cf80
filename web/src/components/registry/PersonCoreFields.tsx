import {
  Checkbox,
  Fieldset,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  isPersonSex,
  isSensitivity,
  PERSON_SEXES,
  type PersonSex,
  type Sensitivity,
} from '../../api/types';

/** The part of a person form these fields edit. */
export interface CoreDraft {
  sex: PersonSex;
  sensitivity: Sensitivity;
  birthDate: string;
  birthYear: number | string;
  birthYearEstimated: boolean;
}

interface PersonCoreFieldsProps {
  draft: CoreDraft;
  set: (key: keyof CoreDraft, value: CoreDraft[keyof CoreDraft]) => void;
  errors: Record<string, string>;
  /** The sensitivities this user may choose. */
  sensitivities: readonly Sensitivity[];
  /** Test ids `<prefix>-sex`, `<prefix>-birth-date`, … */
  testIdPrefix: string;
}

/**
 * Sex, sensitivity and birth (a date, or a year that may be estimated), as registration and
 * editing both ask for them.
 */
export function PersonCoreFields({
  draft,
  set,
  errors,
  sensitivities,
  testIdPrefix: id,
}: PersonCoreFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('persons.sex')}
          required
          value={draft.sex}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isPersonSex(value)) set('sex', value);
          }}
          error={errors.sex}
          data-testid={`${id}-sex`}
        >
          {PERSON_SEXES.map((code) => (
            <option key={code} value={code}>
              {t(`persons.sexes.${code}`)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          label={t('persons.sensitivity')}
          value={draft.sensitivity}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isSensitivity(value)) set('sensitivity', value);
          }}
          error={errors.sensitivity}
          data-testid={`${id}-sensitivity`}
        >
          {sensitivities.map((code) => (
            <option key={code} value={code}>
              {t(`persons.sensitivities.${code}`)}
            </option>
          ))}
        </NativeSelect>
      </SimpleGrid>

      <Fieldset legend={t('persons.birth')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            type="date"
            label={t('persons.birthDate')}
            value={draft.birthDate}
            onChange={(e) => set('birthDate', e.currentTarget.value)}
            error={errors.birthDate}
            data-testid={`${id}-birth-date`}
          />
          <NumberInput
            label={t('persons.birthYear')}
            description={t('persons.birthYearHelp')}
            value={draft.birthYear}
            onChange={(value) => set('birthYear', value)}
            disabled={draft.birthDate !== ''}
            min={1900}
            max={2100}
            allowDecimal={false}
            allowNegative={false}
            error={errors.birthYear}
            data-testid={`${id}-birth-year`}
          />
          <Checkbox
            mt="xl"
            label={t('persons.birthYearEstimated')}
            checked={draft.birthYearEstimated}
            disabled={draft.birthDate !== ''}
            onChange={(e) => set('birthYearEstimated', e.currentTarget.checked)}
            error={errors.birthYearEstimated}
            data-testid={`${id}-birth-year-estimated`}
          />
        </SimpleGrid>
      </Fieldset>
    </>
  );
}

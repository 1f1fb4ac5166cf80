import { MultiSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { BARRIERS } from '../api/types';

interface BarrierSelectProps {
  value: string[];
  onChange: (value: string[]) => void;
  label?: string;
  error?: string;
  testId?: string;
}

/** Barriers to exercising a right, from the server's catalogue. */
export function BarrierSelect({ value, onChange, label, error, testId }: BarrierSelectProps) {
  const { t } = useTranslation();
  return (
    <MultiSelect
      label={label ?? t('rights.barriers.label')}
      placeholder={value.length === 0 ? t('rights.barriers.placeholder') : undefined}
      data={BARRIERS.map((code) => ({ value: code, label: t(`rights.barriers.${code}`) }))}
      value={value}
      onChange={onChange}
      error={error}
      searchable
      clearable
      hidePickedOptions
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}

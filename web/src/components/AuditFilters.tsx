import { Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface AuditFilterValues {
  userId: string;
  action: string;
  entityType: string;
  entityId: string;
  /** yyyy-mm-dd from the date input, local time */
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterValues = {
  userId: '',
  action: '',
  entityType: '',
  entityId: '',
  from: '',
  to: '',
};

interface AuditFiltersProps {
  initial: AuditFilterValues;
  onApply: (values: AuditFilterValues) => void;
}

const TEXT_FIELDS = ['userId', 'action', 'entityType', 'entityId'] as const;

export function AuditFilters({ initial, onApply }: AuditFiltersProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const set = (key: keyof AuditFilterValues, value: string) =>
    setValues((v) => ({ ...v, [key]: value }));

  return (
    <form
      aria-label={t('audit.filters')}
      onSubmit={(event) => {
        event.preventDefault();
        onApply(values);
      }}
    >
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        {TEXT_FIELDS.map((key) => (
          <TextInput
            key={key}
            label={t(`audit.${key}`)}
            value={values[key]}
            onChange={(e) => set(key, e.currentTarget.value)}
            dir="ltr"
            spellCheck={false}
            data-testid={`audit-filter-${key}`}
          />
        ))}
        <TextInput
          type="date"
          label={t('audit.from')}
          value={values.from}
          onChange={(e) => set('from', e.currentTarget.value)}
          data-testid="audit-filter-from"
        />
        <TextInput
          type="date"
          label={t('audit.to')}
          value={values.to}
          onChange={(e) => set('to', e.currentTarget.value)}
          data-testid="audit-filter-to"
        />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit" data-testid="audit-apply">
          {t('audit.apply')}
        </Button>
        <Button
          variant="default"
          onClick={() => {
            setValues(EMPTY_AUDIT_FILTERS);
            onApply(EMPTY_AUDIT_FILTERS);
          }}
        >
          {t('audit.clear')}
        </Button>
      </Group>
    </form>
  );
}

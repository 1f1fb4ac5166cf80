import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../api/queries';

interface AgencySelectProps {
  value: string | null;
  onChange: (agencyId: string | null) => void;
  error?: string;
}

/** Agency picker; "no agency" maps to null. */
export function AgencySelect({ value, onChange, error }: AgencySelectProps) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  const items = agencies.data?.items ?? [];
  return (
    <NativeSelect
      label={t('users.agency')}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value || null)}
      error={error}
      disabled={agencies.isPending}
      data-testid="user-agency"
    >
      <option value="">{t('users.noAgency')}</option>
      {items.map((agency) => (
        <option key={agency.id} value={agency.id}>
          {agency.name}
        </option>
      ))}
    </NativeSelect>
  );
}

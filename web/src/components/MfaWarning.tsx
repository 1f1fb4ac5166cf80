import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Installation-wide warning shown while two-factor authentication is switched off. */
export function MfaWarning({ warnings }: { warnings: string[] }) {
  const { t } = useTranslation();
  if (!warnings.includes('mfa_disabled')) return null;
  return (
    <Alert
      color="orange"
      variant="filled"
      title={t('warnings.mfaDisabledTitle')}
      mb="md"
      role="alert"
      data-testid="mfa-disabled-warning"
    >
      {t('warnings.mfa_disabled')}
    </Alert>
  );
}

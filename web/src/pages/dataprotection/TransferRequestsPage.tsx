import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TransferRequestsPanel } from '../../components/dataprotection/TransferRequestsPanel';

/**
 * Transfer requests outside the officer's screen: approvers decide the pending ones, requesters
 * follow theirs and download the file once it is approved.
 */
export function TransferRequestsPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Title order={1}>{t('dpo.requests.title')}</Title>
      <TransferRequestsPanel />
    </Stack>
  );
}

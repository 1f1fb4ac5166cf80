import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Distribution } from '../../components/assistance/api';
import { BulkDistributions } from '../../components/assistance/BulkDistributions';
import { DistributionForm } from '../../components/assistance/DistributionForm';

/** Recording distributions: one at a time, or a whole distribution list. */
export function DistributionsPage() {
  const { t } = useTranslation();
  const [recorded, setRecorded] = useState<Distribution | null>(null);
  const [formKey, setFormKey] = useState(0);
  return (
    <Stack gap="md">
      <Title order={1}>{t('assistance.distributions.title')}</Title>
      <Text c="dimmed">{t('assistance.distributions.intro')}</Text>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('assistance.distributions.recordOne')}
          </Title>
          {recorded && (
            <Alert color="teal" data-testid="distribution-recorded">
              {t('assistance.distributions.recorded')}
            </Alert>
          )}
          <DistributionForm
            key={formKey}
            onDone={(d) => {
              setRecorded(d);
              setFormKey((k) => k + 1);
            }}
          />
        </Stack>
      </Paper>
      <BulkDistributions />
    </Stack>
  );
}

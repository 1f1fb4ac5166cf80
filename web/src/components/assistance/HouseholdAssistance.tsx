import { Alert, Button, Divider, Group, Loader, Modal, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import { aidKeys, assistanceApi } from './api';
import { DependencyPanel, DistributionsTable } from './AssistanceTables';
import { DistributionForm } from './DistributionForm';
import { SriSection } from './SriSection';

/** The household page's assistance section: distributions, dependency, and the SRI. */
export function HouseholdAssistance({ householdId }: { householdId: string }) {
  const canRead = useHasAbility('assistance.read');
  if (!canRead) return null;
  return <Section householdId={householdId} />;
}

function Section({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const canRecord = useHasAbility('assistance.record');
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState(false);
  const distributions = useQuery({
    queryKey: aidKeys.householdDistributions(householdId),
    queryFn: ({ signal }) => assistanceApi.householdDistributions(householdId, signal),
  });
  const dependency = useQuery({
    queryKey: aidKeys.householdDependency(householdId),
    queryFn: ({ signal }) => assistanceApi.householdDependency(householdId, signal),
  });
  return (
    <Stack gap="md" data-testid="household-assistance" component="section">
      <Divider />
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('assistance.householdTitle')}</Title>
        {canRecord && (
          <Button
            variant="light"
            onClick={() => {
              setRecording(true);
              setRecorded(false);
            }}
            data-testid="household-record-distribution"
          >
            {t('assistance.distributions.recordOne')}
          </Button>
        )}
      </Group>
      {recorded && <Alert color="teal">{t('assistance.distributions.recorded')}</Alert>}
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('assistance.dependency.title')}
        </Title>
        <ProblemAlert error={dependency.error} />
        {dependency.isPending && <Loader size="sm" />}
        {dependency.data && (
          <DependencyPanel data={dependency.data} testId="household-dependency" />
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('assistance.distributions.received')}
        </Title>
        <ProblemAlert error={distributions.error} />
        {distributions.isPending && <Loader size="sm" />}
        {distributions.data && (
          <DistributionsTable items={distributions.data.items} testId="household-distributions" />
        )}
      </Stack>
      <SriSection householdId={householdId} />
      <Modal
        opened={recording}
        onClose={() => setRecording(false)}
        title={t('assistance.distributions.recordOne')}
        size="xl"
      >
        {recording && (
          <DistributionForm
            householdId={householdId}
            onDone={() => {
              setRecording(false);
              setRecorded(true);
            }}
            onCancel={() => setRecording(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}

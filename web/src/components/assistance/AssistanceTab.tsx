import { Alert, Button, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import { aidKeys, assistanceApi } from './api';
import { DependencyPanel, DistributionsTable, EnrolmentsTable } from './AssistanceTables';
import { DistributionForm } from './DistributionForm';
import { EnrolmentForm } from './EnrolmentForms';

/** A person's assistance: what they received, their dependency share, their enrolments. */
export function AssistanceTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canRead = useHasAbility('assistance.read');
  if (!canRead)
    return (
      <Text c="dimmed" data-testid="assistance-no-access">
        {t('assistance.noAccess')}
      </Text>
    );
  return <PersonAssistance personId={personId} />;
}

function PersonAssistance({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canRecord = useHasAbility('assistance.record');
  const [dialog, setDialog] = useState<'distribution' | 'enrolment' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const distributions = useQuery({
    queryKey: aidKeys.personDistributions(personId),
    queryFn: ({ signal }) => assistanceApi.personDistributions(personId, signal),
  });
  const dependency = useQuery({
    queryKey: aidKeys.personDependency(personId),
    queryFn: ({ signal }) => assistanceApi.personDependency(personId, signal),
  });
  const enrolments = useQuery({
    queryKey: aidKeys.personEnrolments(personId),
    queryFn: ({ signal }) => assistanceApi.personEnrolments(personId, signal),
  });

  return (
    <Stack gap="lg" data-testid="assistance-tab">
      {canRecord && (
        <Group>
          <Button onClick={() => setDialog('distribution')} data-testid="assistance-record">
            {t('assistance.distributions.recordOne')}
          </Button>
          <Button
            variant="light"
            onClick={() => setDialog('enrolment')}
            data-testid="assistance-enrol"
          >
            {t('assistance.enrolments.enrol')}
          </Button>
        </Group>
      )}
      {notice && (
        <Alert
          color="teal"
          data-testid="assistance-notice"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setNotice(null)}
        >
          {notice}
        </Alert>
      )}
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('assistance.dependency.title')}
        </Title>
        <ProblemAlert error={dependency.error} />
        {dependency.isPending && <Loader size="sm" />}
        {dependency.data && <DependencyPanel data={dependency.data} testId="person-dependency" />}
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('assistance.distributions.received')}
        </Title>
        <ProblemAlert error={distributions.error} />
        {distributions.isPending && <Loader size="sm" />}
        {distributions.data && (
          <DistributionsTable items={distributions.data.items} testId="person-distributions" />
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('assistance.enrolments.title')}
        </Title>
        <ProblemAlert error={enrolments.error} />
        {enrolments.isPending && <Loader size="sm" />}
        {enrolments.data && (
          <EnrolmentsTable items={enrolments.data.items} testId="person-enrolments" />
        )}
      </Stack>
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={
          dialog === 'enrolment'
            ? t('assistance.enrolments.enrol')
            : t('assistance.distributions.recordOne')
        }
        size="xl"
      >
        {dialog === 'distribution' && (
          <DistributionForm
            personId={personId}
            onDone={() => {
              setDialog(null);
              setNotice(t('assistance.distributions.recorded'));
            }}
            onCancel={() => setDialog(null)}
          />
        )}
        {dialog === 'enrolment' && (
          <EnrolmentForm
            personId={personId}
            onDone={() => {
              setDialog(null);
              setNotice(t('assistance.enrolments.enrolled'));
            }}
            onCancel={() => setDialog(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

import { Alert, Anchor, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { aidKeys, assistanceApi } from '../../components/assistance/api';
import { EnrolmentsTable } from '../../components/assistance/AssistanceTables';
import { EnrolmentForm } from '../../components/assistance/EnrolmentForms';
import { PersonPicker } from '../../components/assistance/PersonPicker';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';

/** Enrolments in training and income-generating programmes, one person at a time. */
export function EnrolmentsPage() {
  const { t } = useTranslation();
  const canRecord = useHasAbility('assistance.record');
  const canPersons = useHasAbility('persons.read');
  const [personId, setPersonId] = useState('');
  const [formKey, setFormKey] = useState(0);
  const [enrolled, setEnrolled] = useState(false);
  const enrolments = useQuery({
    queryKey: aidKeys.personEnrolments(personId),
    queryFn: ({ signal }) => assistanceApi.personEnrolments(personId, signal),
    enabled: personId !== '',
  });
  return (
    <Stack gap="md">
      <Title order={1}>{t('assistance.enrolments.title')}</Title>
      <Text c="dimmed">{t('assistance.enrolments.intro')}</Text>
      {!canPersons ? (
        <Text c="dimmed">{t('assistance.eligibility.needsPersons')}</Text>
      ) : (
        <PersonPicker
          value={personId}
          onChange={(id) => {
            setPersonId(id);
            setEnrolled(false);
          }}
          testId="enrolments-person"
        />
      )}
      {personId && (
        <>
          <Anchor component={Link} to={`/persons/${personId}?tab=assistance`}>
            {t('assistance.enrolments.openProfile')}
          </Anchor>
          <ProblemAlert error={enrolments.error} />
          {enrolments.isPending && <Loader size="sm" />}
          {enrolments.data && (
            <EnrolmentsTable items={enrolments.data.items} testId="enrolments-table" />
          )}
          {enrolled && (
            <Alert color="teal" data-testid="enrolment-saved">
              {t('assistance.enrolments.enrolled')}
            </Alert>
          )}
          {canRecord && (
            <Paper withBorder p="md">
              <Stack gap="sm">
                <Title order={2} size="h4">
                  {t('assistance.enrolments.enrol')}
                </Title>
                <EnrolmentForm
                  key={`${personId}-${formKey}`}
                  personId={personId}
                  onDone={() => {
                    setEnrolled(true);
                    setFormKey((k) => k + 1);
                  }}
                />
              </Stack>
            </Paper>
          )}
        </>
      )}
    </Stack>
  );
}

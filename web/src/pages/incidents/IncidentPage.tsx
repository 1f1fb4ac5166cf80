import { Anchor, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { incidentKeys, incidentsApi } from '../../components/incidents/api';
import { Citations } from '../../components/incidents/Citations';
import { IncidentDetails, InvolvementsTable } from '../../components/incidents/IncidentDetails';
import { SensitivityBadge, whenText } from '../../components/incidents/shared';
import { Testimonies } from '../../components/incidents/Testimonies';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';

/** One incident: what happened, who was involved, testimonies and the evidence cited. */
export function IncidentPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const canWrite = useHasAbility('incidents.write');
  const canReadTestimonies = useHasAbility('testimonies.read');
  const incident = useQuery({
    queryKey: incidentKeys.detail(id),
    queryFn: ({ signal }) => incidentsApi.get(id, signal),
    enabled: id !== '',
  });
  const back = (
    <Anchor component={Link} to="/incidents">
      {t('incidents.back')}
    </Anchor>
  );
  // 404 for a missing incident and for one the reader may not see alike.
  if (incident.isError && isApiError(incident.error) && incident.error.status === 404)
    return (
      <Stack gap="md" data-testid="incident-not-found">
        {back}
        <Title order={1}>{t('incidents.notFound')}</Title>
      </Stack>
    );
  const i = incident.data?.data;
  return (
    <Stack gap="lg">
      {back}
      <ProblemAlert error={incident.error} />
      {incident.isPending && <Loader size="sm" />}
      {i && (
        <>
          <Stack gap={4}>
            <Group gap="sm" align="center" justify="space-between">
              <Group gap="sm" align="center">
                <Title order={1} data-testid="incident-heading">
                  {t('incidents.heading', { when: whenText(t, i.when, i18n.language) })}
                </Title>
                <SensitivityBadge value={i.sensitivity} />
              </Group>
              {canWrite && (
                <Button
                  component={Link}
                  to={`/incidents/${i.id}/edit`}
                  variant="default"
                  data-testid="incident-edit"
                >
                  {t('common.edit')}
                </Button>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {t('incidents.recordedOn', { at: formatDateTime(i.createdAt, i18n.language) })}
            </Text>
          </Stack>
          <IncidentDetails incident={i} />
          <InvolvementsTable incident={i} />
          {canReadTestimonies && <Testimonies incident={i} />}
          <Citations incident={i} canWrite={canWrite} />
        </>
      )}
    </Stack>
  );
}

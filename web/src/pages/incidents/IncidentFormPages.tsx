import { Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { incidentKeys, incidentsApi } from '../../components/incidents/api';
import { IncidentForm } from '../../components/incidents/IncidentForm';
import { ProblemAlert } from '../../components/ProblemAlert';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/incidents/new` (`?personId=` from a profile: that person as the first victim). */
export function IncidentNewPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const personId = params.get('personId') ?? '';
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/incidents">
        {t('incidents.back')}
      </Anchor>
      <Title order={1}>{t('incidents.form.newTitle')}</Title>
      <Text size="sm" c="dimmed">
        {t('incidents.form.intro')}
      </Text>
      <IncidentForm personId={UUID.test(personId) ? personId : undefined} />
    </Stack>
  );
}

/** `/incidents/:id/edit`: the form over the incident as read, saved with If-Match. */
export function IncidentEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const incident = useQuery({
    queryKey: incidentKeys.detail(id),
    queryFn: ({ signal }) => incidentsApi.get(id, signal),
    enabled: id !== '',
    // The form keeps the version it was opened on; a 412 offers the fresh one.
    staleTime: Infinity,
  });
  const back = (
    <Anchor component={Link} to={`/incidents/${id}`}>
      {t('incidents.backToIncident')}
    </Anchor>
  );
  if (incident.isError && isApiError(incident.error) && incident.error.status === 404)
    return (
      <Stack gap="md" data-testid="incident-not-found">
        {back}
        <Title order={1}>{t('incidents.notFound')}</Title>
      </Stack>
    );
  return (
    <Stack gap="md">
      {back}
      <Title order={1}>{t('incidents.form.editTitle')}</Title>
      <ProblemAlert error={incident.error} />
      {incident.isPending && <Loader size="sm" />}
      {incident.data && (
        <IncidentForm
          incident={incident.data.data}
          etag={incident.data.etag}
          onReload={async () => (await incident.refetch()).data?.data}
        />
      )}
    </Stack>
  );
}

import { Anchor, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import { incidentKeys, incidentsApi } from './api';
import { actsText, placeText, SensitivityBadge, useSiteName, whenText } from './shared';

/** The incidents involving the person (those the reader may see), and recording a new one. */
export function IncidentsTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canRead = useHasAbility('incidents.read');
  if (!canRead)
    return (
      <Text c="dimmed" data-testid="person-incidents-no-access">
        {t('incidents.tab.noAccess')}
      </Text>
    );
  return <PersonIncidents personId={personId} />;
}

function PersonIncidents({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const canWrite = useHasAbility('incidents.write');
  const siteName = useSiteName();
  const query = { personId, limit: 500 };
  const incidents = useQuery({
    queryKey: incidentKeys.list(query),
    queryFn: ({ signal }) => incidentsApi.list(query, signal),
  });
  const items = incidents.data?.items ?? [];
  return (
    <Stack gap="sm" data-testid="person-incidents">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">
          {t('incidents.tab.title')}
        </Title>
        {canWrite && (
          <Button
            component={Link}
            to={`/incidents/new?personId=${personId}`}
            variant="default"
            size="xs"
            data-testid="person-incident-new"
          >
            {t('incidents.list.record')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={incidents.error} />
      {incidents.isPending && <Loader size="sm" />}
      {incidents.data && items.length === 0 && (
        <Text c="dimmed" size="sm" data-testid="person-incidents-empty">
          {t('incidents.tab.none')}
        </Text>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('incidents.list.date')}</Table.Th>
                <Table.Th scope="col">{t('incidents.tab.role')}</Table.Th>
                <Table.Th scope="col">{t('incidents.list.acts')}</Table.Th>
                <Table.Th scope="col">{t('incidents.list.place')}</Table.Th>
                <Table.Th scope="col">{t('incidents.form.sensitivity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id} data-testid="person-incident-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/incidents/${i.id}`}>
                      {whenText(t, i.when, i18n.language)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {[
                        ...new Set(
                          i.involvements.filter((v) => v.personId === personId).map((v) => v.role),
                        ),
                      ].map((role) => (
                        <Badge key={role} variant="light" color="gray" tt="none">
                          {t(`incidents.roles.${role}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td dir="auto">{actsText(t, i.acts, i.actOther)}</Table.Td>
                  <Table.Td dir="auto">{placeText(t, i.where, siteName)}</Table.Td>
                  <Table.Td>
                    <SensitivityBadge value={i.sensitivity} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

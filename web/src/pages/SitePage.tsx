import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../api/client';
import { rightsApi, sitesApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { MonitoringRoundResult, Site, SiteAccess } from '../api/types';
import { useHasAbility } from '../components/MeContext';
import { MonitoringRoundForm } from '../components/MonitoringRoundForm';
import { Pager } from '../components/Pager';
import { PersonLink } from '../components/PersonLink';
import { ProblemAlert } from '../components/ProblemAlert';
import { HeatLegend, SiteRightsTable } from '../components/RightsHeatMap';
import { SiteRightsTrend } from '../components/rights/RightsTrendChart';
import { RoundImportSection } from '../components/rights/RoundImportPanel';
import { SiteForm } from '../components/SiteForm';
import { formatDay, formatNumber } from '../lib/format';

const PAGE_SIZE = 50;

export function SitePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const canManage = useHasAbility('sites.manage');
  const canReadPersons = useHasAbility('persons.read');
  const [editing, setEditing] = useState(false);
  const site = useQuery({
    queryKey: queryKeys.site(id),
    queryFn: ({ signal }) => sitesApi.get(id, signal),
    enabled: id !== '',
  });

  const backLink = (
    <Anchor component={Link} to="/sites">
      {t('sites.back')}
    </Anchor>
  );

  if (site.isError && isApiError(site.error) && site.error.status === 404) {
    return (
      <Stack gap="md" data-testid="site-not-found">
        <Title order={1}>{t('sites.notFound')}</Title>
        {backLink}
      </Stack>
    );
  }

  const data = site.data?.data;
  return (
    <Stack gap="md">
      {backLink}
      <ProblemAlert error={site.error} />
      {site.isPending && <Loader size="sm" />}
      {data && (
        <>
          <Group justify="space-between" align="flex-end">
            <Stack gap={4}>
              <Title order={1} dir="auto">
                {data.name}
              </Title>
              <Text c="dimmed">{t(`sites.types.${data.type}`, { defaultValue: data.type })}</Text>
            </Stack>
            {canManage && (
              <Button variant="default" onClick={() => setEditing(true)} data-testid="site-edit">
                {t('common.edit')}
              </Button>
            )}
          </Group>
          {data.access.leaveFreely === false && (
            <Alert
              color="red"
              variant="filled"
              title={t('sites.access.cannotLeaveTitle')}
              data-testid="site-cannot-leave"
            >
              {t('sites.access.cannotLeave')}
            </Alert>
          )}
          <SiteDetails site={data} />
          <AccessConditions access={data.access} />
          <SiteRights siteId={data.id} />
          {canReadPersons && <Residents siteId={data.id} />}
        </>
      )}
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('sites.editTitle')}
        size="lg"
      >
        {editing && canManage && (
          <SiteForm
            siteId={id}
            onDone={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

function SiteDetails({ site }: { site: Site }) {
  const { t, i18n } = useTranslation();
  const text = (value: string | null) => (value ? <span dir="auto">{value}</span> : '—');
  return (
    <Paper withBorder p="md">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} data-testid="site-details">
        <Fact label={t('sites.country')}>{site.country ?? '—'}</Fact>
        <Fact label={t('sites.adm1')}>{text(site.adm1)}</Fact>
        <Fact label={t('sites.adm2')}>{text(site.adm2)}</Fact>
        <Fact label={t('sites.adm3')}>{text(site.adm3)}</Fact>
        <Fact label={t('sites.capacity')}>
          {site.capacity === null ? '—' : formatNumber(site.capacity, i18n.language)}
        </Fact>
        <Fact label={t('sites.managingEntity')}>{text(site.managingEntity)}</Fact>
        {site.latitude !== null && site.longitude !== null && (
          <Fact label={t('sites.coordinates')}>
            <span dir="ltr">
              {formatNumber(site.latitude, i18n.language)},{' '}
              {formatNumber(site.longitude, i18n.language)}
            </span>
          </Fact>
        )}
      </SimpleGrid>
    </Paper>
  );
}

/** Unknown is shown as unknown: a guess would hide a protection fact. */
function YesNoUnknown({ value }: { value: boolean | null }) {
  const { t } = useTranslation();
  if (value === null)
    return (
      <Badge color="gray" variant="outline" tt="none">
        {t('sites.access.states.unknown')}
      </Badge>
    );
  return (
    <Badge color={value ? 'blue' : 'dark'} variant="light" tt="none">
      {value ? t('sites.access.states.yes') : t('sites.access.states.no')}
    </Badge>
  );
}

function AccessConditions({ access }: { access: SiteAccess }) {
  const { t } = useTranslation();
  const unknown = (
    <Text span c="dimmed">
      {t('sites.access.states.unknown')}
    </Text>
  );
  return (
    <Paper withBorder p="md" data-testid="site-access">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('sites.access.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <Fact label={t('sites.access.leaveFreely')}>
            <YesNoUnknown value={access.leaveFreely} />
          </Fact>
          <Fact label={t('sites.access.walled')}>
            <YesNoUnknown value={access.walled} />
          </Fact>
          <Fact label={t('sites.access.checkpoints')}>
            <YesNoUnknown value={access.checkpoints} />
          </Fact>
        </SimpleGrid>
        <Fact label={t('sites.access.curfew')}>
          {access.curfew ? <span dir="auto">{access.curfew}</span> : unknown}
        </Fact>
        <Fact label={t('sites.access.notes')}>
          {access.notes ? (
            <Text component="span" style={{ whiteSpace: 'pre-wrap' }} dir="auto">
              {access.notes}
            </Text>
          ) : (
            '—'
          )}
        </Fact>
      </Stack>
    </Paper>
  );
}

function Residents({ siteId }: { siteId: string }) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const residents = useQuery({
    queryKey: queryKeys.siteResidents(siteId, offset),
    queryFn: ({ signal }) => sitesApi.residents(siteId, { limit: PAGE_SIZE, offset }, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">
          {t('sites.residents.title')}
        </Title>
        {residents.data && (
          <Text c="dimmed" size="sm" data-testid="site-residents-total">
            {t('sites.residents.total', { n: formatNumber(residents.data.total, i18n.language) })}
          </Text>
        )}
      </Group>
      <ProblemAlert error={residents.error} />
      {residents.isPending && <Loader size="sm" />}
      {residents.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover data-testid="site-residents">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('persons.name')}</Table.Th>
                <Table.Th scope="col">{t('persons.sex')}</Table.Th>
                <Table.Th scope="col">{t('persons.birthYear')}</Table.Th>
                <Table.Th scope="col">{t('sites.residents.since')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {residents.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed">{t('sites.residents.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {residents.data.items.map((r) => (
                <Table.Tr key={r.personId} data-testid="site-resident-row">
                  <Table.Td>
                    <PersonLink id={r.personId} names={r.names} />
                  </Table.Td>
                  <Table.Td>{t(`persons.sexes.${r.sex}`, { defaultValue: r.sex })}</Table.Td>
                  <Table.Td>{r.birthYear ?? '—'}</Table.Td>
                  <Table.Td>{formatDay(r.since, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {residents.data && (
        <Pager
          offset={offset}
          pageSize={PAGE_SIZE}
          total={residents.data.total}
          onChange={setOffset}
        />
      )}
    </Stack>
  );
}

/**
 * The site's rights gaps (articles owed to its residents, with the share who have full access)
 * and, for monitors, a form to record a monitoring round.
 */
function SiteRights({ siteId }: { siteId: string }) {
  const { t, i18n } = useTranslation();
  const canReport = useHasAbility('rights.report');
  const canAssess = useHasAbility('rights.assess');
  const canReadPersons = useHasAbility('persons.read');
  const canRecord = canAssess && canReadPersons;
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState<MonitoringRoundResult | null>(null);
  const query = { siteId };
  const matrix = useQuery({
    queryKey: queryKeys.rightsMatrix(query),
    queryFn: ({ signal }) => rightsApi.matrix(query, signal),
    enabled: canReport,
  });
  if (!canReport && !canRecord) return null;

  return (
    <Stack gap="sm" data-testid="site-rights">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3">
          {t('rights.matrix.siteTitle')}
        </Title>
        <Group gap="sm">
          {canReport && (
            <Anchor component={Link} to="/reports/rights-gaps" size="sm">
              {t('rights.matrix.allSites')}
            </Anchor>
          )}
          {canRecord && !recording && (
            <Button
              onClick={() => {
                setRecorded(null);
                setRecording(true);
              }}
              data-testid="round-start"
            >
              {t('rights.round.start')}
            </Button>
          )}
        </Group>
      </Group>
      {recorded && (
        <Alert color="green" role="status" data-testid="round-recorded">
          {t('rights.round.recorded', {
            n: formatNumber(recorded.recorded, i18n.language),
            round: recorded.round,
          })}
        </Alert>
      )}
      {canRecord && recording && (
        <MonitoringRoundForm
          siteId={siteId}
          articles={matrix.data?.articles}
          onDone={(result) => {
            setRecorded(result);
            setRecording(false);
          }}
          onCancel={() => setRecording(false)}
        />
      )}
      {canRecord && !recording && (
        <RoundImportSection
          siteId={siteId}
          onRecorded={setRecorded}
          onOpen={() => setRecorded(null)}
        />
      )}
      {canReport && (
        <>
          <ProblemAlert error={matrix.error} />
          {matrix.isPending && <Loader size="sm" />}
          {matrix.data && matrix.data.articles.length === 0 && (
            <Text c="dimmed" data-testid="site-rights-empty">
              {t('rights.matrix.empty')}
            </Text>
          )}
          {matrix.data && matrix.data.articles.length > 0 && (
            <>
              <Text size="sm" c="dimmed">
                {t('rights.matrix.asOf', { day: formatDay(matrix.data.asOf, i18n.language) })}
                {matrix.data.suppressed && ` ${t('rights.matrix.suppressedNote')}`}
              </Text>
              <HeatLegend />
              <SiteRightsTable matrix={matrix.data} />
            </>
          )}
        </>
      )}
      {canReport && <SiteRightsTrend siteId={siteId} />}
    </Stack>
  );
}

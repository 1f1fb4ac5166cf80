import {
  Alert,
  Badge,
  Container,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { aidKeys, transparencyApi, type PublicTransparency } from '../../components/assistance/api';
import {
  AccessChart,
  DependencyChart,
  ReachChart,
} from '../../components/assistance/IndicatorCharts';
import { countText } from '../../components/charts/model';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * What an operation publishes, without sign-in: public agreements, programmes, and per-site
 * counts, every small count shown as "<5" by the server. Nothing here names a person.
 */
export function PublicTransparencyPage() {
  const { t } = useTranslation();
  const { operationCode = '' } = useParams();
  const page = useQuery({
    queryKey: aidKeys.publicPage(operationCode),
    queryFn: ({ signal }) => transparencyApi.publicPage(operationCode, signal),
    enabled: operationCode !== '',
  });
  const notFound =
    isApiError(page.error) && (page.error.status === 404 || page.error.status === 400);
  return (
    <Container size="lg" py="lg">
      <Group justify="space-between" mb="lg" component="header">
        <div>
          <Text fw={700} size="xl">
            {t('app.name')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('publicPage.tagline')}
          </Text>
        </div>
        <LanguageSwitch />
      </Group>
      <main id="main-content">
        {page.isPending && <Loader size="sm" />}
        {notFound ? (
          <Alert color="yellow" data-testid="public-not-found">
            {t('publicPage.notFound')}
          </Alert>
        ) : (
          <ProblemAlert error={page.error} />
        )}
        {page.data && <PublicContent data={page.data} />}
      </main>
    </Container>
  );
}

function PublicContent({ data }: { data: PublicTransparency }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const common = {
    suppressedLabel: data.suppressedLabel,
    suppressionThreshold: data.suppressionThreshold,
  };
  return (
    <Stack gap="lg" data-testid="public-page">
      <Stack gap={4}>
        <Title order={1} dir="auto">
          {data.operation.name}
        </Title>
        <Text c="dimmed">
          {t('publicPage.period', { from: data.period.from, to: data.period.to })}
        </Text>
        <Text size="sm">{t('publicPage.intro', { label: data.suppressedLabel })}</Text>
      </Stack>

      <Stack gap="sm">
        <Title order={2}>{t('publicPage.agreements')}</Title>
        {data.agreements.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
        {data.agreements.map((a) => (
          <Paper key={a.iatiIdentifier} withBorder p="md" data-testid="public-agreement">
            <Stack gap={4}>
              <Group justify="space-between">
                <Text fw={600} dir="auto">
                  {a.title}
                </Text>
                <Badge variant="outline">
                  {t(`transparency.statuses.${a.status}`, { defaultValue: a.status })}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed" dir="ltr" className="text-start">
                {a.iatiIdentifier}
              </Text>
              <Text size="sm">
                <span dir="ltr">{`${a.amount} ${a.currency}`}</span>
                {' · '}
                {a.startMonth} – {a.endMonth ?? '…'}
              </Text>
              <Text size="sm" dir="auto">
                {a.purpose}
              </Text>
              <Text size="sm" c="dimmed">
                {a.parties
                  .map(
                    (p) =>
                      `${p.name} (${t(`transparency.roles.${p.role}`, { defaultValue: p.role })})`,
                  )
                  .join(t('common.listSeparator'))}
              </Text>
              {a.programmes.length > 0 && (
                <Text size="sm">
                  {t('publicPage.programmesFunded')}: {a.programmes.join(t('common.listSeparator'))}
                </Text>
              )}
              {a.transactions.length > 0 && (
                <Table withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('transparency.transactions.type')}</Table.Th>
                      <Table.Th scope="col">{t('publicPage.total')}</Table.Th>
                      <Table.Th scope="col">{t('publicPage.count')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {a.transactions.map((tx) => (
                      <Table.Tr key={`${tx.type}-${tx.currency}`}>
                        <Table.Td>
                          {t(`transparency.transactionTypes.${tx.type}`, { defaultValue: tx.type })}
                        </Table.Td>
                        <Table.Td dir="ltr" className="text-start">
                          {`${tx.total} ${tx.currency}`}
                        </Table.Td>
                        <Table.Td>{tx.count}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          </Paper>
        ))}
      </Stack>

      <Stack gap="sm">
        <Title order={2}>{t('publicPage.programmes')}</Title>
        {data.programmes.length === 0 ? (
          <Text c="dimmed">{t('common.noResults')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped withTableBorder data-testid="public-programmes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('assistance.programmes.name')}</Table.Th>
                  <Table.Th scope="col">{t('assistance.programmes.type')}</Table.Th>
                  <Table.Th scope="col">{t('assistance.programmes.provider')}</Table.Th>
                  <Table.Th scope="col">{t('assistance.programmes.sites')}</Table.Th>
                  <Table.Th scope="col">{t('assistance.programmes.dates')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.programmes.map((p, i) => (
                  <Table.Tr key={`${p.name}-${i}`}>
                    <Table.Td dir="auto">{p.name}</Table.Td>
                    <Table.Td>{t(`assistance.programmeTypes.${p.type}`)}</Table.Td>
                    <Table.Td>
                      <span dir="auto">{p.provider}</span>{' '}
                      <Text span size="xs" c="dimmed">
                        ({t(`assistance.independence.${p.independenceClass}`)})
                      </Text>
                    </Table.Td>
                    <Table.Td dir="auto">
                      {p.sites.length
                        ? p.sites.join(t('common.listSeparator'))
                        : t('assistance.programmes.allSites')}
                    </Table.Td>
                    <Table.Td>
                      {p.startMonth} – {p.endMonth ?? '…'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      <Stack gap="md">
        <ReachChart
          testId="public-reach"
          sites={data.reached.sites}
          programmeTypes={data.reached.programmeTypes}
          {...common}
        />
        <DependencyChart
          testId="public-dependency"
          sites={data.dependency.sites}
          threshold={data.dependency.threshold}
          {...common}
        />
        <AccessChart testId="public-access" sites={data.selfRelianceAccess.sites} {...common} />
      </Stack>

      <Stack gap="sm">
        <Title order={2}>{t('publicPage.relocations')}</Title>
        {data.relocations.length === 0 ? (
          <Text c="dimmed">{t('common.noResults')}</Text>
        ) : (
          <Table striped withTableBorder data-testid="public-relocations">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('publicPage.month')}</Table.Th>
                <Table.Th scope="col">{t('transparency.relocations.from')}</Table.Th>
                <Table.Th scope="col">{t('transparency.relocations.to')}</Table.Th>
                <Table.Th scope="col">{t('transparency.relocations.persons')}</Table.Th>
                <Table.Th scope="col">{t('transparency.relocations.legalBasis')}</Table.Th>
                <Table.Th scope="col">{t('transparency.relocations.managedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.relocations.map((r, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{r.month}</Table.Td>
                  <Table.Td dir="auto">{r.from}</Table.Td>
                  <Table.Td dir="auto">{r.to}</Table.Td>
                  <Table.Td>{countText(r.persons, lang)}</Table.Td>
                  <Table.Td dir="auto">{r.legalBasis}</Table.Td>
                  <Table.Td dir="auto">{r.managedBy}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}

import {
  Alert,
  Button,
  Code,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rightsApi } from '../api/endpoints';
import { queryKeys, useSites } from '../api/queries';
import type { RightsMatrix, RightsMatrixQuery } from '../api/types';
import { useHasAbility } from '../components/MeContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { HeatLegend, RightsHeatMap } from '../components/RightsHeatMap';
import { localDayStartIso } from '../lib/dates';
import { formatDay } from '../lib/format';
import { downloadText, RIGHTS_GAP_COLUMNS, RIGHTS_GAP_TAGS, rightsGapsHxl } from '../lib/hxl';
import { articleTitle } from '../lib/rights';

/** Operation-wide rights gaps: articles × sites, with an HXL-tagged CSV made in the browser. */
export function RightsGapsReportPage() {
  const { t, i18n } = useTranslation();
  const canReadSites = useHasAbility('sites.read');
  const sites = useSites(canReadSites);
  const [asOfInput, setAsOfInput] = useState('');
  const [siteId, setSiteId] = useState('');
  const [showTags, setShowTags] = useState(false);

  const query: RightsMatrixQuery = {};
  if (localDayStartIso(asOfInput)) query.asOf = asOfInput;
  if (siteId) query.siteId = siteId;
  const matrix = useQuery({
    queryKey: queryKeys.rightsMatrix(query),
    queryFn: ({ signal }) => rightsApi.matrix(query, signal),
    placeholderData: keepPreviousData,
  });

  const siteName = (id: string | null): string => {
    if (id === null) return t('rights.matrix.noSite');
    return (
      sites.data?.items.find((s) => s.id === id)?.name ??
      t('rights.matrix.site', { id: id.slice(0, 8) })
    );
  };

  const download = (data: RightsMatrix) => {
    const csv = rightsGapsHxl(data, {
      headers: Object.fromEntries(
        RIGHTS_GAP_COLUMNS.map((key) => [key, t(`rights.export.columns.${key}`)]),
      ) as Record<(typeof RIGHTS_GAP_COLUMNS)[number], string>,
      siteName,
      articleTitle: (article) => articleTitle(t, article),
    });
    downloadText(csv, `rights-gaps-${data.asOf}.csv`);
  };

  return (
    <Stack gap="md">
      <Title order={1}>{t('rights.matrix.title')}</Title>
      <Text c="dimmed">{t('rights.matrix.intro')}</Text>
      <Group align="flex-end" gap="md">
        <TextInput
          type="date"
          label={t('rights.asOf')}
          description={t('rights.matrix.asOfHint')}
          value={asOfInput}
          onChange={(e) => setAsOfInput(e.currentTarget.value)}
          data-testid="matrix-as-of"
        />
        {canReadSites && (
          <NativeSelect
            label={t('rights.matrix.siteFilter')}
            value={siteId}
            onChange={(e) => setSiteId(e.currentTarget.value)}
            data-testid="matrix-site"
          >
            <option value="">{t('rights.matrix.allSitesOption')}</option>
            {(sites.data?.items ?? []).map((site) => (
              <option key={site.id} value={site.id}>
                {site.name}
              </option>
            ))}
          </NativeSelect>
        )}
        <Button
          onClick={() => matrix.data && download(matrix.data)}
          disabled={!matrix.data || matrix.data.articles.length === 0}
          data-testid="matrix-download"
        >
          {t('rights.export.download')}
        </Button>
        <Button
          variant="subtle"
          onClick={() => setShowTags((s) => !s)}
          aria-expanded={showTags}
          data-testid="matrix-tags-toggle"
        >
          {t('rights.export.tagsToggle')}
        </Button>
      </Group>
      {showTags && <HxlTagTable />}
      <ProblemAlert error={matrix.error} />
      {matrix.isPending && <Loader size="sm" />}
      {matrix.data && (
        <>
          <Text size="sm" c="dimmed" data-testid="matrix-as-of-text">
            {t('rights.matrix.asOf', { day: formatDay(matrix.data.asOf, i18n.language) })}
          </Text>
          {matrix.data.suppressed && (
            <Alert color="blue" data-testid="matrix-suppressed">
              {t('rights.matrix.suppressedNote')}
            </Alert>
          )}
          {matrix.data.articles.length === 0 ? (
            <Text c="dimmed" data-testid="matrix-empty">
              {t('rights.matrix.empty')}
            </Text>
          ) : (
            <>
              <HeatLegend />
              <RightsHeatMap matrix={matrix.data} siteName={siteName} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}

/** The export's columns and their HXL hashtags (documented in lib/hxl.ts). */
function HxlTagTable() {
  const { t } = useTranslation();
  return (
    <Table withTableBorder data-testid="matrix-tags">
      <Table.Caption>{t('rights.export.tagsCaption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('rights.export.column')}</Table.Th>
          <Table.Th scope="col">{t('rights.export.hashtag')}</Table.Th>
          <Table.Th scope="col">{t('rights.export.meaning')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {RIGHTS_GAP_COLUMNS.map((key) => (
          <Table.Tr key={key}>
            <Table.Th scope="row" fw={500}>
              {t(`rights.export.columns.${key}`)}
            </Table.Th>
            <Table.Td>
              <Code dir="ltr">{RIGHTS_GAP_TAGS[key]}</Code>
            </Table.Td>
            <Table.Td>{t(`rights.export.meanings.${key}`)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

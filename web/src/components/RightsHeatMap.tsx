import { Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RightsMatrix, RightsMatrixCell } from '../api/types';
import {
  articleLabel,
  formatCount,
  formatShare,
  hasOwed,
  HEAT_BANDS,
  isUnassessed,
  heatBand,
  type HeatBand,
} from '../lib/rights';

/** The text of one cell: the share with full access, else what can be said ("<5", "—"). */
function CellText({ cell }: { cell: RightsMatrixCell | undefined }) {
  const { t, i18n } = useTranslation();
  if (!cell || !hasOwed(cell))
    return (
      <Text span size="sm" c="dimmed" title={t('rights.matrix.nobodyOwed')}>
        —
      </Text>
    );
  if (isUnassessed(cell))
    return (
      <Stack gap={0} align="center">
        <Text span fw={700} size="sm" data-testid="heat-share">
          —
        </Text>
        <Text span size="xs">
          {t('rights.matrix.notAssessedOf', { owed: formatCount(cell.owed, i18n.language) })}
        </Text>
      </Stack>
    );
  const counts = t('rights.matrix.fullOfOwed', {
    full: formatCount(cell.full, i18n.language),
    owed: formatCount(cell.owed, i18n.language),
  });
  return (
    <Stack gap={0} align="center">
      <Text span fw={700} size="sm" data-testid="heat-share">
        {cell.shareWithAccess !== null
          ? formatShare(cell.shareWithAccess, i18n.language)
          : typeof cell.full === 'string'
            ? cell.full
            : formatCount(cell.owed, i18n.language)}
      </Text>
      <Text span size="xs">
        {counts}
      </Text>
    </Stack>
  );
}

function cellBand(cell: RightsMatrixCell | undefined): HeatBand {
  return cell && hasOwed(cell) && !isUnassessed(cell) ? heatBand(cell.shareWithAccess) : 'none';
}

/** What the colours mean, with the text every cell also carries. */
export function HeatLegend() {
  const { t } = useTranslation();
  return (
    <Group gap="md" data-testid="heat-legend" aria-label={t('rights.matrix.legend')} role="group">
      {HEAT_BANDS.map((band) => (
        <Group key={band} gap={6} wrap="nowrap">
          <span className={`heat-swatch heat-${band}`} aria-hidden="true" />
          <Text size="xs">{t(`rights.matrix.bands.${band}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

interface RightsHeatMapProps {
  matrix: RightsMatrix;
  siteName: (siteId: string | null) => string;
}

/** Articles × sites, each cell coloured by the share of owed persons with full access. */
export function RightsHeatMap({ matrix, siteName }: RightsHeatMapProps) {
  const { t } = useTranslation();
  const bySite = matrix.sites.map((site) => ({
    site,
    cells: new Map(site.cells.map((cell) => [cell.article, cell])),
  }));
  return (
    <Table.ScrollContainer minWidth={240 + 120 * matrix.sites.length}>
      <Table withTableBorder withColumnBorders data-testid="rights-heat-map">
        <Table.Caption>{t('rights.matrix.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('rights.article')}</Table.Th>
            {bySite.map(({ site }) => (
              <Table.Th
                scope="col"
                key={site.siteId ?? ''}
                dir="auto"
                data-testid="heat-site"
                data-site={site.siteId ?? ''}
              >
                {siteName(site.siteId)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matrix.articles.map((article) => (
            <Table.Tr key={article} data-testid="heat-row" data-article={article}>
              <Table.Th scope="row" fw={500}>
                {articleLabel(t, article)}
              </Table.Th>
              {bySite.map(({ site, cells }) => {
                const cell = cells.get(article);
                return (
                  <Table.Td
                    key={site.siteId ?? ''}
                    className={`heat-cell heat-${cellBand(cell)}`}
                    data-testid="heat-cell"
                    data-site={site.siteId ?? ''}
                    data-article={article}
                  >
                    <CellText cell={cell} />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One site's matrix: every count per article, with the share coloured. */
export function SiteRightsTable({ matrix }: { matrix: RightsMatrix }) {
  const { t, i18n } = useTranslation();
  const site = matrix.sites[0];
  const cells = new Map((site?.cells ?? []).map((cell) => [cell.article, cell]));
  const count = (value: number | string | undefined) =>
    value === undefined ? '—' : formatCount(value, i18n.language);
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withTableBorder data-testid="site-rights-table">
        <Table.Caption>{t('rights.matrix.siteCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('rights.article')}</Table.Th>
            <Table.Th scope="col">{t('rights.matrix.share')}</Table.Th>
            <Table.Th scope="col">{t('rights.matrix.owed')}</Table.Th>
            <Table.Th scope="col">{t('rights.access.values.full')}</Table.Th>
            <Table.Th scope="col">{t('rights.access.values.partial')}</Table.Th>
            <Table.Th scope="col">{t('rights.access.values.none')}</Table.Th>
            <Table.Th scope="col">{t('rights.matrix.unassessed')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matrix.articles.map((article) => {
            const cell = cells.get(article);
            return (
              <Table.Tr key={article} data-testid="heat-row" data-article={article}>
                <Table.Th scope="row" fw={500}>
                  {articleLabel(t, article)}
                </Table.Th>
                <Table.Td
                  className={`heat-cell heat-${cellBand(cell)}`}
                  data-testid="heat-cell"
                  data-article={article}
                >
                  <CellText cell={cell} />
                </Table.Td>
                <Table.Td data-testid="count-owed">{count(cell?.owed)}</Table.Td>
                <Table.Td data-testid="count-full">{count(cell?.full)}</Table.Td>
                <Table.Td data-testid="count-partial">{count(cell?.partial)}</Table.Td>
                <Table.Td data-testid="count-none">{count(cell?.none)}</Table.Td>
                <Table.Td data-testid="count-unassessed">{count(cell?.unassessed)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

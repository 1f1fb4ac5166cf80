import { Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { articleLabel } from '../../lib/rights';
import type { MonitoringReport, ReportCell } from './api';
import { cellText } from './shared';

type Figures = MonitoringReport['totals'];
type Dimension = 'byAct' | 'byPerpetratorType' | 'byArticle';

/** The report's three tables and the incidents per site, every hidden count as the server's label. */
export function MonitoringTables({ report }: { report: MonitoringReport }) {
  const { t } = useTranslation();
  const columns = [
    ...report.sites.map((s, i) => ({
      key: s.siteId ?? `none-${i}`,
      label: s.siteId ? (s.siteName ?? s.siteId.slice(0, 8)) : t('incidents.report.noSite'),
      figures: s,
    })),
    { key: 'total', label: t('incidents.report.total'), figures: report.totals },
  ];
  return (
    <Stack gap="lg">
      <ReportTable
        testId="report-incidents"
        title={t('incidents.report.incidents')}
        corner={t('incidents.report.measure')}
        columns={columns}
        rows={[
          {
            key: 'incidents',
            label: t('incidents.report.incidentCount'),
            cell: (f) => f.incidents,
          },
        ]}
      />
      <ReportTable
        testId="report-by-act"
        title={t('incidents.report.byAct')}
        corner={t('incidents.list.act')}
        columns={columns}
        rows={rowsOf(report.acts, 'byAct', (a) => t(`incidents.acts.${a}`))}
      />
      <ReportTable
        testId="report-by-perpetrator"
        title={t('incidents.report.byPerpetrator')}
        corner={t('incidents.involved.perpetratorType')}
        columns={columns}
        rows={rowsOf(report.perpetratorTypes, 'byPerpetratorType', (p) =>
          t(`incidents.perpetratorTypes.${p}`),
        )}
      />
      <ReportTable
        testId="report-by-article"
        title={t('incidents.report.byArticle')}
        corner={t('incidents.report.article')}
        columns={columns}
        rows={rowsOf(report.articles, 'byArticle', (a) => articleLabel(t, a))}
      />
    </Stack>
  );
}

interface Row {
  key: string;
  label: string;
  cell: (f: Figures) => ReportCell | undefined;
}

function rowsOf<T extends string>(
  keys: readonly T[],
  dimension: Dimension,
  label: (key: T) => string,
): Row[] {
  return keys.map((key, i) => ({ key, label: label(key), cell: (f) => f[dimension][i] }));
}

function ReportTable({
  title,
  corner,
  columns,
  rows,
  testId,
}: {
  title: string;
  corner: string;
  columns: { key: string; label: string; figures: Figures }[];
  rows: Row[];
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h3" id={`${testId}-title`}>
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('incidents.report.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={500}>
          <Table striped withTableBorder aria-labelledby={`${testId}-title`} data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{corner}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c.key} scope="col" ta="end" dir="auto">
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key} data-testid={`${testId}-row`} data-key={r.key}>
                  <Table.Th scope="row" fw={400}>
                    {r.label}
                  </Table.Th>
                  {columns.map((c) => {
                    const cell = r.cell(c.figures);
                    const hidden = cell !== undefined && typeof cell !== 'number';
                    return (
                      <Table.Td
                        key={c.key}
                        ta="end"
                        data-testid="report-cell"
                        data-suppressed={hidden ? 'true' : undefined}
                        title={hidden ? t('incidents.report.suppressedTitle') : undefined}
                      >
                        {cell === undefined ? '—' : cellText(cell, i18n.language)}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

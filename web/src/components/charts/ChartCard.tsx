import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../../lib/hxl';
import { downloadSvgAsPng } from './exportImage';
import { fileSlug, tableCsv, type ChartTable } from './model';

interface ChartCardProps {
  title: string;
  description?: string;
  testId: string;
  /** The chart's figures as a table: the fallback for screen readers and the local CSV. */
  table: ChartTable;
  /** A server-made CSV (HXL-tagged) to offer instead of the table's own. */
  serverCsv?: () => Promise<string>;
  /** Nothing to draw yet: the text shown instead of the chart. */
  emptyText?: string;
  footnote?: string;
  /** The chart: one SVG. */
  children: ReactNode;
  actions?: ReactNode;
}

/** A chart with its title, a data table behind a toggle, and PNG and CSV downloads. */
export function ChartCard({
  title,
  description,
  testId,
  table,
  serverCsv,
  emptyText,
  footnote,
  children,
  actions,
}: ChartCardProps) {
  const { t } = useTranslation();
  const holder = useRef<HTMLDivElement>(null);
  const tableId = useId();
  const [showTable, setShowTable] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = fileSlug(title);
  const empty = emptyText !== undefined;

  const png = async () => {
    const svg = holder.current?.querySelector('svg');
    if (!svg) return;
    setError(null);
    try {
      await downloadSvgAsPng(svg, `${base}.png`);
    } catch {
      setError(t('charts.exportFailed'));
    }
  };

  const csv = async () => {
    setError(null);
    setBusy(true);
    try {
      if (serverCsv) downloadText(await serverCsv(), `${base}.hxl.csv`);
      else downloadText(tableCsv(table), `${base}.csv`);
    } catch {
      setError(t('charts.exportFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" data-testid={testId} component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={2}>
            <Title order={2} size="h4">
              {title}
            </Title>
            {description && (
              <Text size="sm" c="dimmed">
                {description}
              </Text>
            )}
          </Stack>
          <Group gap="xs">
            {actions}
            <Button
              size="xs"
              variant="default"
              onClick={() => void png()}
              disabled={empty}
              data-testid={`${testId}-png`}
            >
              {t('charts.downloadPng')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => void csv()}
              loading={busy}
              disabled={empty && !serverCsv}
              data-testid={`${testId}-csv`}
            >
              {serverCsv ? t('charts.downloadHxl') : t('charts.downloadCsv')}
            </Button>
          </Group>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {empty ? (
          <Text c="dimmed" size="sm" data-testid={`${testId}-empty`}>
            {emptyText}
          </Text>
        ) : (
          <div ref={holder}>{children}</div>
        )}
        {footnote && (
          <Text size="xs" c="dimmed">
            {footnote}
          </Text>
        )}
        {!empty && (
          <div>
            <Button
              size="xs"
              variant="subtle"
              onClick={() => setShowTable((s) => !s)}
              aria-expanded={showTable}
              aria-controls={tableId}
              data-testid={`${testId}-table-toggle`}
            >
              {showTable ? t('charts.hideTable') : t('charts.showTable')}
            </Button>
          </div>
        )}
        <div id={tableId} hidden={!showTable || empty}>
          <DataTable table={table} caption={title} testId={`${testId}-table`} />
        </div>
      </Stack>
    </Paper>
  );
}

/** The chart's figures: first column names the row (a site, a date). */
export function DataTable({
  table,
  caption,
  testId,
}: {
  table: ChartTable;
  caption: string;
  testId: string;
}) {
  return (
    <Table.ScrollContainer minWidth={120 * table.columns.length}>
      <Table withTableBorder striped data-testid={testId}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((column) => (
              <Table.Th scope="col" key={column}>
                {column}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row) => (
            <Table.Tr key={row.key} data-testid={`${testId}-row`} data-key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <Table.Th scope="row" fw={500} key={i} dir="auto">
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={i} data-col={i}>
                    {cell}
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

import { Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';
import { Pager } from '../Pager';
import type { ImportProblem } from './transferApi';

const PAGE_SIZE = 25;

/** Every problem of an import by row and column, a page at a time. */
export function ImportProblemsTable({
  problems,
  total,
}: {
  problems: readonly ImportProblem[];
  /** How many the server found (it lists at most a capped number). */
  total: number;
}) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const page = problems.slice(offset, offset + PAGE_SIZE);
  const n = (value: number) => formatNumber(value, i18n.language);

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} data-testid="import-problem-count">
        {t('registry.import.problemCount', { n: n(total) })}
      </Text>
      {total > problems.length && (
        <Text size="sm" c="dimmed">
          {t('registry.import.problemsCapped', { shown: n(problems.length) })}
        </Text>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table striped data-testid="import-problems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('registry.import.row')}</Table.Th>
              <Table.Th scope="col">{t('registry.import.column')}</Table.Th>
              <Table.Th scope="col">{t('registry.import.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.map((problem, index) => (
              <Table.Tr key={offset + index} data-testid="import-problem">
                <Table.Td data-testid="import-problem-row">
                  {problem.row === null ? t('registry.import.wholeFile') : n(problem.row)}
                </Table.Td>
                <Table.Td data-testid="import-problem-column">
                  {problem.column ? (
                    <span dir="auto">{`${problem.column.letter} · ${problem.column.header}`}</span>
                  ) : problem.field ? (
                    t(`registry.fields.${problem.field}`)
                  ) : (
                    '—'
                  )}
                </Table.Td>
                {/* The server's message names the field and the column, never the cell's value. */}
                <Table.Td data-testid="import-problem-message">{problem.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager offset={offset} pageSize={PAGE_SIZE} total={problems.length} onChange={setOffset} />
    </Stack>
  );
}

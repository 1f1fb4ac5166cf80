import { List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../lib/format';
import type { ImportSummary } from './transferApi';

const COUNTS = [
  'rows',
  'personsCreated',
  'personsUpdated',
  'personsUnchanged',
  'householdsCreated',
  'membersAdded',
  'statusesAdded',
] as const satisfies readonly (keyof ImportSummary)[];

/** The counts of an import: what a commit would write (`planned`) or wrote. */
export function ImportSummaryList({
  summary,
  planned = false,
}: {
  summary: ImportSummary;
  planned?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <List size="sm" data-testid={planned ? 'import-plan' : 'import-counts'}>
      {COUNTS.map((key) => (
        <List.Item key={key} data-testid={`import-count-${key}`}>
          {t(`registry.import.counts.${key}`, { n: formatNumber(summary[key], i18n.language) })}
        </List.Item>
      ))}
    </List>
  );
}

import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import { downloadBlob } from '../registry/transferApi';
import { dpoApi, type AccessExport } from './api';

/**
 * Produces the access export of a subject request (subject_access.export: someone who sees the
 * person's cases) and offers it as a JSON file. Each export is a transfer to the data subject.
 */
export function AccessExportButton({
  requestId,
  onDone,
}: {
  requestId: string;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const produce = useMutation({
    mutationFn: () => dpoApi.accessExport(requestId),
    onSuccess: (data) => {
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      downloadBlob(blob, `subject-access-${requestId.slice(0, 8)}.json`);
      onDone?.();
    },
  });
  return (
    <Stack gap="sm">
      <div>
        <Button
          onClick={() => produce.mutate()}
          loading={produce.isPending}
          data-testid="access-export"
        >
          {t('dpo.access.produce')}
        </Button>
      </div>
      <ProblemAlert error={produce.error} testId="access-export-error" />
      {produce.data && <ExportSummary data={produce.data} />}
    </Stack>
  );
}

/** What the file holds, by section, and what it leaves out because it was not asked in person. */
function ExportSummary({ data }: { data: AccessExport }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const sections: [string, number][] = [
    ['legalStatuses', data.legalStatuses.length],
    ['residences', data.residences.length],
    ['documents', data.documents.length],
    ['households', data.households.length],
    ['cases', data.cases.length],
    ['referrals', data.referrals.length],
    ['separationRequests', data.separationRequests.length],
    ['distributions', data.assistance.distributions.length],
    ['enrolments', data.assistance.enrolments.length],
    ['consents', data.consent.history.length],
    ['accessLog', data.accessLog.length],
  ];
  return (
    <Alert color="green" title={t('dpo.access.done')} data-testid="access-export-done">
      <Stack gap="xs">
        <Text size="sm">
          {t('dpo.access.generatedAt', { at: formatDateTime(data.generatedAt, i18n.language) })}
        </Text>
        <List size="sm" data-testid="access-export-sections">
          {sections.map(([key, count]) => (
            <List.Item key={key}>
              {t(`dpo.access.sections.${key}`)}: {n(count)}
            </List.Item>
          ))}
        </List>
        {data.withheld.length > 0 ? (
          <Text size="sm" data-testid="access-export-withheld">
            {t('dpo.access.withheld', {
              list: data.withheld
                .map((w) => t(`dpo.access.withheldKinds.${w}`))
                .join(t('common.listSeparator')),
            })}
          </Text>
        ) : (
          <Text size="sm">{t('dpo.access.nothingWithheld')}</Text>
        )}
      </Stack>
    </Alert>
  );
}

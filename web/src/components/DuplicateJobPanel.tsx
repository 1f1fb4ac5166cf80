import { Alert, Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { duplicatesApi, jobsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { Job } from '../api/types';
import { formatNumber } from '../lib/format';
import { formatPercent } from './DuplicateReasons';
import { ProblemAlert } from './ProblemAlert';

const POLL_MS = 1000;

function isRunning(job: Job | undefined): boolean {
  return job === undefined || job.status === 'queued' || job.status === 'running';
}

/** The counts a finished detection run reports (`result` is untyped in the document). */
function resultCount(job: Job, key: 'records' | 'comparisons' | 'pairs'): number {
  const value = job.result?.[key];
  return typeof value === 'number' ? value : 0;
}

/** Starts a detection run over the whole operation and follows its progress. */
export function DuplicateJobPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);

  const start = useMutation({
    mutationFn: () => duplicatesApi.startJob(),
    onSuccess: (started) => setJobId(started.id),
  });
  const job = useQuery({
    queryKey: queryKeys.job(jobId ?? ''),
    queryFn: ({ signal }) => jobsApi.get(jobId ?? '', signal),
    enabled: jobId !== null,
    refetchInterval: (query) => (isRunning(query.state.data) ? POLL_MS : false),
  });

  const status = job.data?.status;
  useEffect(() => {
    // New pairs appear as the run goes; refresh the lists once it has finished.
    if (status === 'done' || status === 'failed')
      void queryClient.invalidateQueries({ queryKey: queryKeys.duplicates });
  }, [status, queryClient]);

  const running = jobId !== null && isRunning(job.data) && !job.isError;
  const data = job.data;
  const percent =
    data && data.total ? Math.min(100, Math.round((data.done / data.total) * 100)) : null;
  const n = (value: number) => formatNumber(value, i18n.language);

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Text size="sm">{t('duplicates.job.intro')}</Text>
          <Button
            onClick={() => start.mutate()}
            loading={start.isPending}
            disabled={running}
            data-testid="duplicates-run"
          >
            {t('duplicates.job.run')}
          </Button>
        </Group>
        <ProblemAlert error={start.error ?? job.error} />
        {running && (
          <Stack gap={4} data-testid="duplicates-progress">
            <Progress
              value={percent ?? 100}
              striped
              animated
              size="lg"
              aria-label={t('duplicates.job.progressLabel')}
            />
            <Text size="sm" c="dimmed" aria-live="polite">
              {data && data.total
                ? t('duplicates.job.progress', {
                    done: n(data.done),
                    total: n(data.total),
                    percent: formatPercent(data.done / data.total, i18n.language),
                  })
                : t('duplicates.job.starting')}
            </Text>
          </Stack>
        )}
        {data?.status === 'done' && (
          <Alert color="green" data-testid="duplicates-job-done">
            {t('duplicates.job.done', {
              records: n(resultCount(data, 'records')),
              pairs: n(resultCount(data, 'pairs')),
            })}
          </Alert>
        )}
        {data?.status === 'failed' && (
          <Alert color="red" role="alert" data-testid="duplicates-job-failed">
            {t('duplicates.job.failed')}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

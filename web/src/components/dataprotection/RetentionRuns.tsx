import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jobsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queries';
import { formatDateTime, formatNumber } from '../../lib/format';
import { Pager } from '../Pager';
import { ProblemAlert } from '../ProblemAlert';
import { dpoApi, dpoKeys, type RetentionRun } from './api';
import { CsvButton, csvName, EmptyRow, ShortId, useAbilities } from './shared';

const PAGE_SIZE = 20;
const POLL_MS = 1000;

/** Runs retention now (after a confirmation: it deletes for good), and the runs so far. */
export function RetentionRuns() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const manage = useAbilities()('dataprotection.manage');
  const [confirming, setConfirming] = useState(false);
  const [understood, setUnderstood] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const query = { limit: PAGE_SIZE, offset };
  const runs = useQuery({
    queryKey: dpoKeys.runs(query),
    queryFn: ({ signal }) => dpoApi.runs(query, signal),
    placeholderData: keepPreviousData,
  });
  const start = useMutation({
    mutationFn: () => dpoApi.startRun(),
    onSuccess: (job) => {
      setConfirming(false);
      setUnderstood(false);
      setJobId(job.id);
    },
  });
  const job = useQuery({
    queryKey: queryKeys.job(jobId ?? ''),
    queryFn: ({ signal }) => jobsApi.get(jobId ?? '', signal),
    enabled: jobId !== null,
    refetchInterval: (q) =>
      q.state.data?.status === 'done' || q.state.data?.status === 'failed' ? false : POLL_MS,
  });
  const status = job.data?.status;
  useEffect(() => {
    if (status === 'done' || status === 'failed')
      void queryClient.invalidateQueries({ queryKey: dpoKeys.all });
  }, [status, queryClient]);
  const running = jobId !== null && status !== 'done' && status !== 'failed';

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t('dpo.retention.runsTitle')}
        </Title>
        <Group gap="sm" align="flex-start">
          <CsvButton
            fetch={() => dpoApi.runsCsv({ limit: 500, offset: 0 })}
            filename={csvName('retention-runs')}
            testId="runs-csv"
          />
          {manage && (
            <Button
              color="red"
              onClick={() => setConfirming(true)}
              disabled={running}
              data-testid="retention-run"
            >
              {t('dpo.retention.runNow')}
            </Button>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('dpo.retention.schedule')}
      </Text>
      {running && (
        <Group gap="xs" data-testid="retention-running">
          <Loader size="xs" />
          <Text size="sm">{t('dpo.retention.running')}</Text>
        </Group>
      )}
      {status === 'done' && (
        <Alert color="green" data-testid="retention-done">
          {t('dpo.retention.done')}
        </Alert>
      )}
      {status === 'failed' && (
        <Alert color="red" role="alert" data-testid="retention-failed">
          {t('dpo.retention.failed')}
        </Alert>
      )}
      <ProblemAlert error={runs.error ?? job.error} />
      {runs.isPending && <Loader size="sm" />}
      {runs.data && (
        <Table.ScrollContainer minWidth={700}>
          <Table data-testid="runs-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dpo.retention.startedAt')}</Table.Th>
                <Table.Th scope="col">{t('dpo.retention.trigger')}</Table.Th>
                <Table.Th scope="col">{t('dpo.retention.total')}</Table.Th>
                <Table.Th scope="col">{t('dpo.retention.summary')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.items.length === 0 && (
                <EmptyRow colSpan={4} text={t('dpo.retention.noRuns')} />
              )}
              {runs.data.items.map((r) => (
                <RunLine key={r.id} run={r} language={i18n.language} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {runs.data && (
        <Pager offset={offset} pageSize={PAGE_SIZE} total={runs.data.total} onChange={setOffset} />
      )}
      <Modal
        opened={confirming}
        onClose={() => {
          setConfirming(false);
          setUnderstood(false);
        }}
        title={t('dpo.retention.confirmTitle')}
        data-testid="retention-confirm"
      >
        <Stack gap="sm">
          <Text size="sm">{t('dpo.retention.confirmText')}</Text>
          <Checkbox
            label={t('dpo.retention.understood')}
            checked={understood}
            onChange={(e) => setUnderstood(e.currentTarget.checked)}
            data-testid="retention-understood"
          />
          <ProblemAlert error={start.error} testId="retention-run-error" />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              disabled={!understood}
              loading={start.isPending}
              onClick={() => start.mutate()}
              data-testid="retention-run-confirm"
            >
              {t('dpo.retention.runConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function RunLine({ run, language }: { run: RetentionRun; language: string }) {
  const { t } = useTranslation();
  const n = (v: number) => formatNumber(v, language);
  const touched = run.categories.filter((c) => c.deleted + c.held + c.blocked > 0);
  return (
    <Table.Tr data-testid="run-row" data-id={run.id}>
      <Table.Td>
        {formatDateTime(run.startedAt, language)}
        {run.startedBy && (
          <Text size="xs" c="dimmed">
            {t('dpo.requests.by')} <ShortId id={run.startedBy} />
          </Text>
        )}
      </Table.Td>
      <Table.Td>{t(`dpo.retention.triggers.${run.trigger}`)}</Table.Td>
      <Table.Td data-testid="run-total">{n(run.total)}</Table.Td>
      <Table.Td>
        {touched.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('dpo.retention.nothingDue')}
          </Text>
        ) : (
          touched.map((c) => (
            <Text key={c.category} size="sm">
              {t('dpo.retention.runLine', {
                category: t(`dpo.retention.categories.${c.category}`),
                deleted: n(c.deleted),
                held: n(c.held),
                blocked: n(c.blocked),
              })}
            </Text>
          ))
        )}
      </Table.Td>
    </Table.Tr>
  );
}

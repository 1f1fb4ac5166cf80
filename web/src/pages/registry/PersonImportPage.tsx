import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  NativeSelect,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { jobsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queries';
import type { Job } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ImportMappingTable, type FileColumn } from '../../components/registry/ImportMappingTable';
import { ImportProblemsTable } from '../../components/registry/ImportProblemsTable';
import { ImportSummaryList } from '../../components/registry/ImportSummaryList';
import {
  compareLetters,
  fileToBase64,
  IMPORT_FIELDS,
  importJobResult,
  transferApi,
  type ExplicitMapping,
  type ImportField,
  type ImportInput,
  type ImportReport,
} from '../../components/registry/transferApi';
import { xlsxSheetNames } from '../../components/registry/xlsxSheets';
import { errorAt, fieldPathErrors } from '../../lib/errors';
import { formatDay } from '../../lib/format';

const POLL_MS = 1000;
const ACCEPT =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Chosen {
  file: File;
  content: string;
  isXlsx: boolean;
  /** Sheet names read in the browser; null when they could not be read (or for CSV). */
  sheets: string[] | null;
}

function isRunning(job: Job | undefined): boolean {
  return job === undefined || job.status === 'queued' || job.status === 'running';
}

/** The file's columns and what the server recognised in each, from a report without a mapping. */
function columnsOf(report: ImportReport): FileColumn[] {
  const columns: FileColumn[] = [];
  for (const [field, column] of Object.entries(report.mapping.fields))
    columns.push({
      letter: column.letter,
      header: column.header,
      auto: IMPORT_FIELDS.find((f) => f === field) ?? null,
      by: column.by,
    });
  for (const column of report.mapping.ignored) columns.push({ ...column, auto: null, by: null });
  return columns.sort((a, b) => compareLetters(a.letter, b.letter));
}

/** Only what the user changed: fields moved to another column, or left out (null). */
function explicitMapping(
  columns: readonly FileColumn[],
  assigned: Readonly<Record<string, ImportField | ''>>,
): ExplicitMapping {
  const mapping: ExplicitMapping = {};
  for (const field of IMPORT_FIELDS) {
    const auto = columns.find((c) => c.auto === field)?.header ?? null;
    const chosen = columns.find((c) => assigned[c.letter] === field)?.header ?? null;
    if (chosen !== auto) mapping[field] = chosen;
  }
  return mapping;
}

/**
 * The import wizard: choose a file (and sheet), check the column mapping, run the dry run and
 * see every problem, then commit — all or nothing — and follow the job until it is done.
 */
export function PersonImportPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [reading, setReading] = useState(false);
  const [sheet, setSheet] = useState('');
  const [columns, setColumns] = useState<FileColumn[] | null>(null);
  const [assigned, setAssigned] = useState<Record<string, ImportField | ''>>({});
  /** The last dry run and the input it checked. */
  const [checked, setChecked] = useState<{ report: ImportReport; key: string } | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);

  const mapping = useMemo(
    () => (columns ? explicitMapping(columns, assigned) : {}),
    [columns, assigned],
  );
  const input: ImportInput | null = chosen && {
    content: chosen.content,
    fileName: chosen.file.name,
    sheet: chosen.isXlsx && sheet ? sheet : undefined,
    mapping,
  };
  const inputKey = JSON.stringify([chosen?.file.name, chosen?.file.size, sheet, mapping]);

  const dryRun = useMutation({
    mutationFn: (run: ImportInput) => transferApi.dryRun(run),
    onSuccess: (report, run) => {
      // The first run, told nothing, shows the file's columns and what was recognised.
      if (!columns) {
        const found = columnsOf(report);
        setColumns(found);
        setAssigned(Object.fromEntries(found.map((c) => [c.letter, c.auto ?? ''])));
      }
      setChecked({
        report,
        key: JSON.stringify([chosen?.file.name, chosen?.file.size, sheet, run.mapping ?? {}]),
      });
    },
  });
  const commit = useMutation({
    mutationFn: (run: ImportInput) => transferApi.commit(run),
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
    if (status === 'done') void queryClient.invalidateQueries({ queryKey: queryKeys.persons });
  }, [status, queryClient]);

  /** Anything the user changes makes the last check stale. */
  const resetChecks = () => {
    dryRun.reset();
    commit.reset();
    setJobId(null);
  };

  async function choose(file: File | null) {
    resetChecks();
    setChecked(null);
    setColumns(null);
    setAssigned({});
    setSheet('');
    setChosen(null);
    if (!file) return;
    setReading(true);
    try {
      const isXlsx = /\.xlsx$/i.test(file.name);
      const [content, sheets] = await Promise.all([
        fileToBase64(file),
        isXlsx ? xlsxSheetNames(file) : Promise.resolve(null),
      ]);
      setChosen({ file, content, isXlsx, sheets });
      if (sheets?.[0]) setSheet(sheets[0]);
    } finally {
      setReading(false);
    }
  }

  const running = jobId !== null && isRunning(job.data) && !job.isError;
  const result = job.data?.status === 'done' ? importJobResult(job.data) : null;
  const upToDate = checked !== null && checked.key === inputKey;
  const canCommit = upToDate && checked.report.valid && jobId === null && !commit.isPending;
  const errors = fieldPathErrors(dryRun.error ?? commit.error);
  const fileError = errorAt(errors, 'body.content', 'body', 'query.fileName');
  const percent =
    job.data && job.data.total
      ? Math.min(100, Math.round((job.data.done / job.data.total) * 100))
      : null;

  return (
    <Stack gap="md" maw={960}>
      <Anchor component={Link} to="/persons">
        {t('persons.back')}
      </Anchor>
      <Title order={1}>{t('registry.import.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('registry.import.intro')}
      </Text>

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('registry.import.step1')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <FileInput
              label={t('registry.import.file')}
              description={t('registry.import.fileHelp')}
              accept={ACCEPT}
              clearable
              clearButtonProps={{ 'aria-label': t('registry.import.clearFile') }}
              value={chosen?.file ?? null}
              onChange={(file) => void choose(file)}
              error={fileError}
              disabled={running}
              data-testid="import-file"
            />
            {chosen?.isXlsx &&
              (chosen.sheets ? (
                <NativeSelect
                  label={t('registry.import.sheet')}
                  value={sheet}
                  onChange={(e) => {
                    resetChecks();
                    setColumns(null);
                    setChecked(null);
                    setSheet(e.currentTarget.value);
                  }}
                  error={errors['query.sheet']}
                  disabled={running}
                  data-testid="import-sheet"
                >
                  {chosen.sheets.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </NativeSelect>
              ) : (
                <TextInput
                  label={t('registry.import.sheet')}
                  description={t('registry.import.sheetHelp')}
                  value={sheet}
                  onChange={(e) => {
                    resetChecks();
                    setColumns(null);
                    setChecked(null);
                    setSheet(e.currentTarget.value);
                  }}
                  error={errors['query.sheet']}
                  disabled={running}
                  data-testid="import-sheet"
                />
              ))}
          </SimpleGrid>
          <Group>
            <Button
              onClick={() => input && dryRun.mutate(input)}
              disabled={!input || reading || running}
              loading={dryRun.isPending || reading}
              data-testid="import-dry-run"
            >
              {columns ? t('registry.import.checkAgain') : t('registry.import.check')}
            </Button>
          </Group>
          <ProblemAlert error={dryRun.error} fields={['body', 'query']} testId="import-error" />
        </Stack>
      </Paper>

      {columns && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('registry.import.step2')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('registry.import.mappingHelp')}
            </Text>
            {errors['query.mapping'] && (
              <Alert color="red" role="alert" data-testid="import-mapping-error">
                {errors['query.mapping']}
              </Alert>
            )}
            <ImportMappingTable
              columns={columns}
              assigned={assigned}
              disabled={running}
              onChange={(letter, field) => {
                resetChecks();
                setAssigned((current) => {
                  const next = { ...current };
                  // A field feeds from one column: taking it here leaves the other column out.
                  if (field)
                    for (const [other, f] of Object.entries(next))
                      if (f === field) next[other] = '';
                  next[letter] = field;
                  return next;
                });
              }}
            />
          </Stack>
        </Paper>
      )}

      {checked && (
        <Paper withBorder p="md" data-testid="import-report">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('registry.import.step3')}
            </Title>
            {!upToDate && (
              <Alert color="yellow" data-testid="import-stale">
                {t('registry.import.stale')}
              </Alert>
            )}
            {checked.report.file.sheet && (
              <Text size="sm">
                {t('registry.import.sheetRead', { sheet: checked.report.file.sheet })}
              </Text>
            )}
            {checked.report.previousImportAt && (
              <Alert color="yellow" data-testid="import-previous">
                {t('registry.import.previous', {
                  date: formatDay(checked.report.previousImportAt.slice(0, 10), i18n.language),
                })}
              </Alert>
            )}
            {checked.report.valid ? (
              <Alert color="green" data-testid="import-valid">
                {t('registry.import.valid')}
              </Alert>
            ) : (
              <Alert color="red" data-testid="import-invalid">
                {t('registry.import.invalid')}
              </Alert>
            )}
            <ImportSummaryList summary={checked.report.summary} planned />
            {checked.report.problemCount > 0 && (
              <ImportProblemsTable
                key={checked.key}
                problems={checked.report.problems}
                total={checked.report.problemCount}
              />
            )}
            <Group>
              <Button
                color="green"
                onClick={() => input && commit.mutate(input)}
                disabled={!canCommit}
                loading={commit.isPending}
                data-testid="import-commit"
              >
                {t('registry.import.commit')}
              </Button>
            </Group>
            <ProblemAlert
              error={commit.error}
              fields={['body', 'query']}
              testId="import-commit-error"
            />
          </Stack>
        </Paper>
      )}

      {jobId !== null && (
        <Paper withBorder p="md" data-testid="import-job">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('registry.import.step4')}
            </Title>
            <ProblemAlert error={job.error} />
            {running && (
              <Stack gap={4} data-testid="import-progress">
                <Progress
                  value={percent ?? 100}
                  striped
                  animated
                  size="lg"
                  aria-label={t('registry.import.progressLabel')}
                />
                <Text size="sm" c="dimmed" aria-live="polite">
                  {percent === null
                    ? t('registry.import.starting')
                    : t('registry.import.progress', { percent })}
                </Text>
              </Stack>
            )}
            {result?.committed && (
              <Alert color="green" data-testid="import-done">
                <Stack gap="xs">
                  <Text size="sm">{t('registry.import.done')}</Text>
                  <ImportSummaryList summary={result.summary} />
                  <Anchor component={Link} to="/persons" data-testid="import-to-persons">
                    {t('registry.import.toPersons')}
                  </Anchor>
                </Stack>
              </Alert>
            )}
            {result && !result.committed && (
              <Stack gap="sm" data-testid="import-not-committed">
                <Alert color="red" role="alert">
                  {t('registry.import.notCommitted')}
                </Alert>
                <ImportProblemsTable problems={result.problems} total={result.problemCount} />
              </Stack>
            )}
            {job.data?.status === 'failed' && (
              <Alert color="red" role="alert" data-testid="import-failed">
                {t('registry.import.failed')}
              </Alert>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

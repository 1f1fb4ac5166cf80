import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Input,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../../api/queries';
import { fieldErrors } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import {
  fileToBase64,
  MAX_ROUND_FILE_BYTES,
  MONITORING_FORM_URL,
  monitoringApi,
  type ImportProblem,
  type RoundImportResult,
} from './api';

/** The most problems listed on screen (the server sends up to 1,000). */
const SHOWN_PROBLEMS = 200;

interface RoundImportPanelProps {
  siteId: string;
  onRecorded: (result: { round: string; recorded: number }) => void;
  onCancel: () => void;
}

function ProblemsTable({ problems }: { problems: ImportProblem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped withTableBorder data-testid="round-import-problems">
        <Table.Caption>
          {t('monitoring.import.problemsCaption', {
            n: formatNumber(problems.length, i18n.language),
          })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('monitoring.import.row')}</Table.Th>
            <Table.Th scope="col">{t('monitoring.import.column')}</Table.Th>
            <Table.Th scope="col">{t('monitoring.import.field')}</Table.Th>
            <Table.Th scope="col">{t('monitoring.import.problem')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
            <Table.Tr
              key={`${p.row}:${p.column ?? ''}:${p.field}:${i}`}
              data-testid="round-import-problem"
              data-code={p.code}
            >
              <Table.Td>{p.row > 0 ? formatNumber(p.row, i18n.language) : '—'}</Table.Td>
              <Table.Td dir="ltr">{p.column ?? '—'}</Table.Td>
              <Table.Td dir="ltr">{p.field}</Table.Td>
              <Table.Td>
                {/* The server's English message for a file problem names its header. */}
                {p.code === 'file'
                  ? p.message
                  : t(`monitoring.import.problems.${p.code}`, { defaultValue: p.message })}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * A monitoring round from a file filled in the field (the XLSForm in KoboToolbox/ODK, or a
 * spreadsheet with its column names): checked first, every problem by row and column, then
 * recorded whole.
 */
export function RoundImportPanel({ siteId, onRecorded, onCancel }: RoundImportPanelProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const fileId = useId();
  const [round, setRound] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const [checked, setChecked] = useState<RoundImportResult | null>(null);

  const send = async (dryRun: boolean) => {
    if (!file) throw new Error('no file');
    return monitoringApi.importRound(siteId, {
      dryRun,
      round: round.trim(),
      file: { name: file.name || 'round', contentBase64: await fileToBase64(file) },
    });
  };
  const check = useMutation({
    mutationFn: () => send(true),
    onSuccess: setChecked,
  });
  const record = useMutation({
    mutationFn: () => send(false),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.rightsMatrices });
      void queryClient.invalidateQueries({ queryKey: queryKeys.persons });
      onRecorded({ round: result.round, recorded: result.recorded });
    },
  });
  const reset = () => {
    setChecked(null);
    check.reset();
    record.reset();
  };
  const errors = fieldErrors(check.error ?? record.error);
  const ready = checked !== null && checked.problems.length === 0 && checked.valid > 0;

  return (
    <Paper withBorder p="md" data-testid="round-import">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (file && !tooLarge) check.mutate();
        }}
      >
        <Stack gap="md">
          <Title order={3} size="h4">
            {t('monitoring.import.title')}
          </Title>
          <Text size="sm">
            {t('monitoring.import.intro')}{' '}
            <Anchor href={MONITORING_FORM_URL} download data-testid="round-form-download">
              {t('monitoring.import.downloadForm')}
            </Anchor>
          </Text>
          <ProblemAlert error={check.error} fields={['round']} testId="round-import-error" />
          <TextInput
            label={t('rights.round.name')}
            description={t('rights.round.nameHint')}
            required
            dir="auto"
            value={round}
            onChange={(e) => {
              setRound(e.currentTarget.value);
              reset();
            }}
            error={errors.round}
            data-testid="round-import-name"
          />
          <Input.Wrapper
            label={t('monitoring.import.file')}
            description={t('monitoring.import.fileHint')}
            required
            id={fileId}
            error={tooLarge ? t('monitoring.import.tooLarge') : undefined}
          >
            <input
              id={fileId}
              type="file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => {
                const chosen = e.currentTarget.files?.[0] ?? null;
                setFile(chosen);
                setTooLarge(chosen !== null && chosen.size > MAX_ROUND_FILE_BYTES);
                reset();
              }}
              data-testid="round-import-file"
            />
          </Input.Wrapper>
          <Group gap="sm">
            <Button
              type="submit"
              variant="default"
              loading={check.isPending}
              disabled={!file || tooLarge || round.trim() === ''}
              data-testid="round-import-check"
            >
              {t('monitoring.import.check')}
            </Button>
            <Button variant="subtle" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          </Group>

          {checked && checked.problems.length > 0 && (
            <Stack gap="xs">
              <Alert color="orange" role="status" data-testid="round-import-has-problems">
                {t('monitoring.import.hasProblems', {
                  n: formatNumber(checked.problems.length, i18n.language),
                  rows: formatNumber(checked.rows, i18n.language),
                })}
              </Alert>
              <ProblemsTable problems={checked.problems} />
            </Stack>
          )}
          {checked && checked.problems.length === 0 && (
            <Alert color="blue" role="status" data-testid="round-import-summary">
              <Stack gap={4}>
                <Text size="sm">
                  {t('monitoring.import.summary', {
                    rows: formatNumber(checked.valid, i18n.language),
                    persons: formatNumber(checked.persons, i18n.language),
                    round: checked.round,
                  })}
                </Text>
                {checked.ignoredColumns.length > 0 && (
                  <Group gap={4}>
                    <Text size="xs">{t('monitoring.import.ignored')}</Text>
                    {checked.ignoredColumns.map((c) => (
                      <Badge key={c} variant="outline" color="gray" tt="none" dir="ltr">
                        {c}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Stack>
            </Alert>
          )}
          <ProblemAlert error={record.error} testId="round-import-refused" />
          {ready && (
            <Group justify="flex-end">
              <Button
                onClick={() => record.mutate()}
                loading={record.isPending}
                data-testid="round-import-record"
              >
                {t('monitoring.import.record', {
                  n: formatNumber(checked.valid, i18n.language),
                })}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

interface RoundImportSectionProps {
  siteId: string;
  onRecorded: (result: { round: string; recorded: number }) => void;
  /** Called when the panel opens (to clear an earlier confirmation). */
  onOpen?: () => void;
}

/** The site page's entry to a round from a file: a button, then the panel. */
export function RoundImportSection({ siteId, onRecorded, onOpen }: RoundImportSectionProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <Group gap="sm">
        <Button
          variant="default"
          onClick={() => {
            onOpen?.();
            setOpen(true);
          }}
          data-testid="round-import-start"
        >
          {t('monitoring.import.open')}
        </Button>
        <Anchor href={MONITORING_FORM_URL} download size="sm">
          {t('monitoring.import.downloadForm')}
        </Anchor>
      </Group>
    );
  return (
    <RoundImportPanel
      siteId={siteId}
      onRecorded={(result) => {
        setOpen(false);
        onRecorded(result);
      }}
      onCancel={() => setOpen(false)}
    />
  );
}

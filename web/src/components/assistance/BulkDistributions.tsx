import {
  Alert,
  Button,
  Code,
  FileInput,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../ProblemAlert';
import { aidKeys, assistanceApi, type BulkResult } from './api';

/** The server takes at most this much base64 (about 1 MB of file). */
const MAX_BASE64 = 1_400_000;

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
}

/**
 * A distribution list (CSV or XLSX): checked first (dry run: nothing is written, every problem
 * listed by row and column), then recorded all-or-nothing.
 */
export function BulkDistributions() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState<{ name: string; contentBase64: string } | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const [checked, setChecked] = useState<BulkResult | null>(null);
  const [done, setDone] = useState<BulkResult | null>(null);

  const check = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error('no file');
      const contentBase64 = await readBase64(file);
      if (contentBase64.length > MAX_BASE64) {
        setTooLarge(true);
        return null;
      }
      const payload = { name: file.name, contentBase64 };
      setContent(payload);
      return assistanceApi.bulk({ dryRun: true, file: payload });
    },
    onSuccess: (result) => {
      setDone(null);
      setChecked(result);
    },
  });
  const commit = useMutation({
    mutationFn: () => assistanceApi.bulk({ dryRun: false, file: content! }),
    onSuccess: (result) => {
      setDone(result);
      setChecked(null);
      void queryClient.invalidateQueries({ queryKey: ['assistance'] });
      void queryClient.invalidateQueries({ queryKey: aidKeys.reports });
    },
  });

  return (
    <Paper withBorder p="md" data-testid="bulk-distributions">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('assistance.bulk.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('assistance.bulk.intro')}
        </Text>
        <Code block dir="ltr">
          person_id,household_id,programme_id,kind,item,quantity,unit,value,currency,distributed_on,site_id,funder
        </Code>
        <Group align="flex-end">
          <FileInput
            label={t('assistance.bulk.file')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => {
              setFile(f);
              setChecked(null);
              setDone(null);
              setTooLarge(false);
              setContent(null);
            }}
            clearable
            w={320}
            data-testid="bulk-file"
          />
          <Button
            onClick={() => check.mutate()}
            disabled={!file}
            loading={check.isPending}
            data-testid="bulk-check"
          >
            {t('assistance.bulk.check')}
          </Button>
        </Group>
        {tooLarge && (
          <Alert color="red" role="alert">
            {t('assistance.bulk.tooLarge')}
          </Alert>
        )}
        <ProblemAlert error={check.error ?? commit.error} testId="bulk-error" />
        {checked && (
          <Stack gap="xs" data-testid="bulk-dry-run">
            <Text size="sm" data-testid="bulk-summary">
              {t('assistance.bulk.summary', { rows: checked.rows, valid: checked.valid })}
            </Text>
            {checked.problems.length > 0 ? (
              <Table withTableBorder striped data-testid="bulk-problems">
                <Table.Caption>{t('assistance.bulk.problemsCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('assistance.bulk.row')}</Table.Th>
                    <Table.Th scope="col">{t('assistance.bulk.column')}</Table.Th>
                    <Table.Th scope="col">{t('assistance.bulk.field')}</Table.Th>
                    <Table.Th scope="col">{t('assistance.bulk.message')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {checked.problems.map((p, i) => (
                    <Table.Tr key={i} data-testid="bulk-problem">
                      <Table.Td>{p.row}</Table.Td>
                      <Table.Td>{p.column ?? '—'}</Table.Td>
                      <Table.Td dir="ltr" className="text-start">
                        {p.field}
                      </Table.Td>
                      <Table.Td dir="ltr" className="text-start">
                        {p.message}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Group>
                <Text size="sm" c="teal">
                  {t('assistance.bulk.noProblems')}
                </Text>
                <Button
                  color="teal"
                  onClick={() => commit.mutate()}
                  loading={commit.isPending}
                  data-testid="bulk-commit"
                >
                  {t('assistance.bulk.commit', { count: checked.rows })}
                </Button>
              </Group>
            )}
          </Stack>
        )}
        {done && (
          <Alert color="teal" data-testid="bulk-done">
            {t('assistance.bulk.done', { count: done.rows })}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

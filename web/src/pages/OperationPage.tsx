import { Alert, Button, Group, Loader, Stack, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { etagFromVersion } from '../api/client';
import { operationApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { ProblemAlert } from '../components/ProblemAlert';
import { WorkflowEditor } from '../components/cases/WorkflowEditor';
import { fieldErrors } from '../lib/errors';
import { formatNumber } from '../lib/format';

export function OperationPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const record = useQuery({
    queryKey: queryKeys.operation,
    queryFn: ({ signal }) => operationApi.current(signal),
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
  const [name, setName] = useState('');
  const [saved, setSaved] = useState(false);
  const loaded = record.data?.data;
  useEffect(() => {
    if (loaded) setName(loaded.name);
  }, [loaded]);

  const save = useMutation({
    mutationFn: () => {
      const etag = record.data?.etag ?? (loaded ? etagFromVersion(loaded.version) : null);
      return operationApi.update({ name: name.trim() }, etag);
    },
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: queryKeys.operation });
    },
  });

  if (record.isPending) return <Loader size="sm" />;
  if (record.isError) return <ProblemAlert error={record.error} />;
  const operation = record.data.data;
  const errors = fieldErrors(save.error);

  return (
    <Stack gap="md" maw={880}>
      <Title order={1}>{t('operation.title')}</Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSaved(false);
          save.mutate();
        }}
      >
        <Stack gap="md">
          <ProblemAlert
            error={save.error}
            fields={['name']}
            onReload={() => {
              save.reset();
              void record.refetch();
            }}
            testId="operation-error"
          />
          {saved && (
            <Alert color="green" role="status" data-testid="operation-saved">
              {t('common.saved')}
            </Alert>
          )}
          <TextInput
            label={t('operation.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-testid="operation-name"
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} data-testid="operation-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Table variant="vertical" withTableBorder layout="fixed">
        <Table.Caption>{t('operation.readOnlyNote')}</Table.Caption>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">{t('operation.code')}</Table.Th>
            <Table.Td dir="ltr" className="text-start">
              {operation.code}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('operation.mfaRequired')}</Table.Th>
            <Table.Td>{operation.settings.mfaRequired ? t('common.yes') : t('common.no')}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">{t('operation.suppressionThreshold')}</Table.Th>
            <Table.Td>
              {formatNumber(operation.settings.suppressionThreshold, i18n.language)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <WorkflowEditor />
    </Stack>
  );
}

import { Button, Group, Loader, Modal, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { agenciesApi } from '../api/endpoints';
import { queryKeys, useAgencies } from '../api/queries';
import type { Agency } from '../api/types';
import { AgencyRenameForm } from '../components/AgencyRenameForm';
import { useHasAbility } from '../components/MeContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { fieldErrors } from '../lib/errors';
import { formatDate } from '../lib/format';

export function AgenciesPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const agencies = useAgencies();
  // Everyone signed in may list agencies; only agencies.manage creates and renames.
  const canManage = useHasAbility('agencies.manage');
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<Agency | null>(null);

  const create = useMutation({
    mutationFn: () => agenciesApi.create({ name: name.trim() }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.agencies });
    },
  });
  const errors = fieldErrors(create.error);

  return (
    <Stack gap="md">
      <Title order={1}>{t('agencies.title')}</Title>

      {canManage && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <Stack gap="xs">
            <ProblemAlert error={create.error} fields={['name']} testId="agency-create-error" />
            <Group align="flex-end">
              <TextInput
                label={t('agencies.newName')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={errors.name}
                data-testid="agency-name"
              />
              <Button type="submit" loading={create.isPending} data-testid="agency-create">
                {t('agencies.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}

      <ProblemAlert error={agencies.error} />
      {agencies.isPending && <Loader size="sm" />}
      {agencies.data && (
        <Table.ScrollContainer minWidth={480}>
          <Table striped highlightOnHover data-testid="agencies-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('agencies.name')}</Table.Th>
                <Table.Th scope="col">{t('common.createdAt')}</Table.Th>
                {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agencies.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={canManage ? 3 : 2}>
                    <Text c="dimmed">{t('common.noResults')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {agencies.data.items.map((agency) => (
                <Table.Tr key={agency.id}>
                  <Table.Td>{agency.name}</Table.Td>
                  <Table.Td>{formatDate(agency.createdAt, i18n.language)}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setRenaming(agency)}
                        aria-label={t('agencies.renameAgency', { name: agency.name })}
                        data-testid={`agency-rename-${agency.id}`}
                      >
                        {t('agencies.rename')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal
        opened={renaming !== null}
        onClose={() => setRenaming(null)}
        title={t('agencies.renameTitle')}
      >
        {renaming && canManage && (
          <AgencyRenameForm key={renaming.id} agency={renaming} onDone={() => setRenaming(null)} />
        )}
      </Modal>
    </Stack>
  );
}

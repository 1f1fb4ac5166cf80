import { Button, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { aidKeys, assistanceApi, type Provider } from '../../components/assistance/api';
import { IndependenceBadge } from '../../components/assistance/badges';
import { ProviderForm } from '../../components/assistance/ProviderForm';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';

/** Who provides assistance, and how independent they are of the persons' own groups. */
export function ProvidersPage() {
  const { t } = useTranslation();
  const canManage = useHasAbility('assistance.manage');
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Provider | 'new' | null>(null);
  const providers = useQuery({
    queryKey: aidKeys.providers,
    queryFn: ({ signal }) => assistanceApi.providers(signal),
  });
  const items = providers.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('assistance.providers.title')}</Title>
        {canManage && (
          <Button onClick={() => setEditing('new')} data-testid="provider-new">
            {t('assistance.providers.new')}
          </Button>
        )}
      </Group>
      <Text c="dimmed">{t('assistance.providers.intro')}</Text>
      <ProblemAlert error={providers.error} />
      {providers.isPending && <Loader size="sm" />}
      {providers.data && items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="providers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('assistance.providers.name')}</Table.Th>
                <Table.Th scope="col">{t('assistance.providers.independenceClass')}</Table.Th>
                <Table.Th scope="col">{t('assistance.providers.organisationType')}</Table.Th>
                <Table.Th scope="col">{t('assistance.providers.iatiRef')}</Table.Th>
                {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id} data-testid="provider-row">
                  <Table.Td dir="auto">{p.name}</Table.Td>
                  <Table.Td>
                    <IndependenceBadge value={p.independenceClass} />
                  </Table.Td>
                  <Table.Td>
                    {p.organisationType
                      ? t(`assistance.organisationTypes.${p.organisationType}`, {
                          defaultValue: p.organisationType,
                        })
                      : '—'}
                  </Table.Td>
                  <Table.Td dir="ltr" className="text-start">
                    {p.iatiRef ?? '—'}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button size="xs" variant="default" onClick={() => setEditing(p)}>
                        {t('common.edit')}
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
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new' ? t('assistance.providers.new') : t('assistance.providers.editTitle')
        }
      >
        {editing !== null && (
          <ProviderForm
            key={editing === 'new' ? 'new' : editing.id}
            provider={editing === 'new' ? undefined : editing}
            onDone={() => {
              void queryClient.invalidateQueries({ queryKey: aidKeys.providers });
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

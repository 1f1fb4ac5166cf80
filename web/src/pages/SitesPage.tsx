import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { sitesApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { useHasAbility } from '../components/MeContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { SiteForm } from '../components/SiteForm';
import { formatNumber } from '../lib/format';

type Editing = { mode: 'create' } | { mode: 'edit'; id: string } | null;

export function SitesPage() {
  const { t, i18n } = useTranslation();
  const sites = useQuery({ queryKey: queryKeys.sites, queryFn: () => sitesApi.list() });
  const [editing, setEditing] = useState<Editing>(null);
  const canManage = useHasAbility('sites.manage');
  const close = () => setEditing(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('sites.title')}</Title>
        {canManage && (
          <Button onClick={() => setEditing({ mode: 'create' })} data-testid="site-create">
            {t('sites.create')}
          </Button>
        )}
      </Group>

      <ProblemAlert error={sites.error} />
      {sites.isPending && <Loader size="sm" />}
      {sites.data && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover data-testid="sites-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('sites.name')}</Table.Th>
                <Table.Th scope="col">{t('sites.type')}</Table.Th>
                <Table.Th scope="col">{t('sites.adm1')}</Table.Th>
                <Table.Th scope="col">{t('sites.adm2')}</Table.Th>
                <Table.Th scope="col">{t('sites.capacity')}</Table.Th>
                <Table.Th scope="col">{t('sites.managingEntity')}</Table.Th>
                {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sites.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={canManage ? 7 : 6}>
                    <Text c="dimmed">{t('common.noResults')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {sites.data.items.map((site) => (
                <Table.Tr key={site.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Anchor
                        component={Link}
                        to={`/sites/${site.id}`}
                        dir="auto"
                        data-testid={`site-link-${site.id}`}
                      >
                        {site.name}
                      </Anchor>
                      {site.access.leaveFreely === false && (
                        <Badge color="red" variant="light" size="sm" tt="none">
                          {t('sites.access.cannotLeaveBadge')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`sites.types.${site.type}`, { defaultValue: site.type })}</Table.Td>
                  <Table.Td>{site.adm1 ?? '—'}</Table.Td>
                  <Table.Td>{site.adm2 ?? '—'}</Table.Td>
                  <Table.Td>
                    {site.capacity === null ? '—' : formatNumber(site.capacity, i18n.language)}
                  </Table.Td>
                  <Table.Td>{site.managingEntity ?? '—'}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing({ mode: 'edit', id: site.id })}
                        aria-label={t('sites.editSite', { name: site.name })}
                        data-testid={`site-edit-${site.id}`}
                      >
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
        onClose={close}
        title={editing?.mode === 'edit' ? t('sites.editTitle') : t('sites.createTitle')}
        size="lg"
      >
        {editing && canManage && (
          <SiteForm
            key={editing.mode === 'edit' ? editing.id : 'new'}
            siteId={editing.mode === 'edit' ? editing.id : undefined}
            onDone={close}
            onCancel={close}
          />
        )}
      </Modal>
    </Stack>
  );
}

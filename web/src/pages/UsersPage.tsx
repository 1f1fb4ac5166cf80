import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { User } from '../api/types';
import { useHasAbility } from '../components/MeContext';
import { Pager } from '../components/Pager';
import { ProblemAlert } from '../components/ProblemAlert';
import { UserCreateForm } from '../components/UserCreateForm';
import { UserEditForm } from '../components/UserEditForm';
import { formatNumber } from '../lib/format';

const PAGE_SIZE = 25;

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [offset, setOffset] = useState(0);
  // Auditors read the list; only users.manage creates, edits and resets.
  const canManage = useHasAbility('users.manage');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  // Stored as a key + values so the message follows a later language switch.
  const [notice, setNotice] = useState<{ key: string; values?: Record<string, string> } | null>(
    null,
  );

  const list = useQuery({
    queryKey: queryKeys.usersList(q, offset),
    queryFn: ({ signal }) => usersApi.list({ q: q || undefined, limit: PAGE_SIZE, offset }, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('users.title')}</Title>
        {canManage && (
          <Button onClick={() => setCreating(true)} data-testid="user-create">
            {t('users.create')}
          </Button>
        )}
      </Group>

      {notice && (
        <Alert
          color="green"
          role="status"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel={t('common.close')}
          data-testid="user-notice"
        >
          {t(notice.key, notice.values)}
        </Alert>
      )}

      <TextInput
        type="search"
        label={t('users.searchLabel')}
        placeholder={t('users.searchPlaceholder')}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setOffset(0);
        }}
        maw={360}
        data-testid="users-search"
      />

      <ProblemAlert error={list.error} />

      {list.data && (
        <>
          <Table.ScrollContainer minWidth={800}>
            <Table striped highlightOnHover data-testid="users-table">
              <Table.Caption>
                {t('users.total', { n: formatNumber(list.data.total, i18n.language) })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.email')}</Table.Th>
                  <Table.Th scope="col">{t('users.displayName')}</Table.Th>
                  <Table.Th scope="col">{t('users.roles')}</Table.Th>
                  <Table.Th scope="col">{t('users.agency')}</Table.Th>
                  <Table.Th scope="col">{t('users.status')}</Table.Th>
                  <Table.Th scope="col">{t('users.mfa')}</Table.Th>
                  {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={canManage ? 7 : 6}>
                      <Text c="dimmed">{t('common.noResults')}</Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {list.data.items.map((user) => (
                  <Table.Tr key={user.id} data-testid={`user-row-${user.email}`}>
                    <Table.Td dir="ltr" className="text-start">
                      {user.email}
                    </Table.Td>
                    <Table.Td>{user.displayName}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {user.roles.map((role) => (
                          <Badge key={role} variant="light" size="sm">
                            {t(`roles.${role}`, { defaultValue: role })}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{user.agencyName ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={user.status === 'active' ? 'green' : 'gray'} variant="light">
                        {t(`status.${user.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {user.mfaEnrolled ? t('users.mfaEnrolled') : t('users.mfaNotEnrolled')}
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing(user)}
                          aria-label={t('users.editUser', { name: user.displayName })}
                          data-testid={`user-edit-${user.id}`}
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
          <Pager
            offset={offset}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onChange={setOffset}
          />
        </>
      )}

      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('users.createTitle')}
        size="lg"
      >
        {creating && canManage && (
          <UserCreateForm
            onCancel={() => setCreating(false)}
            onCreated={(user) => {
              setCreating(false);
              setNotice({ key: 'users.created', values: { email: user.email } });
            }}
          />
        )}
      </Modal>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('users.editTitle')}
        size="lg"
      >
        {editing && canManage && (
          <UserEditForm
            key={editing.id}
            userId={editing.id}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              setNotice({ key: 'common.saved' });
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

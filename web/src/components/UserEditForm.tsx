import {
  Alert,
  Button,
  Divider,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { RoleCode, User, UserStatus } from '../api/types';
import { fieldErrors } from '../lib/errors';
import { AgencySelect } from './AgencySelect';
import { ProblemAlert } from './ProblemAlert';
import { RoleCheckboxes } from './RoleCheckboxes';

const FIELDS = ['displayName', 'roles', 'agencyId', 'status'] as const;

interface UserEditFormProps {
  userId: string;
  onSaved: (user: User) => void;
  onCancel: () => void;
}

/** Edits a user read with GET /users/:id; the PATCH carries that read's ETag in If-Match. */
export function UserEditForm({ userId, onSaved, onCancel }: UserEditFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const record = useQuery({
    queryKey: queryKeys.user(userId),
    queryFn: ({ signal }) => usersApi.get(userId, signal),
    staleTime: 0,
    refetchOnWindowFocus: false,
  });

  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<RoleCode[]>([]);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [status, setStatus] = useState<UserStatus>('active');
  const [mfaReset, setMfaReset] = useState(false);

  // (Re)load the form whenever a fresh copy of the record arrives.
  const loaded = record.data?.data;
  useEffect(() => {
    if (!loaded) return;
    setDisplayName(loaded.displayName);
    setRoles(loaded.roles);
    setAgencyId(loaded.agencyId);
    setStatus(loaded.status);
  }, [loaded]);

  const save = useMutation({
    mutationFn: () =>
      usersApi.update(
        userId,
        { displayName: displayName.trim(), roles, agencyId, status },
        record.data?.etag ?? null,
      ),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      onSaved(user);
    },
  });

  const resetMfa = useMutation({
    mutationFn: () => usersApi.resetMfa(userId),
    onSuccess: () => {
      setMfaReset(true);
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
    },
  });

  if (record.isPending) return <Loader size="sm" />;
  if (record.isError) return <ProblemAlert error={record.error} />;

  const user = record.data.data;
  const errors = fieldErrors(save.error);
  const reload = () => {
    save.reset();
    void record.refetch();
  };

  return (
    <Stack gap="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <ProblemAlert
            error={save.error}
            fields={FIELDS}
            onReload={reload}
            testId="user-edit-error"
          />
          <TextInput
            label={t('users.email')}
            value={user.email}
            readOnly
            dir="ltr"
            variant="filled"
          />
          <TextInput
            label={t('users.displayName')}
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
            data-testid="user-edit-display-name"
          />
          <RoleCheckboxes value={roles} onChange={setRoles} error={errors.roles} />
          <AgencySelect value={agencyId} onChange={setAgencyId} error={errors.agencyId} />
          <NativeSelect
            label={t('users.status')}
            value={status}
            onChange={(e) =>
              setStatus(e.currentTarget.value === 'disabled' ? 'disabled' : 'active')
            }
            error={errors.status}
            data-testid="user-status"
          >
            <option value="active">{t('status.active')}</option>
            <option value="disabled">{t('status.disabled')}</option>
          </NativeSelect>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="user-edit-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Divider />
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {t('users.resetMfaHelp')}
        </Text>
        <ProblemAlert error={resetMfa.error} testId="user-reset-mfa-error" />
        {mfaReset && (
          <Alert color="green" role="status" data-testid="user-reset-mfa-done">
            {t('users.resetMfaDone')}
          </Alert>
        )}
        <div>
          <Button
            color="red"
            variant="light"
            loading={resetMfa.isPending}
            disabled={mfaReset}
            onClick={() => {
              if (window.confirm(t('users.resetMfaConfirm', { name: user.displayName })))
                resetMfa.mutate();
            }}
            data-testid="user-reset-mfa"
          >
            {t('users.resetMfa')}
          </Button>
        </div>
      </Stack>
    </Stack>
  );
}

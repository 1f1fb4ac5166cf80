import { Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usersApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import type { RoleCode, User } from '../api/types';
import { fieldErrors } from '../lib/errors';
import { AgencySelect } from './AgencySelect';
import { ProblemAlert } from './ProblemAlert';
import { RoleCheckboxes } from './RoleCheckboxes';

const FIELDS = ['email', 'displayName', 'roles', 'agencyId', 'password'] as const;

interface UserCreateFormProps {
  onCreated: (user: User) => void;
  onCancel: () => void;
}

export function UserCreateForm({ onCreated, onCancel }: UserCreateFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<RoleCode[]>([]);
  const [agencyId, setAgencyId] = useState<string | null>(null);
  const [password, setPassword] = useState('');

  const create = useMutation({
    mutationFn: () =>
      usersApi.create({
        email: email.trim(),
        displayName: displayName.trim(),
        roles,
        agencyId,
        password,
      }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users });
      onCreated(user);
    },
  });
  const errors = fieldErrors(create.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="md">
        <ProblemAlert error={create.error} fields={FIELDS} testId="user-create-error" />
        <TextInput
          label={t('users.email')}
          type="email"
          required
          autoComplete="off"
          dir="ltr"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
          data-testid="user-email"
          data-autofocus
        />
        <TextInput
          label={t('users.displayName')}
          required
          autoComplete="off"
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errors.displayName}
          data-testid="user-display-name"
        />
        <RoleCheckboxes value={roles} onChange={setRoles} error={errors.roles} />
        <AgencySelect value={agencyId} onChange={setAgencyId} error={errors.agencyId} />
        <PasswordInput
          label={t('users.initialPassword')}
          description={t('users.initialPasswordHelp')}
          required
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          data-testid="user-password"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-testid="user-create-submit">
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

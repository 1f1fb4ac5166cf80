import { Alert, Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/endpoints';
import { fieldErrors } from '../lib/errors';
import { ProblemAlert } from './ProblemAlert';

const FIELDS = ['currentPassword', 'newPassword'] as const;

interface ChangePasswordFormProps {
  onClose: () => void;
}

/**
 * POST /auth/password. The server rotates this session's cookie and ends the user's other
 * sessions, so the page stays signed in without reloading anything.
 */
export function ChangePasswordForm({ onClose }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const change = useMutation({
    mutationFn: () => authApi.changePassword({ currentPassword, newPassword }),
    onSuccess: () => {
      setCurrentPassword('');
      setNewPassword('');
      setConfirm('');
    },
  });
  const errors = fieldErrors(change.error);

  if (change.isSuccess) {
    return (
      <Stack gap="md">
        <Alert color="green" role="status" data-testid="password-changed">
          {t('account.changed')}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="password-changed-close" data-autofocus>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (newPassword !== confirm) {
          setMismatch(true);
          return;
        }
        setMismatch(false);
        change.mutate();
      }}
    >
      <Stack gap="md">
        <ProblemAlert error={change.error} fields={FIELDS} testId="password-error" />
        <PasswordInput
          label={t('account.currentPassword')}
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.currentTarget.value)}
          error={errors.currentPassword ? t('account.currentPasswordWrong') : undefined}
          data-testid="password-current"
          data-autofocus
        />
        <PasswordInput
          label={t('account.newPassword')}
          description={t('account.newPasswordHelp')}
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNewPassword(e.currentTarget.value)}
          error={errors.newPassword}
          data-testid="password-new"
        />
        <PasswordInput
          label={t('account.confirmPassword')}
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={mismatch ? t('errors.passwordMismatch') : undefined}
          data-testid="password-confirm"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={change.isPending} data-testid="password-submit">
            {t('account.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

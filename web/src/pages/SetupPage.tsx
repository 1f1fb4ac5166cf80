import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { setupApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { AuthLayout } from '../components/AuthLayout';
import { FullPageLoader } from '../components/FullPageLoader';
import { ProblemAlert } from '../components/ProblemAlert';
import { TotpEnrolment } from '../components/TotpEnrolment';
import { fieldErrors } from '../lib/errors';

const FIELDS = ['token', 'email', 'displayName', 'password'] as const;

/** The one-time token from `/setup#token=…` (a fragment never reaches server logs). */
function tokenFromFragment(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [fragmentToken] = useState(tokenFromFragment);
  const [token, setToken] = useState(fragmentToken);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [enrolling, setEnrolling] = useState(false);

  // Drop the token from the address bar and history once it has been read.
  useEffect(() => {
    if (window.location.hash) {
      const { pathname, search } = window.location;
      window.history.replaceState(window.history.state, '', pathname + search);
    }
  }, []);

  const status = useQuery({ queryKey: queryKeys.setupStatus, queryFn: () => setupApi.status() });

  const finish = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    void navigate('/', { replace: true });
  };

  const setup = useMutation({
    mutationFn: () =>
      setupApi.run({
        token: token.trim(),
        email: email.trim(),
        displayName: displayName.trim(),
        password,
      }),
    onSuccess: (result) => {
      setPassword('');
      setConfirm('');
      if (result.status === 'mfa_enrolment_required') setEnrolling(true);
      else finish();
    },
  });

  if (enrolling) {
    return (
      <AuthLayout title={t('setup.title')}>
        <TotpEnrolment onDone={finish} />
      </AuthLayout>
    );
  }

  if (status.isPending) {
    return (
      <AuthLayout title={t('setup.title')}>
        <FullPageLoader label={t('setup.checking')} />
      </AuthLayout>
    );
  }

  if (status.isError) {
    return (
      <AuthLayout title={t('setup.title')}>
        <ProblemAlert error={status.error} />
        <Button onClick={() => void status.refetch()}>{t('common.retry')}</Button>
      </AuthLayout>
    );
  }

  if (!status.data.needed) {
    return (
      <AuthLayout title={t('setup.title')}>
        <Alert color="green" data-testid="setup-done">
          <Stack gap="xs">
            <Text size="sm">{t('setup.alreadyDone')}</Text>
            <Anchor component={Link} to="/login" data-testid="setup-go-login">
              {t('setup.goToLogin')}
            </Anchor>
          </Stack>
        </Alert>
      </AuthLayout>
    );
  }

  const errors = fieldErrors(setup.error);

  return (
    <AuthLayout title={t('setup.title')}>
      <Text size="sm">{t('setup.intro')}</Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (password !== confirm) {
            setMismatch(true);
            return;
          }
          setMismatch(false);
          setup.mutate();
        }}
      >
        <Stack gap="md">
          <ProblemAlert error={setup.error} fields={FIELDS} testId="setup-error" />
          {(!fragmentToken || errors.token) && (
            <TextInput
              label={t('setup.token')}
              description={t('setup.tokenHelp')}
              required
              dir="ltr"
              autoComplete="off"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
              error={errors.token}
              data-testid="setup-token"
            />
          )}
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            dir="ltr"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            data-testid="setup-email"
          />
          <TextInput
            label={t('setup.displayName')}
            autoComplete="name"
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName}
            data-testid="setup-display-name"
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('setup.passwordHelp')}
            autoComplete="new-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            data-testid="setup-password"
          />
          <PasswordInput
            label={t('setup.confirmPassword')}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={mismatch ? t('errors.passwordMismatch') : undefined}
            data-testid="setup-password-confirm"
          />
          <Button type="submit" loading={setup.isPending} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { authApi } from '../api/endpoints';
import type { LoginStatus } from '../api/types';
import { AuthLayout } from '../components/AuthLayout';
import { ProblemAlert } from '../components/ProblemAlert';
import { TotpChallenge } from '../components/TotpChallenge';
import { TotpEnrolment } from '../components/TotpEnrolment';
import { fieldErrors } from '../lib/errors';

type Step = 'credentials' | Exclude<LoginStatus, 'ok'>;

interface LoginLocationState {
  from?: string;
  expired?: boolean;
}

function safeTarget(from: string | undefined): string {
  // Only same-app paths; never follow an absolute or protocol-relative URL.
  return from && from.startsWith('/') && !from.startsWith('//') && from !== '/login' ? from : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const state = (location.state ?? {}) as LoginLocationState;
  const [step, setStep] = useState<Step>('credentials');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  // Whatever was cached belongs to a previous session.
  useEffect(() => {
    queryClient.removeQueries();
  }, [queryClient]);

  const finish = () => {
    void queryClient.invalidateQueries({ queryKey: ['me'] });
    void navigate(safeTarget(state.from), { replace: true });
  };

  const login = useMutation({
    mutationFn: () => authApi.login({ email: email.trim(), password }),
    onSuccess: ({ status }) => {
      setPassword('');
      if (status === 'ok') finish();
      else setStep(status);
    },
  });

  const errors = fieldErrors(login.error);

  if (step === 'mfa_required') {
    return (
      <AuthLayout title={t('auth.totpTitle')}>
        <TotpChallenge onDone={finish} />
        <Anchor component="button" type="button" size="sm" onClick={() => setStep('credentials')}>
          {t('auth.backToSignIn')}
        </Anchor>
      </AuthLayout>
    );
  }

  if (step === 'mfa_enrolment_required') {
    return (
      <AuthLayout title={t('auth.totpTitle')}>
        <TotpEnrolment onDone={finish} />
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('auth.signInTitle')}>
      {state.expired && !login.error && (
        <Alert color="blue" data-testid="session-expired">
          {t('auth.sessionExpired')}
        </Alert>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          login.mutate();
        }}
      >
        <Stack gap="md">
          <ProblemAlert error={login.error} fields={['email', 'password']} testId="login-error" />
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
            data-testid="login-email"
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            data-testid="login-password"
          />
          <Button type="submit" loading={login.isPending} data-testid="login-submit">
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}

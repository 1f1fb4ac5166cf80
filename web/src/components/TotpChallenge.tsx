import { Anchor, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/endpoints';
import { CodeForm } from './CodeForm';

interface TotpChallengeProps {
  onDone: () => void;
}

/** Second sign-in step: an authenticator code, or a one-time recovery code. */
export function TotpChallenge({ onDone }: TotpChallengeProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'totp' | 'recovery'>('totp');
  const verify = useMutation({
    mutationFn: (code: string) => authApi.verifyTotp(code),
    onSuccess: onDone,
  });
  const recover = useMutation({
    mutationFn: (code: string) => authApi.recovery(code),
    onSuccess: onDone,
  });

  if (mode === 'recovery') {
    return (
      <Stack gap="md">
        <Text size="sm">{t('auth.recoveryPrompt')}</Text>
        <CodeForm
          key="recovery"
          kind="recovery"
          pending={recover.isPending}
          error={recover.error}
          onSubmit={(code) => recover.mutate(code)}
        />
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => setMode('totp')}
          data-testid="use-totp"
        >
          {t('auth.useTotp')}
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">{t('auth.totpPrompt')}</Text>
      <CodeForm
        key="totp"
        kind="totp"
        pending={verify.isPending}
        error={verify.error}
        onSubmit={(code) => verify.mutate(code)}
      />
      <Anchor
        component="button"
        type="button"
        size="sm"
        onClick={() => setMode('recovery')}
        data-testid="use-recovery"
      >
        {t('auth.useRecovery')}
      </Anchor>
    </Stack>
  );
}

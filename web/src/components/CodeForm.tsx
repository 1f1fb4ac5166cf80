import { Button, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../lib/errors';
import { ProblemAlert } from './ProblemAlert';

interface CodeFormProps {
  kind: 'totp' | 'recovery';
  pending: boolean;
  error: unknown;
  onSubmit: (code: string) => void;
}

/** One input + submit for a TOTP or recovery code. */
export function CodeForm({ kind, pending, error, onSubmit }: CodeFormProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const totp = kind === 'totp';
  const testPrefix = totp ? 'totp' : 'recovery';
  const serverFieldError = fieldErrors(error).code;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const value = totp ? code.replace(/\s+/g, '') : code.trim();
        if (value) onSubmit(value);
      }}
    >
      <Stack gap="md">
        <ProblemAlert error={error} fields={['code']} testId={`${testPrefix}-error`} />
        <TextInput
          label={totp ? t('auth.totpCode') : t('auth.recoveryCode')}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={serverFieldError}
          required
          data-autofocus
          autoFocus
          autoComplete={totp ? 'one-time-code' : 'off'}
          inputMode={totp ? 'numeric' : 'text'}
          spellCheck={false}
          dir="ltr"
          maxLength={totp ? 8 : 64}
          data-testid={totp ? 'totp-code' : 'recovery-code'}
        />
        <Button type="submit" loading={pending} data-testid={`${testPrefix}-submit`}>
          {t('auth.verify')}
        </Button>
      </Stack>
    </form>
  );
}

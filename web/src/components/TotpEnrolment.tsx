import { Center, Code, Image, Loader, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { toDataURL } from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { authApi } from '../api/endpoints';
import { CodeForm } from './CodeForm';
import { ProblemAlert } from './ProblemAlert';
import { RecoveryCodes } from './RecoveryCodes';

interface TotpEnrolmentProps {
  /** Called once the code is verified (and any recovery codes acknowledged). */
  onDone: () => void;
}

/** Authenticator-app enrolment: QR code + manual key, then code confirmation. */
export function TotpEnrolment({ onDone }: TotpEnrolmentProps) {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const started = useRef(false);

  const enrol = useMutation({ mutationFn: () => authApi.enrolTotp() });
  const verify = useMutation({
    mutationFn: (code: string) => authApi.verifyTotp(code),
    onSuccess: (result) => {
      if (result.recoveryCodes && result.recoveryCodes.length > 0) {
        setRecoveryCodes(result.recoveryCodes);
      } else {
        onDone();
      }
    },
  });

  // Start enrolment exactly once (the ref also survives StrictMode's double effect run,
  // which would otherwise create two secrets).
  const { mutate: startEnrol } = enrol;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startEnrol();
  }, [startEnrol]);

  const otpauthUrl = enrol.data?.otpauthUrl;
  useEffect(() => {
    if (!otpauthUrl) return;
    let cancelled = false;
    toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 220 })
      .then((url) => {
        if (!cancelled) setQr(url);
      })
      .catch(() => {
        if (!cancelled) setQr(null);
      });
    return () => {
      cancelled = true;
    };
  }, [otpauthUrl]);

  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} onDone={onDone} />;

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('auth.enrolTitle')}
      </Title>
      {enrol.isError && <ProblemAlert error={enrol.error} />}
      {enrol.isPending && (
        <Center role="status">
          <Loader size="sm" />
          <VisuallyHidden>{t('auth.enrolLoading')}</VisuallyHidden>
        </Center>
      )}
      {enrol.data && (
        <>
          <Text size="sm">{t('auth.enrolIntro')}</Text>
          {qr && (
            <Center>
              <Image src={qr} alt={t('auth.qrAlt')} w={220} h={220} data-testid="totp-qr" />
            </Center>
          )}
          <div>
            <Text size="sm" id="totp-secret-label">
              {t('auth.manualEntry')}
            </Text>
            <Code
              block
              fz="md"
              dir="ltr"
              aria-labelledby="totp-secret-label"
              data-testid="totp-secret"
              className="break-all"
            >
              {enrol.data.secret}
            </Code>
          </div>
          <CodeForm
            kind="totp"
            pending={verify.isPending}
            error={verify.error}
            onSubmit={(code) => verify.mutate(code)}
          />
        </>
      )}
    </Stack>
  );
}

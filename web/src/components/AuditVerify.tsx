import { Alert, Button, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../api/endpoints';
import { formatNumber } from '../lib/format';
import { ProblemAlert } from './ProblemAlert';

/** Runs the server-side hash-chain check and reports the first broken entry, if any. */
export function AuditVerify() {
  const { t, i18n } = useTranslation();
  const verify = useMutation({ mutationFn: () => auditApi.verify() });
  const result = verify.data;

  return (
    <Stack gap="xs">
      <div>
        <Button
          variant="light"
          onClick={() => verify.mutate()}
          loading={verify.isPending}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      </div>
      <ProblemAlert error={verify.error} />
      {result && (
        <Alert
          color={result.ok ? 'green' : 'red'}
          role={result.ok ? 'status' : 'alert'}
          data-testid="audit-verify-result"
          data-ok={result.ok}
        >
          {result.ok
            ? t('audit.verifyOk', { n: formatNumber(result.checked, i18n.language) })
            : t('audit.verifyBad', {
                seq: result.firstBad?.seq ?? '?',
                reason: result.firstBad?.reason ?? '',
                n: formatNumber(result.checked, i18n.language),
              })}
        </Alert>
      )}
    </Stack>
  );
}

import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { otherFieldErrors, problemMessage } from '../lib/errors';

interface ProblemAlertProps {
  error: unknown;
  /** Form fields that display their own errors; other field errors are listed here. */
  fields?: readonly string[];
  /** Offered on 412 (edit conflict) to re-read the record. */
  onReload?: () => void;
  testId?: string;
}

/** Shows an API problem (or any error) to the user in their language. */
export function ProblemAlert({
  error,
  fields = [],
  onReload,
  testId = 'problem',
}: ProblemAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const extra = otherFieldErrors(error, fields);
  const requestId = isApiError(error) ? error.problem?.requestId : undefined;
  const conflict = isApiError(error) && error.isConflict;

  return (
    <Alert color="red" title={t('errors.title')} role="alert" data-testid={testId}>
      <Stack gap="xs">
        <Text size="sm">{problemMessage(error, t)}</Text>
        {extra.length > 0 && (
          <List size="sm">
            {extra.map((e) => (
              <List.Item key={`${e.field}:${e.message}`}>
                {e.field}: {e.message}
              </List.Item>
            ))}
          </List>
        )}
        {requestId && (
          <Text size="xs" c="dimmed">
            {t('errors.requestId', { id: requestId })}
          </Text>
        )}
        {conflict && onReload && (
          <div>
            <Button
              size="xs"
              variant="white"
              color="red"
              onClick={onReload}
              data-testid="conflict-reload"
            >
              {t('common.reload')}
            </Button>
          </div>
        )}
      </Stack>
    </Alert>
  );
}

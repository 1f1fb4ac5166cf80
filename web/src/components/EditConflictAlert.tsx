import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface EditConflictAlertProps {
  /** What happened, in the form's words ("someone changed this record…"). */
  message: string;
  onReload: () => void;
  reloading: boolean;
  /** Test ids `<prefix>-conflict` and `<prefix>-reload`. */
  testIdPrefix: string;
}

/** A stale edit (412): what happened, and a button that loads the record as it is now. */
export function EditConflictAlert({
  message,
  onReload,
  reloading,
  testIdPrefix,
}: EditConflictAlertProps) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" data-testid={`${testIdPrefix}-conflict`}>
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        <div>
          <Button
            size="xs"
            color="red"
            onClick={onReload}
            loading={reloading}
            data-testid={`${testIdPrefix}-reload`}
          >
            {t('common.reload')}
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}

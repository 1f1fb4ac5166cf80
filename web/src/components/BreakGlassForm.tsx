import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { separationApi } from '../api/endpoints';
import { fieldErrors } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { useHasAbility } from './MeContext';
import { ProblemAlert } from './ProblemAlert';

interface BreakGlassFormProps {
  personId: string;
  /** Called once access is granted, to read the record again. */
  onOpened: () => void;
}

/**
 * Break-glass, offered where a record is not found: a supervisor may read a restricted record
 * for a few hours with a reason; it is audited and the users named on it are alerted at once.
 * The server answers "not found" alike for a missing record and one that is not restricted.
 */
export function BreakGlassForm({ personId, onOpened }: BreakGlassFormProps) {
  const { t, i18n } = useTranslation();
  const allowed = useHasAbility('persons.break_glass');
  const [reason, setReason] = useState('');
  const open = useMutation({
    mutationFn: () => separationApi.breakGlass(personId, reason.trim()),
    onSuccess: () => onOpened(),
  });
  if (!allowed || personId === '') return null;
  const errors = fieldErrors(open.error);

  return (
    <Paper withBorder p="md" maw={640} data-testid="break-glass">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) open.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('breakGlass.title')}
          </Title>
          <Alert color="orange" variant="light">
            {t('breakGlass.explain')}
          </Alert>
          <ProblemAlert error={open.error} fields={['reason']} testId="break-glass-error" />
          {open.data && (
            <Alert color="green" role="status" data-testid="break-glass-granted">
              {t('breakGlass.granted', {
                until: formatDateTime(open.data.expiresAt, i18n.language),
              })}
            </Alert>
          )}
          <Textarea
            label={t('breakGlass.reason')}
            required
            dir="auto"
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            data-testid="break-glass-reason"
          />
          <Text size="xs" c="dimmed">
            {t('breakGlass.audited')}
          </Text>
          <Group justify="flex-end">
            <Button
              type="submit"
              color="orange"
              disabled={reason.trim() === ''}
              loading={open.isPending}
              data-testid="break-glass-submit"
            >
              {t('breakGlass.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

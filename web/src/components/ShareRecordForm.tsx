import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { separationApi } from '../api/endpoints';
import { fieldErrors } from '../lib/errors';
import { ProblemAlert } from './ProblemAlert';

/**
 * Names a colleague on the restricted record. Caseworkers cannot list users (GET /users needs
 * users.read), so the colleague gives their user ID, shown in their account menu.
 */
export function ShareRecordForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState('');
  const [shared, setShared] = useState<string | null>(null);
  const share = useMutation({
    mutationFn: (id: string) => separationApi.nameUser(personId, id),
    onSuccess: (_data, id) => {
      setShared(id);
      setUserId('');
    },
  });
  const errors = fieldErrors(share.error);

  return (
    <Paper withBorder p="md" data-testid="share-record">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setShared(null);
          if (userId.trim()) share.mutate(userId.trim());
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t('protection.share.title')}
          </Title>
          <Text size="sm">{t('protection.share.explain')}</Text>
          <ProblemAlert error={share.error} fields={['userId']} testId="share-error" />
          {shared && (
            <Alert color="green" role="status" data-testid="share-done">
              {t('protection.share.done', { id: shared })}
            </Alert>
          )}
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t('protection.userId')}
              description={t('protection.share.userIdHint')}
              dir="ltr"
              required
              value={userId}
              onChange={(e) => setUserId(e.currentTarget.value)}
              error={errors.userId}
              miw={320}
              data-testid="share-user-id"
            />
            <Button
              type="submit"
              loading={share.isPending}
              disabled={userId.trim() === ''}
              data-testid="share-submit"
            >
              {t('protection.share.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import { Badge, Button, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import { casesApi, casesKeys } from './api';
import { UserLabel } from './shared';

/**
 * Case notes. Each is sealed (encrypted) at rest and readable only by those who work on the case;
 * reading them is audited, so they are loaded when this tab opens, not before.
 */
export function CaseNotes({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const notes = useQuery({
    queryKey: casesKeys.notes(caseId),
    queryFn: ({ signal }) => casesApi.notes(caseId, signal),
  });
  const add = useMutation({
    mutationFn: () => casesApi.addNote(caseId, body.trim()),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: casesKeys.notes(caseId) });
      void queryClient.invalidateQueries({ queryKey: casesKeys.timeline(caseId) });
    },
  });
  const errors = fieldErrors(add.error);
  const items = [...(notes.data?.items ?? [])].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );

  return (
    <Stack gap="sm" data-testid="case-notes">
      <Title order={2} size="h3">
        {t('cases.notes.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('cases.notes.sealedExplanation')}
      </Text>
      {canWrite && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (body.trim()) add.mutate();
          }}
          data-testid="note-form"
        >
          <Stack gap="xs">
            <ProblemAlert error={add.error} fields={['body']} />
            <Textarea
              label={t('cases.notes.new')}
              required
              dir="auto"
              autosize
              minRows={3}
              maxLength={10000}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              error={errors.body}
              data-testid="note-body"
            />
            <Group justify="flex-end">
              <Button
                type="submit"
                variant="light"
                disabled={!body.trim()}
                loading={add.isPending}
                data-testid="note-submit"
              >
                {t('cases.notes.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <ProblemAlert error={notes.error} />
      {notes.isPending && <Loader size="sm" />}
      {notes.data && items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('cases.notes.none')}
        </Text>
      )}
      {items.map((n) => (
        <Paper key={n.id} withBorder p="sm" data-testid="case-note">
          <Stack gap={4}>
            <Group gap="xs" justify="space-between">
              <Text size="xs" c="dimmed">
                <UserLabel userId={n.authorId} /> · {formatDateTime(n.createdAt, i18n.language)}
              </Text>
              <Badge
                size="sm"
                variant="outline"
                color="gray"
                tt="none"
                title={t('cases.notes.sealedTitle')}
                data-testid="case-note-sealed"
              >
                {t('cases.notes.sealed')}
              </Badge>
            </Group>
            <Text
              size="sm"
              dir="auto"
              style={{ whiteSpace: 'pre-wrap' }}
              data-testid="case-note-body"
            >
              {n.body}
            </Text>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

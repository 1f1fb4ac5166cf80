import { Alert, Anchor, Badge, Button, Stack, Table, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { downloadBlob } from '../registry/transferApi';
import { useCurrentUser, type Ability } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import type { SubjectRequestStatus, TransferRequestStatus } from './api';

/** Renders children when the user has any of the abilities; the server enforces each route. */
export function RequireAnyAbility({
  abilities,
  children,
}: {
  abilities: readonly Ability[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const mine = useCurrentUser().abilities;
  if (abilities.some((a) => mine.includes(a))) return <>{children}</>;
  return (
    <Alert color="yellow" title={t('access.denied')} data-testid="access-denied">
      <Anchor component={Link} to="/">
        {t('access.goHome')}
      </Anchor>
    </Alert>
  );
}

export function useAbilities(): (ability: Ability) => boolean {
  const mine = useCurrentUser().abilities;
  return (ability) => mine.includes(ability);
}

/**
 * An id as the officer can know it: the first characters, the whole id on hover and for screen
 * readers. The officer sees ids, never names (docs/data-protection.md).
 */
export function ShortId({ id, testId }: { id: string | null; testId?: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser().user.id;
  if (id === null)
    return (
      <Text span c="dimmed" size="sm">
        —
      </Text>
    );
  if (id === me) return <>{t('dpo.you')}</>;
  return (
    <Text span ff="monospace" size="xs" dir="ltr" title={id} data-testid={testId} data-id={id}>
      {id.slice(0, 8)}
    </Text>
  );
}

const REQUEST_COLORS: Record<TransferRequestStatus, string> = {
  pending: 'yellow',
  approved: 'green',
  rejected: 'red',
  downloaded: 'gray',
};

export function TransferRequestBadge({ status }: { status: TransferRequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={REQUEST_COLORS[status]}
      variant="light"
      tt="none"
      data-testid="transfer-request-status"
      data-status={status}
    >
      {t(`dpo.requests.statuses.${status}`)}
    </Badge>
  );
}

const SUBJECT_COLORS: Record<SubjectRequestStatus, string> = {
  received: 'blue',
  in_progress: 'violet',
  completed: 'green',
  refused: 'gray',
};

export function SubjectStatusBadge({ status }: { status: SubjectRequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={SUBJECT_COLORS[status]}
      variant="light"
      tt="none"
      data-testid="subject-status"
      data-status={status}
    >
      {t(`dpo.subject.statuses.${status}`)}
    </Badge>
  );
}

export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="light" tt="none" data-testid="subject-overdue">
      {t('dpo.subject.overdue')}
    </Badge>
  );
}

/** A list's CSV download: the same filters as on screen; the server audits it. */
export function CsvButton({
  fetch,
  filename,
  testId,
}: {
  fetch: () => Promise<Blob>;
  filename: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: fetch,
    onSuccess: (blob) => downloadBlob(blob, filename),
  });
  return (
    <Stack gap="xs">
      <Button
        variant="default"
        onClick={() => download.mutate()}
        loading={download.isPending}
        data-testid={testId}
      >
        {t('dpo.csv')}
      </Button>
      <ProblemAlert error={download.error} testId={`${testId}-error`} />
    </Stack>
  );
}

/** A list's empty row. */
export function EmptyRow({ colSpan, text }: { colSpan: number; text: string }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text c="dimmed" size="sm">
          {text}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** The file name of a CSV download: the list and today's date. */
export const csvName = (list: string) => `${list}-${new Date().toISOString().slice(0, 10)}.csv`;

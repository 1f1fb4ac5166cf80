import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  Indicator,
  Loader,
  Popover,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { notificationsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { isNotificationKind } from '../api/types';
import type { AppNotification } from '../api/types';
import { formatDateTime, formatNumber } from '../lib/format';
import { ProblemAlert } from './ProblemAlert';

const POLL_MS = 60_000;

/** Kinds about cases and referrals (titles in locales/protection), beside the base ones. */
const CASE_KINDS = [
  'case_assigned',
  'case_task',
  'case_approval_requested',
  'case_approval_decided',
  'case_transfer_offered',
  'case_transfer_decided',
  'referral_received',
  'referral_updated',
  'referral_withdrawn',
] as const;
/** Referral notices meant for the receiving partner, who opens them in the inbox. */
const INBOX_KINDS: readonly string[] = ['referral_received', 'referral_withdrawn'];

/** The title key of a kind: its own when the app knows it, a generic one otherwise. */
export function notificationKindKey(kind: string): string {
  const known = isNotificationKind(kind) || (CASE_KINDS as readonly string[]).includes(kind);
  return `notifications.kinds.${known ? kind : 'other'}`;
}

/**
 * Where a notice leads. A notice carries a kind and record ids, never a name: the reader opens
 * the record, where access rules apply. A record without a page of its own leads through its
 * subject, which the API gives only when the reader may open it: a referral to its case (the
 * referring side), a separation request to its person's protection tab. A partner's referral
 * notice opens the referral in the inbox.
 */
export function notificationTarget(n: AppNotification): string | null {
  if (!n.entityId) return null;
  switch (n.entityType) {
    case 'person': {
      const tab = n.kind === 'record_shared' || n.kind === 'break_glass' ? '?tab=protection' : '';
      return `/persons/${n.entityId}${tab}`;
    }
    case 'case':
      return `/cases/${n.entityId}`;
    case 'referral':
      if (INBOX_KINDS.includes(n.kind))
        return `/referral-inbox?open=${encodeURIComponent(n.entityId)}`;
      return n.subjectId ? `/cases/${n.subjectId}` : null;
    case 'separation_request':
      return n.subjectId ? `/persons/${n.subjectId}?tab=protection` : null;
    case 'transfer_request':
      return '/transfer-requests';
    default:
      return null;
  }
}

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/** The header bell: unread count, and the list with mark-read. */
export function NotificationsBell() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, { toggle, close }] = useDisclosure(false);
  const notifications = useQuery({
    queryKey: queryKeys.notifications,
    queryFn: ({ signal }) => notificationsApi.list(signal),
    refetchInterval: POLL_MS,
  });
  const markRead = useMutation({
    mutationFn: (id: string) => notificationsApi.markRead(id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.notifications }),
  });

  const items = notifications.data?.items ?? [];
  const unread = items.filter((n) => n.readAt === null).length;
  const label =
    unread > 0
      ? t('notifications.bellUnread', { n: formatNumber(unread, i18n.language) })
      : t('notifications.bell');

  return (
    // The indicator wraps the popover: Popover.Target gives its child the ARIA popup attributes,
    // which belong on the button, not on the indicator's box.
    <Indicator
      label={unread > 99 ? '99+' : formatNumber(unread, i18n.language)}
      size={18}
      color="red"
      disabled={unread === 0}
      offset={4}
    >
      <Popover
        opened={opened}
        onChange={(o) => {
          if (!o) close();
        }}
        position="bottom-end"
        width={340}
        withinPortal
        trapFocus
        shadow="md"
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            size="lg"
            onClick={toggle}
            aria-label={label}
            data-testid="notifications-bell"
            data-unread={unread}
          >
            <BellIcon />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown aria-label={t('notifications.title')} role="dialog">
          <Stack gap="sm" data-testid="notifications-list">
            <Text fw={600}>{t('notifications.title')}</Text>
            <ProblemAlert
              error={notifications.error ?? markRead.error}
              testId="notifications-error"
            />
            {notifications.isPending && <Loader size="sm" />}
            {notifications.data && items.length === 0 && (
              <Text size="sm" c="dimmed" data-testid="notifications-empty">
                {t('notifications.empty')}
              </Text>
            )}
            {items.map((n) => {
              const target = notificationTarget(n);
              return (
                <Stack
                  key={n.id}
                  gap={4}
                  data-testid="notification"
                  data-read={n.readAt !== null || undefined}
                >
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm" fw={n.readAt === null ? 600 : 400}>
                      {t(notificationKindKey(n.kind))}
                    </Text>
                    {n.readAt === null && (
                      <Badge
                        size="xs"
                        color="red"
                        variant="light"
                        tt="none"
                        style={{ flexShrink: 0 }}
                      >
                        {t('notifications.unread')}
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.createdAt, i18n.language)}
                  </Text>
                  <Group gap="sm">
                    {target ? (
                      <Anchor
                        component={Link}
                        to={target}
                        size="sm"
                        onClick={() => {
                          if (n.readAt === null) markRead.mutate(n.id);
                          close();
                        }}
                        data-testid="notification-open"
                      >
                        {t('notifications.open')}
                      </Anchor>
                    ) : (
                      n.entityType === 'separation_request' && (
                        <Text size="xs" c="dimmed">
                          {t('notifications.noLink')}
                        </Text>
                      )
                    )}
                    {n.readAt === null && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => markRead.mutate(n.id)}
                        loading={markRead.isPending && markRead.variables === n.id}
                        data-testid="notification-mark-read"
                      >
                        {t('notifications.markRead')}
                      </Button>
                    )}
                  </Group>
                </Stack>
              );
            })}
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}

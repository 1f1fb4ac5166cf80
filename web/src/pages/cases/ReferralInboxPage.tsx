import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { etagFromVersion } from '../../api/client';
import { DecisionForm, OutcomeForm } from '../../components/cases/AnswerForms';
import {
  casesKeys,
  inboxApi,
  isOneOf,
  REFERRAL_STATUSES,
  type InboxItem,
  type Snapshot,
} from '../../components/cases/api';
import { ReferralStatusBadge } from '../../components/cases/shared';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, formatDay } from '../../lib/format';

/**
 * A service partner's incoming referrals. The list carries no personal data; opening one shows
 * only the fields the caseworker chose to share (each opening is audited). The partner accepts or
 * declines, and records the outcome.
 */
export function ReferralInboxPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status') ?? '';
  const status = isOneOf(REFERRAL_STATUSES, statusParam) ? statusParam : undefined;
  const openId = params.get('open');
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const inbox = useQuery({
    queryKey: casesKeys.inboxList(status ?? ''),
    queryFn: ({ signal }) => inboxApi.list(status, signal),
  });
  const items = [...(inbox.data?.items ?? [])].sort((a, b) =>
    b.referredAt.localeCompare(a.referredAt),
  );

  return (
    <Stack gap="md">
      <Title order={1}>{t('cases.inbox.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('cases.inbox.explanation')}
      </Text>
      <Group align="flex-end">
        <NativeSelect
          label={t('cases.inbox.status')}
          value={status ?? ''}
          onChange={(e) => set('status', e.currentTarget.value)}
          data-testid="inbox-filter-status"
        >
          <option value="">{t('cases.inbox.anyStatus')}</option>
          {REFERRAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`cases.referrals.statuses.${s}`)}
            </option>
          ))}
        </NativeSelect>
      </Group>
      <ProblemAlert error={inbox.error} />
      {inbox.isPending && <Loader size="sm" />}
      {inbox.data && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped data-testid="inbox-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.inbox.receivedAt')}</Table.Th>
                <Table.Th scope="col">{t('cases.services.serviceType')}</Table.Th>
                <Table.Th scope="col">{t('cases.referrals.urgency')}</Table.Th>
                <Table.Th scope="col">{t('cases.inbox.status')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('cases.inbox.none')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((r) => (
                <Table.Tr
                  key={r.id}
                  data-testid="inbox-row"
                  data-selected={r.id === openId || undefined}
                >
                  <Table.Td>{formatDateTime(r.referredAt, i18n.language)}</Table.Td>
                  <Table.Td>{t(`cases.services.types.${r.serviceType}`)}</Table.Td>
                  <Table.Td>
                    {r.urgency === 'urgent' ? (
                      <Badge color="red" variant="filled" tt="none">
                        {t('cases.referrals.urgencies.urgent')}
                      </Badge>
                    ) : (
                      t('cases.referrals.urgencies.normal')
                    )}
                  </Table.Td>
                  <Table.Td>
                    <ReferralStatusBadge status={r.status} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant={r.id === openId ? 'filled' : 'default'}
                      onClick={() => set('open', r.id)}
                      aria-pressed={r.id === openId}
                      data-testid="inbox-open"
                    >
                      {t('cases.inbox.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {openId && <InboxDetail key={openId} id={openId} onClose={() => set('open', null)} />}
    </Stack>
  );
}

function InboxDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const item = useQuery({
    queryKey: casesKeys.inboxItem(id),
    queryFn: ({ signal }) => inboxApi.get(id, signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: casesKeys.inbox });
  const r = item.data;
  return (
    <Paper withBorder p="md" data-testid="inbox-detail" aria-labelledby="inbox-detail-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" id="inbox-detail-title">
              {r ? t(`cases.services.types.${r.serviceType}`) : t('cases.inbox.referral')}
            </Title>
            {r && (
              <Text size="sm" c="dimmed">
                {t('cases.inbox.receivedOn', { at: formatDateTime(r.referredAt, i18n.language) })}
              </Text>
            )}
          </Stack>
          <Group gap="xs">
            {r && <ReferralStatusBadge status={r.status} />}
            <Button size="xs" variant="subtle" onClick={onClose} data-testid="inbox-close">
              {t('common.close')}
            </Button>
          </Group>
        </Group>
        <ProblemAlert error={item.error} />
        {item.isPending && <Loader size="sm" />}
        {r && (
          <>
            <SnapshotView item={r} />
            {r.decidedAt && (
              <Text size="sm" data-testid="inbox-decision">
                {t(
                  r.status === 'declined'
                    ? 'cases.referrals.declinedAt'
                    : 'cases.referrals.acceptedAt',
                  { at: formatDateTime(r.decidedAt, i18n.language) },
                )}
                {r.declineReason && ` — ${t(`cases.referrals.declineReasons.${r.declineReason}`)}`}
                {r.decisionNote && (
                  <>
                    {' — '}
                    <span dir="auto">{r.decisionNote}</span>
                  </>
                )}
              </Text>
            )}
            {r.outcome && (
              <Text size="sm" fw={500} data-testid="inbox-outcome">
                {t('cases.referrals.outcomeLine', {
                  result: t(`cases.referrals.outcomes.${r.outcome.result}`),
                  on: formatDay(r.outcome.on, i18n.language),
                })}
                {r.outcome.note && (
                  <>
                    {' — '}
                    <span dir="auto">{r.outcome.note}</span>
                  </>
                )}
              </Text>
            )}
            {r.status === 'pending' && (
              <DecisionForm
                send={(body) => inboxApi.decide(r.id, body, etagFromVersion(r.version))}
                onDone={() => void refresh()}
                onReload={() => void refresh()}
                testId="inbox-decision-form"
              />
            )}
            {r.status === 'accepted' && (
              <OutcomeForm
                send={(body) => inboxApi.outcome(r.id, body, etagFromVersion(r.version))}
                onDone={() => void refresh()}
                onReload={() => void refresh()}
                testId="inbox-outcome-form"
              />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** Exactly the shared fields, as frozen when the referral was made. */
function SnapshotView({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  if (item.snapshot === null)
    return (
      <Alert color="gray" data-testid="inbox-withdrawn">
        {t('cases.inbox.withdrawn')}
      </Alert>
    );
  const s: Snapshot = item.snapshot;
  const rows: [string, ReactNode][] = [];
  const none = (
    <Text span c="dimmed">
      —
    </Text>
  );
  for (const field of item.fields) {
    const label = t(`cases.referrals.fields.${field}`);
    switch (field) {
      case 'names':
        rows.push([
          label,
          s.names?.length
            ? s.names.map((n, i) => (
                <div key={i} dir="auto">
                  {[n.given, n.middle, n.family].filter(Boolean).join(' ')}
                </div>
              ))
            : none,
        ]);
        break;
      case 'sex':
        rows.push([label, s.sex ? t(`persons.sexes.${s.sex}`, { defaultValue: s.sex }) : none]);
        break;
      case 'birthYear':
        rows.push([label, s.birthYear ?? none]);
        break;
      case 'nationalities':
        rows.push([label, s.nationalities?.length ? s.nationalities.join(', ') : none]);
        break;
      case 'languages':
        rows.push([label, s.languages?.length ? s.languages.join(', ') : none]);
        break;
      case 'specificNeeds':
        rows.push([
          label,
          s.specificNeeds?.length
            ? s.specificNeeds.map((n) => [n.code, n.subCode].filter(Boolean).join('.')).join(', ')
            : none,
        ]);
        break;
      case 'contact':
        rows.push([
          label,
          s.contact
            ? [s.contact.phone, s.contact.email, s.contact.address].filter(Boolean).map((v) => (
                <div key={v} dir="auto">
                  {v}
                </div>
              ))
            : none,
        ]);
        break;
      case 'legalStatus':
        rows.push([
          label,
          s.legalStatus ? (
            <span dir="auto">
              {t(`legalStatus.codes.${s.legalStatus.status}`, {
                defaultValue: s.legalStatus.status,
              })}{' '}
              ({s.legalStatus.grantedBy}, {s.legalStatus.from})
            </span>
          ) : (
            none
          ),
        ]);
        break;
      case 'summary':
        rows.push([
          label,
          <Text key="summary" size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
            {s.summary}
          </Text>,
        ]);
        break;
    }
  }
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('cases.inbox.sharedOnly')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} data-testid="inbox-snapshot">
        {rows.map(([label, value]) => (
          <div key={label}>
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text size="sm" component="div">
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

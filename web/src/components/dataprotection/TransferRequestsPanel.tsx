import {
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../lib/format';
import { fieldErrors } from '../../lib/errors';
import { useCurrentUser } from '../MeContext';
import { Pager } from '../Pager';
import { ProblemAlert } from '../ProblemAlert';
import { downloadBlob } from '../registry/transferApi';
import {
  dpoApi,
  dpoKeys,
  isOneOf,
  TRANSFER_REQUEST_STATUSES,
  type TransferRequest,
  type TransferRequestQuery,
} from './api';
import { EmptyRow, ShortId, TransferRequestBadge, useAbilities } from './shared';

const PAGE_SIZE = 50;

/**
 * Transfer requests: approvers (and the data-protection officer) see every request and decide the
 * pending ones; anyone else sees their own and downloads a request once it is approved.
 */
export function TransferRequestsPanel() {
  const { t, i18n } = useTranslation();
  const can = useAbilities();
  const approver = can('transfers.approve');
  // All statuses: an approver is often also a requester waiting to download an approved file.
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const query: TransferRequestQuery = { limit: PAGE_SIZE, offset };
  if (isOneOf(TRANSFER_REQUEST_STATUSES, status)) query.status = status;
  const list = useQuery({
    queryKey: dpoKeys.requestList(query),
    queryFn: ({ signal }) => dpoApi.transferRequests(query, signal),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t(approver ? 'dpo.requests.explanationApprover' : 'dpo.requests.explanationRequester')}
      </Text>
      <Group align="flex-end">
        <NativeSelect
          label={t('dpo.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.currentTarget.value);
            setOffset(0);
          }}
          data-testid="requests-status"
        >
          <option value="">{t('dpo.any')}</option>
          {TRANSFER_REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`dpo.requests.statuses.${s}`)}
            </option>
          ))}
        </NativeSelect>
      </Group>
      <ProblemAlert error={list.error} />
      {list.isPending && <Loader size="sm" />}
      {list.data && (
        <Table.ScrollContainer minWidth={900}>
          <Table data-testid="requests-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('dpo.requests.requestedAt')}</Table.Th>
                <Table.Th scope="col">{t('dpo.recipient')}</Table.Th>
                <Table.Th scope="col">{t('dpo.purpose')}</Table.Th>
                <Table.Th scope="col">{t('dpo.categoriesLabel')}</Table.Th>
                <Table.Th scope="col">{t('dpo.requests.persons')}</Table.Th>
                <Table.Th scope="col">{t('dpo.requests.approvals')}</Table.Th>
                <Table.Th scope="col" miw={130}>
                  {t('dpo.status')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && <EmptyRow colSpan={7} text={t('dpo.requests.none')} />}
              {items.map((r) => (
                <RequestLines key={r.id} request={r} language={i18n.language} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.data && (
        <Pager offset={offset} pageSize={PAGE_SIZE} total={list.data.total} onChange={setOffset} />
      )}
    </Stack>
  );
}

function RequestLines({ request: r, language }: { request: TransferRequest; language: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser().user.id;
  const approver = useAbilities()('transfers.approve');
  const decided = r.approvals.some((a) => a.approverId === me);
  const mayDecide = approver && r.status === 'pending' && r.requestedBy !== me && !decided;
  const mayDownload = r.requestedBy === me && r.status === 'approved';
  const approved = r.approvals.filter((a) => a.decision === 'approved').length;
  return (
    <>
      <Table.Tr data-testid="request-row" data-id={r.id} data-status={r.status}>
        <Table.Td>
          {formatDateTime(r.requestedAt, language)}
          <Text size="xs" c="dimmed">
            {t('dpo.requests.by')} <ShortId id={r.requestedBy} />
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm" dir="auto">
            {r.recipient}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`dpo.recipientTypes.${r.recipientType}`)} · {t(`dpo.legalBases.${r.legalBasis}`)}
          </Text>
        </Table.Td>
        <Table.Td dir="auto">{r.purpose}</Table.Td>
        <Table.Td>
          {r.categories
            .map((c) => t(`dpo.categories.${c}`, { defaultValue: c }))
            .join(t('common.listSeparator'))}
          {r.consentMissing > 0 && (
            <Text size="xs" c="red.9">
              {t('dpo.transfers.withoutConsent', { count: r.consentMissing })}
            </Text>
          )}
        </Table.Td>
        <Table.Td>{formatNumber(r.personIds.length, language)}</Table.Td>
        <Table.Td data-testid="request-approvals">
          {r.approvalsRequired > 0
            ? t('dpo.requests.approvalCount', { done: approved, required: r.approvalsRequired })
            : t('dpo.requests.noApprovalNeeded')}
        </Table.Td>
        <Table.Td>
          <TransferRequestBadge status={r.status} />
        </Table.Td>
      </Table.Tr>
      {(mayDecide || mayDownload || r.approvals.length > 0) && (
        <Table.Tr>
          <Table.Td colSpan={7}>
            <Stack gap="xs">
              {r.approvals.map((a) => (
                <Text key={a.approverId} size="sm" data-testid="request-decision">
                  {t(`dpo.requests.decisions.${a.decision}`)} · <ShortId id={a.approverId} /> ·{' '}
                  {formatDateTime(a.decidedAt, language)}
                  {a.note && (
                    <>
                      {' — '}
                      <span dir="auto">{a.note}</span>
                    </>
                  )}
                </Text>
              ))}
              {mayDecide && <DecideForm request={r} />}
              {mayDownload && <DownloadButton request={r} />}
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

function DecideForm({ request }: { request: TransferRequest }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') =>
      dpoApi.decide(request.id, note.trim() ? { decision, note: note.trim() } : { decision }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: dpoKeys.requests }),
  });
  const errors = fieldErrors(decide.error);
  return (
    <Paper withBorder p="sm" data-testid="request-decide">
      <Stack gap="xs">
        <ProblemAlert error={decide.error} fields={['note']} testId="request-decide-error" />
        <Textarea
          label={t('dpo.requests.note')}
          dir="auto"
          autosize
          minRows={1}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={errors.note}
          data-testid="request-note"
        />
        <Group justify="flex-end" gap="xs">
          <Button
            variant="default"
            color="red"
            onClick={() => decide.mutate('reject')}
            loading={decide.isPending && decide.variables === 'reject'}
            data-testid="request-reject"
          >
            {t('dpo.requests.reject')}
          </Button>
          <Button
            onClick={() => decide.mutate('approve')}
            loading={decide.isPending && decide.variables === 'approve'}
            data-testid="request-approve"
          >
            {t('dpo.requests.approve')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The requester's one download: it is the transfer, written when the file is made. */
function DownloadButton({ request }: { request: TransferRequest }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const download = useMutation({
    mutationFn: () => dpoApi.downloadRequest(request.id),
    onSuccess: ({ blob, filename }) => {
      downloadBlob(blob, filename);
      void queryClient.invalidateQueries({ queryKey: dpoKeys.requests });
    },
  });
  return (
    <Group gap="sm">
      <Button
        onClick={() => download.mutate()}
        loading={download.isPending}
        data-testid="request-download"
      >
        {t('dpo.requests.download')}
      </Button>
      <Text size="sm" c="dimmed">
        {t('dpo.requests.downloadOnce')}
      </Text>
      <ProblemAlert error={download.error} testId="request-download-error" />
    </Group>
  );
}

import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { etagFromVersion } from '../../api/client';
import { fieldErrors } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useCurrentUser, useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import {
  casesApi,
  casesKeys,
  CLOSURE_REASONS,
  isOneOf,
  type Approval,
  type ApprovalRequest,
  type CaseDetail,
  type ClosureReason,
} from './api';
import { UserLabel } from './shared';

const STATUS_COLORS: Record<Approval['status'], string> = {
  pending: 'yellow',
  approved: 'green',
  rejected: 'red',
  used: 'gray',
};

/** Plan and closure requests, and a supervisor's decision on them (never on their own request). */
export function CaseApprovals({ kase, canWork }: { kase: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const approvals = [...kase.approvals].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  return (
    <Stack gap="sm" data-testid="case-approvals">
      <Title order={2} size="h3">
        {t('cases.approvals.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('cases.approvals.explanation')}
      </Text>
      {canWork && kase.status !== 'closed' && <RequestApprovalForm kase={kase} />}
      {approvals.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('cases.approvals.none')}
        </Text>
      )}
      {approvals.map((a) => (
        <ApprovalCard key={a.id} kase={kase} approval={a} canWork={canWork} />
      ))}
    </Stack>
  );
}

function ApprovalCard({
  kase,
  approval: a,
  canWork,
}: {
  kase: CaseDetail;
  approval: Approval;
  canWork: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useCurrentUser().user.id;
  const canApprove = useHasAbility('cases.approve');
  const [note, setNote] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: casesKeys.all });
  const decide = useMutation({
    mutationFn: (decision: 'approved' | 'rejected') =>
      casesApi.decideApproval(
        kase.id,
        a.id,
        note.trim() ? { decision, note: note.trim() } : { decision },
        etagFromVersion(a.version),
      ),
    onSuccess: () => void refresh(),
  });
  const errors = fieldErrors(decide.error);
  const mayDecide = canWork && canApprove && a.status === 'pending' && a.requestedBy !== me;
  const stalePlan =
    a.kind === 'plan' && a.planVersion !== null && a.planVersion !== kase.planVersion;

  return (
    <Paper withBorder p="sm" data-testid="case-approval" data-kind={a.kind} data-status={a.status}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Text fw={600}>
              {t(`cases.approvals.kinds.${a.kind}`)}
              {a.kind === 'plan' &&
                a.planVersion !== null &&
                ` · ${t('cases.plan.version', { n: a.planVersion })}`}
              {a.closureReason && ` · ${t(`cases.approvals.closureReasons.${a.closureReason}`)}`}
            </Text>
            <Text size="sm" c="dimmed">
              {t('cases.approvals.requestedBy')} <UserLabel userId={a.requestedBy} /> ·{' '}
              {formatDateTime(a.requestedAt, i18n.language)}
              {a.approverId && (
                <>
                  {' · '}
                  {t('cases.approvals.askedOf')} <UserLabel userId={a.approverId} />
                </>
              )}
            </Text>
            {a.note && (
              <Text size="sm" dir="auto">
                {a.note}
              </Text>
            )}
          </Stack>
          <Badge
            color={STATUS_COLORS[a.status]}
            variant="light"
            tt="none"
            data-testid="case-approval-status"
          >
            {t(`cases.approvals.statuses.${a.status}`)}
          </Badge>
        </Group>
        {a.decidedAt && (
          <Text size="sm">
            {t('cases.approvals.decidedBy')} <UserLabel userId={a.decidedBy} /> ·{' '}
            {formatDateTime(a.decidedAt, i18n.language)}
            {a.decisionNote && (
              <>
                {' — '}
                <span dir="auto">{a.decisionNote}</span>
              </>
            )}
          </Text>
        )}
        {a.status === 'pending' && stalePlan && (
          <Text size="sm" c="orange.8">
            {t('cases.approvals.stalePlan')}
          </Text>
        )}
        {a.status === 'pending' && canApprove && a.requestedBy === me && (
          <Text size="sm" c="dimmed">
            {t('cases.approvals.ownRequest')}
          </Text>
        )}
        {mayDecide && (
          <form
            noValidate
            onSubmit={(event) => event.preventDefault()}
            data-testid="case-approval-decision"
          >
            <Stack gap="xs">
              <ProblemAlert
                error={decide.error}
                fields={['note']}
                onReload={() => {
                  decide.reset();
                  void refresh();
                }}
              />
              <Textarea
                label={t('cases.approvals.decisionNote')}
                dir="auto"
                autosize
                minRows={1}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={errors.note}
                data-testid="case-approval-note"
              />
              <Group justify="flex-end" gap="xs">
                <Button
                  color="red"
                  variant="light"
                  onClick={() => decide.mutate('rejected')}
                  loading={decide.isPending && decide.variables === 'rejected'}
                  data-testid="case-approval-reject"
                >
                  {t('cases.approvals.reject')}
                </Button>
                <Button
                  color="green"
                  onClick={() => decide.mutate('approved')}
                  loading={decide.isPending && decide.variables === 'approved'}
                  data-testid="case-approval-approve"
                >
                  {t('cases.approvals.approve')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function RequestApprovalForm({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'plan' | 'closure'>('plan');
  const [reason, setReason] = useState<ClosureReason>('objectives_met');
  const [note, setNote] = useState('');
  const [approverId, setApproverId] = useState('');
  const request = useMutation({
    mutationFn: () => {
      const body: ApprovalRequest = { kind };
      if (kind === 'closure') body.closureReason = reason;
      if (note.trim()) body.note = note.trim();
      if (approverId.trim()) body.approverId = approverId.trim();
      return casesApi.requestApproval(kase.id, body);
    },
    onSuccess: () => {
      setNote('');
      void queryClient.invalidateQueries({ queryKey: casesKeys.all });
    },
  });
  const errors = fieldErrors(request.error);
  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          request.mutate();
        }}
        data-testid="approval-form"
      >
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('cases.approvals.request')}
          </Title>
          <ProblemAlert
            error={request.error}
            fields={['kind', 'closureReason', 'note', 'approverId']}
            testId="approval-error"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('cases.approvals.kind')}
              value={kind}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (v === 'plan' || v === 'closure') setKind(v);
              }}
              error={errors.kind}
              data-testid="approval-kind"
            >
              <option value="plan">{t('cases.approvals.kinds.plan')}</option>
              <option value="closure">{t('cases.approvals.kinds.closure')}</option>
            </NativeSelect>
            {kind === 'closure' && (
              <NativeSelect
                label={t('cases.approvals.closureReason')}
                required
                value={reason}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  if (isOneOf(CLOSURE_REASONS, v)) setReason(v);
                }}
                error={errors.closureReason}
                data-testid="approval-closure-reason"
              >
                {CLOSURE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`cases.approvals.closureReasons.${r}`)}
                  </option>
                ))}
              </NativeSelect>
            )}
            <TextInput
              label={t('cases.approvals.approver')}
              description={t('cases.approvals.approverHint')}
              dir="ltr"
              value={approverId}
              onChange={(e) => setApproverId(e.currentTarget.value)}
              error={errors.approverId}
              data-testid="approval-approver"
            />
          </SimpleGrid>
          <Textarea
            label={t('cases.approvals.note')}
            dir="auto"
            autosize
            minRows={1}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            data-testid="approval-note"
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              variant="light"
              loading={request.isPending}
              data-testid="approval-submit"
            >
              {t('cases.approvals.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { etagFromVersion, isApiError } from '../../api/client';
import { fieldErrors } from '../../lib/errors';
import { useCurrentUser } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import {
  CASE_CATEGORIES,
  casesApi,
  casesKeys,
  isOneOf,
  PRIORITIES,
  type CaseCategory,
  type CaseDetail,
  type CasePriority,
  type CaseState,
  type UpdateCaseRequest,
} from './api';
import { AssigneeSelect } from './AssigneeSelect';
import { StateBadge, UserLabel, useAgencyName } from './shared';

/** Why a move the workflow allows may still be refused, to say before the user tries. */
function moveHint(kase: CaseDetail, to: CaseState, planApprovalRequired: boolean): string | null {
  if (
    to === 'closed' &&
    !kase.approvals.some((a) => a.kind === 'closure' && a.status === 'approved')
  )
    return 'cases.workflow.needsClosureApproval';
  if (
    to === 'implementation' &&
    planApprovalRequired &&
    !kase.approvals.some(
      (a) => a.kind === 'plan' && a.status === 'approved' && a.planVersion === kase.planVersion,
    )
  )
    return 'cases.workflow.needsPlanApproval';
  return null;
}

/** The case's state with the moves the workflow allows, its assignee, priority and category. */
export function CaseStatePanel({ kase, canWork }: { kase: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const agencyName = useAgencyName();
  const workflow = useQuery({
    queryKey: casesKeys.workflow,
    queryFn: ({ signal }) => casesApi.workflow(signal),
    staleTime: 60_000,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: casesKeys.all });
  const move = useMutation({
    mutationFn: (status: CaseState) =>
      casesApi.update(kase.id, { status }, etagFromVersion(kase.version)),
    onSuccess: () => void refresh(),
  });
  const allowed = workflow.data?.transitions[kase.status] ?? [];
  const refused = isApiError(move.error) && move.error.status === 409 ? move.error : null;
  const refusal = refused ? (fieldErrors(refused).status ?? refused.message) : null;

  return (
    <Paper withBorder p="md" data-testid="case-state-panel">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t('cases.state')}
            </Text>
            <Group gap="xs">
              <StateBadge state={kase.status} testId="case-state" />
              {kase.pendingTransfer && (
                <Text size="sm" c="orange.8" data-testid="case-transfer-pending">
                  {t('cases.transfers.pendingTo', {
                    agency: agencyName(kase.pendingTransfer.toAgencyId),
                  })}
                </Text>
              )}
            </Group>
          </Stack>
          <SimpleGrid cols={2} spacing="lg">
            <div>
              <Text size="sm" c="dimmed">
                {t('cases.assignee')}
              </Text>
              <Text size="sm" data-testid="case-assignee">
                <UserLabel userId={kase.assigneeId} />
              </Text>
            </div>
            <div>
              <Text size="sm" c="dimmed">
                {t('cases.agency')}
              </Text>
              <Text size="sm" dir="auto">
                {agencyName(kase.agencyId)}
              </Text>
            </div>
          </SimpleGrid>
        </Group>
        {canWork && (
          <Stack gap="xs">
            <Title order={2} size="h5">
              {t('cases.workflow.moveTo')}
            </Title>
            <ProblemAlert error={workflow.error} />
            {refusal && (
              <Alert
                color="red"
                role="alert"
                title={t('cases.workflow.refused', {
                  state: t(`cases.states.${move.variables ?? kase.status}`),
                })}
                data-testid="case-move-refused"
              >
                <Text size="sm">{refusal}</Text>
              </Alert>
            )}
            {!refusal && (
              <ProblemAlert
                error={move.error}
                onReload={() => {
                  move.reset();
                  void refresh();
                }}
                testId="case-move-error"
              />
            )}
            <Group gap="xs" data-testid="case-transitions">
              {allowed.length === 0 && workflow.data && (
                <Text size="sm" c="dimmed">
                  {t('cases.workflow.noMoves')}
                </Text>
              )}
              {allowed.map((to) => {
                const hint = workflow.data
                  ? moveHint(kase, to, workflow.data.planApprovalRequired)
                  : null;
                return (
                  <Stack key={to} gap={2}>
                    <Button
                      variant={to === 'closed' ? 'default' : 'light'}
                      onClick={() => move.mutate(to)}
                      loading={move.isPending && move.variables === to}
                      disabled={move.isPending}
                      data-testid={`case-move-${to}`}
                    >
                      {t('cases.workflow.moveButton', { state: t(`cases.states.${to}`) })}
                    </Button>
                    {hint && (
                      <Text size="xs" c="dimmed" maw={220}>
                        {t(hint)}
                      </Text>
                    )}
                  </Stack>
                );
              })}
            </Group>
          </Stack>
        )}
        {canWork && <CaseSettings key={kase.version} kase={kase} />}
      </Stack>
    </Paper>
  );
}

/** Reassigning, and priority and category. */
function CaseSettings({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useCurrentUser().user.id;
  const [assignee, setAssignee] = useState('');
  const [priority, setPriority] = useState<CasePriority>(kase.priority);
  const [category, setCategory] = useState<CaseCategory>(kase.category);
  const refresh = () => queryClient.invalidateQueries({ queryKey: casesKeys.all });
  const save = useMutation({
    mutationFn: (body: UpdateCaseRequest) =>
      casesApi.update(kase.id, body, etagFromVersion(kase.version)),
    onSuccess: () => {
      setAssignee('');
      void refresh();
    },
  });
  const errors = fieldErrors(save.error);
  const changed: UpdateCaseRequest = {};
  if (priority !== kase.priority) changed.priority = priority;
  if (category !== kase.category) changed.category = category;

  return (
    <Stack gap="xs">
      <ProblemAlert
        error={save.error}
        fields={['assigneeId', 'priority', 'category']}
        onReload={() => {
          save.reset();
          void refresh();
        }}
        testId="case-settings-error"
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (assignee) save.mutate({ assigneeId: assignee });
          }}
        >
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <AssigneeSelect
              caseId={kase.id}
              label={t('cases.assignTo')}
              emptyLabel={t('cases.chooseColleague')}
              value={assignee}
              onChange={setAssignee}
              error={errors.assigneeId}
              testId="case-assign-to"
            />
            <Button
              type="submit"
              variant="default"
              disabled={!assignee || assignee === kase.assigneeId}
              data-testid="case-assign"
            >
              {t('cases.assign')}
            </Button>
            {kase.assigneeId !== me && (
              <Button
                variant="subtle"
                onClick={() => save.mutate({ assigneeId: me })}
                data-testid="case-assign-me"
              >
                {t('cases.assignMe')}
              </Button>
            )}
          </Group>
        </form>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (Object.keys(changed).length) save.mutate(changed);
          }}
        >
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <NativeSelect
              label={t('cases.priority')}
              value={priority}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isOneOf(PRIORITIES, v)) setPriority(v);
              }}
              error={errors.priority}
              data-testid="case-priority"
            >
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`cases.priorities.${p}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('cases.category')}
              value={category}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isOneOf(CASE_CATEGORIES, v)) setCategory(v);
              }}
              error={errors.category}
              data-testid="case-category"
            >
              {CASE_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`cases.categories.${c}`)}
                </option>
              ))}
            </NativeSelect>
            <Button
              type="submit"
              variant="default"
              disabled={Object.keys(changed).length === 0}
              loading={save.isPending && save.variables?.assigneeId === undefined}
              data-testid="case-settings-save"
            >
              {t('common.save')}
            </Button>
          </Group>
        </form>
      </SimpleGrid>
    </Stack>
  );
}

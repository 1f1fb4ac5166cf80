import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { etagFromVersion } from '../../api/client';
import { fieldErrors } from '../../lib/errors';
import { formatDay } from '../../lib/format';
import { ProblemAlert } from '../ProblemAlert';
import {
  casesApi,
  casesKeys,
  GOAL_STATUSES,
  isOneOf,
  type CaseDetail,
  type Goal,
  type GoalPatch,
  type Task,
  type TaskPatch,
} from './api';
import { AddGoalForm, AddTaskForm } from './CasePlanForms';
import { UserLabel } from './shared';

const GOAL_COLORS: Record<Goal['status'], string> = {
  open: 'blue',
  achieved: 'green',
  dropped: 'gray',
};

/** The case plan: goals with their actions, and the case's other tasks and follow-ups. */
export function CasePlan({ kase, canWork }: { kase: CaseDetail; canWork: boolean }) {
  const { t } = useTranslation();
  const editable = canWork && kase.status !== 'closed';
  const loose = kase.tasks.filter((task) => task.goalId === null);
  return (
    <Stack gap="lg">
      <Stack gap="sm" data-testid="case-goals">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h3">
            {t('cases.plan.goals')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('cases.plan.version', { n: kase.planVersion })}
          </Text>
        </Group>
        {kase.goals.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('cases.plan.noGoals')}
          </Text>
        )}
        {kase.goals.map((goal) => (
          <GoalCard
            key={goal.id}
            kase={kase}
            goal={goal}
            tasks={kase.tasks.filter((task) => task.goalId === goal.id)}
            editable={editable}
          />
        ))}
        {editable && <AddGoalForm caseId={kase.id} />}
      </Stack>
      <Stack gap="sm" data-testid="case-tasks">
        <Title order={2} size="h3">
          {t('cases.plan.tasks')}
        </Title>
        <TaskTable kase={kase} tasks={loose} editable={editable} />
        {editable && <AddTaskForm kase={kase} />}
      </Stack>
    </Stack>
  );
}

function GoalCard({
  kase,
  goal,
  tasks,
  editable,
}: {
  kase: CaseDetail;
  goal: Goal;
  tasks: Task[];
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (body: GoalPatch) =>
      casesApi.updateGoal(kase.id, goal.id, body, etagFromVersion(goal.version)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: casesKeys.detail(kase.id) }),
  });
  return (
    <Paper withBorder p="sm" data-testid="case-goal">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text fw={600} dir="auto" data-testid="case-goal-description">
              {goal.description}
            </Text>
            {goal.targetOn && (
              <Text size="sm" c="dimmed">
                {t('cases.plan.targetOnValue', { on: formatDay(goal.targetOn, i18n.language) })}
              </Text>
            )}
          </Stack>
          <Group gap="xs" wrap="nowrap">
            <Badge color={GOAL_COLORS[goal.status]} variant="light" tt="none">
              {t(`cases.plan.goalStatuses.${goal.status}`)}
            </Badge>
            {editable && (
              <NativeSelect
                aria-label={t('cases.plan.goalStatus')}
                size="xs"
                value={goal.status}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  if (isOneOf(GOAL_STATUSES, v)) update.mutate({ status: v });
                }}
                data-testid="case-goal-status"
              >
                {GOAL_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`cases.plan.goalStatuses.${s}`)}
                  </option>
                ))}
              </NativeSelect>
            )}
          </Group>
        </Group>
        <ProblemAlert
          error={update.error}
          onReload={() => {
            update.reset();
            void queryClient.invalidateQueries({ queryKey: casesKeys.detail(kase.id) });
          }}
        />
        <TaskTable kase={kase} tasks={tasks} editable={editable} />
      </Stack>
    </Paper>
  );
}

function TaskTable({
  kase,
  tasks,
  editable,
}: {
  kase: CaseDetail;
  tasks: Task[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  if (tasks.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('cases.plan.noTasks')}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('cases.plan.title')}</Table.Th>
            <Table.Th scope="col">{t('cases.plan.kind')}</Table.Th>
            <Table.Th scope="col">{t('cases.assignee')}</Table.Th>
            <Table.Th scope="col">{t('cases.plan.dueOn')}</Table.Th>
            <Table.Th scope="col">{t('cases.plan.status')}</Table.Th>
            {editable && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <TaskRow key={task.id} caseId={kase.id} task={task} editable={editable} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function TaskRow({ caseId, task, editable }: { caseId: string; task: Task; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [dueOn, setDueOn] = useState(task.dueOn ?? '');
  const [editingDue, setEditingDue] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: casesKeys.detail(caseId) });
    void queryClient.invalidateQueries({ queryKey: casesKeys.myTasks });
  };
  const update = useMutation({
    mutationFn: (body: TaskPatch) =>
      casesApi.updateTask(caseId, task.id, body, etagFromVersion(task.version)),
    onSuccess: () => {
      setEditingDue(false);
      refresh();
    },
  });
  const errors = fieldErrors(update.error);
  return (
    <>
      <Table.Tr data-testid="case-task" data-overdue={task.overdue || undefined}>
        <Table.Td>
          <Text size="sm" dir="auto" data-testid="case-task-title">
            {task.title}
          </Text>
        </Table.Td>
        <Table.Td>{t(`cases.plan.kinds.${task.kind}`)}</Table.Td>
        <Table.Td>
          <UserLabel userId={task.assigneeId} />
        </Table.Td>
        <Table.Td>
          {task.dueOn ? formatDay(task.dueOn, i18n.language) : '—'}
          {task.overdue && (
            <Badge ms="xs" color="red" variant="light" tt="none" data-testid="case-task-overdue">
              {t('cases.tasks.overdue')}
            </Badge>
          )}
        </Table.Td>
        <Table.Td>
          <Badge
            color={task.status === 'done' ? 'green' : task.status === 'open' ? 'blue' : 'gray'}
            variant="light"
            tt="none"
            data-testid="case-task-status"
          >
            {t(`cases.plan.taskStatuses.${task.status}`)}
            {task.doneOn && ` · ${formatDay(task.doneOn, i18n.language)}`}
          </Badge>
        </Table.Td>
        {editable && (
          <Table.Td>
            <Group gap="xs" wrap="nowrap">
              {task.status === 'open' ? (
                <>
                  <Button
                    size="xs"
                    onClick={() => update.mutate({ status: 'done' })}
                    loading={update.isPending && update.variables?.status === 'done'}
                    data-testid="case-task-done"
                  >
                    {t('cases.plan.complete')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => setEditingDue((v) => !v)}
                    data-testid="case-task-edit-due"
                  >
                    {t('cases.plan.changeDue')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="gray"
                    onClick={() => update.mutate({ status: 'cancelled' })}
                    data-testid="case-task-cancel"
                  >
                    {t('cases.plan.cancelTask')}
                  </Button>
                </>
              ) : (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => update.mutate({ status: 'open' })}
                  data-testid="case-task-reopen"
                >
                  {t('cases.plan.reopenTask')}
                </Button>
              )}
            </Group>
          </Table.Td>
        )}
      </Table.Tr>
      {(editingDue || update.error) && (
        <Table.Tr>
          <Table.Td colSpan={editable ? 6 : 5}>
            <Stack gap="xs">
              <ProblemAlert
                error={update.error}
                fields={['dueOn']}
                onReload={() => {
                  update.reset();
                  refresh();
                }}
              />
              {editingDue && (
                <form
                  noValidate
                  onSubmit={(event) => {
                    event.preventDefault();
                    update.mutate({ dueOn: dueOn || null });
                  }}
                >
                  <Group align="flex-end" gap="xs">
                    <TextInput
                      type="date"
                      label={t('cases.plan.dueOn')}
                      value={dueOn}
                      onChange={(e) => setDueOn(e.currentTarget.value)}
                      error={errors.dueOn}
                      data-testid="case-task-due-input"
                    />
                    <Button type="submit" size="sm" data-testid="case-task-due-save">
                      {t('common.save')}
                    </Button>
                    <Button size="sm" variant="default" onClick={() => setEditingDue(false)}>
                      {t('common.cancel')}
                    </Button>
                  </Group>
                </form>
              )}
            </Stack>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

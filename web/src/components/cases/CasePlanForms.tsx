import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors } from '../../lib/errors';
import { useCurrentUser } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import {
  casesApi,
  casesKeys,
  isOneOf,
  TASK_KINDS,
  type CaseDetail,
  type GoalRequest,
  type TaskKind,
  type TaskRequest,
} from './api';
import { AssigneeSelect } from './AssigneeSelect';

/** The forms that add a goal to a case's plan, or a task or follow-up. */
export function AddGoalForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [description, setDescription] = useState('');
  const [targetOn, setTargetOn] = useState('');
  const add = useMutation({
    mutationFn: () => {
      const body: GoalRequest = { description: description.trim() };
      if (targetOn) body.targetOn = targetOn;
      return casesApi.addGoal(caseId, body);
    },
    onSuccess: () => {
      setDescription('');
      setTargetOn('');
      void queryClient.invalidateQueries({ queryKey: casesKeys.detail(caseId) });
    },
  });
  const errors = fieldErrors(add.error);
  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (description.trim()) add.mutate();
        }}
        data-testid="goal-form"
      >
        <Stack gap="xs">
          <ProblemAlert error={add.error} fields={['description', 'targetOn']} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Textarea
              label={t('cases.plan.newGoal')}
              required
              dir="auto"
              autosize
              minRows={1}
              style={{ gridColumn: 'span 2' }}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={errors.description}
              data-testid="goal-description"
            />
            <TextInput
              type="date"
              label={t('cases.plan.targetOn')}
              value={targetOn}
              onChange={(e) => setTargetOn(e.currentTarget.value)}
              error={errors.targetOn}
              data-testid="goal-target"
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button
              type="submit"
              variant="light"
              disabled={!description.trim()}
              loading={add.isPending}
              data-testid="goal-submit"
            >
              {t('cases.plan.addGoal')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function AddTaskForm({ kase }: { kase: CaseDetail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useCurrentUser().user.id;
  const [kind, setKind] = useState<TaskKind>('task');
  const [goalId, setGoalId] = useState('');
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [assignee, setAssignee] = useState(me);
  const openGoals = kase.goals.filter((g) => g.status === 'open');
  const add = useMutation({
    mutationFn: () => {
      const body: TaskRequest = { kind, title: title.trim() };
      if (goalId) body.goalId = goalId;
      if (dueOn) body.dueOn = dueOn;
      if (assignee) body.assigneeId = assignee;
      return casesApi.addTask(kase.id, body);
    },
    onSuccess: () => {
      setTitle('');
      setDueOn('');
      void queryClient.invalidateQueries({ queryKey: casesKeys.detail(kase.id) });
      void queryClient.invalidateQueries({ queryKey: casesKeys.myTasks });
    },
  });
  const errors = fieldErrors(add.error);
  return (
    <Paper withBorder p="sm">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (title.trim()) add.mutate();
        }}
        data-testid="task-form"
      >
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('cases.plan.newTask')}
          </Title>
          <ProblemAlert
            error={add.error}
            fields={['kind', 'goalId', 'title', 'dueOn', 'assigneeId']}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('cases.plan.kind')}
              value={kind}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isOneOf(TASK_KINDS, v)) setKind(v);
              }}
              error={errors.kind}
              data-testid="task-kind"
            >
              {TASK_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`cases.plan.kinds.${k}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('cases.plan.goal')}
              description={kind === 'action' ? t('cases.plan.actionNeedsGoal') : undefined}
              required={kind === 'action'}
              value={goalId}
              onChange={(e) => setGoalId(e.currentTarget.value)}
              error={errors.goalId}
              data-testid="task-goal"
            >
              <option value="">{t('cases.plan.noGoal')}</option>
              {openGoals.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.description.length > 60 ? `${g.description.slice(0, 60)}…` : g.description}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              type="date"
              label={t('cases.plan.dueOn')}
              value={dueOn}
              onChange={(e) => setDueOn(e.currentTarget.value)}
              error={errors.dueOn}
              data-testid="task-due"
            />
          </SimpleGrid>
          <TextInput
            label={t('cases.plan.title')}
            required
            dir="auto"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            data-testid="task-title"
          />
          <AssigneeSelect
            caseId={kase.id}
            label={t('cases.assignee')}
            emptyLabel={t('cases.nobody')}
            value={assignee}
            onChange={setAssignee}
            error={errors.assigneeId}
            testId="task-owner"
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              variant="light"
              disabled={!title.trim() || (kind === 'action' && !goalId)}
              loading={add.isPending}
              data-testid="task-submit"
            >
              {t('cases.plan.addTask')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

import { Anchor, Badge, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { etagFromVersion } from '../../api/client';
import { casesApi, casesKeys, type Task } from '../../components/cases/api';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDay, formatNumber } from '../../lib/format';

/** A caseworker's open tasks across their cases, overdue first (the server's order). */
export function MyTasksPage() {
  const { t, i18n } = useTranslation();
  const tasks = useQuery({
    queryKey: casesKeys.myTasks,
    queryFn: ({ signal }) => casesApi.myTasks(signal),
  });
  const items = tasks.data?.items ?? [];
  const overdue = items.filter((x) => x.overdue).length;
  return (
    <Stack gap="md">
      <Group gap="sm" align="center">
        <Title order={1}>{t('cases.tasks.title')}</Title>
        {overdue > 0 && (
          <Badge color="red" variant="filled" size="lg" tt="none" data-testid="my-tasks-overdue">
            {t('cases.tasks.overdueCount', { n: formatNumber(overdue, i18n.language) })}
          </Badge>
        )}
      </Group>
      <Text c="dimmed" size="sm">
        {t('cases.tasks.explanation')}
      </Text>
      <ProblemAlert error={tasks.error} />
      {tasks.isPending && <Loader size="sm" />}
      {tasks.data && items.length === 0 && (
        <Text c="dimmed" data-testid="my-tasks-empty">
          {t('cases.tasks.none')}
        </Text>
      )}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped data-testid="my-tasks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.plan.title')}</Table.Th>
                <Table.Th scope="col">{t('cases.plan.kind')}</Table.Th>
                <Table.Th scope="col">{t('cases.plan.dueOn')}</Table.Th>
                <Table.Th scope="col">{t('cases.tasks.case')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((task) => (
                <TaskRow key={task.id} task={task} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function TaskRow({ task }: { task: Task }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const canManage = useHasAbility('cases.manage');
  const done = useMutation({
    mutationFn: () =>
      casesApi.updateTask(task.caseId, task.id, { status: 'done' }, etagFromVersion(task.version)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: casesKeys.myTasks });
      void queryClient.invalidateQueries({ queryKey: casesKeys.detail(task.caseId) });
    },
  });
  return (
    <Table.Tr data-testid="my-task" data-overdue={task.overdue || undefined}>
      <Table.Td>
        <Text size="sm" dir="auto" data-testid="my-task-title">
          {task.title}
        </Text>
        {done.error ? (
          <ProblemAlert
            error={done.error}
            onReload={() => {
              done.reset();
              void queryClient.invalidateQueries({ queryKey: casesKeys.myTasks });
            }}
          />
        ) : null}
      </Table.Td>
      <Table.Td>{t(`cases.plan.kinds.${task.kind}`)}</Table.Td>
      <Table.Td>
        {task.dueOn ? formatDay(task.dueOn, i18n.language) : '—'}
        {task.overdue && (
          <Badge ms="xs" color="red" variant="light" tt="none" data-testid="my-task-overdue">
            {t('cases.tasks.overdue')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/cases/${task.caseId}`} data-testid="my-task-case">
          {t('cases.tasks.openCase')}
        </Anchor>
      </Table.Td>
      <Table.Td>
        {canManage && (
          <Button
            size="xs"
            onClick={() => done.mutate()}
            loading={done.isPending}
            data-testid="my-task-done"
          >
            {t('cases.plan.complete')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

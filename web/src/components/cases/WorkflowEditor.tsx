import { Alert, Button, Checkbox, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { etagFromVersion, isApiError } from '../../api/client';
import { ProblemAlert } from '../ProblemAlert';
import { casesApi, casesKeys, type CaseState, type Workflow, type WorkflowRequest } from './api';

const STATES: readonly CaseState[] = [
  'open',
  'assessment',
  'plan',
  'implementation',
  'review',
  'closed',
];

/** The server's problems with the transitions, by the state they are about. */
function problemsByState(error: unknown): Partial<Record<CaseState, string>> {
  const out: Partial<Record<CaseState, string>> = {};
  if (!isApiError(error)) return out;
  for (const e of error.fieldErrors) {
    const state = /^(?:body\.)?transitions\.(\w+)/.exec(e.field)?.[1] as CaseState | undefined;
    if (state && STATES.includes(state)) out[state] ??= e.message;
  }
  return out;
}

/**
 * The operation's case workflow, for an administrator: which moves each state allows, and
 * whether implementation waits for an approved plan. The server keeps the two rules no
 * configuration can lift (closing needs an approved closure request; every case can end).
 */
export function WorkflowEditor() {
  const { t } = useTranslation();
  const current = useQuery({
    queryKey: casesKeys.workflow,
    queryFn: ({ signal }) => casesApi.workflow(signal),
    staleTime: 0,
  });
  if (current.isPending) return <Loader size="sm" />;
  if (current.isError) return <ProblemAlert error={current.error} />;
  return (
    <Stack gap="sm">
      <Title order={2}>{t('cases.workflowEditor.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('cases.workflowEditor.intro')}
      </Text>
      <WorkflowForm key={current.data.version} workflow={current.data} />
    </Stack>
  );
}

function WorkflowForm({ workflow }: { workflow: Workflow }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<WorkflowRequest>({
    transitions: workflow.transitions,
    planApprovalRequired: workflow.planApprovalRequired,
  });
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => casesApi.saveWorkflow(draft, etagFromVersion(workflow.version)),
    onSuccess: () => {
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: casesKeys.workflow });
    },
  });
  const problems = problemsByState(save.error);
  const allows = (from: CaseState, to: CaseState) => (draft.transitions[from] ?? []).includes(to);
  const toggle = (from: CaseState, to: CaseState, on: boolean) => {
    setSaved(false);
    const rest = (draft.transitions[from] ?? []).filter((s) => s !== to);
    setDraft({
      ...draft,
      transitions: { ...draft.transitions, [from]: on ? [...rest, to] : rest },
    });
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <ProblemAlert
          error={save.error}
          fields={['transitions', 'planApprovalRequired']}
          onReload={() => {
            save.reset();
            void queryClient.invalidateQueries({ queryKey: casesKeys.workflow });
          }}
          testId="workflow-error"
        />
        {saved && (
          <Alert color="green" role="status" data-testid="workflow-saved">
            {t('common.saved')}
          </Alert>
        )}
        <Table withTableBorder layout="fixed" data-testid="workflow-table">
          <Table.Caption>{t('cases.workflowEditor.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('cases.workflowEditor.from')}</Table.Th>
              {STATES.map((to) => (
                <Table.Th key={to} scope="col">
                  {t(`cases.states.${to}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {STATES.map((from) => (
              <Table.Tr key={from}>
                <Table.Th scope="row">
                  {t(`cases.states.${from}`)}
                  {problems[from] && (
                    <Text size="xs" c="red.9" role="alert" data-testid={`workflow-problem-${from}`}>
                      {problems[from]}
                    </Text>
                  )}
                </Table.Th>
                {STATES.map((to) => (
                  <Table.Td key={to}>
                    {from !== to && (
                      <Checkbox
                        aria-label={t('cases.workflowEditor.move', {
                          from: t(`cases.states.${from}`),
                          to: t(`cases.states.${to}`),
                        })}
                        checked={allows(from, to)}
                        onChange={(e) => toggle(from, to, e.currentTarget.checked)}
                        data-testid={`workflow-${from}-${to}`}
                      />
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Checkbox
          label={t('cases.workflowEditor.planApprovalRequired')}
          checked={draft.planApprovalRequired}
          onChange={(e) => {
            setSaved(false);
            setDraft({ ...draft, planApprovalRequired: e.currentTarget.checked });
          }}
          data-testid="workflow-plan-approval"
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="workflow-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

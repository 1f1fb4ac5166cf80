import { NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { casesApi, casesKeys } from './api';

interface AssigneeSelectProps {
  caseId: string;
  label: string;
  /** The chosen user's id; '' for none chosen. */
  value: string;
  onChange: (userId: string) => void;
  /** What choosing nobody means here ("choose…" for a case, "nobody" for a task). */
  emptyLabel: string;
  error?: string;
  testId?: string;
}

/** A colleague the server would accept for this case or its tasks, by name. */
export function AssigneeSelect(props: AssigneeSelectProps) {
  const { t } = useTranslation();
  const assignees = useQuery({
    queryKey: casesKeys.assignees(props.caseId),
    queryFn: ({ signal }) => casesApi.assignees(props.caseId, signal),
  });
  return (
    <NativeSelect
      label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
      disabled={!assignees.data}
      data-testid={props.testId}
    >
      <option value="">{props.emptyLabel}</option>
      {(assignees.data?.items ?? []).map((a) => (
        <option key={a.id} value={a.id}>
          {a.isYou ? t('cases.assigneeYou', { name: a.displayName }) : a.displayName}
        </option>
      ))}
    </NativeSelect>
  );
}

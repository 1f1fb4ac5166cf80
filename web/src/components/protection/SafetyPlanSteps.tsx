import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { etagFromVersion } from '../../api/client';
import { separationApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queries';
import { isStepKind, STEP_KINDS } from '../../api/types';
import type {
  AddStepRequest,
  SafetyPlanStep,
  SeparationRequest,
  StepKind,
  UpdateStepRequest,
} from '../../api/types';
import { fieldErrors } from '../../lib/errors';
import { formatDay } from '../../lib/format';
import { isOverdue } from '../../lib/rights';
import { useCurrentUser } from '../MeContext';
import { OwnerPicker, ownerFromChoice, type OwnerChoice } from '../OwnerPicker';
import { ProblemAlert } from '../ProblemAlert';

interface StepRowProps {
  request: SeparationRequest;
  step: SafetyPlanStep;
  today: string;
  canEdit: boolean;
}

export function StepRow({ request, step, today, canEdit }: StepRowProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const overdue = isOverdue(step, today);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: queryKeys.separationRequests(request.personId) });
  const patch = useMutation({
    mutationFn: (body: UpdateStepRequest) =>
      separationApi.updateStep(request.id, step.id, body, etagFromVersion(step.version)),
    onSuccess: () => {
      setEditing(false);
      void refresh();
    },
  });

  return (
    <>
      <Table.Tr data-testid="safety-plan-step" data-overdue={overdue || undefined}>
        <Table.Td>
          {t(`protection.steps.kinds.${step.kind}`)}
          {step.note && (
            <Text size="xs" c="dimmed" dir="auto">
              {step.note}
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <OwnerLabel ownerId={step.ownerId} />
        </Table.Td>
        <Table.Td>
          {step.dueOn ? (
            <span className={overdue ? 'overdue' : undefined}>
              {formatDay(step.dueOn, i18n.language)}
              {overdue && (
                <Badge ms="xs" color="red" variant="light" tt="none" data-testid="step-overdue">
                  {t('protection.steps.overdue')}
                </Badge>
              )}
            </span>
          ) : (
            '—'
          )}
        </Table.Td>
        <Table.Td>
          {step.doneOn ? (
            <Badge color="green" variant="light" tt="none" data-testid="step-done">
              {formatDay(step.doneOn, i18n.language)}
            </Badge>
          ) : (
            '—'
          )}
        </Table.Td>
        {canEdit && (
          <Table.Td>
            <Group gap="xs" wrap="nowrap">
              {step.doneOn === null ? (
                <Button
                  size="xs"
                  onClick={() => patch.mutate({ doneOn: today })}
                  loading={patch.isPending && patch.variables?.doneOn !== undefined}
                  data-testid="step-mark-done"
                >
                  {t('protection.steps.markDone')}
                </Button>
              ) : (
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => patch.mutate({ doneOn: null })}
                  loading={patch.isPending && patch.variables?.doneOn !== undefined}
                  data-testid="step-reopen"
                >
                  {t('protection.steps.reopen')}
                </Button>
              )}
              <Button
                size="xs"
                variant="default"
                onClick={() => setEditing((e) => !e)}
                aria-expanded={editing}
                data-testid="step-edit"
              >
                {t('common.edit')}
              </Button>
            </Group>
          </Table.Td>
        )}
      </Table.Tr>
      {(editing || patch.error) && canEdit && (
        <Table.Tr>
          <Table.Td colSpan={5}>
            <ProblemAlert
              error={patch.error}
              onReload={() => {
                patch.reset();
                void refresh();
              }}
              testId="step-error"
            />
            {editing && (
              <StepEditor
                step={step}
                busy={patch.isPending}
                onSave={(body) => patch.mutate(body)}
                onCancel={() => setEditing(false)}
              />
            )}
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

interface StepEditorProps {
  step: SafetyPlanStep;
  busy: boolean;
  onSave: (body: UpdateStepRequest) => void;
  onCancel: () => void;
}

function StepEditor({ step, busy, onSave, onCancel }: StepEditorProps) {
  const { t } = useTranslation();
  const me = useCurrentUser().user.id;
  const [dueOn, setDueOn] = useState(step.dueOn ?? '');
  const [owner, setOwner] = useState<OwnerChoice>(() =>
    step.ownerId === null
      ? { kind: 'none', userId: '' }
      : step.ownerId === me
        ? { kind: 'me', userId: '' }
        : { kind: 'other', userId: step.ownerId },
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSave({ dueOn: dueOn || null, ownerId: ownerFromChoice(owner, me) });
      }}
      data-testid="step-editor"
    >
      <Group align="flex-end" gap="sm">
        <TextInput
          type="date"
          label={t('protection.steps.dueOn')}
          value={dueOn}
          onChange={(e) => setDueOn(e.currentTarget.value)}
          data-testid="step-edit-due"
        />
        <OwnerPicker value={owner} onChange={setOwner} testId="step-edit-owner" />
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={busy} data-testid="step-edit-save">
          {t('common.save')}
        </Button>
      </Group>
    </form>
  );
}

interface AddStepFormProps {
  request: SeparationRequest;
  onDone: () => void;
  onCancel: () => void;
}

export function AddStepForm({ request, onDone, onCancel }: AddStepFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useCurrentUser().user.id;
  const [kind, setKind] = useState<StepKind>('independent_accommodation');
  const [owner, setOwner] = useState<OwnerChoice>({ kind: 'me', userId: '' });
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');

  const add = useMutation({
    mutationFn: () => {
      const body: AddStepRequest = { kind };
      const ownerId = ownerFromChoice(owner, me);
      if (ownerId) body.ownerId = ownerId;
      if (dueOn) body.dueOn = dueOn;
      if (note.trim()) body.note = note.trim();
      return separationApi.addStep(request.id, body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({
        queryKey: queryKeys.separationRequests(request.personId),
      });
      onDone();
    },
  });
  const errors = fieldErrors(add.error);

  return (
    <Paper withBorder p="md" bg="gray.0">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
        data-testid="step-form"
      >
        <Stack gap="md">
          <ProblemAlert
            error={add.error}
            fields={['kind', 'ownerId', 'dueOn', 'note']}
            testId="step-form-error"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('protection.steps.kind')}
              required
              value={kind}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isStepKind(value)) setKind(value);
              }}
              error={errors.kind}
              data-testid="step-kind"
            >
              {STEP_KINDS.map((value) => (
                <option key={value} value={value}>
                  {t(`protection.steps.kinds.${value}`)}
                </option>
              ))}
            </NativeSelect>
            <OwnerPicker
              value={owner}
              onChange={setOwner}
              error={errors.ownerId}
              testId="step-owner"
            />
            <TextInput
              type="date"
              label={t('protection.steps.dueOn')}
              value={dueOn}
              onChange={(e) => setDueOn(e.currentTarget.value)}
              error={errors.dueOn}
              data-testid="step-due"
            />
          </SimpleGrid>
          <Textarea
            label={t('protection.steps.note')}
            dir="auto"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
            data-testid="step-note"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} data-testid="step-submit">
              {t('protection.steps.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function OwnerLabel({ ownerId }: { ownerId: string | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser().user.id;
  if (ownerId === null)
    return (
      <Text span c="dimmed">
        {t('protection.steps.unassigned')}
      </Text>
    );
  if (ownerId === me) return <>{t('protection.steps.ownerYou')}</>;
  return (
    <Text span ff="monospace" size="xs" dir="ltr" title={ownerId}>
      {t('protection.steps.ownerUser', { id: ownerId.slice(0, 8) })}
    </Text>
  );
}

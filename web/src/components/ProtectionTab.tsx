import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { etagFromVersion } from '../api/client';
import { separationApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import {
  isLeaving,
  isSeparationStatus,
  isStepKind,
  LEAVING_OPTIONS,
  SEPARATION_STATUSES,
  STEP_KINDS,
} from '../api/types';
import type {
  AddStepRequest,
  CreateSeparationRequest,
  Leaving,
  SafetyPlanStep,
  SeparationRequest,
  SeparationStatus,
  StepKind,
  UpdateStepRequest,
} from '../api/types';
import { fieldErrors } from '../lib/errors';
import { formatDateTime, formatDay } from '../lib/format';
import { isOverdue, localToday } from '../lib/rights';
import { useCurrentUser, useHasAbility } from './MeContext';
import { OwnerPicker, ownerFromChoice, type OwnerChoice } from './OwnerPicker';
import { ProblemAlert } from './ProblemAlert';
import { ShareRecordForm } from './ShareRecordForm';
import { WhereaboutsPanel } from './WhereaboutsPanel';

const STATUS_COLORS: Record<SeparationStatus, string> = {
  open: 'red',
  in_progress: 'orange',
  completed: 'green',
  withdrawn: 'gray',
};

/**
 * Protection: a request to leave a group, household or site (separation), its safety plan, the
 * person's whereabouts and who else may see the record. Filing a request restricts the record to
 * the users named on it, so whereabouts are shown only here.
 */
export function ProtectionTab({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const canRequest = useHasAbility('separation.request');
  const requests = useQuery({
    queryKey: queryKeys.separationRequests(personId),
    queryFn: ({ signal }) => separationApi.list(personId, signal),
  });

  const items = requests.data?.items ?? [];
  return (
    <Stack gap="lg">
      <ProblemAlert error={requests.error} />
      {requests.isPending && <Loader size="sm" />}
      {requests.data && items.length === 0 && !canRequest && (
        <Text c="dimmed" data-testid="separation-none">
          {t('protection.none')}
        </Text>
      )}
      {requests.data && items.length === 0 && canRequest && (
        <SeparationRequestForm personId={personId} />
      )}
      {items.map((request) => (
        <RequestCard key={request.id} request={request} canEdit={canRequest} />
      ))}
      {items.length > 0 && <WhereaboutsPanel personId={personId} canEdit={canRequest} />}
      {items.length > 0 && canRequest && <ShareRecordForm personId={personId} />}
    </Stack>
  );
}

interface RequestDraft {
  reason: string;
  actingFor: string;
  leaving: Leaving;
  understood: boolean;
}

function SeparationRequestForm({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<RequestDraft>({
    reason: '',
    actingFor: '',
    leaving: 'group',
    understood: false,
  });
  const set = <K extends keyof RequestDraft>(key: K, value: RequestDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const file = useMutation({
    mutationFn: () => {
      const body: CreateSeparationRequest = { reason: draft.reason.trim(), leaving: draft.leaving };
      if (draft.actingFor.trim()) body.actingFor = draft.actingFor.trim();
      return separationApi.create(personId, body);
    },
    onSuccess: () => {
      // The record is restricted now: its sensitivity, lists and search results change.
      void queryClient.invalidateQueries({ queryKey: queryKeys.person(personId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.persons });
      void queryClient.invalidateQueries({ queryKey: ['sites'] });
    },
  });
  const errors = fieldErrors(file.error);

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.understood) file.mutate();
        }}
        data-testid="separation-form"
      >
        <Stack gap="md">
          <Title order={2} size="h3">
            {t('protection.request.title')}
          </Title>
          <Alert
            color="red"
            variant="light"
            title={t('protection.request.warningTitle')}
            data-testid="separation-warning"
          >
            <Stack gap="xs">
              <Text size="sm">{t('protection.request.warning')}</Text>
              <Text size="sm">{t('protection.request.warningWhereabouts')}</Text>
            </Stack>
          </Alert>
          <ProblemAlert
            error={file.error}
            fields={['reason', 'actingFor', 'leaving']}
            testId="separation-error"
          />
          <Textarea
            label={t('protection.request.reason')}
            description={t('protection.request.reasonHint')}
            required
            dir="auto"
            autosize
            minRows={3}
            value={draft.reason}
            onChange={(e) => set('reason', e.currentTarget.value)}
            error={errors.reason}
            data-testid="separation-reason"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('protection.request.actingFor')}
              description={t('protection.request.actingForHint')}
              dir="auto"
              value={draft.actingFor}
              onChange={(e) => set('actingFor', e.currentTarget.value)}
              error={errors.actingFor}
              data-testid="separation-acting-for"
            />
            <NativeSelect
              label={t('protection.request.leaving')}
              required
              value={draft.leaving}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isLeaving(value)) set('leaving', value);
              }}
              error={errors.leaving}
              data-testid="separation-leaving"
            >
              {LEAVING_OPTIONS.map((value) => (
                <option key={value} value={value}>
                  {t(`protection.request.leavingOptions.${value}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
          <Checkbox
            label={t('protection.request.understood')}
            checked={draft.understood}
            onChange={(e) => set('understood', e.currentTarget.checked)}
            data-testid="separation-understood"
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              color="red"
              disabled={!draft.understood || draft.reason.trim() === ''}
              loading={file.isPending}
              data-testid="separation-submit"
            >
              {t('protection.request.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function RequestCard({ request, canEdit }: { request: SeparationRequest; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<SeparationStatus>(request.status);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: queryKeys.separationRequests(request.personId) });
  const update = useMutation({
    mutationFn: () => separationApi.setStatus(request.id, status, etagFromVersion(request.version)),
    onSuccess: () => void refresh(),
  });

  return (
    <Paper withBorder p="md" data-testid="separation-request">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={2} size="h3">
              {t('protection.request.heading')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('protection.request.filedAt', {
                at: formatDateTime(request.createdAt, i18n.language),
              })}
            </Text>
          </Stack>
          <Badge
            color={STATUS_COLORS[request.status]}
            variant="light"
            size="lg"
            tt="none"
            data-testid="separation-status"
          >
            {t(`protection.statuses.${request.status}`)}
          </Badge>
        </Group>
        <Alert color="orange" variant="light" data-testid="separation-restricted-note">
          {t('protection.request.restrictedNote')}
        </Alert>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div>
            <Text size="sm" c="dimmed">
              {t('protection.request.reason')}
            </Text>
            <Text dir="auto" className="break-all" data-testid="separation-reason-text">
              {request.reason}
            </Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('protection.request.actingFor')}
            </Text>
            <Text dir="auto">{request.actingFor ?? t('protection.request.self')}</Text>
          </div>
        </SimpleGrid>
        {canEdit && (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              update.mutate();
            }}
          >
            <Stack gap="xs">
              <ProblemAlert
                error={update.error}
                onReload={() => {
                  update.reset();
                  void refresh();
                }}
                testId="separation-status-error"
              />
              <Group align="flex-end" gap="sm">
                <NativeSelect
                  label={t('protection.request.changeStatus')}
                  value={status}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    if (isSeparationStatus(value)) setStatus(value);
                  }}
                  data-testid="separation-status-select"
                >
                  {SEPARATION_STATUSES.map((value) => (
                    <option key={value} value={value}>
                      {t(`protection.statuses.${value}`)}
                    </option>
                  ))}
                </NativeSelect>
                <Button
                  type="submit"
                  variant="default"
                  disabled={status === request.status}
                  loading={update.isPending}
                  data-testid="separation-status-save"
                >
                  {t('common.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        <SafetyPlan request={request} canEdit={canEdit} />
      </Stack>
    </Paper>
  );
}

function SafetyPlan({ request, canEdit }: { request: SeparationRequest; canEdit: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const today = localToday();
  const overdue = request.steps.filter((s) => isOverdue(s, today)).length;
  return (
    <Stack gap="sm" data-testid="safety-plan">
      <Group justify="space-between" align="baseline">
        <Group gap="xs" align="baseline">
          <Title order={3} size="h4">
            {t('protection.steps.title')}
          </Title>
          {overdue > 0 && (
            <Badge color="red" variant="filled" tt="none" data-testid="safety-plan-overdue">
              {t('protection.steps.overdueCount', { n: overdue })}
            </Badge>
          )}
        </Group>
        {canEdit && !adding && (
          <Button variant="default" onClick={() => setAdding(true)} data-testid="step-add">
            {t('protection.steps.add')}
          </Button>
        )}
      </Group>
      <AssistanceDependencyNote dependency={request.assistanceDependency} />
      {canEdit && adding && (
        <AddStepForm
          request={request}
          onDone={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      )}
      {request.steps.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('protection.steps.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table data-testid="safety-plan-steps">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('protection.steps.kind')}</Table.Th>
                <Table.Th scope="col">{t('protection.steps.owner')}</Table.Th>
                <Table.Th scope="col">{t('protection.steps.dueOn')}</Table.Th>
                <Table.Th scope="col">{t('protection.steps.doneOn')}</Table.Th>
                {canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {request.steps.map((step) => (
                <StepRow
                  key={step.id}
                  request={request}
                  step={step}
                  today={today}
                  canEdit={canEdit}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/**
 * Where the person's essentials came from over the last 90 days (the API's dependency check):
 * a warning when any came from a provider linked to a group, since the plan needs an
 * independent one; a quiet line otherwise.
 */
function AssistanceDependencyNote({
  dependency: d,
}: {
  dependency: SeparationRequest['assistanceDependency'];
}) {
  const { t, i18n } = useTranslation();
  const period = {
    from: formatDay(d.from, i18n.language),
    to: formatDay(d.to, i18n.language),
  };
  if (!d.groupLinked && !d.flagged)
    return (
      <Text size="sm" c="dimmed" data-testid="assistance-dependency-clear">
        {d.providers.length
          ? t('protection.dependency.independentOnly', period)
          : t('protection.dependency.noneReceived', period)}
      </Text>
    );
  const linked = d.providers.filter((p) => p.independence === 'group_linked_sponsor');
  return (
    <Alert
      color="red"
      variant="light"
      title={t('protection.dependency.warningTitle')}
      data-testid="assistance-dependency-warning"
      data-flagged={d.flagged || undefined}
    >
      <Stack gap={4}>
        <Text size="sm">{t('protection.dependency.warning')}</Text>
        {d.share !== null && (
          <Text size="sm">
            {t('protection.dependency.share', {
              ...period,
              share: new Intl.NumberFormat(i18n.language, {
                style: 'percent',
                maximumFractionDigits: 0,
              }).format(d.share),
            })}
          </Text>
        )}
        {linked.length > 0 && (
          <Text size="sm" data-testid="assistance-dependency-providers">
            {t('protection.dependency.providers', { names: linked.map((p) => p.name).join(', ') })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** The owner as the reader can know them: "you", nobody, or a colleague's user id. */
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

interface StepRowProps {
  request: SeparationRequest;
  step: SafetyPlanStep;
  today: string;
  canEdit: boolean;
}

function StepRow({ request, step, today, canEdit }: StepRowProps) {
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

function AddStepForm({ request, onDone, onCancel }: AddStepFormProps) {
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

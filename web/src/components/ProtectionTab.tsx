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
import { isLeaving, isSeparationStatus, LEAVING_OPTIONS, SEPARATION_STATUSES } from '../api/types';
import type {
  CreateSeparationRequest,
  Leaving,
  SeparationRequest,
  SeparationStatus,
} from '../api/types';
import { fieldErrors } from '../lib/errors';
import { formatDateTime } from '../lib/format';
import { useHasAbility } from './MeContext';
import { ProblemAlert } from './ProblemAlert';
import { ShareRecordForm } from './ShareRecordForm';
import { WhereaboutsPanel } from './WhereaboutsPanel';
import { SafetyPlan } from './protection/SafetyPlan';

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

import {
  Button,
  Group,
  Loader,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Timeline,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { isLegalStatusCode, LEGAL_STATUS_CODES } from '../api/types';
import type { LegalStatus, LegalStatusCode, LegalStatusRequest } from '../api/types';
import { fieldErrors } from '../lib/errors';
import { formatDay } from '../lib/format';
import { useHasAbility } from './MeContext';
import { ProblemAlert } from './ProblemAlert';

const FIELDS = ['status', 'grantedBy', 'basis', 'from', 'to'] as const;

const GRANTED_BY_OPTIONS = ['host-state', 'unhcr', 'other'] as const;
type GrantedByOption = (typeof GRANTED_BY_OPTIONS)[number];
const GRANTED_BY_KEYS: Record<GrantedByOption, string> = {
  'host-state': 'hostState',
  unhcr: 'unhcr',
  other: 'other',
};

function isGrantedByOption(value: string): value is GrantedByOption {
  return (GRANTED_BY_OPTIONS as readonly string[]).includes(value);
}

/** Newest first: by start day, then by when it was recorded. */
function newestFirst(a: LegalStatus, b: LegalStatus): number {
  if (a.from !== b.from) return a.from < b.from ? 1 : -1;
  return a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0;
}

export function LegalStatusTab({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const canWrite = useHasAbility('legal_status.write');
  const [adding, setAdding] = useState(false);
  const statuses = useQuery({
    queryKey: queryKeys.legalStatuses(personId),
    queryFn: ({ signal }) => personsApi.legalStatuses(personId, signal),
  });

  const grantedByLabel = (value: string) =>
    isGrantedByOption(value) ? t(`legalStatus.grantedByOptions.${GRANTED_BY_KEYS[value]}`) : value;

  const items = statuses.data ? [...statuses.data.items].sort(newestFirst) : [];

  return (
    <Stack gap="md">
      {canWrite && !adding && (
        <Group>
          <Button onClick={() => setAdding(true)} data-testid="status-add">
            {t('legalStatus.add')}
          </Button>
        </Group>
      )}
      {canWrite && adding && (
        <LegalStatusForm
          personId={personId}
          onDone={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      )}

      <ProblemAlert error={statuses.error} />
      {statuses.isPending && <Loader size="sm" />}
      {statuses.data && items.length === 0 && <Text c="dimmed">{t('legalStatus.empty')}</Text>}
      {items.length > 0 && (
        <Timeline active={0} bulletSize={16} lineWidth={2} data-testid="status-timeline">
          {items.map((item) => (
            <Timeline.Item
              key={item.id}
              title={t(`legalStatus.codes.${item.status}`, { defaultValue: item.status })}
              data-testid="status-row"
            >
              <Text size="sm">
                {t('legalStatus.period', {
                  from: formatDay(item.from, i18n.language),
                  to: item.to ? formatDay(item.to, i18n.language) : t('legalStatus.ongoing'),
                })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('legalStatus.grantedBy')}: {grantedByLabel(item.grantedBy)}
              </Text>
              {item.basis && (
                <Text size="sm" c="dimmed">
                  {t('legalStatus.basis')}: <span dir="auto">{item.basis}</span>
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Stack>
  );
}

interface StatusDraft {
  status: LegalStatusCode;
  grantedBy: GrantedByOption;
  grantedByOther: string;
  basis: string;
  from: string;
  to: string;
}

const EMPTY: StatusDraft = {
  status: 'asylum_seeker',
  grantedBy: 'host-state',
  grantedByOther: '',
  basis: '',
  from: '',
  to: '',
};

function toRequest(draft: StatusDraft): LegalStatusRequest {
  const request: LegalStatusRequest = {
    status: draft.status,
    grantedBy: draft.grantedBy === 'other' ? draft.grantedByOther.trim() : draft.grantedBy,
    from: draft.from,
  };
  if (draft.basis.trim()) request.basis = draft.basis.trim();
  if (draft.to) request.to = draft.to;
  return request;
}

interface LegalStatusFormProps {
  personId: string;
  onDone: () => void;
  onCancel: () => void;
}

function LegalStatusForm({ personId, onDone, onCancel }: LegalStatusFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<StatusDraft>(EMPTY);
  const set = <K extends keyof StatusDraft>(key: K, value: StatusDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: () => personsApi.addLegalStatus(personId, toRequest(draft)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.legalStatuses(personId) });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);

  return (
    <Paper withBorder p="md">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="md">
          <ProblemAlert error={save.error} fields={FIELDS} testId="status-error" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('legalStatus.status')}
              required
              value={draft.status}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isLegalStatusCode(value)) set('status', value);
              }}
              error={errors.status}
              data-testid="status-select"
            >
              {LEGAL_STATUS_CODES.map((code) => (
                <option key={code} value={code}>
                  {t(`legalStatus.codes.${code}`)}
                </option>
              ))}
            </NativeSelect>
            <NativeSelect
              label={t('legalStatus.grantedBy')}
              required
              value={draft.grantedBy}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isGrantedByOption(value)) set('grantedBy', value);
              }}
              error={draft.grantedBy === 'other' ? undefined : errors.grantedBy}
              data-testid="status-granted-by"
            >
              {GRANTED_BY_OPTIONS.map((option) => (
                <option key={option} value={option}>
                  {t(`legalStatus.grantedByOptions.${GRANTED_BY_KEYS[option]}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
          {draft.grantedBy === 'other' && (
            <TextInput
              label={t('legalStatus.grantedByOther')}
              required
              dir="auto"
              value={draft.grantedByOther}
              onChange={(e) => set('grantedByOther', e.currentTarget.value)}
              error={errors.grantedBy}
              data-testid="status-granted-by-other"
            />
          )}
          <TextInput
            label={t('legalStatus.basis')}
            dir="auto"
            value={draft.basis}
            onChange={(e) => set('basis', e.currentTarget.value)}
            error={errors.basis}
            data-testid="status-basis"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={t('legalStatus.from')}
              required
              value={draft.from}
              onChange={(e) => set('from', e.currentTarget.value)}
              error={errors.from}
              data-testid="status-from"
            />
            <TextInput
              type="date"
              label={t('legalStatus.to')}
              value={draft.to}
              onChange={(e) => set('to', e.currentTarget.value)}
              error={errors.to}
              data-testid="status-to"
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="status-submit">
              {t('legalStatus.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

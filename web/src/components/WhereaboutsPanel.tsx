import {
  Alert,
  Button,
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
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { separationApi } from '../api/endpoints';
import { queryKeys, useSites } from '../api/queries';
import type { WhereaboutsRequest } from '../api/types';
import { fieldErrors } from '../lib/errors';
import { formatDay } from '../lib/format';
import { useHasAbility } from './MeContext';
import { ProblemAlert } from './ProblemAlert';

/** The sealed whereabouts as the server returns them (a free-form object). */
interface Whereabouts {
  siteId: string;
  place: string;
  address: string;
  phone: string;
  email: string;
  note: string;
  since: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function readWhereabouts(raw: Record<string, unknown> | null): Whereabouts | null {
  if (!raw) return null;
  const contact =
    typeof raw.contact === 'object' && raw.contact !== null
      ? (raw.contact as Record<string, unknown>)
      : {};
  return {
    siteId: text(raw.siteId),
    place: text(raw.place),
    // At filing, an address recorded as contact is sealed with it.
    address: text(raw.address) || text(contact.address),
    phone: text(contact.phone),
    email: text(contact.email),
    note: text(raw.note),
    since: text(raw.since),
  };
}

function toRequest(w: Whereabouts): WhereaboutsRequest {
  const value = (s: string) => s.trim() || null;
  const phone = w.phone.trim();
  const email = w.email.trim();
  return {
    siteId: w.siteId || null,
    place: value(w.place),
    address: value(w.address),
    contact: phone || email ? { ...(phone ? { phone } : {}), ...(email ? { email } : {}) } : null,
    note: value(w.note),
  };
}

const EMPTY: Whereabouts = {
  siteId: '',
  place: '',
  address: '',
  phone: '',
  email: '',
  note: '',
  since: '',
};

/**
 * Where the person can be found, sealed since the separation request and shown only here.
 * Every reading is audited, so they are fetched only when the user asks to see them.
 */
export function WhereaboutsPanel({ personId, canEdit }: { personId: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const [editing, setEditing] = useState(false);
  const whereabouts = useQuery({
    queryKey: queryKeys.whereabouts(personId),
    queryFn: ({ signal }) => separationApi.whereabouts(personId, signal),
    enabled: shown,
    staleTime: Infinity,
    // Not kept once the panel is gone.
    gcTime: 0,
  });
  const current = readWhereabouts(whereabouts.data?.whereabouts ?? null);

  return (
    <Paper withBorder p="md" data-testid="whereabouts">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={2} size="h3">
            {t('protection.whereabouts.title')}
          </Title>
          <Group gap="xs">
            {canEdit && shown && whereabouts.data && !editing && (
              <Button
                variant="default"
                size="xs"
                onClick={() => setEditing(true)}
                data-testid="whereabouts-edit"
              >
                {t('common.edit')}
              </Button>
            )}
            <Button
              variant={shown ? 'default' : 'filled'}
              size="xs"
              onClick={() => {
                setShown((s) => !s);
                setEditing(false);
              }}
              aria-expanded={shown}
              data-testid="whereabouts-toggle"
            >
              {shown ? t('protection.whereabouts.hide') : t('protection.whereabouts.show')}
            </Button>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('protection.whereabouts.explain')}
        </Text>
        {shown && (
          <>
            <ProblemAlert error={whereabouts.error} />
            {whereabouts.isPending && <Loader size="sm" />}
            {whereabouts.data && !editing && <WhereaboutsView value={current} />}
            {whereabouts.data && editing && (
              <WhereaboutsForm
                personId={personId}
                initial={current ?? EMPTY}
                onDone={() => setEditing(false)}
              />
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

function WhereaboutsView({ value }: { value: Whereabouts | null }) {
  const { t, i18n } = useTranslation();
  const canReadSites = useHasAbility('sites.read');
  const sites = useSites(canReadSites);
  if (!value)
    return (
      <Alert color="gray" data-testid="whereabouts-empty">
        {t('protection.whereabouts.empty')}
      </Alert>
    );
  const site = sites.data?.items.find((s) => s.id === value.siteId);
  const show = (s: string) => (s ? <span dir="auto">{s}</span> : '—');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} data-testid="whereabouts-view">
      <Field label={t('protection.whereabouts.site')}>
        {value.siteId ? show(site?.name ?? (sites.isPending ? '…' : value.siteId)) : '—'}
      </Field>
      <Field label={t('protection.whereabouts.place')}>{show(value.place)}</Field>
      <Field label={t('protection.whereabouts.address')}>{show(value.address)}</Field>
      <Field label={t('protection.whereabouts.phone')}>
        {value.phone ? <span dir="ltr">{value.phone}</span> : '—'}
      </Field>
      <Field label={t('protection.whereabouts.email')}>
        {value.email ? <span dir="ltr">{value.email}</span> : '—'}
      </Field>
      <Field label={t('protection.whereabouts.since')}>
        {value.since ? formatDay(value.since, i18n.language) : '—'}
      </Field>
      <Field label={t('protection.whereabouts.note')}>{show(value.note)}</Field>
    </SimpleGrid>
  );
}

interface WhereaboutsFormProps {
  personId: string;
  initial: Whereabouts;
  onDone: () => void;
}

function WhereaboutsForm({ personId, initial, onDone }: WhereaboutsFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canReadSites = useHasAbility('sites.read');
  const sites = useSites(canReadSites);
  const [draft, setDraft] = useState<Whereabouts>(initial);
  const set = <K extends keyof Whereabouts>(key: K, value: Whereabouts[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () => separationApi.setWhereabouts(personId, toRequest(draft)),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.whereabouts(personId), data);
      onDone();
    },
  });
  const errors = fieldErrors(save.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
      data-testid="whereabouts-form"
    >
      <Stack gap="sm">
        <ProblemAlert
          error={save.error}
          fields={['siteId', 'place', 'address', 'contact', 'note']}
          testId="whereabouts-error"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {canReadSites && (
            <NativeSelect
              label={t('protection.whereabouts.site')}
              value={draft.siteId}
              onChange={(e) => set('siteId', e.currentTarget.value)}
              error={errors.siteId}
              data-testid="whereabouts-site"
            >
              <option value="">{t('protection.whereabouts.noSite')}</option>
              {(sites.data?.items ?? []).map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name}
                </option>
              ))}
            </NativeSelect>
          )}
          <TextInput
            label={t('protection.whereabouts.place')}
            dir="auto"
            value={draft.place}
            onChange={(e) => set('place', e.currentTarget.value)}
            error={errors.place}
            data-testid="whereabouts-place"
          />
          <TextInput
            label={t('protection.whereabouts.address')}
            dir="auto"
            value={draft.address}
            onChange={(e) => set('address', e.currentTarget.value)}
            error={errors.address}
            data-testid="whereabouts-address"
          />
          <TextInput
            label={t('protection.whereabouts.phone')}
            type="tel"
            dir="ltr"
            value={draft.phone}
            onChange={(e) => set('phone', e.currentTarget.value)}
            error={errors.contact}
            data-testid="whereabouts-phone"
          />
          <TextInput
            label={t('protection.whereabouts.email')}
            type="email"
            dir="ltr"
            value={draft.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            data-testid="whereabouts-email"
          />
        </SimpleGrid>
        <Textarea
          label={t('protection.whereabouts.note')}
          dir="auto"
          autosize
          minRows={2}
          value={draft.note}
          onChange={(e) => set('note', e.currentTarget.value)}
          error={errors.note}
          data-testid="whereabouts-note"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="whereabouts-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import {
  Button,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  Fieldset,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sitesApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { isSiteType, SITE_TYPES } from '../api/types';
import type { Site, SiteRequest, SiteType } from '../api/types';
import { fieldErrors, fieldPathErrors } from '../lib/errors';
import { ProblemAlert } from './ProblemAlert';

const FIELDS = [
  'name',
  'type',
  'country',
  'adm1',
  'adm2',
  'adm3',
  'capacity',
  'managingEntity',
  'access',
] as const;

/** A yes/no fact that may not be known: unknown is sent as null, never guessed. */
const TRI_STATES = ['unknown', 'yes', 'no'] as const;
type TriState = (typeof TRI_STATES)[number];

function isTriState(value: string): value is TriState {
  return (TRI_STATES as readonly string[]).includes(value);
}

function toTriState(value: boolean | null): TriState {
  return value === null ? 'unknown' : value ? 'yes' : 'no';
}

function fromTriState(value: TriState): boolean | null {
  return value === 'unknown' ? null : value === 'yes';
}

const ACCESS_FLAGS = ['leaveFreely', 'walled', 'checkpoints'] as const;

interface SiteFormProps {
  /** Edit this site (read with its ETag); omit to create a new one. */
  siteId?: string;
  onDone: (site: Site) => void;
  onCancel: () => void;
}

interface SiteDraft {
  name: string;
  type: SiteType;
  country: string;
  adm1: string;
  adm2: string;
  adm3: string;
  capacity: number | string;
  managingEntity: string;
  leaveFreely: TriState;
  walled: TriState;
  checkpoints: TriState;
  curfew: string;
  accessNotes: string;
}

const EMPTY: SiteDraft = {
  name: '',
  type: 'camp',
  country: '',
  adm1: '',
  adm2: '',
  adm3: '',
  capacity: '',
  managingEntity: '',
  leaveFreely: 'unknown',
  walled: 'unknown',
  checkpoints: 'unknown',
  curfew: '',
  accessNotes: '',
};

function toDraft(site: Site): SiteDraft {
  return {
    name: site.name,
    type: site.type,
    country: site.country ?? '',
    adm1: site.adm1 ?? '',
    adm2: site.adm2 ?? '',
    adm3: site.adm3 ?? '',
    capacity: site.capacity ?? '',
    managingEntity: site.managingEntity ?? '',
    leaveFreely: toTriState(site.access.leaveFreely),
    walled: toTriState(site.access.walled),
    checkpoints: toTriState(site.access.checkpoints),
    curfew: site.access.curfew ?? '',
    accessNotes: site.access.notes ?? '',
  };
}

function toRequest(draft: SiteDraft): SiteRequest {
  const text = (value: string) => value.trim() || null;
  return {
    name: draft.name.trim(),
    type: draft.type,
    country: text(draft.country)?.toUpperCase() ?? null,
    adm1: text(draft.adm1),
    adm2: text(draft.adm2),
    adm3: text(draft.adm3),
    capacity: typeof draft.capacity === 'number' ? draft.capacity : null,
    managingEntity: text(draft.managingEntity),
    access: {
      leaveFreely: fromTriState(draft.leaveFreely),
      walled: fromTriState(draft.walled),
      checkpoints: fromTriState(draft.checkpoints),
      curfew: text(draft.curfew),
      notes: text(draft.accessNotes),
    },
  };
}

export function SiteForm({ siteId, onDone, onCancel }: SiteFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SiteDraft>(EMPTY);
  const set = <K extends keyof SiteDraft>(key: K, value: SiteDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const record = useQuery({
    queryKey: queryKeys.site(siteId ?? ''),
    queryFn: ({ signal }) => sitesApi.get(siteId ?? '', signal),
    enabled: siteId !== undefined,
    staleTime: 0,
    refetchOnWindowFocus: false,
  });
  const loaded = record.data?.data;
  useEffect(() => {
    if (loaded) setDraft(toDraft(loaded));
  }, [loaded]);

  const save = useMutation({
    mutationFn: () =>
      siteId
        ? sitesApi.update(siteId, toRequest(draft), record.data?.etag ?? null)
        : sitesApi.create(toRequest(draft)),
    onSuccess: (site) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.sites });
      onDone(site);
    },
  });

  if (siteId && record.isPending) return <Loader size="sm" />;
  if (siteId && record.isError) return <ProblemAlert error={record.error} />;

  const errors = fieldErrors(save.error);
  const pathErrors = fieldPathErrors(save.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="md">
        <ProblemAlert
          error={save.error}
          fields={FIELDS}
          onReload={() => {
            save.reset();
            void record.refetch();
          }}
          testId="site-error"
        />
        <TextInput
          label={t('sites.name')}
          required
          value={draft.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          data-testid="site-name"
          data-autofocus
        />
        <NativeSelect
          label={t('sites.type')}
          required
          value={draft.type}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (isSiteType(value)) set('type', value);
          }}
          error={errors.type}
          data-testid="site-type"
        >
          {SITE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`sites.types.${type}`)}
            </option>
          ))}
        </NativeSelect>
        <TextInput
          label={t('sites.country')}
          description={t('sites.countryHelp')}
          maxLength={3}
          w={{ base: '100%', xs: 240 }}
          value={draft.country}
          onChange={(e) => set('country', e.currentTarget.value.toUpperCase())}
          error={errors.country}
          data-testid="site-country"
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <TextInput
            label={t('sites.adm1')}
            value={draft.adm1}
            onChange={(e) => set('adm1', e.currentTarget.value)}
            error={errors.adm1}
            data-testid="site-adm1"
          />
          <TextInput
            label={t('sites.adm2')}
            value={draft.adm2}
            onChange={(e) => set('adm2', e.currentTarget.value)}
            error={errors.adm2}
            data-testid="site-adm2"
          />
          <TextInput
            label={t('sites.adm3')}
            value={draft.adm3}
            onChange={(e) => set('adm3', e.currentTarget.value)}
            error={errors.adm3}
            data-testid="site-adm3"
          />
        </SimpleGrid>
        <NumberInput
          label={t('sites.capacity')}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          value={draft.capacity}
          onChange={(value) => set('capacity', value)}
          error={errors.capacity}
          data-testid="site-capacity"
        />
        <TextInput
          label={t('sites.managingEntity')}
          value={draft.managingEntity}
          onChange={(e) => set('managingEntity', e.currentTarget.value)}
          error={errors.managingEntity}
          data-testid="site-managing-entity"
        />
        <Fieldset legend={t('sites.access.title')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              {ACCESS_FLAGS.map((flag) => (
                <NativeSelect
                  key={flag}
                  label={t(`sites.access.${flag}`)}
                  value={draft[flag]}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    if (isTriState(value)) set(flag, value);
                  }}
                  error={pathErrors[`access.${flag}`]}
                  data-testid={`site-access-${flag}`}
                >
                  {TRI_STATES.map((state) => (
                    <option key={state} value={state}>
                      {t(`sites.access.states.${state}`)}
                    </option>
                  ))}
                </NativeSelect>
              ))}
            </SimpleGrid>
            <TextInput
              label={t('sites.access.curfew')}
              description={t('sites.access.curfewHelp')}
              dir="auto"
              value={draft.curfew}
              onChange={(e) => set('curfew', e.currentTarget.value)}
              error={pathErrors['access.curfew']}
              data-testid="site-access-curfew"
            />
            <Textarea
              label={t('sites.access.notes')}
              dir="auto"
              autosize
              minRows={2}
              value={draft.accessNotes}
              onChange={(e) => set('accessNotes', e.currentTarget.value)}
              error={pathErrors['access.notes']}
              data-testid="site-access-notes"
            />
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="site-submit">
            {siteId ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

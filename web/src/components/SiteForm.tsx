import {
  Button,
  Group,
  Loader,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sitesApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { isSiteType, SITE_TYPES } from '../api/types';
import type { Site, SiteRequest, SiteType } from '../api/types';
import { fieldErrors } from '../lib/errors';
import { ProblemAlert } from './ProblemAlert';

const FIELDS = ['name', 'type', 'adm1', 'adm2', 'capacity', 'managingEntity'] as const;

interface SiteFormProps {
  /** Edit this site (read with its ETag); omit to create a new one. */
  siteId?: string;
  onDone: (site: Site) => void;
  onCancel: () => void;
}

interface SiteDraft {
  name: string;
  type: SiteType;
  adm1: string;
  adm2: string;
  capacity: number | string;
  managingEntity: string;
}

const EMPTY: SiteDraft = {
  name: '',
  type: 'camp',
  adm1: '',
  adm2: '',
  capacity: '',
  managingEntity: '',
};

function toDraft(site: Site): SiteDraft {
  return {
    name: site.name,
    type: site.type,
    adm1: site.adm1 ?? '',
    adm2: site.adm2 ?? '',
    capacity: site.capacity ?? '',
    managingEntity: site.managingEntity ?? '',
  };
}

function toRequest(draft: SiteDraft): SiteRequest {
  const text = (value: string) => value.trim() || null;
  return {
    name: draft.name.trim(),
    type: draft.type,
    adm1: text(draft.adm1),
    adm2: text(draft.adm2),
    capacity: typeof draft.capacity === 'number' ? draft.capacity : null,
    managingEntity: text(draft.managingEntity),
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
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
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

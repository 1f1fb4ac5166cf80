import {
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { etagFromVersion } from '../../api/client';
import { useAgencies, useSites } from '../../api/queries';
import {
  casesKeys,
  isOneOf,
  providersApi,
  SERVICE_TYPES,
  type Provider,
  type ProviderQuery,
  type ProviderRequest,
  type ServiceType,
} from '../../components/cases/api';
import { useAgencyName } from '../../components/cases/shared';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';
import { errorAt, fieldErrors, fieldPathErrors } from '../../lib/errors';

type Editing = { mode: 'create' } | { mode: 'edit'; provider: Provider } | null;

/** The service directory: providers, their services, coverage, contact and languages. */
export function ServiceDirectoryPage() {
  const { t } = useTranslation();
  const canManage = useHasAbility('services.manage');
  const canSites = useHasAbility('sites.read');
  const sites = useSites(canSites);
  const agencyName = useAgencyName();
  const [params, setParams] = useSearchParams();
  const typeParam = params.get('serviceType') ?? '';
  const serviceType = isOneOf(SERVICE_TYPES, typeParam) ? typeParam : undefined;
  const showInactive = params.get('inactive') === '1';
  const [editing, setEditing] = useState<Editing>(null);
  const query: ProviderQuery = { limit: 500 };
  if (serviceType) query.serviceType = serviceType;
  if (!showInactive) query.active = 'true';
  const providers = useQuery({
    queryKey: casesKeys.providerList(query),
    queryFn: ({ signal }) => providersApi.list(query, signal),
  });
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const siteName = (id: string) =>
    sites.data?.items.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  const items = providers.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('cases.services.title')}</Title>
        {canManage && (
          <Button onClick={() => setEditing({ mode: 'create' })} data-testid="provider-create">
            {t('cases.services.create')}
          </Button>
        )}
      </Group>
      <Group align="flex-end">
        <NativeSelect
          label={t('cases.services.serviceType')}
          value={serviceType ?? ''}
          onChange={(e) => set('serviceType', e.currentTarget.value)}
          data-testid="providers-filter-type"
        >
          <option value="">{t('cases.services.anyType')}</option>
          {SERVICE_TYPES.map((s) => (
            <option key={s} value={s}>
              {t(`cases.services.types.${s}`)}
            </option>
          ))}
        </NativeSelect>
        <Switch
          label={t('cases.services.showInactive')}
          checked={showInactive}
          onChange={(e) => set('inactive', e.currentTarget.checked ? '1' : '')}
        />
      </Group>
      <ProblemAlert error={providers.error} />
      {providers.isPending && <Loader size="sm" />}
      {providers.data && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="providers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('cases.services.name')}</Table.Th>
                <Table.Th scope="col">{t('cases.services.serviceTypes')}</Table.Th>
                <Table.Th scope="col">{t('cases.services.coverage')}</Table.Th>
                <Table.Th scope="col">{t('cases.services.languages')}</Table.Th>
                <Table.Th scope="col">{t('cases.services.contact')}</Table.Th>
                <Table.Th scope="col">{t('cases.services.partnerAgency')}</Table.Th>
                {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={canManage ? 7 : 6}>
                    <Text c="dimmed">{t('cases.services.none')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((p) => (
                <Table.Tr key={p.id} data-testid="provider-row">
                  <Table.Td>
                    <Text size="sm" fw={600} dir="auto">
                      {p.name}
                    </Text>
                    <Text size="xs" c="dimmed" dir="auto">
                      {p.organisation}
                    </Text>
                    {!p.active && (
                      <Badge size="sm" color="gray" variant="light" tt="none">
                        {t('cases.services.inactive')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {p.serviceTypes
                      .map((s) => t(`cases.services.types.${s}`))
                      .join(t('common.listSeparator'))}
                  </Table.Td>
                  <Table.Td>
                    {p.siteIds.length === 0
                      ? t('cases.services.wholeOperation')
                      : p.siteIds.map(siteName).join(t('common.listSeparator'))}
                  </Table.Td>
                  <Table.Td>{p.languages.join(', ') || '—'}</Table.Td>
                  <Table.Td>
                    {p.contact
                      ? Object.entries(p.contact).map(([k, v]) => (
                          <Text key={k} size="xs" dir="auto">
                            {t(`cases.services.contactFields.${k}`, { defaultValue: k })}: {v}
                          </Text>
                        ))
                      : '—'}
                  </Table.Td>
                  <Table.Td>
                    {p.agencyId ? agencyName(p.agencyId) : t('cases.services.offline')}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing({ mode: 'edit', provider: p })}
                        data-testid="provider-edit"
                      >
                        {t('common.edit')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing?.mode === 'edit' ? t('cases.services.editTitle') : t('cases.services.create')
        }
        size="lg"
      >
        {editing && (
          <ProviderForm
            provider={editing.mode === 'edit' ? editing.provider : null}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}

const CONTACT_FIELDS = ['phone', 'email', 'address', 'website', 'hours'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

interface Draft {
  name: string;
  organisation: string;
  serviceTypes: ServiceType[];
  siteIds: string[];
  contact: Record<ContactField, string>;
  languages: string;
  agencyId: string;
  active: boolean;
}

function draftOf(p: Provider | null): Draft {
  return {
    name: p?.name ?? '',
    organisation: p?.organisation ?? '',
    serviceTypes: p?.serviceTypes ?? [],
    siteIds: p?.siteIds ?? [],
    contact: Object.fromEntries(CONTACT_FIELDS.map((k) => [k, p?.contact?.[k] ?? ''])) as Record<
      ContactField,
      string
    >,
    languages: p?.languages.join(', ') ?? '',
    agencyId: p?.agencyId ?? '',
    active: p?.active ?? true,
  };
}

function ProviderForm({ provider, onDone }: { provider: Provider | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canSites = useHasAbility('sites.read');
  const sites = useSites(canSites);
  const agencies = useAgencies();
  const [draft, setDraft] = useState<Draft>(() => draftOf(provider));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const contact: Partial<Record<ContactField, string>> = {};
      for (const k of CONTACT_FIELDS) {
        const v = draft.contact[k].trim();
        if (v) contact[k] = v;
      }
      const body: ProviderRequest = {
        name: draft.name.trim(),
        organisation: draft.organisation.trim(),
        serviceTypes: draft.serviceTypes,
        siteIds: draft.siteIds,
        contact: Object.keys(contact).length ? contact : undefined,
        languages: draft.languages
          .split(/[\s,;]+/)
          .map((l) => l.trim().toLowerCase())
          .filter(Boolean),
        agencyId: draft.agencyId || null,
        active: draft.active,
      };
      if (provider === null) return providersApi.create(body);
      return providersApi.update(
        provider.id,
        { ...body, contact: body.contact ?? null },
        etagFromVersion(provider.version),
      );
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: casesKeys.providers });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  const paths = fieldPathErrors(save.error);

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
      data-testid="provider-form"
    >
      <Stack gap="sm">
        <ProblemAlert
          error={save.error}
          fields={[
            'name',
            'organisation',
            'serviceTypes',
            'siteIds',
            'contact',
            'languages',
            'agencyId',
            'active',
          ]}
          onReload={() => {
            save.reset();
            void queryClient.invalidateQueries({ queryKey: casesKeys.providers });
            onDone();
          }}
          testId="provider-error"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('cases.services.name')}
            required
            dir="auto"
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            data-testid="provider-name"
          />
          <TextInput
            label={t('cases.services.organisation')}
            required
            dir="auto"
            value={draft.organisation}
            onChange={(e) => set('organisation', e.currentTarget.value)}
            error={errors.organisation}
            data-testid="provider-organisation"
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('cases.services.serviceTypes')}
          required
          value={draft.serviceTypes}
          onChange={(v) =>
            set(
              'serviceTypes',
              v.filter((x) => isOneOf(SERVICE_TYPES, x)),
            )
          }
          error={errors.serviceTypes}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
            {SERVICE_TYPES.map((s) => (
              <Checkbox
                key={s}
                value={s}
                label={t(`cases.services.types.${s}`)}
                data-testid={`provider-type-${s}`}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {canSites && (
          <MultiSelect
            label={t('cases.services.coverage')}
            description={t('cases.services.coverageHint')}
            data={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={draft.siteIds}
            onChange={(v) => set('siteIds', v)}
            searchable
            clearable
            error={errors.siteIds}
            data-testid="provider-sites"
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {CONTACT_FIELDS.map((k) => (
            <TextInput
              key={k}
              label={t(`cases.services.contactFields.${k}`)}
              dir={k === 'address' || k === 'hours' ? 'auto' : 'ltr'}
              type={k === 'email' ? 'email' : k === 'website' ? 'url' : 'text'}
              value={draft.contact[k]}
              onChange={(e) => set('contact', { ...draft.contact, [k]: e.currentTarget.value })}
              error={errorAt(paths, `contact.${k}`)}
              data-testid={`provider-contact-${k}`}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('cases.services.languages')}
            description={t('cases.services.languagesHint')}
            dir="ltr"
            value={draft.languages}
            onChange={(e) => set('languages', e.currentTarget.value)}
            error={errors.languages}
            data-testid="provider-languages"
          />
          <NativeSelect
            label={t('cases.services.partnerAgency')}
            description={t('cases.services.partnerAgencyHint')}
            value={draft.agencyId}
            onChange={(e) => set('agencyId', e.currentTarget.value)}
            error={errors.agencyId}
            data-testid="provider-agency"
          >
            <option value="">{t('cases.services.offline')}</option>
            {(agencies.data?.items ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </NativeSelect>
        </SimpleGrid>
        <Switch
          label={t('cases.services.active')}
          checked={draft.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
          data-testid="provider-active"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="provider-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

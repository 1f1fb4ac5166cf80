import {
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  NativeSelect,
  NumberInput,
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
import { useSites } from '../../api/queries';
import { aidKeys, transparencyApi, type RelocationRequest } from '../../components/assistance/api';
import { useHasAbility } from '../../components/MeContext';
import { ProblemAlert } from '../../components/ProblemAlert';
import { fieldErrors } from '../../lib/errors';
import { formatDay } from '../../lib/format';

/** Relocation operations: from where to where, when, how many, on what basis, by whom. */
export function RelocationsPage() {
  const { t, i18n } = useTranslation();
  const canManage = useHasAbility('transparency.manage');
  const canSites = useHasAbility('sites.read');
  const sites = useSites(canSites);
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const relocations = useQuery({
    queryKey: aidKeys.relocations,
    queryFn: ({ signal }) => transparencyApi.relocations(signal),
  });
  const siteName = (id: string | null) =>
    id ? (sites.data?.items.find((s) => s.id === id)?.name ?? id.slice(0, 8)) : null;
  const items = relocations.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('transparency.relocations.title')}</Title>
        {canManage && (
          <Button onClick={() => setCreating(true)} data-testid="relocation-new">
            {t('transparency.relocations.new')}
          </Button>
        )}
      </Group>
      <ProblemAlert error={relocations.error} />
      {relocations.isPending && <Loader size="sm" />}
      {relocations.data && items.length === 0 && <Text c="dimmed">{t('common.noResults')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="relocations-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('transparency.relocations.date')}</Table.Th>
                <Table.Th scope="col">{t('transparency.relocations.from')}</Table.Th>
                <Table.Th scope="col">{t('transparency.relocations.to')}</Table.Th>
                <Table.Th scope="col">{t('transparency.relocations.persons')}</Table.Th>
                <Table.Th scope="col">{t('transparency.relocations.legalBasis')}</Table.Th>
                <Table.Th scope="col">{t('transparency.relocations.managedBy')}</Table.Th>
                <Table.Th scope="col">{t('transparency.public')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id} data-testid="relocation-row">
                  <Table.Td>{formatDay(r.date, i18n.language)}</Table.Td>
                  <Table.Td dir="auto">{siteName(r.fromSiteId) ?? r.fromPlace ?? '—'}</Table.Td>
                  <Table.Td dir="auto">{siteName(r.toSiteId) ?? r.toPlace ?? '—'}</Table.Td>
                  <Table.Td>{r.personsCount}</Table.Td>
                  <Table.Td dir="auto">{r.legalBasis}</Table.Td>
                  <Table.Td dir="auto">{r.managedBy}</Table.Td>
                  <Table.Td>
                    <Badge color={r.public ? 'teal' : 'gray'} variant="light">
                      {r.public ? t('common.yes') : t('common.no')}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        title={t('transparency.relocations.new')}
        size="xl"
      >
        {creating && (
          <RelocationForm
            sites={sites.data?.items ?? []}
            onDone={() => {
              void queryClient.invalidateQueries({ queryKey: aidKeys.relocations });
              setCreating(false);
            }}
            onCancel={() => setCreating(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}

const FIELDS = [
  'fromSiteId',
  'fromPlace',
  'toSiteId',
  'toPlace',
  'date',
  'personsCount',
  'legalBasis',
  'managedBy',
  'agreementId',
  'public',
  'notes',
] as const;

function RelocationForm({
  sites,
  onDone,
  onCancel,
}: {
  sites: { id: string; name: string }[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const agreements = useQuery({
    queryKey: aidKeys.agreements,
    queryFn: ({ signal }) => transparencyApi.agreements(signal),
  });
  const [d, setD] = useState({
    fromSiteId: '',
    fromPlace: '',
    toSiteId: '',
    toPlace: '',
    date: '',
    legalBasis: '',
    managedBy: '',
    agreementId: '',
    notes: '',
  });
  const [personsCount, setCount] = useState<number | string>('');
  const [isPublic, setPublic] = useState(false);
  const set = (key: keyof typeof d, value: string) => setD((x) => ({ ...x, [key]: value }));
  const save = useMutation({
    mutationFn: () => {
      const body: RelocationRequest = {
        date: d.date,
        personsCount: typeof personsCount === 'number' ? personsCount : -1,
        legalBasis: d.legalBasis.trim(),
        managedBy: d.managedBy.trim(),
        public: isPublic,
      };
      for (const key of [
        'fromSiteId',
        'fromPlace',
        'toSiteId',
        'toPlace',
        'agreementId',
        'notes',
      ] as const)
        if (d[key].trim()) body[key] = d[key].trim();
      return transparencyApi.createRelocation(body);
    },
    onSuccess: onDone,
  });
  const errors = fieldErrors(save.error);
  const siteSelect = (key: 'fromSiteId' | 'toSiteId', label: string) => (
    <NativeSelect
      label={label}
      value={d[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={errors[key]}
    >
      <option value="">—</option>
      {sites.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
        </option>
      ))}
    </NativeSelect>
  );
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      data-testid="relocation-form"
    >
      <Stack gap="sm">
        <ProblemAlert error={save.error} fields={FIELDS} testId="relocation-error" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {siteSelect('fromSiteId', t('transparency.relocations.fromSite'))}
          <TextInput
            label={t('transparency.relocations.fromPlace')}
            value={d.fromPlace}
            onChange={(e) => set('fromPlace', e.currentTarget.value)}
            error={errors.fromPlace}
            data-testid="relocation-from-place"
          />
          {siteSelect('toSiteId', t('transparency.relocations.toSite'))}
          <TextInput
            label={t('transparency.relocations.toPlace')}
            value={d.toPlace}
            onChange={(e) => set('toPlace', e.currentTarget.value)}
            error={errors.toPlace}
            data-testid="relocation-to-place"
          />
          <TextInput
            type="date"
            label={t('transparency.relocations.date')}
            required
            value={d.date}
            onChange={(e) => set('date', e.currentTarget.value)}
            error={errors.date}
            data-testid="relocation-date"
          />
          <NumberInput
            label={t('transparency.relocations.persons')}
            required
            min={0}
            value={personsCount}
            onChange={setCount}
            error={errors.personsCount}
            data-testid="relocation-persons"
          />
          <TextInput
            label={t('transparency.relocations.managedBy')}
            required
            value={d.managedBy}
            onChange={(e) => set('managedBy', e.currentTarget.value)}
            error={errors.managedBy}
            data-testid="relocation-managed-by"
          />
          <NativeSelect
            label={t('transparency.relocations.agreement')}
            value={d.agreementId}
            onChange={(e) => set('agreementId', e.currentTarget.value)}
            error={errors.agreementId}
          >
            <option value="">—</option>
            {(agreements.data?.items ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </NativeSelect>
        </SimpleGrid>
        <Textarea
          label={t('transparency.relocations.legalBasis')}
          required
          value={d.legalBasis}
          onChange={(e) => set('legalBasis', e.currentTarget.value)}
          error={errors.legalBasis}
          autosize
          minRows={2}
          data-testid="relocation-legal-basis"
        />
        <Textarea
          label={t('assistance.notes')}
          value={d.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          error={errors.notes}
          autosize
          minRows={2}
        />
        <Checkbox
          label={t('transparency.relocations.public')}
          checked={isPublic}
          onChange={(e) => setPublic(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="relocation-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

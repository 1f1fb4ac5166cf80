import {
  Anchor,
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
  Timeline,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { personsApi } from '../api/endpoints';
import { queryKeys, useSites } from '../api/queries';
import type { Residence, ResidenceRequest } from '../api/types';
import { fieldErrors } from '../lib/errors';
import { formatDay } from '../lib/format';
import { useHasAbility } from './MeContext';
import { ProblemAlert } from './ProblemAlert';

const FIELDS = ['siteId', 'place', 'inTerritory', 'from', 'movedBy', 'reason'] as const;

/** Newest first: by start day, then by when it was recorded. */
function newestFirst(a: Residence, b: Residence): number {
  if (a.from !== b.from) return a.from < b.from ? 1 : -1;
  return a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0;
}

/** Where a person has lived, as a history: a relocation adds a row and closes the open one. */
export function ResidenceTab({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const canWrite = useHasAbility('persons.write');
  const canReadSites = useHasAbility('sites.read');
  const [adding, setAdding] = useState(false);
  const residences = useQuery({
    queryKey: queryKeys.residences(personId),
    queryFn: ({ signal }) => personsApi.residences(personId, signal),
  });

  const items = residences.data ? [...residences.data.items].sort(newestFirst) : [];
  const current = items.find((r) => r.to === null);

  return (
    <Stack gap="md">
      {canWrite && !adding && (
        <Group>
          <Button onClick={() => setAdding(true)} data-testid="residence-add">
            {current ? t('residences.relocate') : t('residences.add')}
          </Button>
        </Group>
      )}
      {canWrite && adding && (
        <ResidenceForm
          personId={personId}
          current={current}
          onDone={() => setAdding(false)}
          onCancel={() => setAdding(false)}
        />
      )}
      <ProblemAlert error={residences.error} />
      {residences.isPending && <Loader size="sm" />}
      {residences.data && items.length === 0 && <Text c="dimmed">{t('residences.empty')}</Text>}
      {items.length > 0 && (
        <Timeline
          active={current ? 0 : -1}
          bulletSize={16}
          lineWidth={2}
          data-testid="residence-timeline"
        >
          {items.map((item) => (
            <Timeline.Item
              key={item.id}
              title={
                <Group gap="xs">
                  <ResidenceWhere residence={item} linkSite={canReadSites} />
                  {item.to === null && (
                    <Badge color="green" variant="light" size="sm">
                      {t('residences.current')}
                    </Badge>
                  )}
                  {!item.inTerritory && (
                    <Badge color="grape" variant="light" size="sm">
                      {t('residences.outsideTerritory')}
                    </Badge>
                  )}
                </Group>
              }
              data-testid="residence-row"
            >
              <Text size="sm">
                {t('residences.period', {
                  from: formatDay(item.from, i18n.language),
                  to: item.to ? formatDay(item.to, i18n.language) : t('residences.ongoing'),
                })}
              </Text>
              {item.siteId && item.place && (
                <Text size="sm" c="dimmed">
                  {t('residences.place')}: <span dir="auto">{item.place}</span>
                </Text>
              )}
              {item.movedBy && (
                <Text size="sm" c="dimmed">
                  {t('residences.movedBy')}: <span dir="auto">{item.movedBy}</span>
                </Text>
              )}
              {item.reason && (
                <Text size="sm" c="dimmed">
                  {t('residences.reason')}: <span dir="auto">{item.reason}</span>
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Stack>
  );
}

function ResidenceWhere({ residence, linkSite }: { residence: Residence; linkSite: boolean }) {
  const { t } = useTranslation();
  if (residence.siteId) {
    const name = residence.siteName ?? t('residences.unnamedSite');
    return linkSite ? (
      <Anchor component={Link} to={`/sites/${residence.siteId}`} fw={600} dir="auto">
        {name}
      </Anchor>
    ) : (
      <Text fw={600} dir="auto">
        {name}
      </Text>
    );
  }
  return (
    <Text fw={600} dir="auto">
      {residence.place ?? '—'}
    </Text>
  );
}

interface ResidenceDraft {
  siteId: string;
  place: string;
  inTerritory: boolean;
  from: string;
  movedBy: string;
  reason: string;
}

const EMPTY: ResidenceDraft = {
  siteId: '',
  place: '',
  inTerritory: true,
  from: '',
  movedBy: '',
  reason: '',
};

function toRequest(draft: ResidenceDraft): ResidenceRequest {
  const request: ResidenceRequest = { from: draft.from, inTerritory: draft.inTerritory };
  if (draft.siteId) request.siteId = draft.siteId;
  if (draft.place.trim()) request.place = draft.place.trim();
  if (draft.movedBy.trim()) request.movedBy = draft.movedBy.trim();
  if (draft.reason.trim()) request.reason = draft.reason.trim();
  return request;
}

interface ResidenceFormProps {
  personId: string;
  /** The open residence this one will close, if any. */
  current: Residence | undefined;
  onDone: () => void;
  onCancel: () => void;
}

function ResidenceForm({ personId, current, onDone, onCancel }: ResidenceFormProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const canReadSites = useHasAbility('sites.read');
  const sites = useSites(canReadSites);
  const [draft, setDraft] = useState<ResidenceDraft>(EMPTY);
  const set = <K extends keyof ResidenceDraft>(key: K, value: ResidenceDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const save = useMutation({
    mutationFn: () => personsApi.addResidence(personId, toRequest(draft)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.residences(personId) });
      // Residents lists of the sites left and joined change too.
      void queryClient.invalidateQueries({ queryKey: queryKeys.sites });
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
          {current && (
            <Text size="sm" data-testid="residence-closes">
              {t('residences.closesCurrent', {
                where: current.siteName ?? current.place ?? '—',
                since: formatDay(current.from, i18n.language),
              })}
            </Text>
          )}
          <ProblemAlert error={save.error} fields={FIELDS} testId="residence-error" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {canReadSites && (
              <NativeSelect
                label={t('residences.site')}
                value={draft.siteId}
                onChange={(e) => set('siteId', e.currentTarget.value)}
                error={errors.siteId}
                disabled={sites.isPending}
                data-testid="residence-site"
              >
                <option value="">{t('residences.noSite')}</option>
                {sites.data?.items.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
              </NativeSelect>
            )}
            <TextInput
              label={draft.siteId ? t('residences.placeDetail') : t('residences.place')}
              description={t('residences.placeHelp')}
              required={!draft.siteId}
              dir="auto"
              value={draft.place}
              onChange={(e) => set('place', e.currentTarget.value)}
              error={errors.place ?? (canReadSites ? undefined : errors.siteId)}
              data-testid="residence-place"
            />
          </SimpleGrid>
          <ProblemAlert error={sites.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={t('residences.from')}
              required
              value={draft.from}
              onChange={(e) => set('from', e.currentTarget.value)}
              error={errors.from}
              data-testid="residence-from"
            />
            <Checkbox
              mt={{ base: 0, sm: 'xl' }}
              label={t('residences.inTerritory')}
              checked={draft.inTerritory}
              onChange={(e) => set('inTerritory', e.currentTarget.checked)}
              error={errors.inTerritory}
              data-testid="residence-in-territory"
            />
          </SimpleGrid>
          <TextInput
            label={t('residences.movedBy')}
            description={t('residences.movedByHelp')}
            dir="auto"
            value={draft.movedBy}
            onChange={(e) => set('movedBy', e.currentTarget.value)}
            error={errors.movedBy}
            data-testid="residence-moved-by"
          />
          <Textarea
            label={t('residences.reason')}
            dir="auto"
            autosize
            minRows={2}
            value={draft.reason}
            onChange={(e) => set('reason', e.currentTarget.value)}
            error={errors.reason}
            data-testid="residence-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="residence-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

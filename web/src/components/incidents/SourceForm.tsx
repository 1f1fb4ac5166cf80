import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { etagFromVersion, isApiError } from '../../api/client';
import { fieldErrors } from '../../lib/errors';
import { localToday } from '../../lib/rights';
import { EditConflictAlert } from '../EditConflictAlert';
import { ProblemAlert } from '../ProblemAlert';
import {
  incidentKeys,
  isOneOf,
  RELIABILITIES,
  SOURCE_KINDS,
  sourcesApi,
  type Reliability,
  type Source,
  type SourceKind,
  type SourcePatch,
  type SourceRequest,
} from './api';

interface SourceDraft {
  kind: SourceKind;
  title: string;
  author: string;
  publishedOn: string;
  url: string;
  reference: string;
  reliability: Reliability;
}

const FIELDS = ['kind', 'title', 'author', 'publishedOn', 'url', 'reference', 'reliability'];

function draftOf(s?: Source): SourceDraft {
  return {
    kind: s?.kind ?? 'report',
    title: s?.title ?? '',
    author: s?.author ?? '',
    publishedOn: s?.publishedOn ?? '',
    url: s?.url ?? '',
    reference: s?.reference ?? '',
    reliability: s?.reliability ?? 'F',
  };
}

function bodyOf(d: SourceDraft): SourceRequest {
  const part = (v: string) => v.trim() || undefined;
  return {
    kind: d.kind,
    title: d.title.trim(),
    author: part(d.author),
    publishedOn: d.publishedOn || undefined,
    url: part(d.url),
    reference: part(d.reference),
    reliability: d.reliability,
  };
}

/** Only the fields changed; a field emptied is sent as null. */
function changesOf(d: SourceDraft, s: Source): SourcePatch {
  const next = bodyOf(d);
  const before = bodyOf(draftOf(s));
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof SourceRequest)[])
    if (next[key] !== before[key]) body[key] = next[key] ?? null;
  return body;
}

/** A source of the library: create, or change one with If-Match on the version read. */
export function SourceForm({ source, onDone }: { source?: Source; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<Source | undefined>(source);
  const [etag, setEtag] = useState<string | null>(source ? etagFromVersion(source.version) : null);
  const [draft, setDraft] = useState<SourceDraft>(() => draftOf(source));
  const set = <K extends keyof SourceDraft>(key: K, value: SourceDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const patch = current ? changesOf(draft, current) : null;
  const changed = patch === null || Object.keys(patch).length > 0;
  const save = useMutation({
    mutationFn: () =>
      current && patch
        ? sourcesApi.update(current.id, patch, etag)
        : sourcesApi.create(bodyOf(draft)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: incidentKeys.sources });
      onDone();
    },
  });
  const reload = useMutation({
    mutationFn: () => sourcesApi.get(current?.id ?? ''),
    onSuccess: (fresh) => {
      setCurrent(fresh.data);
      setEtag(fresh.etag);
      setDraft(draftOf(fresh.data));
      save.reset();
    },
  });
  const conflict = isApiError(save.error) && save.error.isConflict;
  const errors = fieldErrors(save.error);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (changed) save.mutate();
      }}
      data-testid="source-form"
    >
      <Stack gap="sm">
        {conflict ? (
          <EditConflictAlert
            message={t('incidents.sources.conflict')}
            onReload={() => reload.mutate()}
            reloading={reload.isPending}
            testIdPrefix="source"
          />
        ) : (
          <ProblemAlert error={save.error} fields={FIELDS} testId="source-form-error" />
        )}
        <ProblemAlert error={reload.error} />
        <TextInput
          label={t('incidents.sources.titleField')}
          description={t('incidents.sources.titleHint')}
          required
          dir="auto"
          value={draft.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
          data-testid="source-title"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('incidents.sources.kind')}
            value={draft.kind}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isOneOf(SOURCE_KINDS, v)) set('kind', v);
            }}
            error={errors.kind}
            data-testid="source-kind"
          >
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`incidents.sourceKinds.${k}`)}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            label={t('incidents.sources.reliability')}
            value={draft.reliability}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isOneOf(RELIABILITIES, v)) set('reliability', v);
            }}
            error={errors.reliability}
            data-testid="source-reliability"
          >
            {RELIABILITIES.map((r) => (
              <option key={r} value={r}>
                {`${r} · ${t(`incidents.reliability.${r}`)}`}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t('incidents.sources.author')}
            dir="auto"
            value={draft.author}
            onChange={(e) => set('author', e.currentTarget.value)}
            error={errors.author}
            data-testid="source-author"
          />
          <TextInput
            type="date"
            label={t('incidents.sources.publishedOn')}
            max={localToday()}
            value={draft.publishedOn}
            onChange={(e) => set('publishedOn', e.currentTarget.value)}
            error={errors.publishedOn}
            data-testid="source-published-on"
          />
          <TextInput
            type="url"
            label={t('incidents.sources.url')}
            description={t('incidents.sources.urlOrReference')}
            dir="ltr"
            value={draft.url}
            onChange={(e) => set('url', e.currentTarget.value)}
            error={errors.url}
            data-testid="source-url"
          />
          <TextInput
            label={t('incidents.sources.reference')}
            description={t('incidents.sources.referenceHint')}
            dir="auto"
            value={draft.reference}
            onChange={(e) => set('reference', e.currentTarget.value)}
            error={errors.reference}
            data-testid="source-reference"
          />
        </SimpleGrid>
        <Group justify="flex-end">
          {!changed && (
            <Text size="sm" c="dimmed">
              {t('incidents.form.noChanges')}
            </Text>
          )}
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            disabled={!changed || conflict}
            loading={save.isPending}
            data-testid="source-submit"
          >
            {current ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

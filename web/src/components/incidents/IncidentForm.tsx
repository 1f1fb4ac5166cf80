import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { etagFromVersion, isApiError } from '../../api/client';
import { useSites } from '../../api/queries';
import { errorAt, fieldPathErrors } from '../../lib/errors';
import { articleLabel, localToday, RIGHTS_ARTICLES } from '../../lib/rights';
import { useHasAbility } from '../MeContext';
import { EditConflictAlert } from '../EditConflictAlert';
import { ProblemAlert } from '../ProblemAlert';
import {
  ACTS,
  DATE_PRECISIONS,
  INCIDENT_SENSITIVITIES,
  incidentKeys,
  incidentsApi,
  isOneOf,
  PLACE_PRECISIONS,
  type Incident,
} from './api';
import { ConsentEditor } from './ConsentEditor';
import { bodyOf, changesOf, draftOf, emptyDraft, type IncidentDraft } from './draft';
import { InvolvementsEditor } from './InvolvementsEditor';

/** Fields the form shows its own errors on; others are listed in the alert. */
const FIELDS = [
  'acts',
  'actOther',
  'description',
  'when',
  'where',
  'involvements',
  'articles',
  'sensitivity',
  'consentToUse',
  'consentToShare',
] as const;

interface IncidentFormProps {
  /** The incident to change (saved with If-Match on `etag`); none for a new one. */
  incident?: Incident;
  etag?: string | null;
  /** Reads the incident again after a 412; resolves to the fresh record. */
  onReload?: () => Promise<Incident | undefined>;
  /** A new incident about this person (their first victim or survivor). */
  personId?: string;
}

/** Records an incident, or changes one (only the fields changed are sent). */
export function IncidentForm({ incident, etag = null, onReload, personId }: IncidentFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canRestrict = useHasAbility('incidents.restrict');
  const sites = useSites(useHasAbility('sites.read'));
  const [draft, setDraft] = useState<IncidentDraft>(() =>
    incident ? draftOf(incident) : emptyDraft(personId),
  );
  const set = <K extends keyof IncidentDraft>(key: K, value: IncidentDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const patch = incident ? changesOf(draft, incident) : null;
  const changed = patch === null || Object.keys(patch).length > 0;

  const save = useMutation({
    mutationFn: () =>
      incident && patch
        ? incidentsApi.update(incident.id, patch, etag)
        : incidentsApi.create(bodyOf(draft)),
    onSuccess: (saved) => {
      // The incident page shows what was saved at once, not the cached version before it.
      queryClient.setQueryData(incidentKeys.detail(saved.id), {
        data: saved,
        status: 200,
        etag: etagFromVersion(saved.version),
      });
      void queryClient.invalidateQueries({ queryKey: incidentKeys.lists });
      void navigate(`/incidents/${saved.id}`);
    },
  });
  const reload = useMutation({
    mutationFn: async () => (onReload ? onReload() : undefined),
    onSuccess: (fresh) => {
      if (fresh) setDraft(draftOf(fresh));
      save.reset();
    },
  });
  const conflict = isApiError(save.error) && save.error.isConflict;
  const errors = fieldPathErrors(save.error);
  const under = (field: string) => [
    field,
    ...Object.keys(errors).filter((path) => path.startsWith(`${field}.`)),
  ];
  const sensitivities = INCIDENT_SENSITIVITIES.filter(
    (s) => s !== 'restricted' || canRestrict || incident?.sensitivity === 'restricted',
  );
  const today = localToday();

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (changed) save.mutate();
      }}
      data-testid="incident-form"
    >
      <Stack gap="md">
        {conflict ? (
          <EditConflictAlert
            message={t('incidents.form.conflict')}
            onReload={() => reload.mutate()}
            reloading={reload.isPending}
            testIdPrefix="incident"
          />
        ) : (
          <ProblemAlert error={save.error} fields={FIELDS} testId="incident-form-error" />
        )}
        <ProblemAlert error={reload.error} />

        <Checkbox.Group
          label={t('incidents.form.acts')}
          description={t('incidents.form.actsHint')}
          required
          value={draft.acts}
          onChange={(v) =>
            set(
              'acts',
              ACTS.filter((a) => v.includes(a)),
            )
          }
          error={errorAt(errors, ...under('acts'))}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
            {ACTS.map((a) => (
              <Checkbox
                key={a}
                value={a}
                label={t(`incidents.acts.${a}`)}
                data-testid={`incident-act-${a}`}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        {draft.acts.includes('other') && (
          <TextInput
            label={t('incidents.form.actOther')}
            description={t('incidents.form.actOtherHint')}
            required
            dir="auto"
            value={draft.actOther}
            onChange={(e) => set('actOther', e.currentTarget.value)}
            error={errors.actOther}
            data-testid="incident-act-other"
          />
        )}
        <Textarea
          label={t('incidents.form.description')}
          description={t('incidents.form.descriptionHint')}
          required
          dir="auto"
          autosize
          minRows={3}
          value={draft.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
          data-testid="incident-description"
        />

        <Fieldset legend={t('incidents.form.when')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              label={t('incidents.form.from')}
              required
              max={today}
              value={draft.from}
              onChange={(e) => set('from', e.currentTarget.value)}
              error={errorAt(errors, 'when.from', 'when')}
              data-testid="incident-from"
            />
            <TextInput
              type="date"
              label={t('incidents.form.to')}
              description={t('incidents.form.toHint')}
              max={today}
              value={draft.to}
              onChange={(e) => set('to', e.currentTarget.value)}
              error={errorAt(errors, 'when.to')}
              data-testid="incident-to"
            />
            <NativeSelect
              label={t('incidents.form.datePrecision')}
              value={draft.datePrecision}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isOneOf(DATE_PRECISIONS, v)) set('datePrecision', v);
              }}
              error={errorAt(errors, 'when.precision')}
              data-testid="incident-date-precision"
            >
              {DATE_PRECISIONS.map((p) => (
                <option key={p} value={p}>
                  {t(`incidents.datePrecisions.${p}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('incidents.form.where')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('incidents.form.site')}
              value={draft.siteId}
              onChange={(e) => set('siteId', e.currentTarget.value)}
              error={errorAt(errors, 'where.siteId', 'where')}
              data-testid="incident-site"
            >
              <option value="">{t('incidents.form.noSite')}</option>
              {(sites.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              label={t('incidents.form.place')}
              description={t('incidents.form.placeHint')}
              dir="auto"
              value={draft.place}
              onChange={(e) => set('place', e.currentTarget.value)}
              error={errorAt(errors, 'where.place')}
              data-testid="incident-place"
            />
            <NativeSelect
              label={t('incidents.form.placePrecision')}
              value={draft.placePrecision}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isOneOf(PLACE_PRECISIONS, v)) set('placePrecision', v);
              }}
              error={errorAt(errors, 'where.precision')}
              data-testid="incident-place-precision"
            >
              {PLACE_PRECISIONS.map((p) => (
                <option key={p} value={p}>
                  {t(`incidents.placePrecisions.${p}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
        </Fieldset>

        <InvolvementsEditor
          value={draft.involvements}
          onChange={(v) => set('involvements', v)}
          errors={errors}
        />
        {errors.involvements && (
          <Text c="var(--mantine-color-error)" size="sm" role="alert">
            {errors.involvements}
          </Text>
        )}

        <MultiSelect
          label={t('incidents.form.articles')}
          description={t('incidents.form.articlesHint')}
          searchable
          clearable
          data={RIGHTS_ARTICLES.map((a) => ({ value: a, label: articleLabel(t, a) }))}
          value={draft.articles}
          onChange={(v) => set('articles', v)}
          error={errorAt(errors, ...under('articles'))}
          data-testid="incident-articles"
        />

        <NativeSelect
          label={t('incidents.form.sensitivity')}
          description={t('incidents.form.sensitivityHint')}
          value={draft.sensitivity}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isOneOf(INCIDENT_SENSITIVITIES, v)) set('sensitivity', v);
          }}
          error={errors.sensitivity}
          data-testid="incident-sensitivity-select"
        >
          {sensitivities.map((s) => (
            <option key={s} value={s}>
              {t(`incidents.sensitivities.${s}`)}
            </option>
          ))}
        </NativeSelect>

        <ConsentEditor
          legend={t('incidents.consent.toUse')}
          value={draft.consentToUse}
          onChange={(v) => set('consentToUse', v)}
          errors={errors}
          field="consentToUse"
          testId="incident-consent-use"
        />
        <ConsentEditor
          legend={t('incidents.consent.toShare')}
          value={draft.consentToShare}
          onChange={(v) => set('consentToShare', v)}
          errors={errors}
          field="consentToShare"
          testId="incident-consent-share"
        />

        <Group justify="flex-end">
          {!changed && (
            <Text size="sm" c="dimmed">
              {t('incidents.form.noChanges')}
            </Text>
          )}
          <Button
            variant="default"
            onClick={() => void navigate(incident ? `/incidents/${incident.id}` : '/incidents')}
          >
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            disabled={!changed || conflict}
            loading={save.isPending}
            data-testid="incident-submit"
          >
            {incident ? t('common.save') : t('incidents.form.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

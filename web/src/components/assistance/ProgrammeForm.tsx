import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSites } from '../../api/queries';
import { errorAt, fieldPathErrors } from '../../lib/errors';
import { useHasAbility } from '../MeContext';
import { ProblemAlert } from '../ProblemAlert';
import {
  aidKeys,
  assistanceApi,
  isOneOf,
  PROGRAMME_TYPES,
  type Programme,
  type ProgrammeRequest,
  type ProgrammeType,
} from './api';
import {
  draftToRule,
  EligibilityRulesEditor,
  ruleToDraft,
  type RuleDraft,
} from './EligibilityRulesEditor';

const FIELDS = [
  'name',
  'type',
  'providerId',
  'description',
  'funders',
  'siteIds',
  'eligibility',
  'capacity',
  'startDate',
  'endDate',
] as const;

interface FunderDraft {
  name: string;
  iatiRef: string;
}

interface ProgrammeFormProps {
  /** Edit this programme (with the ETag it was read with); omit to create one. */
  programme?: Programme;
  etag?: string | null;
  onDone: (programme: Programme) => void;
  onCancel: () => void;
  onReload?: () => void;
}

/** A programme: type, implementing organisation, funders, sites, eligibility, capacity, dates. */
export function ProgrammeForm({ programme, etag, onDone, onCancel, onReload }: ProgrammeFormProps) {
  const { t } = useTranslation();
  const canSites = useHasAbility('sites.read');
  const sites = useSites(canSites);
  const providers = useQuery({
    queryKey: aidKeys.providers,
    queryFn: ({ signal }) => assistanceApi.providers(signal),
  });
  const [name, setName] = useState(programme?.name ?? '');
  const [type, setType] = useState<ProgrammeType>(programme?.type ?? 'food');
  const [providerId, setProviderId] = useState(programme?.providerId ?? '');
  const [description, setDescription] = useState(programme?.description ?? '');
  const [funders, setFunders] = useState<FunderDraft[]>(
    programme?.funders.map((f) => ({ name: f.name, iatiRef: f.iatiRef ?? '' })) ?? [],
  );
  const [siteIds, setSiteIds] = useState<string[]>(programme?.siteIds ?? []);
  const [rules, setRules] = useState<RuleDraft[]>(
    programme?.eligibility.rules.map(ruleToDraft) ?? [],
  );
  const [capacity, setCapacity] = useState<number | string>(programme?.capacity ?? '');
  const [startDate, setStartDate] = useState(programme?.startDate ?? '');
  const [endDate, setEndDate] = useState(programme?.endDate ?? '');

  const save = useMutation({
    mutationFn: () => {
      const common = {
        name: name.trim(),
        providerId,
        funders: funders
          .filter((f) => f.name.trim())
          .map((f) =>
            f.iatiRef.trim()
              ? { name: f.name.trim(), iatiRef: f.iatiRef.trim() }
              : { name: f.name.trim() },
          ),
        siteIds,
        eligibility: { rules: rules.map(draftToRule) },
        startDate,
      };
      if (programme)
        return assistanceApi.updateProgramme(
          programme.id,
          {
            ...common,
            description: description.trim() || null,
            capacity: typeof capacity === 'number' ? capacity : null,
            endDate: endDate || null,
          },
          etag ?? null,
        );
      const body: ProgrammeRequest = { ...common, type };
      if (description.trim()) body.description = description.trim();
      if (typeof capacity === 'number') body.capacity = capacity;
      if (endDate) body.endDate = endDate;
      return assistanceApi.createProgramme(body);
    },
    onSuccess: onDone,
  });
  const errors = fieldPathErrors(save.error);
  const siteList = sites.data?.items ?? [];

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <ProblemAlert
          error={save.error}
          fields={FIELDS}
          onReload={onReload}
          testId="programme-error"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('assistance.programmes.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            data-testid="programme-name"
          />
          <NativeSelect
            label={t('assistance.programmes.type')}
            value={type}
            disabled={programme !== undefined}
            description={programme ? t('assistance.programmes.typeFixed') : undefined}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isOneOf(PROGRAMME_TYPES, v)) setType(v);
            }}
            error={errors.type}
            data-testid="programme-type"
          >
            {PROGRAMME_TYPES.map((p) => (
              <option key={p} value={p}>
                {t(`assistance.programmeTypes.${p}`)}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect
            label={t('assistance.programmes.provider')}
            description={t('assistance.programmes.providerHint')}
            required
            value={providerId}
            onChange={(e) => setProviderId(e.currentTarget.value)}
            error={errors.providerId}
            data-testid="programme-provider"
          >
            <option value="">{t('assistance.choose')}</option>
            {(providers.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.name} — ${t(`assistance.independence.${p.independenceClass}`)}`}
              </option>
            ))}
          </NativeSelect>
          <NumberInput
            label={t('assistance.programmes.capacity')}
            description={t('assistance.programmes.capacityHint')}
            min={0}
            value={capacity}
            onChange={setCapacity}
            error={errors.capacity}
            data-testid="programme-capacity"
          />
          <TextInput
            type="date"
            label={t('assistance.programmes.startDate')}
            required
            value={startDate}
            onChange={(e) => setStartDate(e.currentTarget.value)}
            error={errors.startDate}
            data-testid="programme-start"
          />
          <TextInput
            type="date"
            label={t('assistance.programmes.endDate')}
            value={endDate}
            onChange={(e) => setEndDate(e.currentTarget.value)}
            error={errors.endDate}
            data-testid="programme-end"
          />
        </SimpleGrid>
        <Textarea
          label={t('assistance.programmes.description')}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
          autosize
          minRows={2}
        />
        <Fieldset legend={t('assistance.programmes.funders')} data-testid="programme-funders">
          <Stack gap="xs">
            {funders.map((f, i) => (
              <Group key={i} align="flex-end">
                <TextInput
                  label={t('assistance.programmes.funderName')}
                  value={f.name}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setFunders((all) => all.map((x, j) => (j === i ? { ...x, name: v } : x)));
                  }}
                  error={errorAt(errors, `funders.${i}.name`, `funders.${i}`)}
                  data-testid="funder-name"
                />
                <TextInput
                  label={t('assistance.programmes.funderRef')}
                  value={f.iatiRef}
                  dir="ltr"
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setFunders((all) => all.map((x, j) => (j === i ? { ...x, iatiRef: v } : x)));
                  }}
                  error={errorAt(errors, `funders.${i}.iatiRef`)}
                />
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => setFunders((all) => all.filter((_, j) => j !== i))}
                >
                  {t('assistance.remove')}
                </Button>
              </Group>
            ))}
            <div>
              <Button
                size="xs"
                variant="light"
                onClick={() => setFunders((all) => [...all, { name: '', iatiRef: '' }])}
                data-testid="funder-add"
              >
                {t('assistance.programmes.addFunder')}
              </Button>
            </div>
          </Stack>
        </Fieldset>
        {canSites && (
          <Checkbox.Group
            label={t('assistance.programmes.sites')}
            description={t('assistance.programmes.sitesHint')}
            value={siteIds}
            onChange={setSiteIds}
            error={errorAt(errors, 'siteIds')}
            data-testid="programme-sites"
          >
            <Group gap="md" mt={4}>
              {siteList.map((s) => (
                <Checkbox key={s.id} value={s.id} label={s.name} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <EligibilityRulesEditor
          rules={rules}
          onChange={setRules}
          sites={siteList}
          errors={errors}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="programme-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import {
  Button,
  Fieldset,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { personsApi } from '../../api/endpoints';
import { queryKeys } from '../../api/queries';
import { SENSITIVITIES } from '../../api/types';
import type {
  Person,
  PersonName,
  PersonSex,
  Sensitivity,
  UpdatePersonRequest,
} from '../../api/types';
import { errorAt, fieldPathErrors } from '../../lib/errors';
import {
  isNameScript,
  NAME_SCRIPTS,
  normaliseNationality,
  splitCodes,
  type NameScript,
} from '../../lib/persons';
import { useHasAbility } from '../MeContext';
import { EditConflictAlert } from '../EditConflictAlert';
import { ProblemAlert } from '../ProblemAlert';
import { PersonCoreFields } from './PersonCoreFields';

/** UNHCR specific-needs codes, top level (src/modules/registry/schema.ts). */
const NEED_CODES = ['CR', 'SC', 'WR', 'ER', 'SP', 'DS', 'SM', 'FU', 'LP', 'TR', 'SV'] as const;
type SpecificNeed = Person['specificNeeds'][number];
type NeedCode = SpecificNeed['code'];

const FIELDS = [
  'names',
  'sex',
  'birthDate',
  'birthYear',
  'birthYearEstimated',
  'nationalities',
  'languages',
  'specificNeeds',
  'contact',
  'sensitivity',
] as const;

interface Draft {
  given: string;
  middle: string;
  family: string;
  originalGiven: string;
  originalFamily: string;
  originalScript: NameScript;
  sex: PersonSex;
  birthDate: string;
  birthYear: number | string;
  birthYearEstimated: boolean;
  nationalities: string[];
  languages: string[];
  needs: NeedCode[];
  phone: string;
  email: string;
  address: string;
  sensitivity: Sensitivity;
}

/** The primary name, the first original-script name, and every other name (kept as they are). */
function splitNames(names: readonly PersonName[]) {
  const primary = names.find((n) => n.use === 'primary') ?? names[0];
  const original = names.find((n) => n !== primary && n.use === 'original');
  return { primary, original, others: names.filter((n) => n !== primary && n !== original) };
}

function draftOf(person: Person): Draft {
  const { primary, original } = splitNames(person.names);
  const script = original?.script ?? 'Arab';
  return {
    given: primary?.given ?? '',
    middle: primary?.middle ?? '',
    family: primary?.family ?? '',
    originalGiven: original?.given ?? '',
    originalFamily: original?.family ?? '',
    originalScript: isNameScript(script) ? script : 'Arab',
    sex: person.sex,
    birthDate: person.birthDate ?? '',
    birthYear: person.birthDate ? '' : (person.birthYear ?? ''),
    birthYearEstimated: person.birthYearEstimated,
    nationalities: person.nationalities,
    languages: person.languages,
    needs: person.specificNeeds.map((n) => n.code),
    phone: person.contact?.phone ?? '',
    email: person.contact?.email ?? '',
    address: person.contact?.address ?? '',
    sensitivity: person.sensitivity,
  };
}

/** The whole record as a PATCH body; `changes` keeps only what differs from the record. */
function bodyOf(draft: Draft, person: Person): UpdatePersonRequest {
  const part = (value: string) => value.trim() || undefined;
  const { primary, original, others } = splitNames(person.names);
  const names: UpdatePersonRequest['names'] = [
    {
      given: part(draft.given),
      middle: part(draft.middle),
      family: part(draft.family),
      script: primary?.script ?? 'Latn',
      use: 'primary',
    },
  ];
  if (draft.originalGiven.trim() || draft.originalFamily.trim())
    names.push({
      given: part(draft.originalGiven),
      family: part(draft.originalFamily),
      // A script the form does not offer stays as it was.
      script: original && !isNameScript(original.script) ? original.script : draft.originalScript,
      use: 'original',
    });
  for (const n of others) names.push({ ...n, use: n.use === 'primary' ? 'alias' : useOf(n.use) });
  const contact = {
    phone: part(draft.phone),
    email: part(draft.email),
    address: part(draft.address),
  };
  const hasContact = Object.values(contact).some((v) => v !== undefined);
  // Sub-codes and dates of needs already recorded are kept.
  const specificNeeds: SpecificNeed[] = draft.needs.map(
    (code) => person.specificNeeds.find((n) => n.code === code) ?? { code },
  );
  return {
    names,
    sex: draft.sex,
    birthDate: draft.birthDate || null,
    birthYear: draft.birthDate
      ? null
      : typeof draft.birthYear === 'number'
        ? draft.birthYear
        : null,
    birthYearEstimated: draft.birthDate ? false : draft.birthYearEstimated,
    nationalities: draft.nationalities,
    languages: draft.languages,
    specificNeeds,
    contact: hasContact ? contact : null,
    sensitivity: draft.sensitivity,
  };
}

function useOf(use: string): 'primary' | 'alias' | 'original' {
  return use === 'original' ? 'original' : use === 'primary' ? 'primary' : 'alias';
}

/** Only the fields the user changed, compared with the record as read. */
function changes(draft: Draft, person: Person): UpdatePersonRequest {
  const next = bodyOf(draft, person);
  const before = bodyOf(draftOf(person), person);
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof UpdatePersonRequest)[])
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) body[key] = next[key];
  // The server takes a birth date or a birth year: both go together when either changed.
  if ('birthDate' in body || 'birthYear' in body) {
    body.birthDate = next.birthDate ?? null;
    body.birthYear = next.birthYear ?? null;
  }
  return body;
}

/** "Edit" on the profile: a form over the record, saved with If-Match on the version read. */
export function PersonEditButton({
  person,
  etag,
  onReload,
}: {
  person: Person;
  etag: string | null;
  /** Reads the record again (after a 412); resolves to the fresh record. */
  onReload: () => Promise<Person | undefined>;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)} data-testid="person-edit">
        {t('common.edit')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('registry.edit.title')}
        size="xl"
      >
        {opened && (
          <PersonEditForm
            person={person}
            etag={etag}
            onReload={onReload}
            onDone={() => setOpened(false)}
          />
        )}
      </Modal>
    </>
  );
}

function PersonEditForm({
  person,
  etag,
  onReload,
  onDone,
}: {
  person: Person;
  etag: string | null;
  onReload: () => Promise<Person | undefined>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const canRestrict = useHasAbility('persons.restrict');
  const [draft, setDraft] = useState<Draft>(() => draftOf(person));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const body = changes(draft, person);
  const changed = Object.keys(body).length > 0;

  const save = useMutation({
    mutationFn: () => personsApi.update(person.id, body, etag),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.persons });
      onDone();
    },
  });
  const reload = useMutation({
    mutationFn: onReload,
    onSuccess: (fresh) => {
      if (fresh) setDraft(draftOf(fresh));
      save.reset();
    },
  });

  const conflict = isApiError(save.error) && save.error.isConflict;
  const errors = fieldPathErrors(save.error);
  const sensitivities = SENSITIVITIES.filter(
    (s) => s !== 'restricted' || canRestrict || person.sensitivity === 'restricted',
  );
  const paths = (field: string) => [
    field,
    ...Object.keys(errors).filter((path) => path.startsWith(`${field}.`)),
  ];

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (changed) save.mutate();
      }}
      data-testid="person-edit-form"
    >
      <Stack gap="md">
        {conflict ? (
          <EditConflictAlert
            message={t('registry.edit.conflict')}
            onReload={() => reload.mutate()}
            reloading={reload.isPending}
            testIdPrefix="person-edit"
          />
        ) : (
          <ProblemAlert error={save.error} fields={FIELDS} testId="person-edit-error" />
        )}
        <ProblemAlert error={reload.error} />

        <Fieldset legend={t('persons.primaryName')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('persons.given')}
              value={draft.given}
              onChange={(e) => set('given', e.currentTarget.value)}
              error={errorAt(errors, 'names.0.given', 'names.0', 'names')}
              data-testid="edit-given"
            />
            <TextInput
              label={t('persons.middle')}
              value={draft.middle}
              onChange={(e) => set('middle', e.currentTarget.value)}
              error={errorAt(errors, 'names.0.middle')}
              data-testid="edit-middle"
            />
            <TextInput
              label={t('persons.family')}
              value={draft.family}
              onChange={(e) => set('family', e.currentTarget.value)}
              error={errorAt(errors, 'names.0.family')}
              data-testid="edit-family"
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('persons.originalName')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('persons.given')}
              dir="auto"
              value={draft.originalGiven}
              onChange={(e) => set('originalGiven', e.currentTarget.value)}
              error={errorAt(errors, 'names.1.given', 'names.1')}
              data-testid="edit-original-given"
            />
            <TextInput
              label={t('persons.family')}
              dir="auto"
              value={draft.originalFamily}
              onChange={(e) => set('originalFamily', e.currentTarget.value)}
              error={errorAt(errors, 'names.1.family')}
              data-testid="edit-original-family"
            />
            <NativeSelect
              label={t('persons.script')}
              value={draft.originalScript}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isNameScript(value)) set('originalScript', value);
              }}
              error={errorAt(errors, 'names.1.script')}
            >
              {NAME_SCRIPTS.map((code) => (
                <option key={code} value={code}>
                  {t(`persons.scripts.${code}`)}
                </option>
              ))}
            </NativeSelect>
          </SimpleGrid>
        </Fieldset>

        <PersonCoreFields
          draft={draft}
          set={set}
          errors={errors}
          sensitivities={sensitivities}
          testIdPrefix="edit"
        />

        <TagsInput
          label={t('persons.nationalities')}
          description={t('persons.nationalitiesHelp')}
          value={draft.nationalities}
          onChange={(values) =>
            set('nationalities', [...new Set(values.flatMap(splitCodes).map(normaliseNationality))])
          }
          splitChars={[',', ' ', ';']}
          error={errorAt(errors, ...paths('nationalities'))}
          data-testid="edit-nationalities"
        />
        <TagsInput
          label={t('persons.languages')}
          description={t('persons.languagesHelp')}
          value={draft.languages}
          onChange={(values) =>
            set('languages', [
              ...new Set(values.flatMap(splitCodes).map((code) => code.toLowerCase())),
            ])
          }
          splitChars={[',', ' ', ';']}
          error={errorAt(errors, ...paths('languages'))}
          data-testid="edit-languages"
        />
        <MultiSelect
          label={t('registry.edit.specificNeeds')}
          data={NEED_CODES.map((code) => ({
            value: code,
            label: `${code} · ${t(`registry.needs.${code}`)}`,
          }))}
          value={draft.needs}
          onChange={(values) =>
            set(
              'needs',
              NEED_CODES.filter((code) => values.includes(code)),
            )
          }
          error={errorAt(errors, ...paths('specificNeeds'))}
          data-testid="edit-specific-needs"
        />

        <Fieldset legend={t('registry.edit.contact')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="tel"
              label={t('registry.edit.phone')}
              dir="ltr"
              value={draft.phone}
              onChange={(e) => set('phone', e.currentTarget.value)}
              error={errorAt(errors, 'contact.phone', 'contact')}
              data-testid="edit-phone"
            />
            <TextInput
              type="email"
              label={t('registry.edit.email')}
              dir="ltr"
              value={draft.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={errorAt(errors, 'contact.email')}
              data-testid="edit-email"
            />
            <TextInput
              label={t('registry.edit.address')}
              value={draft.address}
              onChange={(e) => set('address', e.currentTarget.value)}
              error={errorAt(errors, 'contact.address')}
              data-testid="edit-address"
            />
          </SimpleGrid>
        </Fieldset>

        <Group justify="flex-end">
          {!changed && (
            <Text size="sm" c="dimmed">
              {t('registry.edit.noChanges')}
            </Text>
          )}
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            disabled={!changed || conflict}
            loading={save.isPending}
            data-testid="person-edit-save"
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

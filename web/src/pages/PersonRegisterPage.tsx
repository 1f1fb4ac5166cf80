import {
  Button,
  Fieldset,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { personsApi } from '../api/endpoints';
import { queryKeys } from '../api/queries';
import { SENSITIVITIES } from '../api/types';
import type {
  CreatePersonRequest,
  DuplicateCheckResponse,
  PersonSex,
  Sensitivity,
} from '../api/types';
import { DuplicateMatches } from '../components/DuplicateMatches';
import { useHasAbility } from '../components/MeContext';
import { ProblemAlert } from '../components/ProblemAlert';
import { errorAt, fieldPathErrors } from '../lib/errors';
import {
  isNameScript,
  NAME_SCRIPTS,
  normaliseNationality,
  splitCodes,
  type NameScript,
} from '../lib/persons';
import { PersonCoreFields } from '../components/registry/PersonCoreFields';

const FIELDS = [
  'names',
  'sex',
  'birthDate',
  'birthYear',
  'birthYearEstimated',
  'nationalities',
  'languages',
  'sensitivity',
] as const;

interface PersonDraft {
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
  sensitivity: Sensitivity;
}

const EMPTY: PersonDraft = {
  given: '',
  middle: '',
  family: '',
  originalGiven: '',
  originalFamily: '',
  originalScript: 'Arab',
  sex: 'unknown',
  birthDate: '',
  birthYear: '',
  birthYearEstimated: false,
  nationalities: [],
  languages: [],
  sensitivity: 'normal',
};

function hasOriginalName(draft: PersonDraft): boolean {
  return draft.originalGiven.trim() !== '' || draft.originalFamily.trim() !== '';
}

function toRequest(draft: PersonDraft): CreatePersonRequest {
  const part = (value: string) => value.trim() || undefined;
  const names: CreatePersonRequest['names'] = [
    {
      given: part(draft.given),
      middle: part(draft.middle),
      family: part(draft.family),
      script: 'Latn',
      use: 'primary',
    },
  ];
  if (hasOriginalName(draft)) {
    names.push({
      given: part(draft.originalGiven),
      family: part(draft.originalFamily),
      script: draft.originalScript,
      use: 'original',
    });
  }
  const request: CreatePersonRequest = {
    names,
    sex: draft.sex,
    nationalities: draft.nationalities,
    languages: draft.languages,
    sensitivity: draft.sensitivity,
  };
  if (draft.birthDate) {
    request.birthDate = draft.birthDate;
  } else if (typeof draft.birthYear === 'number') {
    request.birthYear = draft.birthYear;
    request.birthYearEstimated = draft.birthYearEstimated;
  }
  return request;
}

export function PersonRegisterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canRestrict = useHasAbility('persons.restrict');
  const [draft, setDraft] = useState<PersonDraft>(EMPTY);
  // Matches found for the draft as it is now; any edit makes them stale, so it clears them.
  const [matches, setMatches] = useState<DuplicateCheckResponse | null>(null);
  const set = <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) => {
    setMatches(null);
    setDraft((d) => ({ ...d, [key]: value }));
  };

  const save = useMutation({
    mutationFn: () => personsApi.create(toRequest(draft)),
    onSuccess: (person) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.persons });
      void navigate(`/persons/${person.id}`);
    },
  });

  // "Check and save": look for likely duplicates first; save straight away only when none.
  const check = useMutation({
    mutationFn: () => personsApi.duplicateCheck(toRequest(draft)),
    onMutate: () => save.reset(),
    onSuccess: (result) => {
      if (result.items.length === 0 && !result.referToFocalPoint) save.mutate();
      else setMatches(result);
    },
  });

  const error = save.error ?? check.error;
  const errors = fieldPathErrors(error);
  const sensitivities = SENSITIVITIES.filter((s) => s !== 'restricted' || canRestrict);

  return (
    <Stack gap="md" maw={760}>
      <Title order={1}>{t('persons.registerTitle')}</Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!matches) check.mutate();
        }}
      >
        <Stack gap="md">
          <ProblemAlert error={error} fields={FIELDS} testId="person-error" />

          <Fieldset legend={t('persons.primaryName')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('persons.given')}
                value={draft.given}
                onChange={(e) => set('given', e.currentTarget.value)}
                error={errorAt(errors, 'names.0.given', 'names.0', 'names')}
                data-testid="person-given"
                data-autofocus
                autoFocus
              />
              <TextInput
                label={t('persons.middle')}
                value={draft.middle}
                onChange={(e) => set('middle', e.currentTarget.value)}
                error={errorAt(errors, 'names.0.middle')}
                data-testid="person-middle"
              />
              <TextInput
                label={t('persons.family')}
                value={draft.family}
                onChange={(e) => set('family', e.currentTarget.value)}
                error={errorAt(errors, 'names.0.family')}
                data-testid="person-family"
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('persons.originalName')}>
            <Stack gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('persons.given')}
                  dir="auto"
                  value={draft.originalGiven}
                  onChange={(e) => set('originalGiven', e.currentTarget.value)}
                  error={errorAt(errors, 'names.1.given', 'names.1')}
                  data-testid="person-original-given"
                />
                <TextInput
                  label={t('persons.family')}
                  dir="auto"
                  value={draft.originalFamily}
                  onChange={(e) => set('originalFamily', e.currentTarget.value)}
                  error={errorAt(errors, 'names.1.family')}
                  data-testid="person-original-family"
                />
                <NativeSelect
                  label={t('persons.script')}
                  value={draft.originalScript}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    if (isNameScript(value)) set('originalScript', value);
                  }}
                  error={errorAt(errors, 'names.1.script')}
                  data-testid="person-original-script"
                >
                  {NAME_SCRIPTS.map((script) => (
                    <option key={script} value={script}>
                      {t(`persons.scripts.${script}`)}
                    </option>
                  ))}
                </NativeSelect>
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <PersonCoreFields
            draft={draft}
            set={set}
            errors={errors}
            sensitivities={sensitivities}
            testIdPrefix="person"
          />

          <TagsInput
            label={t('persons.nationalities')}
            description={t('persons.nationalitiesHelp')}
            value={draft.nationalities}
            onChange={(values) =>
              set('nationalities', [
                ...new Set(values.flatMap(splitCodes).map(normaliseNationality)),
              ])
            }
            splitChars={[',', ' ', ';']}
            error={errorAt(errors, ...errorPaths(errors, 'nationalities'))}
            data-testid="person-nationalities"
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
            error={errorAt(errors, ...errorPaths(errors, 'languages'))}
            data-testid="person-languages"
          />

          {matches ? (
            <DuplicateMatches
              result={matches}
              saving={save.isPending}
              onRegisterAnyway={() => save.mutate()}
              onBack={() => setMatches(null)}
            />
          ) : (
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/persons">
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                loading={check.isPending || save.isPending}
                data-testid="person-submit"
              >
                {t('persons.checkAndSave')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Stack>
  );
}

/** The field itself, then any of its items (e.g. `nationalities.1`). */
function errorPaths(errors: Record<string, string>, field: string): string[] {
  return [field, ...Object.keys(errors).filter((path) => path.startsWith(`${field}.`))];
}

import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PERSON_SEXES } from '../../api/types';
import { errorAt } from '../../lib/errors';
import { normaliseNationality, splitCodes } from '../../lib/persons';
import { isOneOf, type EligibilityRule } from './api';

export const RULE_TYPES = ['sex', 'age', 'nationality', 'specific_needs', 'site'] as const;
type RuleType = (typeof RULE_TYPES)[number];
export const SPECIFIC_NEEDS = [
  'CR',
  'SC',
  'WR',
  'ER',
  'SP',
  'DS',
  'SM',
  'FU',
  'LP',
  'TR',
  'SV',
] as const;

type Need = (typeof SPECIFIC_NEEDS)[number];
type Sex = (typeof PERSON_SEXES)[number];

/** A rule as the form edits it (every parameter present, as text where the user types). */
export interface RuleDraft {
  type: RuleType;
  sexes: Sex[];
  min: number | string;
  max: number | string;
  nationalities: string;
  needs: Need[];
  siteIds: string[];
}

export function emptyRule(type: RuleType = 'age'): RuleDraft {
  return { type, sexes: [], min: '', max: '', nationalities: '', needs: [], siteIds: [] };
}

export function ruleToDraft(rule: EligibilityRule): RuleDraft {
  const draft = emptyRule(rule.type);
  if (rule.type === 'sex') draft.sexes = [...rule.in];
  if (rule.type === 'age') {
    draft.min = rule.min ?? '';
    draft.max = rule.max ?? '';
  }
  if (rule.type === 'nationality') draft.nationalities = rule.in.join(', ');
  if (rule.type === 'specific_needs') draft.needs = [...rule.anyOf];
  if (rule.type === 'site') draft.siteIds = [...rule.in];
  return draft;
}

/** The rule the API takes; the server checks it and names any bad field. */
export function draftToRule(d: RuleDraft): EligibilityRule {
  switch (d.type) {
    case 'sex':
      return { type: 'sex', in: d.sexes };
    case 'age': {
      const rule: EligibilityRule = { type: 'age' };
      if (typeof d.min === 'number') rule.min = d.min;
      if (typeof d.max === 'number') rule.max = d.max;
      return rule;
    }
    case 'nationality':
      return { type: 'nationality', in: splitCodes(d.nationalities).map(normaliseNationality) };
    case 'specific_needs':
      return { type: 'specific_needs', anyOf: d.needs };
    case 'site':
      return { type: 'site', in: d.siteIds };
  }
}

interface EditorProps {
  rules: RuleDraft[];
  onChange: (rules: RuleDraft[]) => void;
  sites: { id: string; name: string }[];
  /** Field errors by path (`eligibility.rules.0.max`). */
  errors: Record<string, string>;
}

/** Simple rules over registry fields; a person must pass every rule. */
export function EligibilityRulesEditor({ rules, onChange, sites, errors }: EditorProps) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<RuleDraft>) =>
    onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <Fieldset legend={t('assistance.eligibility.rules')} data-testid="eligibility-rules">
      <Stack gap="sm">
        {rules.map((rule, i) => {
          const at = (field: string) =>
            errorAt(errors, `eligibility.rules.${i}.${field}`, `eligibility.rules.${i}`);
          return (
            <Stack key={i} gap="xs" data-testid="eligibility-rule">
              <Group align="flex-end">
                <NativeSelect
                  label={t('assistance.eligibility.ruleType')}
                  value={rule.type}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (isOneOf(RULE_TYPES, v)) set(i, { type: v });
                  }}
                  data-testid="rule-type"
                >
                  {RULE_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(`assistance.eligibility.types.${type}`)}
                    </option>
                  ))}
                </NativeSelect>
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => onChange(rules.filter((_, j) => j !== i))}
                >
                  {t('assistance.eligibility.removeRule')}
                </Button>
              </Group>
              {rule.type === 'sex' && (
                <Checkbox.Group
                  label={t('assistance.eligibility.sexes')}
                  value={rule.sexes}
                  onChange={(v) => set(i, { sexes: v.filter((s) => isOneOf(PERSON_SEXES, s)) })}
                  error={at('in')}
                >
                  <Group gap="md" mt={4}>
                    {PERSON_SEXES.map((s) => (
                      <Checkbox key={s} value={s} label={t(`persons.sexes.${s}`)} />
                    ))}
                  </Group>
                </Checkbox.Group>
              )}
              {rule.type === 'age' && (
                <Group>
                  <NumberInput
                    label={t('assistance.eligibility.minAge')}
                    min={0}
                    max={130}
                    value={rule.min}
                    onChange={(v) => set(i, { min: v })}
                    error={errorAt(errors, `eligibility.rules.${i}.min`, `eligibility.rules.${i}`)}
                    data-testid="rule-min-age"
                  />
                  <NumberInput
                    label={t('assistance.eligibility.maxAge')}
                    min={0}
                    max={130}
                    value={rule.max}
                    onChange={(v) => set(i, { max: v })}
                    error={errorAt(errors, `eligibility.rules.${i}.max`)}
                    data-testid="rule-max-age"
                  />
                </Group>
              )}
              {rule.type === 'nationality' && (
                <TextInput
                  label={t('assistance.eligibility.nationalities')}
                  description={t('assistance.eligibility.nationalitiesHint')}
                  value={rule.nationalities}
                  onChange={(e) => set(i, { nationalities: e.currentTarget.value })}
                  error={at('in')}
                  dir="ltr"
                />
              )}
              {rule.type === 'specific_needs' && (
                <Checkbox.Group
                  label={t('assistance.eligibility.needs')}
                  value={rule.needs}
                  onChange={(v) => set(i, { needs: v.filter((n) => isOneOf(SPECIFIC_NEEDS, n)) })}
                  error={at('anyOf')}
                >
                  <Group gap="md" mt={4}>
                    {SPECIFIC_NEEDS.map((n) => (
                      <Checkbox key={n} value={n} label={t(`assistance.needs.${n}`)} />
                    ))}
                  </Group>
                </Checkbox.Group>
              )}
              {rule.type === 'site' && (
                <Checkbox.Group
                  label={t('assistance.eligibility.sites')}
                  value={rule.siteIds}
                  onChange={(v) => set(i, { siteIds: v })}
                  error={at('in')}
                >
                  <Group gap="md" mt={4}>
                    {sites.map((s) => (
                      <Checkbox key={s.id} value={s.id} label={s.name} />
                    ))}
                  </Group>
                </Checkbox.Group>
              )}
            </Stack>
          );
        })}
        <div>
          <Button
            variant="light"
            size="xs"
            onClick={() => onChange([...rules, emptyRule()])}
            data-testid="rule-add"
          >
            {t('assistance.eligibility.addRule')}
          </Button>
        </div>
      </Stack>
    </Fieldset>
  );
}

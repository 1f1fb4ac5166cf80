/**
 * Programme eligibility: simple rules over registry fields, each explained. Pure: no I/O.
 *
 * Choices:
 * - Every rule must hold (AND). A rule is 'pass', 'fail' or 'unknown' (the registry lacks the
 *   fact); any fail makes the person not eligible, otherwise any unknown makes the answer
 *   undetermined — never a silent yes or no on missing data.
 * - Age: from the birth date when there is one; from a birth year alone the age on `asOf` is
 *   one of two values (birthday passed or not), and a range that holds for one only is unknown.
 * - Sites: the person's current site. The programme's covered sites are one more rule
 *   (source 'coverage'). The site of a restricted record is never evaluated (it is whereabouts).
 * - Eligibility advises; enrolment and distribution do not enforce it.
 */

export const SEX_VALUES = ['F', 'M', 'X', 'unknown'] as const;

export type EligibilityRule =
  | { readonly type: 'sex'; readonly in: readonly string[] }
  | { readonly type: 'age'; readonly min?: number | undefined; readonly max?: number | undefined }
  | { readonly type: 'nationality'; readonly in: readonly string[] }
  | { readonly type: 'specific_needs'; readonly anyOf: readonly string[] }
  | { readonly type: 'site'; readonly in: readonly string[] };

export interface EligibilityCriteria {
  readonly rules: readonly EligibilityRule[];
}

/** What the registry knows of the person. */
export interface PersonFacts {
  readonly sex: string;
  /** YYYY-MM-DD */
  readonly birthDate: string | null;
  readonly birthYear: number | null;
  readonly nationalities: readonly string[];
  /** Top-level specific-needs codes (CR, WR, …). */
  readonly specificNeeds: readonly string[];
  /** Site of the current residence; null when none is known or it may not be used. */
  readonly siteId: string | null;
  /** True when the site is withheld (a restricted record). */
  readonly siteWithheld?: boolean;
}

export type RuleOutcome = 'pass' | 'fail' | 'unknown';

export interface RuleResult {
  readonly rule: EligibilityRule;
  readonly source: 'criteria' | 'coverage';
  readonly outcome: RuleOutcome;
  readonly explanation: string;
}

export interface EligibilityResult {
  readonly asOf: string;
  readonly eligible: boolean;
  readonly outcome: 'eligible' | 'not_eligible' | 'undetermined';
  readonly rules: readonly RuleResult[];
}

export interface EligibilityOptions {
  /** Sites the programme covers; empty or left out: every site. */
  readonly coverageSiteIds?: readonly string[];
  /** Names to explain site rules with; ids are used where a name is missing. */
  readonly siteNames?: ReadonlyMap<string, string>;
}

/** The two ages a person can have on `asOf`: equal when the birth date is known. */
export function possibleAges(
  facts: Pick<PersonFacts, 'birthDate' | 'birthYear'>,
  asOf: string,
): { low: number; high: number } | null {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  if (facts.birthDate) {
    const [by, bm, bd] = facts.birthDate.split('-').map(Number) as [number, number, number];
    const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
    return { low: age, high: age };
  }
  if (facts.birthYear !== null) return { low: y - facts.birthYear - 1, high: y - facts.birthYear };
  return null;
}

const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  if (min !== undefined) return `${min} or older`;
  return `${max} or younger`;
}

function ageRule(
  rule: Extract<EligibilityRule, { type: 'age' }>,
  facts: PersonFacts,
  asOf: string,
): [RuleOutcome, string] {
  const range = rangeText(rule.min, rule.max);
  const ages = possibleAges(facts, asOf);
  if (!ages) return ['unknown', `no birth date or birth year is recorded; the rule asks ${range}`];
  const within = (a: number) => (rule.min ?? -Infinity) <= a && a <= (rule.max ?? Infinity);
  const born = facts.birthDate ? `born ${facts.birthDate}` : `born in ${facts.birthYear}`;
  if (ages.low === ages.high) {
    const ok = within(ages.low);
    return [
      ok ? 'pass' : 'fail',
      `age ${ages.low} on ${asOf} (${born}) is ${ok ? '' : 'not '}within ${range}`,
    ];
  }
  const [lo, hi] = [within(ages.low), within(ages.high)];
  const text = `age ${ages.low} or ${ages.high} on ${asOf} (${born}, no birth date)`;
  if (lo && hi) return ['pass', `${text} is within ${range} either way`];
  if (!lo && !hi) return ['fail', `${text} is not within ${range} either way`];
  return ['unknown', `${text}: only one of them is within ${range}`];
}

function evaluate(
  rule: EligibilityRule,
  facts: PersonFacts,
  asOf: string,
  names: ReadonlyMap<string, string>,
): [RuleOutcome, string] {
  switch (rule.type) {
    case 'sex': {
      if (facts.sex === 'unknown' && !rule.in.includes('unknown'))
        return ['unknown', `sex is not recorded; the rule asks ${list(rule.in)}`];
      const ok = rule.in.includes(facts.sex);
      return [
        ok ? 'pass' : 'fail',
        `sex ${facts.sex} is ${ok ? '' : 'not '}one of ${list(rule.in)}`,
      ];
    }
    case 'age':
      return ageRule(rule, facts, asOf);
    case 'nationality': {
      if (!facts.nationalities.length)
        return ['unknown', `no nationality is recorded; the rule asks ${list(rule.in)}`];
      const hit = facts.nationalities.filter((n) => rule.in.includes(n));
      return hit.length
        ? ['pass', `nationality ${list(hit)} is one of ${list(rule.in)}`]
        : ['fail', `nationality ${list(facts.nationalities)} is not one of ${list(rule.in)}`];
    }
    case 'specific_needs': {
      const hit = facts.specificNeeds.filter((c) => rule.anyOf.includes(c));
      return hit.length
        ? ['pass', `specific need ${list(hit)} is one of ${list(rule.anyOf)}`]
        : ['fail', `specific needs ${list(facts.specificNeeds)}: none of ${list(rule.anyOf)}`];
    }
    case 'site': {
      const named = (ids: readonly string[]) => list(ids.map((id) => names.get(id) ?? id));
      if (facts.siteWithheld)
        return [
          'unknown',
          `the site of a restricted record is not evaluated; the rule asks ${named(rule.in)}`,
        ];
      if (!facts.siteId)
        return ['unknown', `no current site is recorded; the rule asks ${named(rule.in)}`];
      const ok = rule.in.includes(facts.siteId);
      return [
        ok ? 'pass' : 'fail',
        `current site ${named([facts.siteId])} is ${ok ? '' : 'not '}one of ${named(rule.in)}`,
      ];
    }
  }
}

/** Whether the person meets every rule on `asOf` (YYYY-MM-DD), with the reason for each. */
export function evaluateEligibility(
  criteria: EligibilityCriteria,
  facts: PersonFacts,
  asOf: string,
  options: EligibilityOptions = {},
): EligibilityResult {
  const names = options.siteNames ?? new Map<string, string>();
  const coverage = options.coverageSiteIds ?? [];
  const checks: { rule: EligibilityRule; source: RuleResult['source'] }[] = [
    ...criteria.rules.map((rule) => ({ rule, source: 'criteria' as const })),
    ...(coverage.length
      ? [{ rule: { type: 'site', in: coverage } as EligibilityRule, source: 'coverage' as const }]
      : []),
  ];
  const rules = checks.map(({ rule, source }) => {
    const [outcome, explanation] = evaluate(rule, facts, asOf, names);
    return { rule, source, outcome, explanation };
  });
  const outcome = rules.some((r) => r.outcome === 'fail')
    ? 'not_eligible'
    : rules.some((r) => r.outcome === 'unknown')
      ? 'undetermined'
      : 'eligible';
  return { asOf, eligible: outcome === 'eligible', outcome, rules };
}

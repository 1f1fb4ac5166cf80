/**
 * Assistance indicators, the rules as pure functions. The per-site aggregates in
 * indicators-repository.ts say the same in SQL; test/assistance.test.ts checks they agree.
 *
 * Dependency (PRODUCT.md: assistance that flows only through a controlling group is a protection
 * risk): the share of the value of essentials — food, shelter and cash, by programme type —
 * received in a period that came from providers classed group_linked_sponsor. A distribution to
 * a household counts for each member. Values compare in the operation's reporting currency; a
 * distribution without a value in it counts as "unvalued" and is left out of the share (the
 * count is reported so the gap is visible). Flagged when the share is strictly above the
 * threshold (default 0.5).
 *
 * Access to self-reliance: a working-age person (18–59 on the date) has access when enrolled in
 * a skills-training or income-generating programme at any time in the 12 months up to the date.
 * With a birth year only, the age is the one reached in the date's year.
 */

export const PROGRAMME_TYPES = [
  'food',
  'cash_grant',
  'shelter',
  'nfi_tools',
  'health',
  'education',
  'skills_training',
  'income_generating',
  'legal_aid',
] as const;
export type ProgrammeType = (typeof PROGRAMME_TYPES)[number];

export const INDEPENDENCE_CLASSES = [
  'independent_humanitarian',
  'host_state_service',
  'group_linked_sponsor',
] as const;
export type IndependenceClass = (typeof INDEPENDENCE_CLASSES)[number];

export const ESSENTIALS = ['food', 'shelter', 'cash'] as const;
export type Essential = (typeof ESSENTIALS)[number];

/** Programme types whose assistance is an essential, and which one. */
export const ESSENTIAL_OF: Readonly<Partial<Record<ProgrammeType, Essential>>> = {
  food: 'food',
  shelter: 'shelter',
  cash_grant: 'cash',
};

/** Programmes a person can enrol in. */
export const ENROLMENT_TYPES: readonly ProgrammeType[] = [
  'skills_training',
  'income_generating',
  'education',
];

/** Programmes that count as access to training or livelihoods. */
export const LIVELIHOOD_TYPES: readonly ProgrammeType[] = ['skills_training', 'income_generating'];

export const DEFAULT_DEPENDENCY_THRESHOLD = 0.5;
export const WORKING_AGE = { min: 18, max: 59 } as const;

export const essentialOf = (type: string): Essential | null =>
  ESSENTIAL_OF[type as ProgrammeType] ?? null;

export interface DependencyRow {
  readonly essential: Essential;
  readonly independenceClass: IndependenceClass;
  /** Value in the reporting currency as a decimal string or number; null when unvalued. */
  readonly value: string | number | null;
}

export interface EssentialShare {
  /** Decimal strings, two places. */
  readonly total: string;
  readonly fromGroupLinked: string;
}

export interface DependencyResult {
  readonly threshold: number;
  /** fromGroupLinked / total over every valued essential; null when nothing was valued. */
  readonly share: number | null;
  readonly flagged: boolean;
  readonly total: string;
  readonly fromGroupLinked: string;
  readonly valued: number;
  readonly unvalued: number;
  readonly byEssential: Readonly<Record<Essential, EssentialShare>>;
}

const cents = (v: string | number): number => Math.round(Number(v) * 100);
const decimal = (c: number): string => (c / 100).toFixed(2);

/** The dependency of one person or household from the essentials they received. */
export function dependencyOf(
  rows: readonly DependencyRow[],
  threshold = DEFAULT_DEPENDENCY_THRESHOLD,
): DependencyResult {
  if (!(threshold > 0 && threshold < 1)) throw new RangeError('threshold: must be between 0 and 1');
  const sums = Object.fromEntries(ESSENTIALS.map((e) => [e, { total: 0, linked: 0 }])) as Record<
    Essential,
    { total: number; linked: number }
  >;
  let valued = 0;
  let unvalued = 0;
  for (const r of rows) {
    if (r.value === null) {
      unvalued++;
      continue;
    }
    valued++;
    const c = cents(r.value);
    sums[r.essential].total += c;
    if (r.independenceClass === 'group_linked_sponsor') sums[r.essential].linked += c;
  }
  const total = ESSENTIALS.reduce((a, e) => a + sums[e].total, 0);
  const linked = ESSENTIALS.reduce((a, e) => a + sums[e].linked, 0);
  const share = total > 0 ? linked / total : null;
  return {
    threshold,
    share,
    flagged: share !== null && share > threshold,
    total: decimal(total),
    fromGroupLinked: decimal(linked),
    valued,
    unvalued,
    byEssential: Object.fromEntries(
      ESSENTIALS.map((e) => [
        e,
        { total: decimal(sums[e].total), fromGroupLinked: decimal(sums[e].linked) },
      ]),
    ) as Record<Essential, EssentialShare>,
  };
}

/** Age for indicators: exact from a birth date; from a birth year, the age reached that year. */
export function indicatorAge(
  birth: { birthDate: string | null; birthYear: number | null },
  asOf: string,
): number | null {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  if (birth.birthDate) {
    const [by, bm, bd] = birth.birthDate.split('-').map(Number) as [number, number, number];
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  }
  return birth.birthYear === null ? null : y - birth.birthYear;
}

export const isWorkingAge = (age: number | null): boolean =>
  age !== null && age >= WORKING_AGE.min && age <= WORKING_AGE.max;

/** The first day of the 12-month window ending on `asOf`: the same date a year earlier, + 1 day. */
export function accessWindowStart(asOf: string): string {
  const d = new Date(`${asOf}T00:00:00Z`);
  const start = new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate() + 1));
  return start.toISOString().slice(0, 10);
}

export interface EnrolmentSpan {
  readonly programmeType: string;
  readonly enrolledOn: string;
  readonly endedOn: string | null;
}

/** Enrolled in training or livelihoods at any time in the 12 months up to `asOf`. */
export function hasLivelihoodAccess(enrolments: readonly EnrolmentSpan[], asOf: string): boolean {
  const from = accessWindowStart(asOf);
  return enrolments.some(
    (e) =>
      LIVELIHOOD_TYPES.includes(e.programmeType as ProgrammeType) &&
      e.enrolledOn <= asOf &&
      (e.endedOn === null || e.endedOn >= from),
  );
}

/** The period of an indicator: `to` defaults to today, `from` to three months before `to`. */
export function periodOf(
  q: { from?: string; to?: string },
  today: string,
): { from: string; to: string } {
  const to = q.to ?? today;
  if (q.from) return { from: q.from, to };
  const d = new Date(`${to}T00:00:00Z`);
  const from = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 3, d.getUTCDate() + 1));
  return { from: from.toISOString().slice(0, 10), to };
}

/**
 * The RSRI Self-Reliance Index (SRI): 12 domains, each scored 1 (least self-reliant) to 5, or
 * unscored (null) when it does not apply. See /work/shared/reference/standards.md (a).
 *
 * The public sources do not confirm how a total is formed, so a total is made by a named,
 * versioned method from SRI_METHODS, and every total carries the method that produced it. A
 * method never changes once released: a new formula gets a new id (…-v2). Pure: no I/O.
 *
 * Choices:
 * - Unscored domains are left out of every method (not counted as 0 or as 1).
 * - Mean methods stay on the 1–5 domain scale (no rescaling), so a total reads like a domain
 *   score. Values are not rounded here; presenters round.
 * - A total is refused when fewer than `minScored` domains count (default 6, half the index:
 *   an arbitrary floor, to be set per operation).
 * - A site average uses each household's latest assessment, skips households whose latest
 *   total is refused, and is refused below `minHouseholds` households (default 5, like the
 *   small-cell threshold: an average of two households nearly publishes each one's score).
 */
import type { FieldError } from '../../platform/errors.ts';

export const SRI_DOMAINS = [
  'housing',
  'food',
  'education',
  'healthcare',
  'health_status',
  'safety',
  'employment',
  'financial_resources',
  'assistance',
  'debt',
  'savings',
  'social_capital',
] as const;

export type SriDomain = (typeof SRI_DOMAINS)[number];

export const SRI_DOMAIN_LABELS: Readonly<Record<SriDomain, string>> = {
  housing: 'Housing',
  food: 'Food',
  education: 'Education',
  healthcare: 'Healthcare',
  health_status: 'Health status',
  safety: 'Safety',
  employment: 'Employment',
  financial_resources: 'Financial resources',
  assistance: 'Assistance',
  debt: 'Debt',
  savings: 'Savings',
  social_capital: 'Social capital',
};

export type SriScore = 1 | 2 | 3 | 4 | 5;

/** Domain scores of one assessment; a domain left out is unscored, exactly like null. */
export type SriDomainScores = Readonly<Partial<Record<SriDomain, SriScore | null>>>;

export interface SriAssessment {
  readonly id: string;
  readonly householdId: string;
  /** ISO date, YYYY-MM-DD. */
  readonly assessedOn: string;
  readonly domains: SriDomainScores;
}

export const SRI_METHOD_IDS = ['mean-scored-v1', 'sum-scored-v1', 'weighted-mean-v1'] as const;
export type SriMethodId = (typeof SRI_METHOD_IDS)[number];

export const DEFAULT_MIN_SCORED_DOMAINS = 6;
export const DEFAULT_MIN_HOUSEHOLDS = 5;

export interface SriConfig {
  readonly method: SriMethodId;
  /** Fewer counted domains than this and the total is refused. Default 6. */
  readonly minScored?: number;
  /** weighted-mean-v1 only: one non-negative weight per domain; weight 0 leaves it out. */
  readonly weights?: Readonly<Record<SriDomain, number>>;
}

export interface SriTotal {
  readonly method: SriMethodId;
  readonly value: number;
  /** Domains that counted: scored (and, for weighted-mean-v1, of positive weight). */
  readonly scoredDomains: number;
  /** The range `value` can take for this many counted domains. */
  readonly min: number;
  readonly max: number;
}

export interface SriRefusal {
  readonly method: SriMethodId;
  readonly value: null;
  readonly scoredDomains: number;
  readonly reason: 'too_few_scored_domains';
  readonly minScored: number;
}

export type SriResult = SriTotal | SriRefusal;

interface SriMethod {
  readonly description: string;
  /** Scores and weights of the domains that count; at least one. */
  compute(counted: readonly { score: SriScore; weight: number }[]): {
    value: number;
    min: number;
    max: number;
  };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The registry of total methods. Never edit a released entry: add a new version. */
export const SRI_METHODS: Readonly<Record<SriMethodId, SriMethod>> = {
  'mean-scored-v1': {
    description:
      'Mean of the scored domains, on the 1–5 domain scale. Unscored domains are left out.',
    compute: (counted) => ({
      value: sum(counted.map((d) => d.score)) / counted.length,
      min: 1,
      max: 5,
    }),
  },
  'sum-scored-v1': {
    description:
      'Sum of the scored domains. Its range, n to 5n for n scored domains, depends on how many were scored: compare only totals with the same count.',
    compute: (counted) => ({
      value: sum(counted.map((d) => d.score)),
      min: counted.length,
      max: 5 * counted.length,
    }),
  },
  'weighted-mean-v1': {
    description:
      'Weighted mean of the scored domains on the 1–5 scale, with one non-negative weight per domain from the configuration. Domains of weight 0 do not count.',
    compute: (counted) => ({
      value: sum(counted.map((d) => d.score * d.weight)) / sum(counted.map((d) => d.weight)),
      min: 1,
      max: 5,
    }),
  },
};

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const isDomain = (key: string): key is SriDomain =>
  (SRI_DOMAINS as readonly string[]).includes(key);

const isIsoDate = (s: unknown): s is string =>
  typeof s === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Field-named errors for domain scores, e.g. `domains.food: must be an integer 1–5 or null`. */
export function validateSriDomains(domains: unknown, field = 'domains'): FieldError[] {
  if (!isRecord(domains)) return [{ field, message: 'must be an object of domain scores' }];
  return Object.entries(domains).flatMap(([key, score]): FieldError[] => {
    if (!isDomain(key)) return [{ field: `${field}.${key}`, message: 'is not an SRI domain' }];
    const ok =
      score === null || (Number.isInteger(score) && Number(score) >= 1 && Number(score) <= 5);
    return ok ? [] : [{ field: `${field}.${key}`, message: 'must be an integer 1–5 or null' }];
  });
}

/** Field-named errors for a whole assessment. */
export function validateSriAssessment(input: unknown): FieldError[] {
  if (!isRecord(input)) return [{ field: '', message: 'must be an assessment object' }];
  const text = (field: 'id' | 'householdId'): FieldError[] =>
    typeof input[field] === 'string' && input[field] !== ''
      ? []
      : [{ field, message: 'must be a non-empty string' }];
  return [
    ...text('id'),
    ...text('householdId'),
    ...(isIsoDate(input.assessedOn)
      ? []
      : [{ field: 'assessedOn', message: 'must be a date, YYYY-MM-DD' }]),
    ...validateSriDomains(input.domains),
  ];
}

/** Field-named errors for a total configuration (read once at start-up). */
export function validateSriConfig(config: unknown): FieldError[] {
  if (!isRecord(config)) return [{ field: '', message: 'must be an object' }];
  const errors: FieldError[] = [];
  if (!(SRI_METHOD_IDS as readonly unknown[]).includes(config.method)) {
    errors.push({ field: 'method', message: `must be one of ${SRI_METHOD_IDS.join(', ')}` });
  }
  const min = config.minScored;
  if (min !== undefined && !(Number.isInteger(min) && Number(min) >= 1 && Number(min) <= 12)) {
    errors.push({ field: 'minScored', message: 'must be an integer 1–12' });
  }
  const weights = config.weights;
  if (config.method !== 'weighted-mean-v1') {
    if (weights !== undefined)
      errors.push({ field: 'weights', message: 'only for weighted-mean-v1' });
    return errors;
  }
  if (!isRecord(weights))
    return [...errors, { field: 'weights', message: 'must give a weight per domain' }];
  for (const key of new Set([...SRI_DOMAINS, ...Object.keys(weights)])) {
    const w = weights[key];
    if (!isDomain(key)) errors.push({ field: `weights.${key}`, message: 'is not an SRI domain' });
    else if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      errors.push({ field: `weights.${key}`, message: 'must be a number ≥ 0' });
    }
  }
  if (errors.length === 0 && !Object.values(weights).some((w) => Number(w) > 0)) {
    errors.push({ field: 'weights', message: 'at least one weight must be positive' });
  }
  return errors;
}

function assertValid(errors: FieldError[]): void {
  if (errors.length > 0) {
    throw new RangeError(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

// ---------------------------------------------------------------------------------------------
// Totals
// ---------------------------------------------------------------------------------------------

/** The total of one assessment's domain scores by the configured method, or a refusal. */
export function sriTotal(domains: SriDomainScores, config: SriConfig): SriResult {
  assertValid([...validateSriDomains(domains), ...validateSriConfig(config)]);
  const minScored = config.minScored ?? DEFAULT_MIN_SCORED_DOMAINS;
  const counted = SRI_DOMAINS.flatMap((d) => {
    const score = domains[d];
    const weight = config.method === 'weighted-mean-v1' ? config.weights![d] : 1;
    return score == null || weight === 0 ? [] : [{ score, weight }];
  });
  const scoredDomains = counted.length;
  if (scoredDomains < minScored) {
    return {
      method: config.method,
      value: null,
      scoredDomains,
      reason: 'too_few_scored_domains',
      minScored,
    };
  }
  const { value, min, max } = SRI_METHODS[config.method].compute(counted);
  // Clamped only against floating-point error (a weighted mean of fives may come out 5.000…1).
  return {
    method: config.method,
    value: Math.min(max, Math.max(min, value)),
    scoredDomains,
    min,
    max,
  };
}

export interface SriTrendPoint {
  readonly assessmentId: string;
  readonly assessedOn: string;
  readonly total: SriResult;
  /** value − previous assessment's value; null for the first, or when either is refused. */
  readonly change: number | null;
}

/** Assessments oldest first; same-day ones by id, so the order never depends on the input's. */
const chronological = (a: SriAssessment, b: SriAssessment) =>
  compare(a.assessedOn, b.assessedOn) || compare(a.id, b.id);

const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

function assertAssessments(assessments: readonly SriAssessment[]): void {
  assertValid(
    assessments.flatMap((a, i) =>
      validateSriAssessment(a).map((e) => ({ ...e, field: `assessments[${i}].${e.field}` })),
    ),
  );
  if (new Set(assessments.map((a) => a.id)).size !== assessments.length) {
    throw new RangeError('assessments: ids must be unique');
  }
}

/** One household's totals over time, oldest first, with the change from the previous one. */
export function trend(assessments: readonly SriAssessment[], config: SriConfig): SriTrendPoint[] {
  assertAssessments(assessments);
  if (new Set(assessments.map((a) => a.householdId)).size > 1) {
    throw new RangeError('assessments: must all belong to one household');
  }
  let previous: number | null = null;
  return [...assessments].sort(chronological).map((a) => {
    const total = sriTotal(a.domains, config);
    const change = previous === null || total.value === null ? null : total.value - previous;
    previous = total.value;
    return { assessmentId: a.id, assessedOn: a.assessedOn, total, change };
  });
}

export type SriSiteAverage =
  | {
      readonly method: SriMethodId;
      readonly value: number;
      /** Households averaged: those whose latest assessment has a total. */
      readonly households: number;
      /** Households left out because their latest total was refused. */
      readonly refused: number;
      /** Means of the households' own ranges, so min ≤ value ≤ max. */
      readonly min: number;
      readonly max: number;
    }
  | {
      readonly method: SriMethodId;
      readonly value: null;
      readonly households: number;
      readonly refused: number;
      readonly reason: 'too_few_households';
    };

/** The mean of each household's latest total (households in any order, any number each). */
export function siteAverage(
  assessments: readonly SriAssessment[],
  config: SriConfig,
  options: { minHouseholds?: number } = {},
): SriSiteAverage {
  assertAssessments(assessments);
  const minHouseholds = options.minHouseholds ?? DEFAULT_MIN_HOUSEHOLDS;
  if (!Number.isInteger(minHouseholds) || minHouseholds < 1) {
    throw new RangeError('minHouseholds: must be an integer ≥ 1');
  }
  const latest = new Map<string, SriAssessment>();
  for (const a of assessments) {
    const seen = latest.get(a.householdId);
    if (seen === undefined || chronological(seen, a) < 0) latest.set(a.householdId, a);
  }
  // Summed in household order so the result does not depend on the input's order.
  const totals = [...latest.keys()]
    .sort()
    .map((h) => sriTotal(latest.get(h)!.domains, config))
    .filter((t): t is SriTotal => t.value !== null);
  const households = totals.length;
  const refused = latest.size - households;
  if (households < minHouseholds) {
    return {
      method: config.method,
      value: null,
      households,
      refused,
      reason: 'too_few_households',
    };
  }
  const mean = (pick: (t: SriTotal) => number) => sum(totals.map(pick)) / households;
  return {
    method: config.method,
    value: mean((t) => t.value),
    households,
    refused,
    min: mean((t) => t.min),
    max: mean((t) => t.max),
  };
}

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  SRI_DOMAIN_LABELS,
  SRI_DOMAINS,
  SRI_METHOD_IDS,
  SRI_METHODS,
  siteAverage,
  sriTotal,
  trend,
  validateSriAssessment,
  validateSriConfig,
  validateSriDomains,
  type SriAssessment,
  type SriConfig,
  type SriDomain,
  type SriDomainScores,
  type SriScore,
} from './sri.ts';

const all = (score: SriScore): Record<SriDomain, SriScore> =>
  Object.fromEntries(SRI_DOMAINS.map((d) => [d, score])) as Record<SriDomain, SriScore>;

const evenWeights = Object.fromEntries(SRI_DOMAINS.map((d) => [d, 1])) as Record<SriDomain, number>;

const mean: SriConfig = { method: 'mean-scored-v1' };
const total: SriConfig = { method: 'sum-scored-v1' };
const weighted = (weights: Partial<Record<SriDomain, number>>): SriConfig => ({
  method: 'weighted-mean-v1',
  weights: { ...evenWeights, ...weights },
});

describe('domains', () => {
  it('are the 12 RSRI domains, each with an English label', () => {
    expect(SRI_DOMAINS).toHaveLength(12);
    expect(Object.keys(SRI_DOMAIN_LABELS).sort()).toEqual([...SRI_DOMAINS].sort());
    expect(SRI_DOMAIN_LABELS.health_status).toBe('Health status');
    expect(SRI_DOMAIN_LABELS.social_capital).toBe('Social capital');
  });
});

describe('sriTotal', () => {
  const domains: SriDomainScores = {
    ...all(3),
    education: null,
    healthcare: null,
    food: 5,
    debt: 1,
  };

  it('mean-scored-v1: mean of the scored domains on the 1–5 scale', () => {
    expect(sriTotal(domains, mean)).toEqual({
      method: 'mean-scored-v1',
      value: 3,
      scoredDomains: 10,
      min: 1,
      max: 5,
    });
    expect(sriTotal({ ...domains, safety: 5 }, mean).value).toBeCloseTo(3.2, 12);
  });

  it('sum-scored-v1: sum of the scored domains, with a range set by their count', () => {
    expect(sriTotal(domains, total)).toEqual({
      method: 'sum-scored-v1',
      value: 30,
      scoredDomains: 10,
      min: 10,
      max: 50,
    });
  });

  it('weighted-mean-v1: weights from the configuration; weight 0 leaves a domain out', () => {
    const config = weighted({ food: 3, debt: 0 });
    // Food (5) counts three times, debt not at all: (5·3 + 3·8) / 11.
    expect(sriTotal(domains, config)).toEqual({
      method: 'weighted-mean-v1',
      value: 39 / 11,
      scoredDomains: 9,
      min: 1,
      max: 5,
    });
  });

  it('keeps a weighted mean of fives at 5 despite floating-point error', () => {
    // Unclamped, Σ 5w / Σ w comes out 5.000000000000001 for these weights.
    const w = [13.64373141603718, 96.55918353076987, 8.348213792009378, 76.62795408471858];
    const more = [7.971623450504441, 98.2355792998502, 29.648383068688393];
    const weights = Object.fromEntries(SRI_DOMAINS.map((d, k) => [d, [...w, ...more][k] ?? 0]));
    expect(sriTotal(all(5), weighted(weights)).value).toBe(5);
  });

  it('refuses, with the reason, when too few domains are scored', () => {
    expect(sriTotal({ food: 4, housing: 2 }, mean)).toEqual({
      method: 'mean-scored-v1',
      value: null,
      scoredDomains: 2,
      reason: 'too_few_scored_domains',
      minScored: 6,
    });
    expect(sriTotal({ food: 4, housing: 2 }, { ...mean, minScored: 2 }).value).toBe(3);
  });

  it('refuses bad scores and bad configurations', () => {
    expect(() => sriTotal({ food: 6 as SriScore }, mean)).toThrow(/domains\.food/);
    expect(() => sriTotal(all(3), { method: 'median-v1' as 'mean-scored-v1' })).toThrow(/method/);
    expect(() => sriTotal(all(3), { method: 'weighted-mean-v1' })).toThrow(/weights/);
  });

  it('describes every registered method', () => {
    for (const id of SRI_METHOD_IDS) expect(SRI_METHODS[id].description).not.toBe('');
  });
});

describe('validation', () => {
  it('names each bad field', () => {
    expect(
      validateSriDomains({ food: 0, housing: 2.5, debt: '3', savings: null, wealth: 3 }),
    ).toEqual([
      { field: 'domains.food', message: 'must be an integer 1–5 or null' },
      { field: 'domains.housing', message: 'must be an integer 1–5 or null' },
      { field: 'domains.debt', message: 'must be an integer 1–5 or null' },
      { field: 'domains.wealth', message: 'is not an SRI domain' },
    ]);
    expect(validateSriDomains([])).toEqual([
      { field: 'domains', message: 'must be an object of domain scores' },
    ]);
    expect(validateSriDomains(all(5))).toEqual([]);
  });

  it('checks a whole assessment', () => {
    expect(
      validateSriAssessment({ id: '', householdId: 'h', assessedOn: '2024-02-30', domains: {} }),
    ).toEqual([
      { field: 'id', message: 'must be a non-empty string' },
      { field: 'assessedOn', message: 'must be a date, YYYY-MM-DD' },
    ]);
  });

  it('checks configurations', () => {
    expect(validateSriConfig({ method: 'mean-scored-v1', minScored: 13 })).toEqual([
      { field: 'minScored', message: 'must be an integer 1–12' },
    ]);
    expect(validateSriConfig({ method: 'sum-scored-v1', weights: evenWeights })).toEqual([
      { field: 'weights', message: 'only for weighted-mean-v1' },
    ]);
    expect(
      validateSriConfig({
        method: 'weighted-mean-v1',
        weights: { ...evenWeights, food: -1, x: 1 },
      }),
    ).toEqual([
      { field: 'weights.food', message: 'must be a number ≥ 0' },
      { field: 'weights.x', message: 'is not an SRI domain' },
    ]);
    const zeros = Object.fromEntries(SRI_DOMAINS.map((d) => [d, 0]));
    expect(validateSriConfig({ method: 'weighted-mean-v1', weights: zeros })).toEqual([
      { field: 'weights', message: 'at least one weight must be positive' },
    ]);
  });
});

describe('trend and siteAverage', () => {
  const assessment = (
    id: string,
    householdId: string,
    assessedOn: string,
    score: SriScore,
  ): SriAssessment => ({ id, householdId, assessedOn, domains: all(score) });

  it('orders one household by date with the change from the previous total', () => {
    const points = trend(
      [
        assessment('c', 'h1', '2024-06-01', 4),
        assessment('a', 'h1', '2023-06-01', 2),
        { id: 'b', householdId: 'h1', assessedOn: '2024-01-01', domains: { food: 3 } },
      ],
      mean,
    );
    expect(points.map((p) => [p.assessmentId, p.total.value, p.change])).toEqual([
      ['a', 2, null],
      ['b', null, null],
      ['c', 4, null],
    ]);
    expect(
      trend(
        [assessment('x', 'h', '2024-01-01', 2), assessment('y', 'h', '2024-03-01', 5)],
        mean,
      ).map((p) => p.change),
    ).toEqual([null, 3]);
  });

  it('refuses to mix households, duplicate ids or bad dates', () => {
    expect(() =>
      trend([assessment('a', 'h1', '2024-01-01', 2), assessment('b', 'h2', '2024-01-01', 2)], mean),
    ).toThrow(/one household/);
    expect(() =>
      trend([assessment('a', 'h1', '2024-01-01', 2), assessment('a', 'h1', '2024-02-01', 2)], mean),
    ).toThrow(/unique/);
    expect(() => trend([assessment('a', 'h1', '1/2/2024', 2)], mean)).toThrow(
      /assessments\[0\]\.assessedOn/,
    );
  });

  it('averages each household’s latest total and refuses small sites', () => {
    const list: SriAssessment[] = [
      assessment('1', 'h1', '2023-01-01', 1),
      assessment('2', 'h1', '2024-01-01', 5),
      assessment('3', 'h2', '2024-01-01', 2),
      { id: '4', householdId: 'h3', assessedOn: '2024-01-01', domains: { food: 3 } },
    ];
    expect(siteAverage(list, mean, { minHouseholds: 2 })).toEqual({
      method: 'mean-scored-v1',
      value: 3.5,
      households: 2,
      refused: 1,
      min: 1,
      max: 5,
    });
    expect(siteAverage(list, mean)).toEqual({
      method: 'mean-scored-v1',
      value: null,
      households: 2,
      refused: 1,
      reason: 'too_few_households',
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const scoreArb = fc.integer({ min: 1, max: 5 }) as fc.Arbitrary<SriScore>;

/** Domain scores with some domains null and some left out. */
const domainsArb: fc.Arbitrary<SriDomainScores> = fc.record(
  Object.fromEntries(SRI_DOMAINS.map((d) => [d, fc.option(scoreArb, { nil: null })])) as Record<
    SriDomain,
    fc.Arbitrary<SriScore | null>
  >,
  { requiredKeys: [] },
);

const weightsArb = fc.record(
  Object.fromEntries(
    SRI_DOMAINS.map((d) => [
      d,
      fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
    ]),
  ) as Record<SriDomain, fc.Arbitrary<number>>,
);

const configArb: fc.Arbitrary<SriConfig> = fc.oneof(
  fc.record({
    method: fc.constantFrom('mean-scored-v1', 'sum-scored-v1'),
    minScored: fc.integer({ min: 1, max: 12 }),
  }),
  fc
    .record({
      method: fc.constant('weighted-mean-v1'),
      minScored: fc.integer({ min: 1, max: 12 }),
      weights: weightsArb,
    })
    .filter((c) => Object.values(c.weights).some((w) => w > 0)),
) as fc.Arbitrary<SriConfig>;

describe('sriTotal properties', () => {
  it('records the method, stays within [min, max] and refuses exactly below minScored', () => {
    fc.assert(
      fc.property(domainsArb, configArb, (domains, config) => {
        const result = sriTotal(domains, config);
        expect(result.method).toBe(config.method);
        const counted = SRI_DOMAINS.filter(
          (d) => domains[d] != null && (config.weights?.[d] ?? 1) > 0,
        ).length;
        expect(result.scoredDomains).toBe(counted);
        if (result.value === null) expect(counted).toBeLessThan(config.minScored!);
        else {
          expect(counted).toBeGreaterThanOrEqual(config.minScored!);
          expect(result.value).toBeGreaterThanOrEqual(result.min);
          expect(result.value).toBeLessThanOrEqual(result.max);
        }
      }),
    );
  });

  it('gives the same result whether an unscored domain is null or left out', () => {
    fc.assert(
      fc.property(domainsArb, configArb, (domains, config) => {
        const explicit = Object.fromEntries(SRI_DOMAINS.map((d) => [d, domains[d] ?? null]));
        const omitted = Object.fromEntries(Object.entries(domains).filter(([, s]) => s !== null));
        expect(sriTotal(explicit, config)).toEqual(sriTotal(domains, config));
        expect(sriTotal(omitted, config)).toEqual(sriTotal(domains, config));
      }),
    );
  });

  it('never lowers the total when one domain score is raised', () => {
    fc.assert(
      fc.property(domainsArb, configArb, fc.constantFrom(...SRI_DOMAINS), (domains, config, d) => {
        const score = domains[d];
        fc.pre(score != null && score < 5);
        const before = sriTotal(domains, config);
        const after = sriTotal({ ...domains, [d]: score + 1 }, config);
        expect(after.scoredDomains).toBe(before.scoredDomains);
        if (before.value !== null) expect(after.value).toBeGreaterThanOrEqual(before.value);
        // Raising a counted score strictly raises mean and sum.
        if (before.value !== null && config.method !== 'weighted-mean-v1') {
          expect(after.value).toBeGreaterThan(before.value);
        }
      }),
    );
  });

  it('mean and sum ignore which domain holds which score; even weights equal the mean', () => {
    fc.assert(
      fc.property(
        domainsArb,
        fc.shuffledSubarray([...SRI_DOMAINS], { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (domains, order, minScored) => {
          const moved = Object.fromEntries(
            SRI_DOMAINS.map((d, k) => [order[k]!, domains[d] ?? null]),
          );
          for (const method of ['mean-scored-v1', 'sum-scored-v1'] as const) {
            expect(sriTotal(moved, { method, minScored })).toEqual(
              sriTotal(domains, { method, minScored }),
            );
          }
          const plain = sriTotal(domains, { method: 'mean-scored-v1', minScored });
          const even = sriTotal(domains, {
            method: 'weighted-mean-v1',
            minScored,
            weights: evenWeights,
          });
          expect(even.value === null).toBe(plain.value === null);
          if (even.value !== null) expect(even.value).toBeCloseTo(plain.value!, 12);
        },
      ),
    );
  });
});

const assessmentsArb = fc
  .array(
    fc.record({
      householdId: fc.constantFrom('h1', 'h2', 'h3', 'h4', 'h5', 'h6'),
      assessedOn: fc
        .integer({ min: 0, max: 3 * 365 })
        .map((d) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10)),
      domains: domainsArb,
    }),
    { maxLength: 25 },
  )
  .map((list) => list.map((a, k): SriAssessment => ({ id: `a${k}`, ...a })));

describe('trend and siteAverage properties', () => {
  it('trend is ordered, its changes are differences, and input order does not matter', () => {
    const oneHousehold = assessmentsArb
      .map((list) => list.filter((a) => a.householdId === 'h1'))
      .chain((one) =>
        fc.tuple(
          fc.constant(one),
          fc.shuffledSubarray(one, { minLength: one.length, maxLength: one.length }),
        ),
      );
    fc.assert(
      fc.property(oneHousehold, configArb, ([one, shuffled], config) => {
        const points = trend(one, config);
        expect(points).toHaveLength(one.length);
        points.forEach((p, k) => {
          const prev = points[k - 1];
          if (prev) expect(prev.assessedOn <= p.assessedOn).toBe(true);
          const expected =
            prev && prev.total.value !== null && p.total.value !== null
              ? p.total.value - prev.total.value
              : null;
          expect(p.change).toBe(expected);
        });
        expect(trend(shuffled, config)).toEqual(points);
      }),
    );
  });

  it('siteAverage uses only latest assessments, stays in range and ignores input order', () => {
    fc.assert(
      fc.property(assessmentsArb, configArb, (list, config) => {
        const options = { minHouseholds: 1 };
        const result = siteAverage(list, config, options);
        expect(siteAverage([...list].reverse(), config, options)).toEqual(result);
        // Dropping every household's older assessments changes nothing.
        const latest = [...new Set(list.map((a) => a.householdId))].map(
          (h) =>
            trend(
              list.filter((a) => a.householdId === h),
              config,
            ).at(-1)!.assessmentId,
        );
        expect(
          siteAverage(
            list.filter((a) => latest.includes(a.id)),
            config,
            options,
          ),
        ).toEqual(result);
        expect(result.households + result.refused).toBe(latest.length);
        if (result.value !== null) {
          expect(result.value).toBeGreaterThanOrEqual(result.min - 1e-9);
          expect(result.value).toBeLessThanOrEqual(result.max + 1e-9);
        } else expect(result.households).toBe(0);
      }),
    );
  });
});

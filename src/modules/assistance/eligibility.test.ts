import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateEligibility, possibleAges, type PersonFacts } from './eligibility.ts';

const woman: PersonFacts = {
  sex: 'F',
  birthDate: '1990-06-15',
  birthYear: 1990,
  nationalities: ['SYR'],
  specificNeeds: ['WR'],
  siteId: 'site-a',
};

describe('evaluateEligibility', () => {
  it('passes every rule and explains each', () => {
    const r = evaluateEligibility(
      {
        rules: [
          { type: 'sex', in: ['F'] },
          { type: 'age', min: 18, max: 59 },
          { type: 'nationality', in: ['SYR', 'IRQ'] },
          { type: 'specific_needs', anyOf: ['WR', 'SP'] },
        ],
      },
      woman,
      '2026-03-02',
      { coverageSiteIds: ['site-a'], siteNames: new Map([['site-a', 'Camp A']]) },
    );
    expect(r.outcome).toBe('eligible');
    expect(r.eligible).toBe(true);
    expect(r.rules.map((x) => x.explanation)).toEqual([
      'sex F is one of F',
      'age 35 on 2026-03-02 (born 1990-06-15) is within 18–59',
      'nationality SYR is one of SYR, IRQ',
      'specific need WR is one of WR, SP',
      'current site Camp A is one of Camp A',
    ]);
    expect(r.rules.at(-1)!.source).toBe('coverage');
  });

  it('fails on one rule, and a failure outweighs an unknown', () => {
    const r = evaluateEligibility(
      {
        rules: [
          { type: 'sex', in: ['M'] },
          { type: 'age', min: 18 },
        ],
      },
      { ...woman, birthDate: null, birthYear: null },
      '2026-03-02',
    );
    expect(r.outcome).toBe('not_eligible');
    expect(r.rules.map((x) => x.outcome)).toEqual(['fail', 'unknown']);
  });

  it('is undetermined when a birth year leaves the age on both sides of a limit', () => {
    const facts = { ...woman, birthDate: null, birthYear: 2008 };
    const edge = evaluateEligibility({ rules: [{ type: 'age', min: 18 }] }, facts, '2026-03-02');
    expect(edge.outcome).toBe('undetermined');
    expect(edge.rules[0]!.explanation).toContain('age 17 or 18');
    const clear = evaluateEligibility({ rules: [{ type: 'age', max: 30 }] }, facts, '2026-03-02');
    expect(clear.outcome).toBe('eligible');
  });

  it('never evaluates the site of a restricted record', () => {
    const r = evaluateEligibility(
      { rules: [{ type: 'site', in: ['site-a'] }] },
      { ...woman, siteId: null, siteWithheld: true },
      '2026-03-02',
    );
    expect(r.outcome).toBe('undetermined');
    expect(r.rules[0]!.explanation).toContain('restricted');
  });

  it('has no rules: eligible', () => {
    expect(evaluateEligibility({ rules: [] }, woman, '2026-03-02').eligible).toBe(true);
  });

  it('property: the outcome is fail-dominant, then unknown, else eligible', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2025 }),
        fc.option(fc.integer({ min: 0, max: 80 })),
        fc.option(fc.integer({ min: 0, max: 80 })),
        fc.constantFrom('F', 'M', 'X', 'unknown'),
        (year, min, max, sex) => {
          const r = evaluateEligibility(
            {
              rules: [
                { type: 'age', min: min ?? undefined, max: max ?? undefined },
                { type: 'sex', in: ['F', 'M'] },
              ],
            },
            { ...woman, sex, birthDate: null, birthYear: year },
            '2026-03-02',
          );
          const outcomes = r.rules.map((x) => x.outcome);
          const expected = outcomes.includes('fail')
            ? 'not_eligible'
            : outcomes.includes('unknown')
              ? 'undetermined'
              : 'eligible';
          expect(r.outcome).toBe(expected);
        },
      ),
    );
  });
});

describe('possibleAges', () => {
  it('is exact with a birth date, either side of the birthday', () => {
    expect(possibleAges({ birthDate: '2000-03-02', birthYear: 2000 }, '2026-03-02')).toEqual({
      low: 26,
      high: 26,
    });
    expect(possibleAges({ birthDate: '2000-03-03', birthYear: 2000 }, '2026-03-02')).toEqual({
      low: 25,
      high: 25,
    });
  });

  it('gives two ages from a birth year, none without', () => {
    expect(possibleAges({ birthDate: null, birthYear: 2000 }, '2026-03-02')).toEqual({
      low: 25,
      high: 26,
    });
    expect(possibleAges({ birthDate: null, birthYear: null }, '2026-03-02')).toBeNull();
  });
});

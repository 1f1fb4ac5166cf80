import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accessWindowStart,
  dependencyOf,
  essentialOf,
  hasLivelihoodAccess,
  indicatorAge,
  isWorkingAge,
  type DependencyRow,
} from './indicators.ts';

const row = (
  essential: DependencyRow['essential'],
  cls: DependencyRow['independenceClass'],
  value: string | number | null,
): DependencyRow => ({ essential, independenceClass: cls, value });

describe('dependencyOf', () => {
  it('flags a person whose food came mostly from a group-linked sponsor', () => {
    const r = dependencyOf([
      row('food', 'group_linked_sponsor', '80.00'),
      row('food', 'independent_humanitarian', '20.00'),
      row('cash', 'host_state_service', null),
    ]);
    expect(r.share).toBeCloseTo(0.8);
    expect(r.flagged).toBe(true);
    expect(r.total).toBe('100.00');
    expect(r.byEssential.food).toEqual({ total: '100.00', fromGroupLinked: '80.00' });
    expect(r.unvalued).toBe(1);
  });

  it('flags strictly above the threshold, and has no share without values', () => {
    const half = [row('food', 'group_linked_sponsor', 5), row('shelter', 'host_state_service', 5)];
    expect(dependencyOf(half).flagged).toBe(false);
    expect(dependencyOf(half, 0.4).flagged).toBe(true);
    expect(dependencyOf([]).share).toBeNull();
    expect(() => dependencyOf(half, 1)).toThrow(RangeError);
  });

  it('adds cents exactly', () => {
    const r = dependencyOf([
      row('cash', 'group_linked_sponsor', '0.10'),
      row('cash', 'group_linked_sponsor', '0.20'),
    ]);
    expect(r.total).toBe('0.30');
  });

  it('property: the share is in [0, 1] and flagged iff above the threshold', () => {
    const arbRow = fc.record({
      essential: fc.constantFrom('food' as const, 'shelter' as const, 'cash' as const),
      independenceClass: fc.constantFrom(
        'independent_humanitarian' as const,
        'host_state_service' as const,
        'group_linked_sponsor' as const,
      ),
      value: fc.option(fc.integer({ min: 0, max: 1_000_000 }).map((c) => (c / 100).toFixed(2))),
    });
    fc.assert(
      fc.property(fc.array(arbRow), fc.double({ min: 0.01, max: 0.99, noNaN: true }), (rows, t) => {
        const r = dependencyOf(rows, t);
        if (r.share === null) {
          expect(r.flagged).toBe(false);
          return;
        }
        expect(r.share).toBeGreaterThanOrEqual(0);
        expect(r.share).toBeLessThanOrEqual(1);
        expect(r.flagged).toBe(r.share > t);
      }),
    );
  });
});

describe('essentials and access', () => {
  it('maps programme types to essentials', () => {
    expect(essentialOf('food')).toBe('food');
    expect(essentialOf('cash_grant')).toBe('cash');
    expect(essentialOf('skills_training')).toBeNull();
  });

  it('computes working age from a date or a year', () => {
    expect(indicatorAge({ birthDate: '2008-03-03', birthYear: 2008 }, '2026-03-02')).toBe(17);
    expect(indicatorAge({ birthDate: null, birthYear: 2008 }, '2026-03-02')).toBe(18);
    expect(isWorkingAge(18)).toBe(true);
    expect(isWorkingAge(60)).toBe(false);
    expect(isWorkingAge(null)).toBe(false);
  });

  it('looks back 12 months for training or livelihood enrolments', () => {
    expect(accessWindowStart('2026-03-02')).toBe('2025-03-03');
    const asOf = '2026-03-02';
    const e = (programmeType: string, enrolledOn: string, endedOn: string | null) => ({
      programmeType,
      enrolledOn,
      endedOn,
    });
    expect(hasLivelihoodAccess([e('skills_training', '2024-01-01', '2025-03-03')], asOf)).toBe(
      true,
    );
    expect(hasLivelihoodAccess([e('skills_training', '2024-01-01', '2025-03-02')], asOf)).toBe(
      false,
    );
    expect(hasLivelihoodAccess([e('income_generating', '2026-03-02', null)], asOf)).toBe(true);
    expect(hasLivelihoodAccess([e('income_generating', '2026-03-03', null)], asOf)).toBe(false);
    expect(hasLivelihoodAccess([e('education', '2026-01-01', null)], asOf)).toBe(false);
  });
});

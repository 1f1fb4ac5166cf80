import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalsRequiredFor, categoriesOf } from './categories.ts';
import {
  canMove,
  currentConsents,
  cutoffOf,
  DEFAULT_RULES,
  dueOn,
  effectiveRules,
  isOverdue,
  scheduledRunDue,
  type ConsentDecision,
} from './rules.ts';

const decision = (d: Partial<ConsentDecision> & { seq: number }): ConsentDecision => ({
  id: `r${d.seq}`,
  purpose: 'referral',
  categories: ['identity'],
  decision: 'given',
  decidedOn: '2026-01-01',
  ...d,
});

describe('consent in force', () => {
  it('is the latest decision per purpose and category, by date and then by order recorded', () => {
    const current = currentConsents([
      decision({ seq: 1, categories: ['identity', 'health'] }),
      decision({ seq: 2, decision: 'withdrawn', categories: ['health'], decidedOn: '2026-02-01' }),
      decision({ seq: 3, decision: 'refused', decidedOn: '2025-12-01' }), // backdated: older
      decision({ seq: 4, purpose: 'research', decision: 'refused' }),
    ]);
    expect(current.map((c) => [c.purpose, c.category, c.decision])).toEqual([
      ['referral', 'health', 'withdrawn'],
      ['referral', 'identity', 'given'],
      ['research', 'identity', 'refused'],
    ]);
  });

  it('does not depend on the order the history is read in', () => {
    const d = fc.record({
      seq: fc.integer({ min: 0, max: 1000 }),
      decision: fc.constantFrom('given', 'refused', 'withdrawn') as fc.Arbitrary<
        ConsentDecision['decision']
      >,
      decidedOn: fc.constantFrom('2026-01-01', '2026-01-02', '2026-01-03'),
      categories: fc.subarray(['identity', 'health', 'contact'], { minLength: 1 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(d, { selector: (x) => x.seq, maxLength: 12 }), (rows) => {
        const history = rows.map((r) => decision(r));
        expect(currentConsents([...history].reverse())).toEqual(currentConsents(history));
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe('subject requests', () => {
  it('are due 30 days after receipt and overdue only while open', () => {
    expect(dueOn('2026-01-20')).toBe('2026-02-19');
    expect(dueOn('2024-02-15')).toBe('2024-03-16'); // a leap year
    expect(isOverdue('in_progress', '2026-02-19', '2026-02-20')).toBe(true);
    expect(isOverdue('in_progress', '2026-02-19', '2026-02-19')).toBe(false);
    expect(isOverdue('completed', '2026-02-19', '2026-03-20')).toBe(false);
  });

  it('move received → in_progress → completed or refused, never back', () => {
    expect(canMove('received', 'in_progress')).toBe(true);
    expect(canMove('received', 'refused')).toBe(true);
    expect(canMove('received', 'completed')).toBe(false);
    expect(canMove('in_progress', 'completed')).toBe(true);
    expect(canMove('completed', 'in_progress')).toBe(false);
    expect(canMove('refused', 'completed')).toBe(false);
  });
});

describe('retention and transfer rules', () => {
  it('keeps the defaults for categories the stored rules do not set or set badly', () => {
    const rules = effectiveRules({
      notifications: { keepDays: 30, enabled: false },
      closed_cases: { keepDays: 'ten' },
      unknown: { keepDays: 1, enabled: true },
    });
    expect(rules.notifications).toEqual({ keepDays: 30, enabled: false });
    expect(rules.closed_cases).toEqual(DEFAULT_RULES.closed_cases);
    expect(rules.departed_persons.enabled).toBe(false);
    expect(effectiveRules(null)).toEqual(DEFAULT_RULES);
  });

  it('computes cutoffs and a daily schedule from the application clock', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    expect(cutoffOf(now, { keepDays: 10, enabled: true }).toISOString()).toBe(
      '2026-02-20T09:00:00.000Z',
    );
    expect(scheduledRunDue(now, null)).toBe(true);
    expect(scheduledRunDue(now, new Date('2026-03-01T10:00:00Z'))).toBe(false);
    expect(scheduledRunDue(now, new Date('2026-03-01T09:00:00Z'))).toBe(true);
  });

  it('asks two approvers for host authorities and law enforcement only', () => {
    expect(approvalsRequiredFor('host_authority')).toBe(2);
    expect(approvalsRequiredFor('law_enforcement')).toBe(2);
    expect(approvalsRequiredFor('partner_agency')).toBe(0);
  });

  it('names the data categories of shared fields, and flags a field it does not know', () => {
    expect(categoriesOf(['givenName', 'phone', 'specificNeeds'])).toEqual([
      'contact',
      'health',
      'identity',
      'protection',
    ]);
    expect(categoriesOf(['mystery'])).toEqual(['unclassified']);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoPersons } from '../registry/demo-data.ts';
import { matchKeys, partKeys, partSimilarity } from '../registry/names.ts';
import type { PersonCreate } from '../registry/schema.ts';
import { detectDuplicates } from './batch.ts';
import { blockKeys, DUPLICATE_THRESHOLD, scorePair, type DedupeRecord } from './scoring.ts';

function record(id: string, p: PersonCreate): DedupeRecord {
  return {
    id,
    keys: matchKeys(p.names),
    parts: partKeys(p.names),
    sex: p.sex,
    birthDate: p.birthDate ?? null,
    birthYear: p.birthDate ? Number(p.birthDate.slice(0, 4)) : (p.birthYear ?? null),
    nationalities: p.nationalities,
  };
}

const person = (given: string, family: string, over: Partial<PersonCreate> = {}) =>
  record(given + family, {
    names: [{ given, family, script: 'Latn', use: 'primary' }],
    sex: 'M',
    birthDate: '1984-03-12',
    birthYearEstimated: false,
    nationalities: ['AFG'],
    languages: [],
    specificNeeds: [],
    sensitivity: 'normal',
    ...over,
  });

describe('name parts', () => {
  it('keeps alternative readings of one part together, and a part in two scripts as one', () => {
    const parts = partKeys([
      { given: 'Hamideh', family: 'Rezaei' },
      { given: 'حمیده', family: 'رضایی' },
    ]);
    expect(parts).toHaveLength(2);
    expect(partSimilarity(parts, partKeys([{ given: 'Rezaee', family: 'Hamideh' }]))).toBe(1);
  });

  it('is symmetric and within [0, 1]', () => {
    const name = fc.constantFrom(
      'Mohammad',
      'Hossein',
      'Zahra',
      'Ali',
      'Karimi',
      'Ahmadi',
      'Drita',
    );
    fc.assert(
      fc.property(name, name, name, name, (a, b, c, d) => {
        const x = partKeys([{ given: a, family: b }]);
        const y = partKeys([{ given: c, family: d }]);
        const s = partSimilarity(x, y);
        expect(s).toBe(partSimilarity(y, x));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('pair score', () => {
  it('proposes transliteration variants with the same birth date, and explains why', () => {
    const s = scorePair(person('Mohammad', 'Hosseini'), person('Muhammad', 'Husseini'));
    expect(s.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
    expect(s.reasons.map((r) => r.code)).toEqual([
      'names',
      'birth_date_equal',
      'nationality_shared',
    ]);
  });

  it('does not propose the same name with another birth date, another sex or another name', () => {
    const base = person('Mohammad', 'Hosseini');
    for (const other of [
      person('Mohammad', 'Hosseini', { birthDate: '1984-09-30' }),
      person('Mohammad', 'Hosseini', { sex: 'F' }),
      person('Ali', 'Hosseini'),
    ])
      expect(scorePair(base, other).score).toBeLessThan(DUPLICATE_THRESHOLD);
  });

  it('is symmetric, and a different sex never raises a score', () => {
    const given = fc.constantFrom('Mohammad', 'Muhammad', 'Zahra', 'Ali', 'Aly');
    const date = fc.constantFrom('1984-03-12', '1985-03-12', '1984-07-01');
    fc.assert(
      fc.property(given, given, date, date, (g1, g2, d1, d2) => {
        const a = person(g1, 'Karimi', { birthDate: d1 });
        const b = person(g2, 'Kareemi', { birthDate: d2 });
        expect(scorePair(a, b).score).toBe(scorePair(b, a).score);
        const bf = { ...b, sex: 'F' };
        expect(scorePair(a, bf).score).toBeLessThanOrEqual(scorePair(a, b).score);
      }),
    );
  });

  it('puts swapped names and a year typed one off into a shared block', () => {
    const a = person('Mohammad', 'Karimi', { birthDate: '1984-03-12' });
    const b = person('Karimi', 'Mohammad', { birthDate: '1985-03-12' });
    expect(blockKeys(a).filter((k) => blockKeys(b).includes(k)).length).toBeGreaterThan(0);
  });
});

describe('batch detection on demo data', () => {
  it('finds the planted duplicates with high precision and recall', async () => {
    const batch = demoPersons(6000, 3, 0.05);
    const records = batch.persons.map((p) => record(p.key, p.input));
    const years = [...new Set(records.map((r) => r.birthYear))].sort(
      (a, b) => (a ?? 9999) - (b ?? 9999),
    );
    const groups = years.map((year) => ({
      year,
      records: records.filter((r) => r.birthYear === year),
    }));
    const found = new Set<string>();
    const stats = await detectDuplicates(groups, (pairs) => {
      for (const p of pairs) found.add(`${p.a}|${p.b}`);
    });
    const truth = batch.duplicates.map(([a, b]) => [a, b].sort().join('|'));
    const hits = truth.filter((k) => found.has(k)).length;
    expect(stats.records).toBe(6000);
    expect(hits / found.size).toBeGreaterThan(0.95);
    expect(hits / truth.length).toBeGreaterThan(0.9);
  });
});

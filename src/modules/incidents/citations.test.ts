import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  citationFingerprint,
  gradeOf,
  malformedFlags,
  normaliseLocator,
  normaliseText,
} from './citations.ts';
import { incidentIssues } from './validation.ts';

const key = crypto.randomBytes(32);
const ids = { incidentId: crypto.randomUUID(), sourceId: crypto.randomUUID() };
const passage = 'The guards took all passports on arrival at the compound.';

describe('citation flags', () => {
  it('flags what cannot be found or is no quote, and nothing else', () => {
    const claim = 'Passports were taken.';
    expect(malformedFlags({ claim, locator: 'p. 12', passage })).toEqual([]);
    expect(malformedFlags({ claim, locator: 'p. 12', passage: null })).toEqual([]);
    expect(malformedFlags({ claim, locator: null, passage: null })).toEqual([
      'missing_locator_and_passage',
    ]);
    for (const bad of ['12', 'see above', 'https://example.org/report.pdf', 'Passports were TAKEN'])
      expect(malformedFlags({ claim, locator: 'p. 1', passage: bad }), bad).toEqual([
        'passage_implausible',
      ]);
    expect(malformedFlags({ claim, locator: '—', passage })).toEqual(['locator_implausible']);
    expect(malformedFlags({ claim, locator: 'ص ١٢', passage })).toEqual([]);
  });

  it('normalises case, accents, spacing, punctuation and page prefixes', () => {
    expect(normaliseText('  Café, "RÉFUGIÉS"  ')).toBe('cafe refugies');
    for (const l of ['p. 12', 'Page 12', 'P12', 'pp 12', ' 12 '])
      expect(normaliseLocator(l)).toBe('12');
    expect(normaliseLocator('para 5')).toBe('para 5');
    expect(gradeOf('B', 2)).toBe('B2');
  });

  it('gives duplicates one fingerprint, and different passages, sources or keys another', () => {
    const print = (over: object = {}, k = key) =>
      citationFingerprint(k, { ...ids, locator: 'p. 12', passage, ...over }).toString('hex');
    fc.assert(
      fc.property(fc.constantFrom('', ' ', '  ', ',', '.', '\t'), fc.boolean(), (pad, upper) => {
        const variant = `${pad}${upper ? passage.toUpperCase() : passage}${pad}`;
        return print({ passage: variant, locator: 'Page 12' }) === print();
      }),
    );
    expect(print({ passage: `${passage} Again.` })).not.toBe(print());
    expect(print({ sourceId: crypto.randomUUID() })).not.toBe(print());
    expect(print({ locator: 'p. 13' })).not.toBe(print());
    expect(print({}, crypto.randomBytes(32))).not.toBe(print());
  });
});

describe('incident rules', () => {
  const base = {
    acts: ['violence'],
    when: { from: '2026-01-01' },
    where: { place: 'Market', precision: 'approximate' },
    involvements: [],
    articles: ['26'],
  };
  const paths = (over: object) => incidentIssues({ ...base, ...over }).map((i) => i.path.join('.'));

  it('accepts a consistent incident and names each broken rule', () => {
    expect(paths({})).toEqual([]);
    expect(paths({ acts: ['violence', 'violence'] })).toEqual(['acts']);
    expect(paths({ acts: ['other'] })).toEqual(['actOther']);
    expect(paths({ actOther: 'x' })).toEqual(['actOther']);
    expect(paths({ where: { precision: 'unknown' } })).toEqual([]);
    expect(paths({ articles: ['17(2)(a)', '35'] })).toEqual(['articles.1']);
    const person = crypto.randomUUID();
    expect(
      paths({
        involvements: [
          { role: 'victim_survivor', subject: 'person', personId: person, label: 'name' },
          { role: 'victim_survivor', subject: 'person', personId: person },
          { role: 'witness', subject: 'group', perpetratorType: 'employer', degree: 'direct' },
        ],
      }),
    ).toEqual([
      'involvements.0.label',
      'involvements.1.personId',
      'involvements.2.label',
      'involvements.2.perpetratorType',
      'involvements.2.degree',
    ]);
  });
});

import {
  AFGHAN_FAMILY,
  AFGHAN_GIVEN_F,
  AFGHAN_GIVEN_M,
  ALBANIAN_FAMILY,
  ALBANIAN_GIVEN_F,
  ALBANIAN_GIVEN_M,
  ARABIC_FAMILY,
  ARABIC_GIVEN_F,
  ARABIC_GIVEN_M,
  KURDISH_FAMILY,
  KURDISH_GIVEN_F,
  KURDISH_GIVEN_M,
  PERSIAN_FAMILY,
  PERSIAN_GIVEN_F,
  PERSIAN_GIVEN_M,
  SOMALI_FAMILY,
  SOMALI_GIVEN_F,
  SOMALI_GIVEN_M,
  TIGRINYA_FAMILY,
  TIGRINYA_GIVEN_F,
  TIGRINYA_GIVEN_M,
  type NameForms,
} from './demo-names.ts';
import { matchKeys } from './names.ts';
import type { PersonCreate } from './schema.ts';

/**
 * Fictional, realistic demo persons: names from several languages, each with the spellings clerks
 * really produce, plus planted duplicates (the same person registered twice under variant
 * spellings) whose pairs are returned as ground truth. Deterministic for a seed.
 */

interface Pool {
  nationality: string;
  language: string;
  givenM: NameForms[];
  givenF: NameForms[];
  family: NameForms[];
}

const pool = (
  nationality: string,
  language: string,
  givenM: NameForms[],
  givenF: NameForms[],
  family: NameForms[],
): Pool => ({ nationality, language, givenM, givenF, family });

/** Populations of the demo operation, with a rough weight each (repeated entries). */
const POOLS: Pool[] = [
  pool('AFG', 'fa', AFGHAN_GIVEN_M, AFGHAN_GIVEN_F, AFGHAN_FAMILY),
  pool('AFG', 'ps', AFGHAN_GIVEN_M, AFGHAN_GIVEN_F, AFGHAN_FAMILY),
  pool('AFG', 'fa', PERSIAN_GIVEN_M, PERSIAN_GIVEN_F, AFGHAN_FAMILY),
  pool('IRN', 'fa', PERSIAN_GIVEN_M, PERSIAN_GIVEN_F, PERSIAN_FAMILY),
  pool('IRN', 'fa', PERSIAN_GIVEN_M, PERSIAN_GIVEN_F, PERSIAN_FAMILY),
  pool('SYR', 'ar', ARABIC_GIVEN_M, ARABIC_GIVEN_F, ARABIC_FAMILY),
  pool('SYR', 'ar', ARABIC_GIVEN_M, ARABIC_GIVEN_F, ARABIC_FAMILY),
  pool('IRQ', 'ar', ARABIC_GIVEN_M, ARABIC_GIVEN_F, ARABIC_FAMILY),
  pool('IRQ', 'ckb', KURDISH_GIVEN_M, KURDISH_GIVEN_F, KURDISH_FAMILY),
  pool('SYR', 'ku', KURDISH_GIVEN_M, KURDISH_GIVEN_F, KURDISH_FAMILY),
  pool('ALB', 'sq', ALBANIAN_GIVEN_M, ALBANIAN_GIVEN_F, ALBANIAN_FAMILY),
  pool('SOM', 'so', SOMALI_GIVEN_M, SOMALI_GIVEN_F, SOMALI_FAMILY),
  pool('ERI', 'ti', TIGRINYA_GIVEN_M, TIGRINYA_GIVEN_F, TIGRINYA_FAMILY),
];

/** A small, fast, seeded generator (mulberry32), so runs are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export interface DemoPerson {
  key: string;
  input: PersonCreate;
}

export interface DemoBatch {
  persons: DemoPerson[];
  /** Keys of pairs that are the same person registered twice. */
  duplicates: [string, string][];
}

interface Identity {
  pool: Pool;
  sex: 'F' | 'M';
  given: NameForms;
  middle: NameForms | null;
  family: NameForms;
  birthYear: number;
  /** Most registrations record a full date; the rest an estimated year. */
  birthDate: string | null;
}

const pad = (v: number) => String(v).padStart(2, '0');

function identity(r: () => number): Identity {
  const pool = pick(r, POOLS);
  const sex = r() < 0.5 ? 'F' : 'M';
  const birthYear = 1940 + Math.floor(r() * 80);
  return {
    pool,
    sex,
    given: pick(r, sex === 'F' ? pool.givenF : pool.givenM),
    // A father's name as middle name, common in these naming systems.
    middle: r() < 0.3 ? pick(r, pool.givenM) : null,
    family: pick(r, pool.family),
    birthYear,
    birthDate:
      r() < 0.85
        ? `${birthYear}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`
        : null,
  };
}

/**
 * Two different demo people never share sex, a given and a family name key and a birth year
 * within two: real registries do hold such namesakes, but then no ground truth could say which
 * pairs are duplicates.
 */
function signatures(id: Identity, years: number[]): string[] {
  const given = matchKeys([{ given: id.given.latin[0] }]);
  const family = matchKeys([{ family: id.family.latin[0] }]);
  return given.flatMap((g) =>
    family.flatMap((f) =>
      years.map((d) => `${id.sex}|${[g, f].sort().join('+')}|${id.birthYear + d}`),
    ),
  );
}

/** The birth as a second clerk records it: mostly the same; sometimes only the year, or a slip. */
function birthOf(r: () => number, id: Identity, variant: boolean) {
  const roll = variant ? r() : 1;
  if (roll < 0.1) return { birthYear: id.birthYear, birthYearEstimated: true };
  if (roll < 0.2) {
    const year = id.birthYear + (r() < 0.5 ? -1 : 1);
    return id.birthDate
      ? { birthDate: `${year}${id.birthDate.slice(4)}`, birthYearEstimated: false }
      : { birthYear: year, birthYearEstimated: true };
  }
  return id.birthDate
    ? { birthDate: id.birthDate, birthYearEstimated: false }
    : { birthYear: id.birthYear, birthYearEstimated: true };
}

function record(r: () => number, id: Identity, key: string, variant: boolean): DemoPerson {
  const spell = (f: NameForms) => (variant ? pick(r, f.latin) : f.latin[0]!);
  const latin = {
    given: spell(id.given),
    family: spell(id.family),
    ...(id.middle ? { middle: spell(id.middle) } : {}),
  };
  const names: PersonCreate['names'] = [{ ...latin, script: 'Latn', use: 'primary' }];
  if (id.given.native && id.family.native && (!variant || r() < 0.5)) {
    names.push({
      given: id.given.native.text,
      family: id.family.native.text,
      script: id.given.native.script,
      use: 'original',
    });
  }
  // A duplicate is often registered with given and family swapped, or a year off.
  if (variant && r() < 0.2) names[0] = { ...names[0]!, given: latin.family, family: latin.given };
  return {
    key,
    input: {
      names,
      sex: id.sex,
      ...birthOf(r, id, variant),
      nationalities: [id.pool.nationality],
      languages: [id.pool.language],
      specificNeeds: r() < 0.08 ? [{ code: pick(r, ['SM', 'DS', 'WR', 'ER', 'CR'] as const) }] : [],
      sensitivity: 'normal',
    },
  };
}

/** `count` persons, of which about `duplicateShare` are second registrations of another. */
export function demoPersons(count: number, seed = 1, duplicateShare = 0.02): DemoBatch {
  const r = rng(seed);
  const persons: DemoPerson[] = [];
  const duplicates: [string, string][] = [];
  const taken = new Set<string>();
  while (persons.length < count) {
    let id = identity(r);
    // Within two years: a second registration may be a year off, the first one too.
    const near = [-2, -1, 0, 1, 2];
    for (let tries = 0; signatures(id, near).some((k) => taken.has(k)) && tries < 50; tries++)
      id = identity(r);
    for (const k of signatures(id, [0])) taken.add(k);
    const key = `p${seed}-${persons.length}`;
    persons.push(record(r, id, key, false));
    if (persons.length < count && r() < duplicateShare) {
      const dup = `p${seed}-${persons.length}`;
      persons.push(record(r, id, dup, true));
      duplicates.push([key, dup]);
    }
  }
  return { persons, duplicates };
}

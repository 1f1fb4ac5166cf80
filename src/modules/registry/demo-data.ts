import { phoneticKey } from './names.ts';
import type { PersonCreate } from './schema.ts';

/**
 * Fictional, realistic demo persons: names from several languages, each with the spellings clerks
 * really produce, plus planted duplicates (the same person registered twice under variant
 * spellings) whose pairs are returned as ground truth. Deterministic for a seed.
 */

/** A name as written in Latin script by different clerks, and in its original script. */
interface NameForms {
  latin: string[];
  native?: { text: string; script: string };
}

const n = (latin: string, native?: string, script = 'Arab'): NameForms => ({
  latin: latin.split('|'),
  ...(native ? { native: { text: native, script } } : {}),
});

const PERSIAN_GIVEN_M = [
  n('Mohammad|Muhammad|Mohamad|Mohammed', 'محمد'),
  n('Hossein|Hussein|Hosein|Husain', 'حسین'),
  n('Ali|Aly', 'علی'),
  n('Reza|Rezah', 'رضا'),
  n('Mehdi|Mahdi', 'مهدی'),
  n('Amir|Ameer', 'امیر'),
  n('Javad|Jawad', 'جواد'),
  n('Hamid|Hameed', 'حمید'),
  n('Saeed|Said|Saied', 'سعید'),
  n('Mostafa|Mustafa|Moustafa', 'مصطفی'),
  n('Gholamreza|Gholam Reza|Ghulamreza', 'غلامرضا'),
  n('Abbas|Abas', 'عباس'),
];
const PERSIAN_GIVEN_F = [
  n('Fatemeh|Fatima|Fatemah', 'فاطمه'),
  n('Zahra|Zahrah', 'زهرا'),
  n('Maryam|Mariam', 'مریم'),
  n('Masoumeh|Masoume|Masumeh', 'معصومه'),
  n('Leila|Layla|Leyla', 'لیلا'),
  n('Sakineh|Sakina', 'سکینه'),
  n('Roya|Rouya', 'رویا'),
  n('Shirin|Shireen', 'شیرین'),
  n('Parisa|Parissa', 'پریسا'),
  n('Soheila|Suhaila', 'سهیلا'),
];
const PERSIAN_FAMILY = [
  n('Hosseini|Husseini|Hoseini', 'حسینی'),
  n('Ghasemi|Qasemi|Kasemi', 'قاسمی'),
  n('Mohammadi|Muhammadi', 'محمدی'),
  n('Rezaei|Rezaee|Rezai', 'رضایی'),
  n('Ahmadi|Ahmady', 'احمدی'),
  n('Karimi|Kareemi', 'کریمی'),
  n('Jafari|Jaafari|Djafari', 'جعفری'),
  n('Sadeghi|Sadeqi|Sadegi', 'صادقی'),
  n('Moradi|Muradi', 'مرادی'),
  n('Rahimi|Raheemi', 'رحیمی'),
  n('Mousavi|Musavi|Moosavi', 'موسوی'),
  n('Azizi|Azeezi', 'عزیزی'),
  n('Nazari|Nazary', 'نظری'),
  n('Hashemi|Hachemi', 'هاشمی'),
];
const ARABIC_GIVEN_M = [
  n('Ahmad|Ahmed', 'أحمد'),
  n('Omar|Umar', 'عمر'),
  n('Khaled|Khalid', 'خالد'),
  n('Yousef|Youssef|Yusuf', 'يوسف'),
  n('Abdulrahman|Abdul Rahman|Abd al-Rahman', 'عبد الرحمن'),
  n('Ibrahim|Ebrahim', 'إبراهيم'),
  n('Hassan|Hasan', 'حسن'),
  n('Mahmoud|Mahmud', 'محمود'),
];
const ARABIC_GIVEN_F = [
  n('Aisha|Aicha|Ayesha', 'عائشة'),
  n('Khadija|Khadijah', 'خديجة'),
  n('Amina|Aminah', 'أمينة'),
  n('Noor|Nour|Nur', 'نور'),
  n('Huda|Hoda', 'هدى'),
  n('Rania|Ranya', 'رانيا'),
];
const ARABIC_FAMILY = [
  n('Al-Khatib|Alkhatib|El Khatib', 'الخطيب'),
  n('Haddad|Hadad', 'حداد'),
  n('Al-Masri|Almasri|El-Masri', 'المصري'),
  n('Nasser|Nasir|Naser', 'ناصر'),
  n('Saleh|Salih', 'صالح'),
  n('Abdallah|Abdullah|Abdalla', 'عبدالله'),
  n('Othman|Osman|Uthman', 'عثمان'),
];
const ALBANIAN_GIVEN_M = [
  n('Arbër|Arber'),
  n('Besnik|Besnick'),
  n('Gëzim|Gezim'),
  n('Agron'),
  n('Ilir|Illir'),
  n('Dritan'),
];
const ALBANIAN_GIVEN_F = [
  n('Drita'),
  n('Mirela|Mirella'),
  n('Elira'),
  n('Blerta'),
  n('Ardita'),
  n('Vjollca|Violca'),
];
const ALBANIAN_FAMILY = [
  n('Hoxha|Hodja|Hoxa'),
  n('Krasniqi|Krasniki'),
  n('Gashi|Gashij'),
  n('Berisha|Berischa'),
  n('Shehu|Sheho'),
  n('Çela|Cela'),
];

interface Pool {
  nationality: string;
  language: string;
  givenM: NameForms[];
  givenF: NameForms[];
  family: NameForms[];
}

const POOLS: Pool[] = [
  {
    nationality: 'AFG',
    language: 'fa',
    givenM: PERSIAN_GIVEN_M,
    givenF: PERSIAN_GIVEN_F,
    family: PERSIAN_FAMILY,
  },
  {
    nationality: 'IRN',
    language: 'fa',
    givenM: PERSIAN_GIVEN_M,
    givenF: PERSIAN_GIVEN_F,
    family: PERSIAN_FAMILY,
  },
  {
    nationality: 'SYR',
    language: 'ar',
    givenM: ARABIC_GIVEN_M,
    givenF: ARABIC_GIVEN_F,
    family: ARABIC_FAMILY,
  },
  {
    nationality: 'IRQ',
    language: 'ar',
    givenM: ARABIC_GIVEN_M,
    givenF: ARABIC_GIVEN_F,
    family: ARABIC_FAMILY,
  },
  {
    nationality: 'ALB',
    language: 'sq',
    givenM: ALBANIAN_GIVEN_M,
    givenF: ALBANIAN_GIVEN_F,
    family: ALBANIAN_FAMILY,
  },
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
 * Two different demo people never share sex, name keys and birth year: real registries do hold
 * such namesakes, but then no ground truth could say which pairs are duplicates.
 */
function signature(id: Identity): string {
  return [
    id.sex,
    phoneticKey(id.given.latin[0]!),
    phoneticKey(id.family.latin[0]!),
    id.birthYear,
  ].join('|');
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
    for (let tries = 0; taken.has(signature(id)) && tries < 50; tries++) id = identity(r);
    taken.add(signature(id));
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

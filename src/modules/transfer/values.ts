/**
 * Reading the values people type into spreadsheets: sex and yes/no in English, French, Spanish
 * and Arabic, lists separated by spaces, commas or semicolons, relationship words, the script
 * of a name. Pure; `null` means "there is a value but it is not one we understand".
 */
import type { RELATIONSHIPS } from '../households/schema.ts';
import type { SEXES } from '../registry/schema.ts';

type Sex = (typeof SEXES)[number];
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Lowercase, accents and Arabic hamza/vowel marks removed, inner spaces single. */
export function normaliseWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[أإآ]/g, 'ا')
    .toLowerCase()
    .trim()
    .replace(/[\s_-]+/g, ' ');
}

function table<T>(entries: [T, string[]][]): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of entries) for (const w of words) map.set(normaliseWord(w), value);
  return map;
}

const SEX_WORDS = table<Sex>([
  [
    'F',
    [
      'f',
      'female',
      'woman',
      'w',
      'girl',
      'femme',
      'féminin',
      'fille',
      'femenino',
      'mujer',
      'أنثى',
      'انثى',
      'مؤنث',
    ],
  ],
  ['M', ['m', 'male', 'man', 'boy', 'homme', 'masculin', 'garçon', 'masculino', 'hombre', 'ذكر']],
  ['X', ['x', 'other', 'autre', 'otro', 'diverse', 'آخر', 'اخر']],
  ['unknown', ['unknown', 'u', 'unk', '?', 'not known', 'inconnu', 'desconocido', 'غير معروف']],
]);

export function parseSex(text: string): Sex | null {
  return SEX_WORDS.get(normaliseWord(text)) ?? null;
}

const BOOLEAN_WORDS = table<boolean>([
  [true, ['true', 'yes', 'y', '1', 'oui', 'si', 'sí', 'نعم', 'estimated']],
  [false, ['false', 'no', 'n', '0', 'non', 'لا']],
]);

export function parseBoolean(text: string): boolean | null {
  return BOOLEAN_WORDS.get(normaliseWord(text)) ?? null;
}

const RELATIONSHIP_WORDS = table<Relationship>([
  [
    'focal_point',
    [
      'focal point',
      'focal',
      'head',
      'hoh',
      'head of household',
      'principal applicant',
      'pa',
      'self',
    ],
  ],
  ['spouse', ['spouse', 'wife', 'husband', 'partner']],
  ['child', ['child', 'son', 'daughter']],
  ['parent', ['parent', 'father', 'mother']],
  ['sibling', ['sibling', 'brother', 'sister']],
  ['grandchild', ['grandchild', 'grandson', 'granddaughter']],
  ['grandparent', ['grandparent', 'grandfather', 'grandmother']],
  ['other_relative', ['other relative', 'relative', 'other family']],
  ['non_relative', ['non relative', 'not related', 'unrelated']],
]);

export function parseRelationship(text: string): Relationship | null {
  return RELATIONSHIP_WORDS.get(normaliseWord(text)) ?? null;
}

/** "SYR; IRQ", "syr irq", "SYR,IRQ" → ["SYR", "IRQ"] (case left to the caller). */
export function splitList(text: string): string[] {
  return text.split(/[\s;,]+/).filter((v) => v !== '');
}

/** A spreadsheet date cell at midnight reads "1990-05-01T00:00:00": the date is what was meant. */
export function dateText(text: string): string {
  return text.replace(/T00:00(:00)?$/, '');
}

/** A legal status as typed ("Asylum seeker") → its code ("asylum_seeker"). */
export function statusCode(text: string): string {
  return normaliseWord(text).replace(/ /g, '_');
}

export function grantedBy(text: string): string {
  const w = normaliseWord(text);
  if (w === 'unhcr') return 'unhcr';
  if (w === 'host state' || w === 'hoststate' || w === 'government') return 'host-state';
  return text;
}

const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Arabic}/u, 'Arab'],
  [/\p{Script=Latin}/u, 'Latn'],
  [/\p{Script=Cyrillic}/u, 'Cyrl'],
  [/\p{Script=Ethiopic}/u, 'Ethi'],
  [/\p{Script=Hebrew}/u, 'Hebr'],
  [/\p{Script=Armenian}/u, 'Armn'],
  [/\p{Script=Georgian}/u, 'Geor'],
  [/\p{Script=Devanagari}/u, 'Deva'],
  [/\p{Script=Bengali}/u, 'Beng'],
  [/\p{Script=Myanmar}/u, 'Mymr'],
  [/\p{Script=Han}/u, 'Hani'],
];

/** The ISO 15924 code of the first script found in a name; "Zyyy" (undetermined) if none. */
export function detectScript(text: string): string {
  for (const [re, code] of SCRIPTS) if (re.test(text)) return code;
  return 'Zyyy';
}

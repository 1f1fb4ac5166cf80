/**
 * Phonetic keys: consonant-class skeletons shared by the spellings of one name.
 * One stage of registry/names.ts (see docs/names.md).
 */

import { AR_VOWEL_LETTERS, AR_VOWELS } from './normalise.ts';

// ---------------------------------------------------------------------------------------------
// 3. Phonetic keys
// ---------------------------------------------------------------------------------------------
// A key is an optional leading "a" (the name starts with a vowel, alef or ayn) followed by
// consonant classes: b p t d s z j h k f v l m n r and digits. Vowels are dropped because
// Arabic script does not write short ones. Scanning produces a class sequence with V for vowels;
// `finish` turns it into the key.

const V = '_';
export const SEP = '|'; // join boundary inside compounds: no sound, blocks digraphs, word-initial after

// Alternative readings, as bit flags. A scan notes which ones the word allows in `seen`.
const ALT_V = 1; // waw ambiguity: Arabic و as v where unsure (vowel after ا); Latin au/aou as aw
const ALT_H = 2; // Arabic consonant + ح/ه that Latin writers fuse into a digraph (اسحاق → Ishaq)
const ALT_D = 4; // Arabic ض as d (Arabic-style Ramadan, Rida) instead of z
const ALT_C = 8; // Latin c as j (Turkish and Kurdish: Cemal, Recep)
const ALT_SO = 16; // Somali spelling: x is ḥ, c is ʿayn (Maxamed, Cali)
const ALT_J = 32; // Latin j after a vowel before a consonant as y (Bosnian Sulejman)
const ALTS = [ALT_V, ALT_H, ALT_D, ALT_C, ALT_SO, ALT_J];
let seen = 0;

// prettier-ignore
const AR_CLASS = new Map(
  Object.entries({
    ب: 'b', پ: 'p', ت: 't', ث: 's', ج: 'j', چ: 's', ح: 'h', خ: 'h', د: 'd', ذ: 'z', ر: 'r',
    ز: 'z', ژ: 'j', س: 's', ش: 's', ص: 's', ط: 't', ظ: 'z', غ: 'k', ف: 'f', ق: 'k', ک: 'k',
    گ: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h', ڤ: 'v', ڕ: 'r', ڵ: 'l', ٹ: 't', ڈ: 'd', ڑ: 'r',
    ں: 'n', ځ: 'z', څ: 's', ډ: 'd', ړ: 'r', ښ: 's', ږ: 'j', ڼ: 'n',
    0: '0', 1: '1', 2: '2', 3: '3', 4: '4', 5: '5', 6: '6', 7: '7', 8: '8', 9: '9',
  }),
);
// Latin classes for single letters without digraph or position rules.
const LATIN_CLASS = new Map(
  [...'bflmnrv0123456789'].map((c): [string, string] => [c, c]).concat([['q', 'k']]),
);
// Consonant + h fused by Latin writers, as classes: s+h → sh → s, t+h → th → s, …
const H_FUSION = new Map([
  ['s', 's'],
  ['z', 'j'],
  ['t', 's'],
  ['d', 'z'],
  ['p', 'f'],
]);

export const isLatinVowel = (c: string) => c !== '' && 'aeiou'.includes(c);
const isVowel = (c: string) => (c !== '' && 'aeiouy'.includes(c)) || AR_VOWEL_LETTERS.has(c);

/** The reading of و: consonant v or a vowel, by its neighbours. */
export function wawClass(s: string, i: number, start: boolean, mode: number): string {
  if (start) return 'v';
  const prev = s.charAt(i - 1);
  const next = s.charAt(i + 1);
  if (prev === 'و') return V; // second of a doubled waw: Davood
  if (prev === 'ا' || prev === 'ع') {
    seen |= ALT_V; // Davood or Daoud; Saud or Sawud
    return (prev === 'ا') !== ((mode & ALT_V) !== 0) ? 'v' : V;
  }
  if (AR_VOWEL_LETTERS.has(next)) return 'v'; // Javad, Parviz, Mousavi
  if (next === '' || next === SEP) return V; // Khosrow
  seen |= ALT_V; // Mahmoud (vowel) or Anwar (consonant)
  return mode & ALT_V ? 'v' : V;
}

/** Class of one Arabic-script letter, or null when the letter is not handled. */
function arabicClass(s: string, i: number, start: boolean, mode: number): string | null {
  const c = s.charAt(i);
  if (c === 'ی') return start ? 'j' : V;
  if (c === 'و') return wawClass(s, i, start, mode);
  if (c === 'ض') {
    seen |= ALT_D;
    return mode & ALT_D ? 'd' : 'z';
  }
  if (AR_VOWELS.has(c)) return V;
  return AR_CLASS.get(c) ?? null;
}

/** Class of the Latin letter (or digraph) at i, or null; `step` says how many letters it used. */
let step = 1;
function latinClass(s: string, i: number, start: boolean, mode: number): string | null {
  const c = s.charAt(i);
  const next = s.charAt(i + 1);
  step = 1;
  switch (c) {
    case 'a':
    case 'e':
    case 'i':
      return V;
    case 'u':
      return afterA(s, i, 1, mode);
    case 'o':
      // French "ou" before a vowel is w: Oualid, Moussaoui.
      if (next === 'u' && isVowel(s.charAt(i + 2)) && (start || isLatinVowel(s.charAt(i - 1)))) {
        step = 2;
        return 'v';
      }
      return next === 'u' ? afterA(s, i, 2, mode) : V;
    case 'y':
      return start && isVowel(next) ? 'j' : V;
    case 'w':
      return start || isVowel(next) ? 'v' : V; // Nowruz, Khosrow: w closes a diphthong
    case 'h':
      return 'h';
    case 's':
      if (next === 'h') step = 2;
      else if (next === 'c' && s.charAt(i + 2) === 'h') step = 3;
      return 's';
    case 'c':
      if (next === 'h' || next === 'k') {
        step = 2;
        return next === 'h' ? 's' : 'k'; // French ch = sh (Cherif)
      }
      seen |= ALT_C | ALT_SO;
      return mode & ALT_C ? 'j' : mode & ALT_SO ? V : 'k';
    case 'k':
      return fuse(next, 'h', 'k');
    case 'g':
      return fuse(next, 'k', 'k');
    case 'z':
      return fuse(next, 'j', 'z');
    case 't':
      return fuse(next, 's', 't');
    case 'p':
      return fuse(next, 'f', 'p');
    case 'x':
      if (next === 'h') {
        step = 2;
        return 'j'; // Albanian xh: Xhemal
      }
      seen |= ALT_SO;
      return mode & ALT_SO ? 'h' : 'ks';
    case 'd':
      if (next === 'h') return fuse(next, 'z', 'd');
      if (next === 'j' || (start && next === 'z')) {
        step = next === 'z' && s.charAt(i + 2) === 'h' ? 3 : 2; // Djamal, Džemal, Dzhamal
        return 'j';
      }
      return 'd';
    case 'j':
      if (!start && isLatinVowel(s.charAt(i - 1)) && next !== '' && !isVowel(next)) {
        seen |= ALT_J;
        if (mode & ALT_J) return V;
      }
      return 'j';
    default:
      return LATIN_CLASS.get(c) ?? null;
  }
}

/** u or ou after a, before a consonant: a vowel (Daoud, Saud) or w (Dawud) — see ALT_V. */
function afterA(s: string, i: number, len: number, mode: number): string {
  const after = s.charAt(i + len);
  if (s.charAt(i - 1) !== 'a' || after === '' || after === SEP || isVowel(after)) return V;
  seen |= ALT_V;
  if (mode & ALT_V) {
    step = len;
    return 'v';
  }
  return V;
}

/** `fused` when the next letter is h (kh, gh, zh, th, ph, dh), else `plain`. */
function fuse(next: string, fused: string, plain: string): string {
  if (next !== 'h') return plain;
  step = 2;
  return fused;
}

/** Class sequence of a word, or null if it holds a character no table covers. */
function scan(s: string, mode: number): string | null {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s.charAt(i);
    if (c === SEP) {
      // A morpheme-final h goes like a word-final one: Zabih|ullah = Zabi|ullah.
      if (out.length > 1 && out.charAt(out.length - 1) === 'h') out = out.slice(0, -1);
      i++;
      continue;
    }
    const start = i === 0 || s.charAt(i - 1) === SEP;
    if (c >= '\u0600' && c <= '\u06ff') {
      const prevCls = out.charAt(out.length - 1);
      if ((c === 'ح' || c === 'ه') && !start && AR_CLASS.has(s.charAt(i - 1))) {
        const fused =
          prevCls === 'k' ? (s.charAt(i - 1) === 'ک' ? 'h' : 'k') : H_FUSION.get(prevCls);
        if (fused !== undefined) {
          seen |= ALT_H;
          if (mode & ALT_H) {
            out = out.slice(0, -1) + fused;
            i++;
            continue;
          }
        }
      }
      const cls = arabicClass(s, i, start, mode);
      if (cls === null) return null;
      out += cls;
      i++;
      continue;
    }
    const cls = latinClass(s, i, start, mode);
    if (cls === null) return null;
    out += cls;
    i += step;
  }
  return out;
}

/** Class sequence → key: leading-vowel mark, final h dropped, doubles merged, final devoicing. */
function finish(seq: string): string {
  const lead = seq.charAt(0) === V ? 'a' : '';
  let end = seq.length - 1;
  while (end >= 0 && seq.charAt(end) === V) end--;
  // A final h is usually the feminine -eh/-ah or a weak ending: Fatemeh = Fatima, Saleh = Salih.
  if (end > 0 && seq.charAt(end) === 'h') seq = seq.slice(0, end) + seq.slice(end + 1);
  let out = lead;
  let prev = '';
  for (let i = 0; i < seq.length; i++) {
    const c = seq.charAt(i);
    if (c !== prev && c !== V) out += c;
    prev = c;
  }
  // Word-final d/t and b/p alternate in Turkish and Albanian spellings: Mehmet, Ahmet, Eyüp.
  if (out.length > lead.length) {
    const last = out.charAt(out.length - 1);
    if (last === 'd') out = `${out.slice(0, -1)}t`;
    else if (last === 'b') out = `${out.slice(0, -1)}p`;
  }
  return out;
}

// Names whose consonants coincide with a more common name's but are written apart in both
// scripts: Mahmoud (محمود) is not Mohammad (محمد). The long u is kept as a v class.
const MAHMUD_LATIN_RE = /(^|\|)(m[aeiou]{1,2}hm)(?:ou|oo|uu|u|o)(?=[dt])/g;
const MAHMUD_ARABIC_RE = /(^|\|)محمود/g;

/** Key for a word in a script without a table: its code points, so exact spellings still meet. */
function codeKey(src: string): string {
  let out = 'x';
  for (const c of src) if (c !== SEP) out += c.codePointAt(0)!.toString(36).padStart(4, '0');
  return out;
}

function overrides(src: string): string {
  if (src.includes('hm')) src = src.replace(MAHMUD_LATIN_RE, '$1$2v');
  return src.includes('محمود') ? src.replace(MAHMUD_ARABIC_RE, '$1محمڤد') : src;
}

/** Adds the primary key and the alternative readings of src to keys. */
export function addKeys(src: string, keys: Set<string>): void {
  const s = overrides(src);
  seen = 0;
  const seq = scan(s, 0);
  if (seq === null) {
    keys.add(codeKey(src));
    return;
  }
  const found = seen;
  const primary = finish(seq);
  if (primary !== '') keys.add(primary);
  if (found === 0) return;
  for (const alt of ALTS) {
    if ((found & alt) === 0) continue;
    const altSeq = scan(s, alt);
    const key = altSeq === null ? '' : finish(altSeq);
    if (key !== '') keys.add(key);
  }
}

export function primaryKey(src: string): string {
  const seq = scan(overrides(src), 0);
  return seq === null ? codeKey(src) : finish(seq);
}

export const consonants = (key: string) => (key.startsWith('a') ? key.length - 1 : key.length);

// ---------------------------------------------------------------------------------------------

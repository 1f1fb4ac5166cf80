/**
 * Particles and compound names: what is split off, joined or dropped before keying.
 * One stage of registry/names.ts (see docs/names.md).
 */

import type { NameParts } from '../names.ts';
import { consonants, isLatinVowel, primaryKey, SEP } from './keys.ts';
import { AR_RE, normaliseName } from './normalise.ts';
import { arabicToLatin, toLatin } from './transliterate.ts';

// 4. Particles and compounds
// ---------------------------------------------------------------------------------------------

/** A word of a name: `src` is what keys are computed from, `lat` its Latin text. */
interface Piece {
  src: string;
  lat: string;
  ar: boolean; // Arabic script: tables below match `src`, not `lat`
}

export const toPiece = (w: string): Piece =>
  AR_RE.test(w) ? { src: w, lat: arabicToLatin(w), ar: true } : latinPiece(toLatin(w));
const latinPiece = (lat: string): Piece => ({ src: lat, lat, ar: false });
const ar = (s: string) => normaliseName(s);

// Separate article words. Assimilated forms (ad-Din, as-Sayed) only count before their letter.
const ARTICLE_RE = /^(?:[aeiu]l|ol)$/;
const ASSIMILATED_RE = /^[aeu](sh|th|dh|[rsztdn])$/;
const ARTICLE_AR = ar('ال');

function isArticle(p: Piece, next: Piece | undefined): boolean {
  if (next === undefined || p.src.length > 3) return false;
  if (p.ar) return p.src === ARTICLE_AR;
  if (ARTICLE_RE.test(p.lat)) return true;
  const m = ASSIMILATED_RE.exec(p.lat);
  return m !== null && next.lat.startsWith(m[1]!);
}

// Titles and filiation words, dropped before a following name: Seyed, Haji, Mir, Sheikh,
// Mullah, ibn/bin/bint.
const TITLE_RE = new RegExp(
  '^(?:s[ae]?yy?[aeiy]?[dt](?:[ae]h?)?|ha?d?jj?[iy]?|haci|(?:al|el)hajj?[iy]?|mir|' +
    'sh?[ae]y?[iy]?kh|cheikh|sheik|seyh|m[ou]ll?ah?|ibn|ebn|ibnu|bin|ben|bint|bent|binti)$',
);
const TITLE_AR = new Set(
  ['سید', 'سیده', 'حاج', 'حاجی', 'الحاج', 'میر', 'شیخ', 'ملا', 'بن', 'ابن', 'بنت'].map(ar),
);
const isTitle = (p: Piece) =>
  p.ar ? TITLE_AR.has(p.src) : p.lat.length <= 8 && TITLE_RE.test(p.lat);

// Title written onto the name (Mirhossein, Seyedali): split only before a common given name.
const TITLE_ATTACHED_RE = /^(?:mir|s[ae]yy?[eiy]?d|syed)/;
const TITLE_ATTACHED_AR = ['میر', 'سید'].map(ar);

interface Head {
  canon: string; // canonical Latin spelling, used in joined forms
  emit: boolean; // the head is a name on its own (Mohammad, Ali, Amir)
  lat: RegExp; // prefix of a Latin word, including an attached article
  only?: RegExp; // a whole word that is just the head (defaults to `lat` with nothing left)
  ar: string[];
  article: boolean; // Abd al-, Abu al-: the article belongs to the compound
  known: boolean; // attached tails limited to common names (Alireza yes, Alimov no)
}

// First parts of compound given names. Tails after Abd/Abu are always split off; after the others
// they must look like a name.
const HEADS: Head[] = [
  {
    canon: 'abd',
    emit: false,
    lat: /^abd(?:[aeiou]l?)?/,
    only: /^abd(?:[aeiou][lr])?$/,
    ar: [ar('عبد')],
    article: true,
    known: false,
  },
  {
    canon: 'abu',
    emit: false,
    lat: /^ab[ou]u?(?:[aeiou]?l)?/,
    only: /^ab[ou]u?(?:[aeiou]?l)?$/,
    ar: [ar('ابو')],
    article: true,
    known: false,
  },
  {
    canon: 'mohammad',
    emit: true,
    lat: /^(?:m[aeiou]{1,2}h[aeiou]{1,2}mm?[aeiou]{1,2}[dt]|meh?me[dt])/,
    ar: [ar('محمد')],
    article: false,
    known: false,
  },
  { canon: 'ali', emit: true, lat: /^al[iy]/, ar: [ar('علی')], article: false, known: true },
  {
    canon: 'gholam',
    emit: false,
    lat: /^(?:gh|q|g|k)[ou]{1,2}l[aeiou]m/,
    ar: [ar('غلام')],
    article: false,
    known: false,
  },
  {
    canon: 'amir',
    emit: true,
    lat: /^[ae]m[ie]{1,2}r/,
    ar: [ar('امیر')],
    article: false,
    known: false,
  },
];
// Heads by first letter (Latin or Arabic), so most words meet one pattern or none.
const HEADS_BY_INITIAL = new Map<string, Head[]>();
const HEAD_INITIALS: [string, string][] = [
  ['aع', 'abd'],
  ['aا', 'abu'],
  ['meم', 'mohammad'],
  ['aع', 'ali'],
  ['gqkغ', 'gholam'],
  ['aeا', 'amir'],
];
for (const [initials, canon] of HEAD_INITIALS) {
  const head = HEADS.find((h) => h.canon === canon)!;
  for (const c of initials) HEADS_BY_INITIAL.set(c, [...(HEADS_BY_INITIAL.get(c) ?? []), head]);
}
const ALLAH_REST_RE = /^(?:l?lah?|ah)$/;
const ALLAH_AR = ar('الله');

interface Tail {
  canon: string;
  canonAr: string;
  lat: RegExp;
  ar: string[];
  boundary: boolean; // keyed with a morpheme boundary: Zabih|ullah drops the h like Zabi|ullah
}

// Last parts written separately or joined: Rahmat Ullah / Rahmatullah, Nasr ed-Din / Nasreddin,
// Hossein Zadeh / Hosseinzadeh. Only the joined form is keyed.
const TAILS: Tail[] = [
  {
    canon: 'allah',
    canonAr: ALLAH_AR,
    lat: /^(?:[aou]ll[aeiou]h?|[aou]lah)$/,
    ar: [ALLAH_AR],
    boundary: true,
  },
  {
    canon: 'din',
    canonAr: ar('دین'),
    lat: /^(?:[aeiou][dl])?d(?:i|ee|y)ne?$/,
    ar: [ar('الدین'), ar('دین')],
    boundary: false,
  },
  {
    canon: 'zadeh',
    canonAr: ar('زاده'),
    lat: /^zad(?:eh?|ah?)$/,
    ar: [ar('زاده')],
    boundary: false,
  },
  { canon: 'pour', canonAr: ar('پور'), lat: /^p[ou]{1,2}r$/, ar: [ar('پور')], boundary: false },
  {
    canon: 'nejad',
    canonAr: ar('نژاد'),
    lat: /^n[eiy](?:zh|j|z)h?a?d$/,
    ar: [ar('نژاد')],
    boundary: false,
  },
];
const TAIL_AR = new Map(TAILS.flatMap((t) => t.ar.map((a): [string, Tail] => [a, t])));
const DIN_ATTACHED_RE = /^(.{3,}?)(?:[aeiou][dl]?)?dd?(?:i|ee|y)ne?$/;
const DIN_ATTACHED_AR = ar('الدین');
const DIN_AR = ar('دین');
const ALLAH_ATTACHED_RE = /^(.{3,}?)(?:[aou]ll[aeiou]h?|[aou]lah)$/;

const TAIL_INITIALS = new Set([...'aeiouzpnd']);

function tailOf(p: Piece): Tail | undefined {
  if (p.ar) return TAIL_AR.get(p.src);
  if (p.lat.length > 7 || !TAIL_INITIALS.has(p.lat.charAt(0))) return undefined;
  return TAILS.find((t) => t.lat.test(p.lat));
}

function joinTail(stem: Piece, tail: Tail): Piece {
  const sep = tail.boundary ? SEP : '';
  if (stem.ar) return { src: stem.src + sep + tail.canonAr, lat: stem.lat + tail.canon, ar: true };
  return { src: stem.lat + sep + tail.canon, lat: stem.lat + tail.canon, ar: false };
}

// Common given names, my own short list: they validate splits of attached articles and titles and
// the second part of compounds (Ali-reza, Gholam-ali). Stored as keys so every spelling counts.
const COMMON_NAMES = keySet(
  'ali omar osman isa ahmad hassan hossein mohammad mahmoud reza mahdi hadi abbas jafar javad ' +
    'karim rahim hamid saeed majid amin yusuf ibrahim ismail mustafa musa yahya yaqub ayub ' +
    'khalid walid akbar asghar baqer kazem sadegh taqi naqi qasem hashem nabi rasul sakhi haidar ' +
    'sarwar ishaq sharif nazar murad omid navid zaman nur fatima zahra maryam zainab aisha ' +
    'khadija leila hamza taha huda amina ahmed',
);
const COMPOUND_TAILS = new Set([...COMMON_NAMES, ...keySet('jan dad yar sher gul khan')]);
// Names that begin with al/el without an article in them.
const ARTICLE_EXCEPTIONS = keySet(
  'elham elnaz elaheh elyas elias alisa almas almaz alvand elmira elvira elena elina alina elmas ' +
    'almir elmir elvir elvin elvis alban albana albina albert alberto alfred alfredo alfonso ' +
    'alvaro alexander aleksandar alexandra alexis elton eldar elnur elshan elchin elnara ' +
    'elmedina almedina alper alparslan alpay aladdin alamgir elmer alma',
);

function keySet(names: string): Set<string> {
  return new Set(names.split(' ').map(primaryKey));
}

/** The word with an attached article or title removed, when what remains is clearly a name. */
function stripAttached(p: Piece): Piece {
  const first = p.src.charAt(0);
  if (p.ar ? p.src.startsWith(ARTICLE_AR) : first === 'a' || first === 'e') {
    if (p.ar || p.lat.charAt(1) === 'l') {
      const rest = p.ar ? toPiece(p.src.slice(ARTICLE_AR.length)) : latinPiece(p.lat.slice(2));
      if (articleSplitOk(p, rest)) return rest;
    }
  }
  if (!p.ar && first !== 'm' && first !== 's') return p;
  const title = p.ar
    ? TITLE_ATTACHED_AR.find((t) => p.src.startsWith(t))
    : TITLE_ATTACHED_RE.exec(p.lat)?.[0];
  if (title === undefined) return p;
  const rest = p.ar ? toPiece(p.src.slice(title.length)) : latinPiece(p.lat.slice(title.length));
  const n = rest.src.length;
  const long = p.ar ? n >= 3 : n >= 4 || (n === 3 && isLatinVowel(rest.lat.charAt(0)));
  return long && COMMON_NAMES.has(primaryKey(rest.src)) ? rest : p;
}

function articleSplitOk(whole: Piece, rest: Piece): boolean {
  if (rest.src.length < 3) return false;
  if (ARTICLE_EXCEPTIONS.has(primaryKey(whole.src))) return false;
  const key = primaryKey(rest.src);
  if (COMMON_NAMES.has(key)) return true;
  // Before a vowel only a/o starts are taken (Al-Omari), to spare Alina, Elena, Alimov.
  const first = rest.lat.charAt(0);
  return consonants(key) >= 2 && (!isLatinVowel(first) || first === 'a' || first === 'o');
}

interface HeadMatch {
  head: Head;
  rest: Piece | null; // null: the word is only the head
  whole: boolean; // Abdullah and the like: keep the word as it is
}

function matchHead(p: Piece): HeadMatch | null {
  const heads = HEADS_BY_INITIAL.get(p.src.charAt(0));
  if (heads === undefined) return null;
  for (const head of heads) {
    const m = p.ar ? matchHeadArabic(head, p) : matchHeadLatin(head, p);
    if (m !== undefined) return m;
  }
  return null;
}

function matchHeadArabic(head: Head, p: Piece): HeadMatch | null | undefined {
  const lit = head.ar.find((l) => p.src.startsWith(l));
  if (lit === undefined) return undefined;
  let rest = p.src.slice(lit.length);
  if (head.article && (rest === ALLAH_AR || rest === SEP + ALLAH_AR)) {
    return { head, rest: null, whole: true };
  }
  if (head.article && rest.startsWith(ARTICLE_AR) && rest.length > ARTICLE_AR.length) {
    rest = rest.slice(ARTICLE_AR.length);
  }
  return { head, rest: rest === '' ? null : toPiece(rest), whole: false };
}

function matchHeadLatin(head: Head, p: Piece): HeadMatch | null | undefined {
  const m = head.lat.exec(p.lat);
  if (m === null) return undefined;
  let rest = p.lat.slice(m[0].length);
  // Abdur-rahman: the assimilated article doubles the next consonant.
  if (head.article && rest.length > 2 && rest.charAt(0) === rest.charAt(1)) rest = rest.slice(1);
  if (head.canon === 'abd' && ALLAH_REST_RE.test(rest)) return { head, rest: null, whole: true };
  if (rest !== '') return { head, rest: latinPiece(rest), whole: false };
  const only = head.only === undefined || head.only.test(p.lat);
  return only ? { head, rest: null, whole: false } : null;
}

/** Whether x can be the second part of a compound that starts with head. */
function tailOk(head: Head, x: Piece, attached: boolean): boolean {
  if (isTitle(x) || tailOf(x) !== undefined) return false;
  const key = primaryKey(x.src);
  if (head.article) return consonants(key) >= 1;
  if (!attached || head.known) return COMPOUND_TAILS.has(key);
  const long = x.ar ? x.src.length >= 2 : x.lat.length >= 3;
  return long && (consonants(key) >= 2 || COMPOUND_TAILS.has(key));
}

function emitCompound(head: Head, x: Piece, out: Piece[]): void {
  if (head.emit) out.push(latinPiece(head.canon));
  out.push(x);
  out.push({ src: head.canon + SEP + x.src, lat: head.canon + x.lat, ar: x.ar });
}

/** "Abd Alrahman", "عبد الرحمن": the article written onto the second part belongs to Abd. */
function dropArticle(p: Piece): Piece {
  if (p.ar) {
    const ok = p.src.startsWith(ARTICLE_AR) && p.src.length > ARTICLE_AR.length + 1;
    return ok ? toPiece(p.src.slice(ARTICLE_AR.length)) : p;
  }
  return p.lat.length > 3 && /^[ae]l/.test(p.lat) ? latinPiece(p.lat.slice(2)) : p;
}

/** Joins separate tail words to the word before them and normalises attached ones. */
function mergeTails(words: Piece[]): Piece[] {
  const res: Piece[] = [];
  for (const w of words) {
    const tail = tailOf(w);
    if (tail === undefined || res.length === 0) {
      res.push(normaliseTail(w));
      continue;
    }
    // "Nasr ed Din": the assimilated article belongs to the tail.
    const before = res[res.length - 2];
    if (tail.canon === 'din' && before !== undefined && isArticle(res[res.length - 1]!, w)) {
      res.pop();
    }
    res.push(joinTail(res.pop()!, tail));
  }
  return res;
}

/** Attached -ud-din and -ullah in the same form as the separate words give. */
export function normaliseTail(w: Piece): Piece {
  if (w.ar) {
    const stem = w.src.slice(0, -DIN_ATTACHED_AR.length);
    if (w.src.endsWith(DIN_ATTACHED_AR) && stem.length >= 2) return toPiece(stem + DIN_AR);
    const base = w.src.slice(0, -ALLAH_AR.length);
    return w.src.endsWith(ALLAH_AR) && base.length >= 2 ? { ...w, src: base + SEP + ALLAH_AR } : w;
  }
  const last = w.lat.charAt(w.lat.length - 1);
  if ((last === 'n' || last === 'e') && w.lat.includes('d')) {
    const m = DIN_ATTACHED_RE.exec(w.lat);
    if (m !== null) return latinPiece(`${m[1]}din`);
  }
  if ((last === 'h' || last === 'a') && w.lat.includes('la')) {
    const m = ALLAH_ATTACHED_RE.exec(w.lat);
    if (m !== null) return { src: `${m[1]}${SEP}allah`, lat: w.lat, ar: false };
  }
  return w;
}

/** Emits the pieces starting at word i; returns the index of the next unread word. */
function emitFrom(words: Piece[], i: number, out: Piece[]): number {
  const w = words[i]!;
  const next = words[i + 1];
  if (next !== undefined && (isArticle(w, next) || isTitle(w))) return i + 1;
  const cur = stripAttached(w);
  const hm = matchHead(cur);
  if (hm !== null && !hm.whole) {
    if (hm.rest !== null && tailOk(hm.head, hm.rest, true)) {
      emitCompound(hm.head, hm.rest, out);
      return i + 1;
    }
    if (hm.rest === null && next !== undefined) {
      let j = i + 1;
      if (hm.head.article && isArticle(words[j]!, words[j + 1])) j++;
      const x = hm.head.article ? dropArticle(words[j]!) : words[j]!;
      if (tailOk(hm.head, x, false)) {
        emitCompound(hm.head, x, out);
        return j + 1;
      }
    }
  }
  // محمد alone reads better as "mohammad" than as the bare consonants.
  const canonical = hm !== null && hm.rest === null && !hm.whole && hm.head.emit && cur.ar;
  out.push(canonical ? { ...cur, lat: hm.head.canon } : cur);
  return i + 1;
}

/** Appends the pieces of one name part (given, middle or family) to out. */
function partPieces(text: string, out: Piece[]): void {
  const norm = normaliseName(text);
  if (norm === '') return;
  const words = mergeTails(norm.split(' ').map(toPiece));
  for (let i = 0; i < words.length;) i = emitFrom(words, i, out);
}

export function piecesOf(names: readonly NameParts[]): Piece[] {
  const out: Piece[] = [];
  for (const name of names) {
    for (const text of [name.given, name.middle, name.family]) {
      if (typeof text === 'string' && text !== '') partPieces(text, out);
    }
  }
  return out;
}

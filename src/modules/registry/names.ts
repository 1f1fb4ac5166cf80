/**
 * Name normalisation and matching keys for registry search and duplicate detection.
 *
 * The aim is recall across clerks, scripts and transliteration habits: the same person's name
 * written as "Mohammad Hosseini", "Muhammed Husseini" or "محمد حسینی" must share keys.
 * Precision comes later, from birth year, sex and the trigram similarity of `searchText`.
 * Design, rules and known collisions: docs/names.md. Pure: no I/O, nothing kept between calls.
 */

/** One written form of a person's name (extra fields such as script are ignored). */
export interface NameParts {
  given?: string | null;
  family?: string | null;
  middle?: string | null;
}

/** nameSimilarity at or above this is treated as "the same name" for duplicate review. */
export const NAME_MATCH_THRESHOLD = 0.6;

// ---------------------------------------------------------------------------------------------
// 1. Script-level cleaning
// ---------------------------------------------------------------------------------------------

// Handled before NFKD: the acute accent would decompose into a space, ۀ into Kurdish ە.
const PRE_MAP = new Map([
  ['´', ''],
  ['ۀ', 'ه'],
]);

// Applied after NFKD, lower-casing and mark stripping, one code point at a time.
const CHAR_MAP = new Map<string, string>([
  // Apostrophes and ayn/hamza signs inside Latin names join the letters around them.
  ...[...`'’‘ʼʻʿʾ\`′ˈ`].map((c): [string, string] => [c, '']),
  // Invisible formatting; ZWNJ separates the parts of Persian compounds, so it is a space.
  ...[...'\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff']
    .concat(['\u00ad', '\u061c', '\u180e'])
    .map((c): [string, string] => [c, '']),
  ['\u200c', ' '],
  // Arabic-script letter variants: one spelling per letter (Persian yeh and keheh win).
  ['\u0640', ''], // tatweel
  ['\u06e5', ''], // small waw
  ['\u06e6', ''], // small yeh
  ['\u0674', ''], // high hamza
  ['ء', ''],
  ['ي', 'ی'],
  ['ى', 'ی'],
  ['ې', 'ی'],
  ['ۍ', 'ی'],
  ['ك', 'ک'],
  ['ڪ', 'ک'],
  ['ګ', 'گ'],
  ['ة', 'ه'],
  ['ۃ', 'ه'],
  ['ھ', 'ه'],
  ['ہ', 'ه'],
  ['ٱ', 'ا'],
  ['ٲ', 'ا'],
  ['ٳ', 'ا'],
  ['ٵ', 'ا'],
  // Latin letters that NFKD leaves alone.
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ø', 'o'],
  ['đ', 'd'],
  ['ð', 'd'],
  ['ł', 'l'],
  ['þ', 'th'],
  ['ħ', 'h'],
  ['ı', 'i'],
  ['ŋ', 'n'],
  ['ə', 'e'],
  ['ŧ', 't'],
  ['ƀ', 'b'],
  ['ɨ', 'i'],
  ['ɛ', 'e'],
  ['ɔ', 'o'],
]);
for (let d = 0; d < 10; d++) {
  CHAR_MAP.set(String.fromCharCode(0x0660 + d), String(d)); // Arabic-Indic digits
  CHAR_MAP.set(String.fromCharCode(0x06f0 + d), String(d)); // Persian digits
}

const classOf = (keys: Iterable<string>) =>
  new RegExp(`[${[...keys].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`, 'gu');
const PRE_RE = classOf(PRE_MAP.keys());
const MAP_RE = classOf(CHAR_MAP.keys());
const MARKS_RE = /\p{M}+/gu;
const NOT_NAME_RE = /[^\p{L}\p{Nd}]+/gu;
const ASCII_RE = /^[ -~]*$/; // printable ASCII; anything else takes the general path
const ASCII_DROP_RE = /['`]/g;
const ASCII_NOT_NAME_RE = /[^a-z0-9]+/g;

/**
 * Cleans a name within its script: compatibility forms, case, diacritics, harakat, tatweel,
 * letter variants, digits and punctuation. Words end up separated by single spaces.
 */
export function normaliseName(input: string): string {
  if (ASCII_RE.test(input)) {
    // Same result as the general path, several times faster for the common case.
    const lower = input.toLowerCase();
    const joined =
      lower.includes("'") || lower.includes('`') ? lower.replace(ASCII_DROP_RE, '') : lower;
    return joined.replace(ASCII_NOT_NAME_RE, ' ').trim();
  }
  return input
    .replace(PRE_RE, (c) => PRE_MAP.get(c) ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS_RE, '')
    .replace(MAP_RE, (c) => CHAR_MAP.get(c) ?? '')
    .replace(NOT_NAME_RE, ' ')
    .trim()
    .normalize('NFC'); // recomposes Hangul syllables; nothing else is left to compose
}

// ---------------------------------------------------------------------------------------------
// 2. Transliteration to Latin (readable; used for nameTokens and searchText)
// ---------------------------------------------------------------------------------------------

// prettier-ignore
const AR_LATIN = new Map(
  Object.entries({
    ب: 'b', پ: 'p', ت: 't', ث: 's', ج: 'j', چ: 'ch', ح: 'h', خ: 'kh', د: 'd', ذ: 'z', ر: 'r',
    ز: 'z', ژ: 'zh', س: 's', ش: 'sh', ص: 's', ض: 'z', ط: 't', ظ: 'z', غ: 'gh', ف: 'f', ق: 'q',
    ک: 'k', گ: 'g', ل: 'l', م: 'm', ن: 'n', ڤ: 'v', ڕ: 'r', ڵ: 'l', ۆ: 'o', ێ: 'e', ە: 'e',
    ے: 'e', ٹ: 't', ڈ: 'd', ڑ: 'r', ں: 'n', ځ: 'z', څ: 's', ډ: 'd', ړ: 'r', ښ: 'sh', ږ: 'zh',
    ڼ: 'n',
  }),
);

// prettier-ignore
const CYR_LATIN = new Map(
  Object.entries({
    а: 'a', б: 'b', в: 'v', г: 'g', ғ: 'gh', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k',
    қ: 'q', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
    х: 'kh', ҳ: 'h', ц: 'ts', ч: 'ch', ҷ: 'j', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
    э: 'e', ю: 'yu', я: 'ya', і: 'i', є: 'ye', ґ: 'g', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj',
    ћ: 'c', џ: 'dzh', ѕ: 'dz', ә: 'e', ө: 'o', ү: 'u', ұ: 'u', ң: 'ng', һ: 'h',
  }),
);

const AR_RE = /[\u0600-\u06ff]/;
const CYR_RE = /[\u0400-\u04ff]/;
// Letters that are always vowels in Arabic-script names (ع behaves like one for matching).
const AR_VOWELS = new Set(['ا', 'ع', 'ۆ', 'ێ', 'ە', 'ے']);
// Letters after which و is a consonant (Javad, Parviz) or before which it is the vowel itself.
const AR_VOWEL_LETTERS = new Set(['ا', 'ی', 'و', 'ۆ', 'ێ', 'ە', 'ے']);
const DOUBLE_VOWEL_RE = /([aiu])\1+/g;

function arabicToLatin(w: string): string {
  let out = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charAt(i);
    const prev = w.charAt(i - 1);
    const next = w.charAt(i + 1);
    if (c === 'ا') out += 'a';
    else if (c === 'ع') out += i > 0 && (next === '' || prev === 'ا' || next === 'ا') ? '' : 'a';
    else if (c === 'ی') out += i === 0 ? 'y' : 'i';
    else if (c === 'و') out += wawClass(w, i, i === 0, 0) === 'v' ? 'v' : 'u';
    else if (c === 'ه') out += hehToLatin(w, i);
    else out += AR_LATIN.get(c) ?? c;
  }
  return out.replace(DOUBLE_VOWEL_RE, '$1');
}

/** Final ه after a consonant is the vowel -eh (Fatemeh), after لل the h of Allah. */
function hehToLatin(w: string, i: number): string {
  const prev = w.charAt(i - 1);
  if (i + 1 < w.length || i === 0 || AR_VOWEL_LETTERS.has(prev)) return 'h';
  return prev === 'ل' && w.charAt(i - 2) === 'ل' ? 'ah' : 'eh';
}

function cyrillicToLatin(w: string): string {
  let out = '';
  for (const c of w) out += CYR_LATIN.get(c) ?? c;
  return out;
}

/** Latin approximation of a name: Arabic, Persian (and Cyrillic) letters mapped; vowels guessed. */
export function transliterate(s: string): string {
  const norm = normaliseName(s);
  return norm === '' ? '' : norm.split(' ').map(toLatin).join(' ');
}

function toLatin(w: string): string {
  if (AR_RE.test(w)) return arabicToLatin(w);
  return CYR_RE.test(w) ? cyrillicToLatin(w) : w;
}

// ---------------------------------------------------------------------------------------------
// 3. Phonetic keys
// ---------------------------------------------------------------------------------------------
// A key is an optional leading "a" (the name starts with a vowel, alef or ayn) followed by
// consonant classes: b p t d s z j h k f v l m n r and digits. Vowels are dropped because
// Arabic script does not write short ones. Scanning produces a class sequence with V for vowels;
// `finish` turns it into the key.

const V = '_';
const SEP = '|'; // join boundary inside compounds: no sound, blocks digraphs, word-initial after

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

const isLatinVowel = (c: string) => c !== '' && 'aeiou'.includes(c);
const isVowel = (c: string) => (c !== '' && 'aeiouy'.includes(c)) || AR_VOWEL_LETTERS.has(c);

/** The reading of و: consonant v or a vowel, by its neighbours. */
function wawClass(s: string, i: number, start: boolean, mode: number): string {
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
function addKeys(src: string, keys: Set<string>): void {
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

function primaryKey(src: string): string {
  const seq = scan(overrides(src), 0);
  return seq === null ? codeKey(src) : finish(seq);
}

const consonants = (key: string) => (key.startsWith('a') ? key.length - 1 : key.length);

/** Matching key of one name token, in any script: key('Hussein') = key('حسین') = 'hsn'. */
export function phoneticKey(token: string): string {
  const w = normaliseName(token).replace(/ /g, '');
  return w === '' ? '' : primaryKey(normaliseTail(toPiece(w)).src);
}

// ---------------------------------------------------------------------------------------------
// 4. Particles and compounds
// ---------------------------------------------------------------------------------------------

/** A word of a name: `src` is what keys are computed from, `lat` its Latin text. */
interface Piece {
  src: string;
  lat: string;
  ar: boolean; // Arabic script: tables below match `src`, not `lat`
}

const toPiece = (w: string): Piece =>
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
function normaliseTail(w: Piece): Piece {
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

function piecesOf(names: readonly NameParts[]): Piece[] {
  const out: Piece[] = [];
  for (const name of names) {
    for (const text of [name.given, name.middle, name.family]) {
      if (typeof text === 'string' && text !== '') partPieces(text, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 5. Public keys
// ---------------------------------------------------------------------------------------------

/**
 * Latin tokens of one name: particles dropped, compounds both split and joined
 * ("Mohammadreza" → mohammad, reza, mohammadreza), Arabic script transliterated.
 */
export function nameTokens(name: NameParts): string[] {
  return tokensOf([name]);
}

function tokensOf(names: readonly NameParts[]): string[] {
  const tokens = new Set<string>();
  for (const p of piecesOf(names)) if (p.lat !== '') tokens.add(p.lat);
  return [...tokens];
}

/** Sorted, deduplicated phonetic keys of all of a person's names, for a GIN-indexed text[]. */
export function matchKeys(names: readonly NameParts[]): string[] {
  const keys = new Set<string>();
  for (const p of piecesOf(names)) addKeys(p.src, keys);
  return [...keys].sort();
}

/** All names as one Latin string of sorted unique tokens, for pg_trgm similarity. */
export function searchText(names: readonly NameParts[]): string {
  return tokensOf(names).sort().join(' ');
}

/**
 * Similarity of two key sets in [0, 1]: the mean of how well each side's keys are covered by the
 * other's (1 for the same key, 0.5 for keys of four or more classes one edit apart).
 */
export function nameSimilarity(a: readonly string[], b: readonly string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  if (sa.size === 0 || sb.size === 0) return 0;
  return (coverage(sa, sb) + coverage(sb, sa)) / 2;
}

function coverage(a: Set<string>, b: Set<string>): number {
  let sum = 0;
  for (const k of a) {
    if (b.has(k)) sum += 1;
    else if (k.length >= 4) {
      for (const x of b) {
        if (x.length >= 4 && withinOneEdit(k, x)) {
          sum += 0.5;
          break;
        }
      }
    }
  }
  return sum / a.size;
}

/** Optimal-string-alignment distance ≤ 1: one substitution, insertion, deletion or swap. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a.charAt(i) === b.charAt(i)) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return (
      a.charAt(i) === b.charAt(i + 1) &&
      a.charAt(i + 1) === b.charAt(i) &&
      a.slice(i + 2) === b.slice(i + 2)
    );
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

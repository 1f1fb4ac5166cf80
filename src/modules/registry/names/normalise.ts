/**
 * Script-level cleaning: letter variants, marks, digits, case and spacing, keeping the script.
 * One stage of registry/names.ts (see docs/names.md).
 */

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

// Letter sets the other parts share.
export const AR_RE = /[\u0600-\u06ff]/;
export const CYR_RE = /[\u0400-\u04ff]/;
// Letters that are always vowels in Arabic-script names (ع behaves like one for matching).
export const AR_VOWELS = new Set(['ا', 'ع', 'ۆ', 'ێ', 'ە', 'ے']);
// Letters after which و is a consonant (Javad, Parviz) or before which it is the vowel itself.
export const AR_VOWEL_LETTERS = new Set(['ا', 'ی', 'و', 'ۆ', 'ێ', 'ە', 'ے']);

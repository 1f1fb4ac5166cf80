/**
 * Pure text shaping decisions for the PDF: which font draws each character, and in which
 * direction runs of text read (a simplified Unicode bidirectional algorithm).
 *
 * The fonts are the @fontsource subsets of Noto Sans (Latin, Latin Extended, Cyrillic) and Noto
 * Sans Arabic; each covers only its Unicode ranges (taken from the packages' CSS), so a line of
 * mixed scripts is cut into pieces, one font each. A character no font covers prints as U+FFFD.
 *
 * Direction, simplified: Arabic-script letters read right to left, every other letter and every
 * digit left to right, and punctuation between two right-to-left pieces joins them (otherwise it
 * takes the paragraph's direction). A paragraph's direction is that of its first letter. Visual
 * order is then the rule L2 of UAX #9 over those levels.
 */

export type FontKey = 'latin' | 'latinExt' | 'cyrillic' | 'arabic';
export type Direction = 'ltr' | 'rtl';

type Ranges = readonly (readonly [number, number])[];

const ARABIC: Ranges = [
  [0x0600, 0x06ff],
  [0x0750, 0x077f],
  [0x0870, 0x088e],
  [0x0890, 0x0891],
  [0x0897, 0x08e1],
  [0x08e3, 0x08ff],
  [0xfb50, 0xfdff],
  [0xfe70, 0xfe74],
  [0xfe76, 0xfefc],
];
const LATIN: Ranges = [
  [0x0000, 0x00ff],
  [0x0131, 0x0131],
  [0x0152, 0x0153],
  [0x02bb, 0x02bc],
  [0x02c6, 0x02c6],
  [0x02da, 0x02da],
  [0x02dc, 0x02dc],
  [0x0304, 0x0304],
  [0x0308, 0x0308],
  [0x0329, 0x0329],
  [0x2000, 0x206f],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2191, 0x2191],
  [0x2193, 0x2193],
  [0x2212, 0x2212],
  [0x2215, 0x2215],
  [0xfeff, 0xfeff],
  [0xfffd, 0xfffd],
];
const LATIN_EXT: Ranges = [
  [0x0100, 0x02ba],
  [0x02bd, 0x02c5],
  [0x02c7, 0x02cc],
  [0x02ce, 0x02d7],
  [0x02dd, 0x02ff],
  [0x1d00, 0x1dbf],
  [0x1e00, 0x1e9f],
  [0x1ef2, 0x1eff],
  [0x2020, 0x2020],
  [0x20a0, 0x20ab],
  [0x20ad, 0x20c0],
  [0x2113, 0x2113],
  [0x2c60, 0x2c7f],
  [0xa720, 0xa7ff],
];
const CYRILLIC: Ranges = [
  [0x0301, 0x0301],
  [0x0400, 0x045f],
  [0x0490, 0x0491],
  [0x04b0, 0x04b1],
  [0x2116, 0x2116],
];

const within = (cp: number, ranges: Ranges) => ranges.some(([a, b]) => cp >= a && cp <= b);

/** The font that has a glyph for this code point, or null when none of ours has. */
export function fontFor(cp: number): FontKey | null {
  if (within(cp, ARABIC)) return 'arabic';
  if (within(cp, LATIN)) return 'latin';
  if (within(cp, LATIN_EXT)) return 'latinExt';
  if (within(cp, CYRILLIC)) return 'cyrillic';
  return null;
}

/** R: right-to-left letter; L: other letter or digit; N: neutral (punctuation, symbols). */
type BidiClass = 'R' | 'L' | 'N';

const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Marks and joiners stay with the character before them (Persian writes ZWNJ inside words). */
const ATTACHED = /[\p{M}\u200c\u200d]/u;
const SPACE = /\s/u;

function classOf(ch: string, font: FontKey): BidiClass {
  if (font === 'arabic' && LETTER.test(ch)) return 'R';
  return LETTER_OR_DIGIT.test(ch) ? 'L' : 'N';
}

/** A stretch of one font and one class, or one space; never both a space and a letter. */
export interface Piece {
  text: string;
  font: FontKey;
  dir: Direction;
  space: boolean;
}

/** The paragraph's direction: that of its first letter (left to right when it has none). */
export function paragraphDirection(text: string): Direction {
  for (const ch of text) {
    if (!LETTER.test(ch)) continue;
    return fontFor(ch.codePointAt(0)!) === 'arabic' ? 'rtl' : 'ltr';
  }
  return 'ltr';
}

/**
 * Cuts one paragraph (no line breaks) into pieces with a resolved direction. Runs of spaces
 * become one space piece; characters no font covers become U+FFFD.
 */
export function piecesOf(text: string, paragraph: Direction): Piece[] {
  const raw: { text: string; font: FontKey; cls: BidiClass | 'S' }[] = [];
  for (const ch of text) {
    if (SPACE.test(ch)) {
      if (raw.at(-1)?.cls !== 'S') raw.push({ text: ' ', font: 'latin', cls: 'S' });
      continue;
    }
    const last = raw.at(-1);
    const cp = ch.codePointAt(0)!;
    if (last && last.cls !== 'S' && ATTACHED.test(ch)) {
      // Joiners are in the Arabic font too; a mark only with a base of its own font.
      const joiner = ch === '\u200c' || ch === '\u200d';
      if ((joiner && last.font === 'arabic') || fontFor(cp) === last.font) {
        last.text += ch;
        continue;
      }
    }
    const found = fontFor(cp);
    const font = found ?? 'latin';
    const c = found ? ch : '\ufffd';
    const cls = classOf(c, font);
    if (last && last.cls === cls && last.font === font) last.text += c;
    else raw.push({ text: c, font, cls });
  }
  // Neutrals (and spaces) between two right-to-left pieces read right to left; otherwise they
  // take the paragraph's direction.
  const strong = raw.map((p) => (p.cls === 'R' ? 'rtl' : p.cls === 'L' ? 'ltr' : null));
  const before: (Direction | null)[] = [];
  for (let i = 0, seen: Direction | null = null; i < raw.length; i++) {
    before.push(seen);
    seen = strong[i] ?? seen;
  }
  const dirs: Direction[] = new Array<Direction>(raw.length);
  for (let i = raw.length - 1, seen: Direction | null = null; i >= 0; i--) {
    const b = before[i];
    dirs[i] = strong[i] ?? (b && b === seen ? b : paragraph);
    seen = strong[i] ?? seen;
  }
  return raw.map((p, i) => ({ text: p.text, font: p.font, dir: dirs[i]!, space: p.cls === 'S' }));
}

/**
 * Visual order (left to right on the page) of items in logical order: UAX #9 rule L2 with level
 * 0/1 in a left-to-right paragraph and 1/2 in a right-to-left one.
 */
export function visualOrder<T extends { dir: Direction }>(
  items: readonly T[],
  paragraph: Direction,
) {
  const levels = items.map((it) =>
    paragraph === 'ltr' ? (it.dir === 'rtl' ? 1 : 0) : it.dir === 'rtl' ? 1 : 2,
  );
  const order = items.map((_it, i) => i);
  const max = Math.max(0, ...levels);
  for (let level = max; level >= 1; level--) {
    for (let i = 0; i < order.length;) {
      if (levels[order[i]!]! < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && levels[order[j]!]! >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  return order.map((i) => items[i]!);
}

const MIRROR: Record<string, string> = {
  '(': ')',
  ')': '(',
  '[': ']',
  ']': '[',
  '{': '}',
  '}': '{',
  '<': '>',
  '>': '<',
  '«': '»',
  '»': '«',
  '‹': '›',
  '›': '‹',
};

/**
 * Punctuation read right to left, in the order it is drawn left to right: reversed, brackets
 * mirrored (UAX #9 rule L4). Arabic-font runs need none of this: fontkit reverses them itself.
 */
export function reversedNeutrals(text: string): string {
  return [...text]
    .reverse()
    .map((ch) => MIRROR[ch] ?? ch)
    .join('');
}

/**
 * HXL 1.1 hashtags (https://hxlstandard.org/standard/1-1final/): a row of tags such as
 * `#affected +f +children` directly under the header row. Tags and attributes are
 * case-insensitive, attribute order does not matter, columns may stay untagged.
 */

export interface HxlTag {
  /** Lowercase, with the hash: "#affected". */
  tag: string;
  /** Lowercase, without the plus, duplicates removed, in the order written: ["f", "children"]. */
  attributes: string[];
}

const NAME = '[a-z][a-z0-9_]*';
const TAG_SPEC = new RegExp(`^\\s*#(${NAME})((?:\\s*\\+\\s*${NAME})*)\\s*$`, 'i');
const PATTERN_SPEC = new RegExp(`^\\s*#(${NAME})((?:\\s*[+-]\\s*${NAME})*)\\s*$`, 'i');
const ATTRIBUTE = new RegExp(`([+-])\\s*(${NAME})`, 'gi');

/** `#affected +f +children` → {tag: "#affected", attributes: ["f", "children"]}; null if not a tag. */
export function parseHxlTag(text: string): HxlTag | null {
  const match = TAG_SPEC.exec(text);
  if (!match) return null;
  const attributes = [...(match[2] ?? '').matchAll(ATTRIBUTE)].map((a) => a[2]!.toLowerCase());
  return { tag: `#${match[1]!.toLowerCase()}`, attributes: [...new Set(attributes)] };
}

/** The compact spelling: "#affected+f+children". */
export function formatHxlTag(tag: HxlTag): string {
  return tag.tag + tag.attributes.map((a) => `+${a}`).join('');
}

/**
 * The tags of a hashtag row, or null when the row is not one: every non-empty cell must be a tag
 * and at least one cell must be non-empty. Untagged columns get null.
 */
export function detectHxlRow(cells: readonly string[]): (HxlTag | null)[] | null {
  const tags = cells.map((cell) => (cell === '' ? null : parseHxlTag(cell)));
  const valid = tags.every((tag, i) => tag !== null || cells[i] === '');
  return valid && tags.some((tag) => tag !== null) ? tags : null;
}

interface HxlPattern {
  tag: string;
  include: string[];
  exclude: string[];
}

function parsePattern(pattern: string): HxlPattern {
  const match = PATTERN_SPEC.exec(pattern);
  if (!match) throw new TypeError(`Not an HXL tag pattern: "${pattern}"`);
  const include: string[] = [];
  const exclude: string[] = [];
  for (const [, sign, name] of (match[2] ?? '').matchAll(ATTRIBUTE)) {
    (sign === '+' ? include : exclude).push(name!.toLowerCase());
  }
  return { tag: `#${match[1]!.toLowerCase()}`, include, exclude };
}

function matches(tag: HxlTag, pattern: HxlPattern): boolean {
  return (
    tag.tag === pattern.tag &&
    pattern.include.every((a) => tag.attributes.includes(a)) &&
    !pattern.exclude.some((a) => tag.attributes.includes(a))
  );
}

/**
 * Whether a column tag satisfies a pattern, as in libhxl: same hashtag, every `+attribute` of the
 * pattern present on the column (in any order; the column may have more), no `-attribute` present.
 * `#affected+f` matches `#affected +children +f`; `#affected-m` excludes male columns.
 */
export function hxlMatches(tag: HxlTag | string | null | undefined, pattern: string): boolean {
  return matchHxl([tag], pattern).length === 1;
}

/**
 * The indexes of the columns whose tag satisfies `pattern` (see hxlMatches), in column order.
 * Takes `table.hxlTags` (strings) or the parsed tags of `table.columns`.
 */
export function matchHxl(
  columnTags: readonly (HxlTag | string | null | undefined)[],
  pattern: string,
): number[] {
  const parsed = parsePattern(pattern);
  const found: number[] = [];
  columnTags.forEach((tag, index) => {
    const column = typeof tag === 'string' ? parseHxlTag(tag) : tag;
    if (column && matches(column, parsed)) found.push(index);
  });
  return found;
}

/**
 * Name normalisation and matching keys for registry search and duplicate detection.
 *
 * The aim is recall across clerks, scripts and transliteration habits: the same person's name
 * written as "Mohammad Hosseini", "Muhammed Husseini" or "محمد حسینی" must share keys.
 * Precision comes later, from birth year, sex and the trigram similarity of `searchText`.
 * Design, rules and known collisions: docs/names.md. Pure: no I/O, nothing kept between calls.
 */

/** One written form of a person's name (extra fields such as script are ignored). */
import { normaliseTail, piecesOf, toPiece } from './names/compounds.ts';
import { addKeys, primaryKey } from './names/keys.ts';
import { normaliseName } from './names/normalise.ts';

export { normaliseName } from './names/normalise.ts';
export { transliterate } from './names/transliterate.ts';

// The work is split by stage: normalise → transliterate → keys → compounds (names/*.ts).

export interface NameParts {
  given?: string | null;
  family?: string | null;
  middle?: string | null;
}

/** nameSimilarity at or above this is treated as "the same name" for duplicate review. */
export const NAME_MATCH_THRESHOLD = 0.6;

/** Matching key of one name token, in any script: key('Hussein') = key('حسین') = 'hsn'. */
export function phoneticKey(token: string): string {
  const w = normaliseName(token).replace(/ /g, '');
  return w === '' ? '' : primaryKey(normaliseTail(toPiece(w)).src);
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

/**
 * The keys of each name part, one list per part: the alternative readings of a part stay
 * together, and the same part written in two scripts becomes one entry. Duplicate detection
 * compares parts, so "Hamideh Rezaei" (four keys, two parts) fully meets "Rezaee Hamideh".
 * Parts of scripts without transliteration rules (keys starting with "x") are left out.
 */
export function partKeys(names: readonly NameParts[]): string[][] {
  const parts: Set<string>[] = [];
  for (const p of piecesOf(names)) {
    const keys = new Set<string>();
    addKeys(p.src, keys);
    for (const k of keys) if (k.startsWith('x')) keys.delete(k);
    if (!keys.size) continue;
    const same = parts.filter((q) => [...keys].some((k) => q.has(k)));
    for (const q of same) {
      for (const k of q) keys.add(k);
      parts.splice(parts.indexOf(q), 1);
    }
    parts.push(keys);
  }
  return parts.map((q) => [...q].sort());
}

/** partKeys as stored in a text column: parts separated by spaces, a part's keys by "/". */
export const encodePartKeys = (parts: readonly (readonly string[])[]): string =>
  parts.map((p) => p.join('/')).join(' ');

export const decodePartKeys = (text: string): string[][] =>
  text === '' ? [] : text.split(' ').map((p) => p.split('/'));

/** Similarity of two persons' name parts in [0, 1]: how well each side's parts meet the other's. */
export function partSimilarity(
  a: readonly (readonly string[])[],
  b: readonly (readonly string[])[],
): number {
  if (!a.length || !b.length) return 0;
  return (partCoverage(a, b) + partCoverage(b, a)) / 2;
}

function partCoverage(
  a: readonly (readonly string[])[],
  b: readonly (readonly string[])[],
): number {
  const other = new Set(b.flat());
  let sum = 0;
  for (const part of a) {
    if (part.some((k) => other.has(k))) sum += 1;
    else if (
      part.some(
        (k) => k.length >= 4 && [...other].some((x) => x.length >= 4 && withinOneEdit(k, x)),
      )
    )
      sum += 0.5;
  }
  return sum / a.length;
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

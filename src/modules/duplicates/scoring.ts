/**
 * Scores a pair of person records as possible duplicates, with the reasons as codes the web app
 * translates. Pure: the batch run, the registration check and the tests all call this one rule.
 *
 * Evidence, in order of weight: the names (matching keys across spellings and scripts), the birth
 * date (an equal full date is strong; a year one apart is only believable with the same day and
 * month, the classic typing slip), sex, nationality. Documented in docs/duplicates.md.
 */
import { partSimilarity } from '../registry/names.ts';

export interface DedupeRecord {
  id: string;
  keys: readonly string[];
  /** Keys per name part (registry/names.ts partKeys). */
  parts: readonly (readonly string[])[];
  sex: string;
  birthDate: string | null;
  birthYear: number | null;
  nationalities: readonly string[];
}

export type Reason =
  | { code: 'names'; similarity: number }
  | { code: 'birth_date_equal' }
  | { code: 'birth_year_equal' }
  | { code: 'birth_date_differs' }
  | { code: 'birth_year_off_by_one_same_day' }
  | { code: 'birth_year_differs'; years: number }
  | { code: 'birth_unknown' }
  | { code: 'sex_differs' }
  | { code: 'nationality_shared' }
  | { code: 'nationality_differs' };

export interface PairScore {
  score: number;
  reasons: Reason[];
}

/** Pairs scoring at or above this are proposed for review (tuned against the demo ground truth with `npm run bench`). */
export const DUPLICATE_THRESHOLD = 0.85;

function birthEvidence(a: DedupeRecord, b: DedupeRecord): { weight: number; reason: Reason } {
  if (a.birthYear === null || b.birthYear === null)
    return { weight: 0, reason: { code: 'birth_unknown' } };
  const years = Math.abs(a.birthYear - b.birthYear);
  if (a.birthDate && b.birthDate) {
    if (a.birthDate === b.birthDate) return { weight: 0.2, reason: { code: 'birth_date_equal' } };
    if (years === 1 && a.birthDate.slice(5) === b.birthDate.slice(5))
      return { weight: 0.15, reason: { code: 'birth_year_off_by_one_same_day' } };
    if (years === 0) return { weight: -0.25, reason: { code: 'birth_date_differs' } };
  } else if (years <= 1) {
    // An estimated year is often one off: with a matching name, still evidence.
    return years === 0
      ? { weight: 0.08, reason: { code: 'birth_year_equal' } }
      : { weight: 0.03, reason: { code: 'birth_year_differs', years } };
  }
  return { weight: -0.15 - 0.15 * years, reason: { code: 'birth_year_differs', years } };
}

export function scorePair(a: DedupeRecord, b: DedupeRecord): PairScore {
  const similarity = partSimilarity(a.parts, b.parts);
  const reasons: Reason[] = [{ code: 'names', similarity: Math.round(similarity * 100) / 100 }];
  let score = 0.8 * similarity;
  const birth = birthEvidence(a, b);
  score += birth.weight;
  reasons.push(birth.reason);
  if (a.sex !== b.sex && a.sex !== 'unknown' && b.sex !== 'unknown') {
    score -= 0.5;
    reasons.push({ code: 'sex_differs' });
  }
  if (a.nationalities.length && b.nationalities.length) {
    const shared = a.nationalities.some((n) => b.nationalities.includes(n));
    score += shared ? 0.05 : -0.1;
    reasons.push({ code: shared ? 'nationality_shared' : 'nationality_differs' });
  }
  return { score: Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000, reasons };
}

/**
 * Blocking keys: two records are compared only when they share a block. A block is a pair of
 * name keys (both orders of given and family meet, since the pair is sorted) and a birth year;
 * each record also joins the next year's blocks, so a year typed one off still meets.
 */
export function blockKeys(r: DedupeRecord): string[] {
  const year = r.birthYear ?? 'none';
  const keys = [...new Set(r.keys)].sort();
  const pairs: string[] = [];
  if (keys.length === 1) pairs.push(keys[0]!);
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++) pairs.push(`${keys[i]}+${keys[j]}`);
  return pairs.flatMap((p) =>
    typeof year === 'number' ? [`${p}@${year}`, `${p}@${year + 1}`] : [`${p}@none`],
  );
}

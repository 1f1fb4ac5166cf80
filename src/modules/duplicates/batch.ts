/**
 * Batch duplicate detection over groups of records of one birth year, in year order (records
 * without a year come as one last group). Only two years are held at a time, so memory does not
 * grow with the registry. Pure apart from the callbacks.
 */
import {
  blockKeys,
  DUPLICATE_THRESHOLD,
  scorePair,
  type DedupeRecord,
  type PairScore,
} from './scoring.ts';

export interface FoundPair extends PairScore {
  a: string;
  b: string;
}

export interface BatchStats {
  records: number;
  comparisons: number;
  pairs: number;
}

/** Calls `found` for every pair at or above the threshold, the lower id first. */
export async function detectDuplicates(
  groups:
    | AsyncIterable<{ year: number | null; records: DedupeRecord[] }>
    | Iterable<{ year: number | null; records: DedupeRecord[] }>,
  found: (pairs: FoundPair[]) => Promise<void> | void,
  progress: (records: number) => void = () => undefined,
  threshold = DUPLICATE_THRESHOLD,
): Promise<BatchStats> {
  const stats: BatchStats = { records: 0, comparisons: 0, pairs: 0 };
  let previous: { year: number | null; records: DedupeRecord[] } = { year: null, records: [] };
  for await (const group of groups) {
    // Blocks of this group's year: this year's records and last year's (their "+1" keys).
    const carried = group.year !== null && previous.year === group.year - 1 ? previous.records : [];
    const blocks = new Map<string, DedupeRecord[]>();
    const suffix = `@${group.year ?? 'none'}`;
    for (const r of [...carried, ...group.records])
      for (const k of blockKeys(r))
        if (k.endsWith(suffix)) {
          const block = blocks.get(k);
          if (block) block.push(r);
          else blocks.set(k, [r]);
        }
    const seen = new Set<string>();
    const out: FoundPair[] = [];
    for (const block of blocks.values()) {
      for (let i = 0; i < block.length; i++) {
        for (let j = i + 1; j < block.length; j++) {
          const [x, y] =
            block[i]!.id < block[j]!.id ? [block[i]!, block[j]!] : [block[j]!, block[i]!];
          // Pairs of two last-year records were compared in last year's blocks.
          if (x.birthYear !== group.year && y.birthYear !== group.year) continue;
          const key = `${x.id}|${y.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          stats.comparisons++;
          const s = scorePair(x, y);
          if (s.score >= threshold) out.push({ a: x.id, b: y.id, ...s });
        }
      }
    }
    stats.pairs += out.length;
    if (out.length) await found(out);
    stats.records += group.records.length;
    progress(stats.records);
    previous = group;
  }
  return stats;
}

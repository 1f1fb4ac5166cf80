/**
 * The trend of observed access over a site's monitoring rounds: for each round and article, the
 * persons owed the right (on the day they were assessed) and assessed in the round, by access.
 * Pure; the caller gives what each person is owed on a day, and applies suppression.
 */
import type { OwedMap } from './matrix.ts';

export interface TrendAssessment {
  round: string;
  personId: string;
  article: string;
  access: string;
  assessedOn: string;
}

export interface TrendCounts {
  assessed: number;
  full: number;
  partial: number;
  none: number;
  unknown: number;
}

/**
 * Whether an assessment of `article` speaks to a right owed: the article itself, or (an
 * assessment of "17") any of its paragraphs, as the matrix reads "17" for 17(1).
 */
export function isOwed(owed: OwedMap, article: string): boolean {
  if (owed[article]) return true;
  if (article.includes('(')) return false;
  return Object.keys(owed).some((a) => a.startsWith(`${article}(`));
}

/** Catalogue order: by article number, then paragraph. */
export function compareArticles(a: string, b: string): number {
  const n = (s: string) => Number.parseInt(s, 10);
  return n(a) - n(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Counts per round (in the order given) and article. Each assessment is one person's latest of
 * that article in that round; those about rights the person is not owed are left out.
 */
export function trendCounts(
  rounds: readonly string[],
  assessments: readonly TrendAssessment[],
  owedOn: (personId: string, day: string) => OwedMap,
): { articles: string[]; counts: TrendCounts[][] } {
  const byRound = new Map(rounds.map((r) => [r, new Map<string, TrendCounts>()]));
  const articles = new Set<string>();
  for (const a of assessments) {
    const cells = byRound.get(a.round);
    if (!cells || !isOwed(owedOn(a.personId, a.assessedOn), a.article)) continue;
    articles.add(a.article);
    let c = cells.get(a.article);
    if (!c) cells.set(a.article, (c = { assessed: 0, full: 0, partial: 0, none: 0, unknown: 0 }));
    c.assessed++;
    if (a.access === 'full' || a.access === 'partial' || a.access === 'none') c[a.access]++;
    else c.unknown++;
  }
  const list = [...articles].sort(compareArticles);
  return {
    articles: list,
    counts: rounds.map((r) =>
      list.map(
        (article) =>
          byRound.get(r)!.get(article) ?? { assessed: 0, full: 0, partial: 0, none: 0, unknown: 0 },
      ),
    ),
  };
}

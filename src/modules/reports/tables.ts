/**
 * Per-site tables of counts, suppressed with suppression.ts before anyone sees them. Pure.
 *
 * A table whose columns add up to a total (dependent + not dependent = persons assessed)
 * publishes row, column and grand totals and goes through complementary suppression, so no
 * hidden cell can be worked out from the totals. Shares are published only when both figures
 * they come from are: a share next to a hidden count would reveal it.
 */
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  isSuppressed,
  suppressCount,
  suppressTable,
  withTotals,
  type Cell,
} from './suppression.ts';

export interface SiteCounts {
  readonly siteId: string | null;
  readonly siteName: string | null;
  readonly counts: readonly number[];
}

export interface SuppressedSiteTable {
  readonly rows: { siteId: string | null; siteName: string | null; cells: Cell[]; total: Cell }[];
  readonly columnTotals: Cell[];
  readonly grandTotal: Cell;
}

/** The threshold published aggregates use: the operation's setting, never below 5. */
export function publishedThreshold(operationSetting: number | null | undefined): number {
  return Math.max(DEFAULT_SUPPRESSION_THRESHOLD, operationSetting ?? 0);
}

/** Sites × additive columns, with row, column and grand totals, suppressed together. */
export function suppressSiteTable(
  sites: readonly SiteCounts[],
  width: number,
  threshold: number,
): SuppressedSiteTable {
  if (!sites.length) return { rows: [], columnTotals: Array<Cell>(width).fill(0), grandTotal: 0 };
  const out = suppressTable(
    withTotals(
      sites.map((s) => [...s.counts]),
      { rows: true, columns: true, grand: true },
    ),
    { threshold },
  );
  return {
    rows: sites.map((s, i) => ({
      siteId: s.siteId,
      siteName: s.siteName,
      cells: [...out.cells[i]!],
      total: out.rowTotals![i]!,
    })),
    columnTotals: [...out.columnTotals!],
    grandTotal: out.grandTotal!,
  };
}

/** Cells with no totals published: only small counts are hidden (nothing to derive them from). */
export function suppressCells(cells: readonly (readonly number[])[], threshold: number): Cell[][] {
  if (!cells.length) return [];
  return suppressTable({ cells }, { threshold }).cells.map((r) => [...r]);
}

/** A figure on its own. */
export const suppressOne = (n: number, threshold: number): Cell => suppressCount(n, threshold);

/** part / whole, rounded to 3 places, when both are published and whole is not 0. */
export function shareOf(part: Cell, whole: Cell): number | null {
  if (isSuppressed(part) || isSuppressed(whole) || whole === 0) return null;
  return Math.round((part / whole) * 1000) / 1000;
}

/** A cell as a spreadsheet shows it: the count, or the label of hidden figures ('<5'). */
export const cellText = (c: Cell): string | number => (isSuppressed(c) ? c.label : c);

/**
 * The SRI bins: quarters of the 1–5 domain scale, from ≤ total < to (the last includes 5).
 * A total by a mean method is on that scale already; a sum (n to 5n for n counted domains) is
 * first placed on it by its own range: 1 + 4 × (total − min) / (max − min).
 */
export const SRI_BINS = [
  { key: '1-2', from: 1, to: 2 },
  { key: '2-3', from: 2, to: 3 },
  { key: '3-4', from: 3, to: 4 },
  { key: '4-5', from: 4, to: 5 },
] as const;

export const SRI_BINNING =
  'latest total per household on the 1–5 domain scale (a sum placed by its own range n–5n), in bins [1,2) [2,3) [3,4) [4,5]';

/** The bin (index into SRI_BINS) of a total with its range. */
export function sriBinOf(total: { value: number; min: number; max: number }): number {
  const onScale =
    total.max === total.min ? 1 : 1 + (4 * (total.value - total.min)) / (total.max - total.min);
  // Rounded first so 2.9999999 from floating point does not fall a bin short.
  const x = Math.round(onScale * 1e9) / 1e9;
  return Math.min(SRI_BINS.length - 1, Math.max(0, Math.floor(x) - 1));
}

/** The last `count` calendar quarters up to the one holding `day` (YYYY-MM-DD), oldest first. */
export function lastQuarters(
  day: string,
  count: number,
): { quarter: string; from: string; to: string }[] {
  const year = Number(day.slice(0, 4));
  const index = year * 4 + Math.floor((Number(day.slice(5, 7)) - 1) / 3);
  const pad = (n: number) => String(n).padStart(2, '0');
  return Array.from({ length: count }, (_, k) => {
    const q = index - (count - 1 - k);
    const y = Math.floor(q / 4);
    const first = (q % 4) * 3 + 1;
    const lastDay = new Date(Date.UTC(y, first + 2, 0)).getUTCDate();
    return {
      quarter: `${y}-Q${(q % 4) + 1}`,
      from: `${y}-${pad(first)}-01`,
      to: `${y}-${pad(first + 2)}-${pad(lastDay)}`,
    };
  });
}

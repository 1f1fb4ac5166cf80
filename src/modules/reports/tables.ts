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

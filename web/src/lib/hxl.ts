import type { RightsMatrix } from '../api/types';

/** One CSV column: the human header (first row) and its HXL hashtag (second row). */
export interface HxlColumn {
  header: string;
  tag: string;
}

/**
 * The HXL hashtags of the rights-gap export, one row per site and article:
 *
 * | column        | hashtag              | value                                                   |
 * |---------------|----------------------|---------------------------------------------------------|
 * | as of         | `#date`              | the day the matrix is computed for (YYYY-MM-DD)         |
 * | site          | `#loc+name`          | site name; the "no site" label for persons without one  |
 * | site id       | `#loc+code`          | the site's id (empty for persons without a site)        |
 * | article       | `#indicator+code`    | Convention article, e.g. `17(1)`                        |
 * | right         | `#indicator+name`    | the article's title in the UI language                  |
 * | owed          | `#affected+owed`     | persons owed the right ('yes' or 'if refugee')          |
 * | full access   | `#reached+full`      | of those, latest assessment: full access                |
 * | partial       | `#reached+partial`   | latest assessment: partial access                       |
 * | no access     | `#affected+noaccess` | latest assessment: no access                            |
 * | not assessed  | `#affected+unassessed` | no assessment yet, or access unknown                  |
 * | share         | `#indicator+pct+access` | full ÷ owed × 100, one decimal; empty when unknown   |
 *
 * Counts the server suppressed (small cells, for readers who may not see persons) stay "<5".
 */
export const RIGHTS_GAP_TAGS = {
  asOf: '#date',
  site: '#loc+name',
  siteId: '#loc+code',
  article: '#indicator+code',
  title: '#indicator+name',
  owed: '#affected+owed',
  full: '#reached+full',
  partial: '#reached+partial',
  none: '#affected+noaccess',
  unassessed: '#affected+unassessed',
  share: '#indicator+pct+access',
} as const;
export type RightsGapColumn = keyof typeof RIGHTS_GAP_TAGS;
export const RIGHTS_GAP_COLUMNS = Object.keys(RIGHTS_GAP_TAGS) as RightsGapColumn[];

/**
 * A cell as a spreadsheet will not run it: text starting with = + - @ (or a tab or carriage
 * return) gets a leading apostrophe. Numbers are written as they are.
 */
export function neutralise(value: string | number): string {
  if (typeof value === 'number') return String(value);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: quote a field holding a comma, quote, or line break; double inner quotes. */
export function csvField(value: string | number): string {
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text (CRLF line ends) with a header row, then the hashtag row, then the data. */
export function hxlCsv(
  columns: readonly HxlColumn[],
  rows: readonly (string | number)[][],
): string {
  const lines = [columns.map((c) => c.header), columns.map((c) => c.tag), ...rows];
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export interface RightsGapExportLabels {
  /** Column headers in the UI language. */
  headers: Record<RightsGapColumn, string>;
  siteName: (siteId: string | null) => string;
  articleTitle: (article: string) => string;
}

/** The rights-gap matrix as HXL-tagged CSV: one row per site and article. */
export function rightsGapsHxl(matrix: RightsMatrix, labels: RightsGapExportLabels): string {
  const columns = RIGHTS_GAP_COLUMNS.map((key) => ({
    header: labels.headers[key],
    tag: RIGHTS_GAP_TAGS[key],
  }));
  const rows = matrix.sites.flatMap((site) =>
    site.cells.map((cell) => [
      matrix.asOf,
      labels.siteName(site.siteId),
      site.siteId ?? '',
      cell.article,
      labels.articleTitle(cell.article),
      cell.owed,
      cell.full,
      cell.partial,
      cell.none,
      cell.unassessed,
      cell.shareWithAccess === null ? '' : Math.round(cell.shareWithAccess * 1000) / 10,
    ]),
  );
  return hxlCsv(columns, rows);
}

/** Offers text as a file download, built in the browser (nothing leaves it). */
export function downloadText(
  text: string,
  filename: string,
  type = 'text/csv;charset=utf-8',
): void {
  // A byte-order mark so that spreadsheet programs read the file as UTF-8 (Arabic, Persian).
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

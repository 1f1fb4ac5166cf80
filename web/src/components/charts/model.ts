/**
 * The pure parts of the charts: published counts (a number, or a hidden one the server shows
 * as "<5"), scales, ticks, and the table every chart can be read as. No DOM here.
 */
import { csvField } from '../../lib/hxl';

/** A count as the reports publish it: the number, or hidden ({ suppressed, label: '<5' }). */
export type Count = number | { suppressed: true; label: string };

export const isHidden = (c: Count): c is { suppressed: true; label: string } =>
  typeof c !== 'number';

/** The number behind a count, or null when it is hidden. */
export const countValue = (c: Count): number | null => (isHidden(c) ? null : c);

/** A count as text: the number in the reader's language, or the server's label ("<5"). */
export function countText(c: Count, language: string): string {
  return isHidden(c) ? c.label : new Intl.NumberFormat(language).format(c);
}

/** A share (0–1) as a percentage in the reader's language; "—" when unknown. */
export function shareText(share: number | null, language: string): string {
  if (share === null) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(
    share,
  );
}

/** A plain number with up to `digits` decimals; "—" when unknown. */
export function numberText(value: number | null, language: string, digits = 2): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/**
 * "Nice" ticks from 0 (or `min`) up to at least `max`: steps of 1, 2 or 5 × 10^n, about
 * `count` of them. The last tick is the top of the axis.
 */
export function niceTicks(max: number, count = 5, min = 0): number[] {
  const span = Math.max(max - min, 0);
  if (span === 0) return [min, min + 1];
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const ticks: number[] = [];
  const start = Math.floor(min / step) * step;
  for (let v = start; v < max + step / 2; v += step) ticks.push(Math.round(v * 1e9) / 1e9);
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

/** A linear scale from [d0, d1] onto [r0, r1]; in a right-to-left chart r0 > r1. */
export function linearScale(d0: number, d1: number, r0: number, r1: number) {
  const span = d1 - d0 || 1;
  return (v: number) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** What a chart shows, also as a table (the accessible fallback and the local CSV). */
export interface ChartTable {
  columns: string[];
  rows: { key: string; cells: string[] }[];
}

/** The table as CSV (CRLF, formula characters neutralised), header row first. */
export function tableCsv(table: ChartTable): string {
  const lines = [table.columns, ...table.rows.map((r) => r.cells)];
  return lines.map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A file name from a title: lower case, letters and digits, dashes between. */
export function fileSlug(text: string): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'chart';
}

/**
 * Colours and type of the charts, as plain values: charts draw with presentation attributes so
 * that the PNG export (an SVG drawn on a canvas, without the page's stylesheets) looks the same.
 * The series colours are the Okabe–Ito palette, told apart with colour-blindness; every value
 * is also written as text beside its bar or point.
 */
export const CHART_FONT =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", Tahoma, Arial, sans-serif';
export const INK = '#212529';
export const MUTED = '#5c636a';
export const GRID = '#dee2e6';
export const FLAG = '#b02a37';
export const SERIES = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#6c4f9e',
  '#8a7f00',
  '#000000',
];

export const seriesColor = (i: number): string => SERIES[i % SERIES.length]!;

/** A label cut to `max` characters (with an ellipsis); the full text stays in the table. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

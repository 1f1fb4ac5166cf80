/** How numbers and dates become text, the same way for reading and for writing. */

/** A finite number in plain decimal notation: 1e21 → "1000000000000000000000", 1e-7 → "0.0000001". */
export function plainNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite number: ${n}`);
  const text = String(n);
  const e = text.indexOf('e');
  if (e === -1) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot === -1 ? mantissa.length : dot) + exponent;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * A number as Excel shows it: Excel keeps 15 significant digits, so the binary noise of
 * 0.1 + 0.2 (stored as 0.30000000000000004) reads as "0.3", as the user saw it.
 */
export function spreadsheetNumber(n: number): string {
  return plainNumber(Number(n.toPrecision(15)));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Excel's day zero: a cell holding only a time of day is a date on this day. */
const EXCEL_DAY_ZERO = Date.UTC(1899, 11, 30);

/**
 * A spreadsheet date as ISO 8601 text, read from its UTC fields (spreadsheet dates carry no time
 * zone, and exceljs maps them to UTC): "2024-03-01" for a date, "2024-03-01T14:30:00" when it has
 * a time of day, "14:30:00" for a time alone. Seconds are rounded, as Excel displays them.
 */
export function isoDateTime(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid date');
  const d = new Date(Math.round(ms / 1000) * 1000);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const midnight = d.getTime() % 86_400_000 === 0;
  if (midnight) return day;
  if (d.getTime() - EXCEL_DAY_ZERO < 86_400_000 && d.getTime() > EXCEL_DAY_ZERO) return time;
  return `${day}T${time}`;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The start of a local calendar day (`YYYY-MM-DD`, as a date input gives it), plus `addDays`,
 * as an ISO 8601 date-time with offset (`2026-03-01T23:00:00.000Z` for 2 March in UTC+1).
 * Undefined for anything that is not a real day.
 */
export function localDayStartIso(day: string, addDays = 0): string | undefined {
  const match = DAY_RE.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new Date(2000, 0, 1);
  // setFullYear, not the constructor: new Date(99, …) would mean 1999.
  start.setFullYear(year, month - 1, date);
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== date)
    return undefined; // e.g. 2026-02-30
  start.setDate(start.getDate() + addDays);
  return start.toISOString();
}

/**
 * A range of whole local days as API instants: `from` is the start of the first day
 * (inclusive), `to` the start of the day after the last one (the server treats it as exclusive).
 */
export function localDayRange(
  from: string,
  to: string,
): { from: string | undefined; to: string | undefined } {
  return { from: localDayStartIso(from), to: localDayStartIso(to, 1) };
}

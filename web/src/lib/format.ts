/** Formats an ISO timestamp for the current UI language; returns the input if unparsable. */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(
    date,
  );
}

export function formatDate(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Formats a calendar day (`YYYY-MM-DD`) without shifting it through UTC. */
export function formatDay(day: string, language: string): string {
  const match = DAY_RE.exec(day);
  if (!match) return formatDate(day, language);
  const date = new Date(2000, 0, 1);
  date.setFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

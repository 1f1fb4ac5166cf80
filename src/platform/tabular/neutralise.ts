/**
 * Spreadsheet formula ("CSV") injection defence, following the OWASP "CSV Injection" guidance:
 * a cell that starts with `=`, `+`, `-`, `@`, tab (0x09) or carriage return (0x0D) is prefixed
 * with a single quote so that Excel, LibreOffice and Google Sheets show it as text instead of
 * evaluating it. Spreadsheets skip leading whitespace before deciding, so the characters are also
 * looked for after any leading whitespace (" =cmd|…"). Quoting the field and doubling embedded
 * quotes, the other half of the OWASP rule, is done by the CSV writer.
 *
 * Only text goes through here: numbers written as numbers are never touched, so -5 stays a
 * number; "-5" or "+30 69…" as text gain the quote (the price of the rule).
 */
const FORMULA_START = /^\s*[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

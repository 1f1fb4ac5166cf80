/**
 * The one error type of the tabular layer. Every problem a user can fix in the file names the row
 * (as Excel numbers it) and, where it applies, the column letter. Messages quote headers but never
 * cell contents: a value may be personal data, and these messages end up in logs and responses.
 */
export type TabularErrorCode =
  | 'not_tabular' // neither CSV text nor an XLSX workbook
  | 'invalid_encoding' // text that is not UTF-8 (or UTF-16 with a byte order mark)
  | 'invalid_xlsx' // a ZIP that exceljs cannot read as a workbook
  | 'empty_file'
  | 'sheet_not_found'
  | 'empty_header'
  | 'duplicate_header'
  | 'cell_without_header'
  | 'unterminated_quote'
  | 'invalid_csv' // any other CSV syntax error
  | 'row_too_long'
  | 'invalid_column' // writer: a column definition is wrong (programming error)
  | 'invalid_value'; // writer: a value cannot be written (NaN, Infinity, invalid date)

export interface TabularErrorLocation {
  /** 1-based row number as a spreadsheet shows it; null when the problem is the whole file. */
  row?: number | null;
  /** Column letter (A, B, …, AA) as a spreadsheet shows it. */
  column?: string;
}

export class TabularError extends Error {
  override readonly name = 'TabularError';
  readonly code: TabularErrorCode;
  readonly row: number | null;
  readonly column: string | undefined;

  constructor(code: TabularErrorCode, message: string, where: TabularErrorLocation = {}) {
    const row = where.row ?? null;
    const place = [row === null ? null : `Row ${row}`, where.column && `column ${where.column}`]
      .filter(Boolean)
      .join(', ');
    super(place ? `${place}: ${message}` : message);
    this.code = code;
    this.row = row;
    this.column = where.column;
  }
}

/** 0 → A, 25 → Z, 26 → AA: the letters a spreadsheet shows above a column. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

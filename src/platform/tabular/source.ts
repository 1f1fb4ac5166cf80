/** What the CSV and XLSX readers hand to the common table logic. */

/** One row of the file: trimmed cell texts ('' for an empty cell), in column order. */
export interface RawRow {
  /** 1-based row number as a spreadsheet shows it (a CSV record with line breaks is one row). */
  row: number;
  cells: string[];
}

export interface RawSource {
  /** Rows in file order, including blank ones; started once, continued by the caller. */
  rows: AsyncGenerator<RawRow>;
  /** Stops reading and releases the file; safe to call more than once. */
  close(): Promise<void>;
}

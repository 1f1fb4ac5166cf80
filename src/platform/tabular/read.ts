/**
 * openTable: one streaming reader for CSV and XLSX files. The header row is the first non-blank
 * row; an HXL hashtag row directly under it is recognised and skipped; blank rows are skipped; every
 * value is a trimmed string. Row numbers are those a spreadsheet shows, so an error or a
 * quarantined row can be found in the user's own file.
 */
import { openCsvSource, sniffDelimiter } from './csv-source.ts';
import { TabularError } from './errors.ts';
import { buildHead, isBlank, rowValues } from './head.ts';
import type { ColumnInfo, TableHead } from './head.ts';
import { detectHxlRow } from './hxl.ts';
import { sniffFile } from './sniff.ts';
import type { RawRow, RawSource } from './source.ts';
import { openXlsxSource } from './xlsx-source.ts';

export type TableFormat = 'csv' | 'xlsx';

export interface OpenTableOptions {
  /** 'auto' (default) decides from the file's first bytes, never from its name. */
  format?: TableFormat | 'auto';
  /** XLSX only: the sheet to read (name, case-insensitive); default the first sheet. */
  sheet?: string;
}

export interface TableRow {
  /** 1-based row number in the file, as Excel shows it (header and hashtag rows count). */
  row: number;
  /** Trimmed text of each column, keyed by header; '' for an empty cell. No prototype. */
  values: Record<string, string>;
}

export interface Table {
  format: TableFormat;
  /** XLSX: the sheet being read; CSV: null. */
  sheet: string | null;
  /** The row number of the header row. */
  headerRow: number;
  headers: string[];
  /** The compact HXL tag of each column (null if untagged), or null without a hashtag row. */
  hxlTags: (string | null)[] | null;
  columns: ColumnInfo[];
  /** The file is a KoboToolbox data export (see xlsform.ts). */
  kobo: boolean;
  /** The data rows, streamed; can be iterated once. Throws TabularError for a bad row. */
  rows: AsyncIterable<TableRow>;
  /** Stops reading and releases the file. Reading rows to the end closes it too. */
  close(): Promise<void>;
}

async function openSource(
  filePath: string,
  options: OpenTableOptions,
): Promise<{ format: TableFormat; sheet: string | null; source: RawSource }> {
  const sniffed = await sniffFile(filePath);
  const wanted = options.format ?? 'auto';
  const format: TableFormat = sniffed.kind === 'xlsx' ? 'xlsx' : 'csv';
  if (wanted !== 'auto' && wanted !== format) {
    throw new TabularError(
      'not_tabular',
      format === 'xlsx'
        ? 'The file is an Excel workbook, not a CSV file.'
        : 'The file is not an Excel (.xlsx) workbook.',
    );
  }
  if (sniffed.kind === 'xlsx') {
    const source = await openXlsxSource(filePath, options.sheet);
    return { format, sheet: source.sheet, source };
  }
  return { format, sheet: null, source: openCsvSource(filePath, sniffDelimiter(sniffed.sample)) };
}

async function nextFilled(rows: AsyncIterator<RawRow>): Promise<RawRow | null> {
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    if (!isBlank(next.value.cells)) return next.value;
  }
  return null;
}

async function* dataRows(
  source: RawSource,
  head: TableHead,
  first: RawRow | null,
): AsyncGenerator<TableRow> {
  try {
    if (first) yield { row: first.row, values: rowValues(head, first) };
    for await (const raw of source.rows) {
      if (!isBlank(raw.cells)) yield { row: raw.row, values: rowValues(head, raw) };
    }
  } finally {
    await source.close();
  }
}

/** Opens a CSV or XLSX file and reads its header; the rows are then streamed from `rows`. */
export async function openTable(filePath: string, options: OpenTableOptions = {}): Promise<Table> {
  const { format, sheet, source } = await openSource(filePath, options);
  let head: TableHead;
  let first: RawRow | null;
  try {
    const header = await nextFilled(source.rows);
    if (!header) throw new TabularError('empty_file', 'The file has no header row and no data.');
    const second = await nextFilled(source.rows);
    const hxl = second?.row === header.row + 1 ? detectHxlRow(second.cells) : null;
    head = buildHead(header, hxl);
    first = hxl ? null : second;
  } catch (error) {
    await source.close();
    throw error;
  }

  const generator = dataRows(source, head, first);
  let started = false;
  return {
    format,
    sheet,
    ...head,
    rows: {
      [Symbol.asyncIterator]() {
        if (started) throw new Error('The rows of a table can be read only once.');
        started = true;
        return generator;
      },
    },
    async close() {
      await generator.return(undefined);
      await source.close();
    },
  };
}

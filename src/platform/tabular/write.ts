/**
 * writeTable: streaming CSV, HXL-tagged CSV and XLSX export. Only the declared columns are written
 * (a field nobody listed cannot leak into an export), and every text cell, headers included, goes
 * through neutraliseFormula. XLSX cells are written as strings, numbers and dates, never formulas.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as timers from 'node:timers/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { isoDateTime, plainNumber } from './cell-format.ts';
import type { Delimiter } from './csv-source.ts';
import { TabularError } from './errors.ts';
import { formatHxlTag, parseHxlTag } from './hxl.ts';
import { neutraliseFormula } from './neutralise.ts';

export type WriteFormat = 'csv' | 'xlsx' | 'hxl-csv';

export interface WriteColumn {
  header: string;
  /** The row property holding the value; default `header` (handy when headers are translated). */
  key?: string;
  /** HXL tag written under the header by 'hxl-csv', e.g. "#affected +f +children". */
  hxl?: string;
}

/** Dates are written from their UTC fields, as the reader reads them (see isoDateTime). */
export type WriteValue = string | number | Date | null | undefined;
export type WriteRow = Readonly<Record<string, WriteValue>>;

export interface WriteTableOptions {
  format: WriteFormat;
  columns: readonly WriteColumn[];
  /** CSV: begin with a UTF-8 byte order mark so Excel reads the text as UTF-8. Default true. */
  bom?: boolean;
  /** CSV: the field delimiter. Default ','. */
  delimiter?: Delimiter;
  /** XLSX: the sheet's name. Default 'Sheet1'. */
  sheetName?: string;
}

interface Plan {
  headers: string[];
  keys: string[];
  hxl: string[] | null;
}

function plan(options: WriteTableOptions): Plan {
  const { columns, format } = options;
  if (columns.length === 0) throw new TabularError('invalid_column', 'No columns to write.');
  const headers = columns.map((c) => c.header.trim());
  headers.forEach((header, i) => {
    if (header === '') throw new TabularError('invalid_column', `Column ${i + 1} has no header.`);
    if (headers.indexOf(header) !== i) {
      throw new TabularError('invalid_column', `The header "${header}" is used twice.`);
    }
  });
  const hxl = columns.map(({ hxl, header }) => {
    if (hxl === undefined || hxl.trim() === '') return '';
    const tag = parseHxlTag(hxl);
    if (!tag)
      throw new TabularError('invalid_column', `"${hxl}" (column "${header}") is not an HXL tag.`);
    return formatHxlTag(tag);
  });
  return {
    headers,
    keys: columns.map((c) => c.key ?? c.header),
    hxl: format === 'hxl-csv' ? hxl : null,
  };
}

type Cell = string | number | Date | null;

/** A row's cells in column order: text neutralised, numbers and dates checked, blanks null. */
function cellsOf(p: Plan, row: WriteRow, fileRow: number): Cell[] {
  return p.keys.map((key, i) => {
    const value = row[key];
    const invalid = (what: string) =>
      new TabularError('invalid_value', `the value of "${p.headers[i]}" is ${what}.`, {
        row: fileRow,
      });
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return neutraliseFormula(value);
    if (typeof value === 'number' && !Number.isFinite(value)) throw invalid('not a finite number');
    if (value instanceof Date && Number.isNaN(value.getTime())) throw invalid('an invalid date');
    return value;
  });
}

/** A checked cell as CSV text: numbers without exponent, dates as ISO 8601. */
function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return plainNumber(cell);
  if (cell instanceof Date) return isoDateTime(cell);
  return cell;
}

async function* csvRecords(
  p: Plan,
  rows: AsyncIterable<WriteRow> | Iterable<WriteRow>,
  count: { rows: number },
): AsyncGenerator<string[]> {
  yield p.headers.map(neutraliseFormula);
  if (p.hxl) yield p.hxl;
  const firstRow = p.hxl ? 3 : 2;
  for await (const row of rows) {
    yield cellsOf(p, row, firstRow + count.rows).map(csvField);
    count.rows++;
  }
}

async function writeCsv(
  out: Writable,
  p: Plan,
  options: WriteTableOptions,
  rows: AsyncIterable<WriteRow> | Iterable<WriteRow>,
  count: { rows: number },
): Promise<void> {
  const stringifier = stringify({
    bom: options.bom ?? true,
    delimiter: options.delimiter ?? ',',
    record_delimiter: 'windows', // CRLF, as RFC 4180 and Excel write it
    quoted_match: /[\r\n]/, // csv-stringify leaves a lone LF or CR unquoted when rows end in CRLF
  });
  await pipeline(Readable.from(csvRecords(p, rows, count)), stringifier, out);
}

/** Rows between pauses that let the ZIP stream drain into its destination. */
const XLSX_BATCH = 1000;

async function writeXlsx(
  out: Writable,
  p: Plan,
  options: WriteTableOptions,
  rows: AsyncIterable<WriteRow> | Iterable<WriteRow>,
  count: { rows: number },
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true, // date cells need a number format
    useSharedStrings: false, // a shared-string table would grow in memory with the data
  });
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Sheet1');
  sheet.addRow(p.headers.map(neutraliseFormula)).commit();
  for await (const row of rows) {
    const values = cellsOf(p, row, 2 + count.rows);
    const added = sheet.addRow(values);
    values.forEach((value, i) => {
      if (value instanceof Date) {
        added.getCell(i + 1).numFmt =
          value.getTime() % 86_400_000 === 0 ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss';
      }
    });
    added.commit();
    count.rows++;
    if (count.rows % XLSX_BATCH === 0) {
      // exceljs does not apply back-pressure: give the ZIP stream a turn, and wait for a slow reader.
      await timers.setImmediate();
      if (out.writableNeedDrain) await once(out, 'drain');
    }
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * Writes a table to a file path or a stream (which is ended when done, destroyed on failure; a
 * file is removed on failure). Rows are read one at a time. Returns the number of data rows.
 */
export async function writeTable(
  target: string | Writable,
  options: WriteTableOptions,
  rows: AsyncIterable<WriteRow> | Iterable<WriteRow>,
): Promise<{ rows: number }> {
  const p = plan(options);
  const out = typeof target === 'string' ? createWriteStream(target) : target;
  const count = { rows: 0 };
  try {
    if (options.format === 'xlsx') await writeXlsx(out, p, options, rows, count);
    else await writeCsv(out, p, options, rows, count);
  } catch (error) {
    out.destroy();
    if (typeof target === 'string') await rm(target, { force: true });
    throw error;
  }
  return count;
}

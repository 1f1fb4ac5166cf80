/**
 * Streaming XLSX reading with exceljs's WorkbookReader: rows arrive one at a time; nothing holds
 * the whole sheet. Cell values become text as a user would read them in Excel (see cellText).
 *
 * exceljs spools worksheets to temporary files when the workbook stores its shared strings after
 * the sheets (Excel's own order) and removes each file once the reader moves past it. close()
 * therefore reads the workbook to its end, skipping the other sheets, so that no temporary copy
 * of personal data outlives the import.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell, CellValue } from 'exceljs';
import { isoDateTime, spreadsheetNumber } from './cell-format.ts';
import { TabularError } from './errors.ts';
import type { RawRow, RawSource } from './source.ts';

type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;

/** What exceljs knows but does not declare: sheet names and the workbook's date system. */
interface ReaderInternals {
  model?: { sheets?: { name?: string }[] };
  properties?: { model?: { date1904?: boolean } };
}
interface WorksheetInternals {
  id?: number | string;
  name?: string;
  /** The stream the sheet is parsed from: a temporary file's stream when it was spooled. */
  iterator?: unknown;
}

const DAY_MS = 86_400_000;
/** Days from Excel's day zero (1899-12-30) to 1970-01-01; the 1904 system starts 1462 days later. */
const EXCEL_EPOCH_DAYS = 25_569;
const DATE_FORMAT = /[ymdhsb]/i;

function isDateFormat(numFmt: string | undefined): boolean {
  // As exceljs decides for plain cells: date letters outside [colour] codes and "literal text".
  return !!numFmt && DATE_FORMAT.test(numFmt.replace(/\[[^\]]*]|"[^"]*"/g, ''));
}

/**
 * A cell as text: strings as they are, numbers with Excel's 15 significant digits and no exponent,
 * dates as ISO 8601 (YYYY-MM-DD when there is no time of day), booleans as TRUE/FALSE, errors as
 * their code (#N/A), rich text as its plain text, hyperlinks as their text, formulas as the result
 * Excel cached (never evaluated). Exported for tests.
 */
export function cellText(value: CellValue, numFmt?: string, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return spreadsheetNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDateTime(value);
  if ('richText' in value) return value.richText.map((part) => part.text ?? '').join('');
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return value.text ?? '';
  // A formula: exceljs reads its cached result as a plain number even in a date-formatted cell.
  const { result } = value;
  if (typeof result === 'number' && isDateFormat(numFmt)) {
    const days = result - EXCEL_EPOCH_DAYS + (date1904 ? 1462 : 0);
    return isoDateTime(new Date(Math.round(days * DAY_MS)));
  }
  return cellText(result ?? null);
}

function unreadable(error: unknown): unknown {
  if (error instanceof TabularError) return error;
  return new TabularError(
    'invalid_xlsx',
    'The Excel file cannot be read; it may be damaged. Open it in Excel, save it again as .xlsx and upload that copy.',
  );
}

/**
 * Lets exceljs move past a sheet without parsing it; a spooled sheet's file stream is closed. The
 * stream may not have opened its file yet, and exceljs deletes the file as soon as we move on: the
 * late "no such file" error of a stream nobody reads any more is expected, and ignored.
 */
function skip(worksheet: WorksheetReader): void {
  const { iterator } = worksheet as unknown as WorksheetInternals;
  if (iterator instanceof Readable) iterator.on('error', () => {}).destroy();
}

export interface XlsxSource extends RawSource {
  /** The name of the sheet being read. */
  sheet: string;
}

/** Opens `sheet` (by name, case-insensitive), or the workbook's first sheet. */
export async function openXlsxSource(filePath: string, sheet?: string): Promise<XlsxSource> {
  const input = createReadStream(filePath);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // needed to tell a date from a number
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const internals = reader as unknown as ReaderInternals;
  const worksheets = reader[Symbol.asyncIterator]();
  let closing: Promise<void> | undefined;

  const close = (current?: WorksheetReader): Promise<void> =>
    (closing ??= (async () => {
      if (current) skip(current);
      try {
        for (let next = await worksheets.next(); !next.done; next = await worksheets.next()) {
          skip(next.value);
        }
      } catch {
        // Closing: a damaged remainder of the file does not matter any more.
      } finally {
        input.destroy();
      }
    })());

  const seen: string[] = [];
  let found: { worksheet: WorksheetReader; name: string } | undefined;
  try {
    for (let next = await worksheets.next(); !next.done; next = await worksheets.next()) {
      const meta = next.value as unknown as WorksheetInternals;
      const name = meta.name ?? `Sheet${meta.id}`;
      seen.push(name);
      // The first sheet is the first tab (workbook order), not the first file in the ZIP.
      const wanted = sheet ?? internals.model?.sheets?.[0]?.name ?? name;
      if (name.toLowerCase() === wanted.toLowerCase()) {
        found = { worksheet: next.value, name };
        break;
      }
      skip(next.value);
    }
  } catch (error) {
    await close();
    throw unreadable(error);
  }
  if (!found) {
    await close();
    throw sheet !== undefined && seen.length > 0
      ? new TabularError(
          'sheet_not_found',
          `The workbook has no sheet named "${sheet}". Its sheets are: ${seen.map((s) => `"${s}"`).join(', ')}.`,
        )
      : new TabularError('not_tabular', 'The file is a ZIP archive but holds no Excel worksheet.');
  }

  const { worksheet } = found;
  const date1904 = internals.properties?.model?.date1904 ?? false;
  async function* rows(): AsyncGenerator<RawRow> {
    try {
      for await (const row of worksheet) {
        const cells: string[] = [];
        row.eachCell((cell: Cell, column: number) => {
          cells[column - 1] = cellText(cell.value, cell.numFmt, date1904).trim();
        });
        yield { row: row.number, cells: Array.from(cells, (cell) => cell ?? '') };
      }
    } catch (error) {
      throw unreadable(error);
    } finally {
      await close(worksheet);
    }
  }

  return { sheet: found.name, rows: rows(), close: () => close(worksheet) };
}

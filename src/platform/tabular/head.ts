/**
 * The header of a table: validates the header row (and the HXL row under it), describes each
 * column, and turns the cells of a data row into values keyed by header. Shared by CSV and XLSX.
 */
import { TabularError, columnLetter } from './errors.ts';
import { formatHxlTag } from './hxl.ts';
import type { HxlTag } from './hxl.ts';
import type { RawRow } from './source.ts';
import { choiceFlag, isKoboExport, selectMultipleChoices, xlsformColumn } from './xlsform.ts';

export interface ColumnInfo {
  /** 0-based position. */
  index: number;
  /** The column letter a spreadsheet shows: A, B, …, AA. */
  letter: string;
  header: string;
  /**
   * What a mapper matches on: the lowercase question name in a Kobo export
   * (`household/head/given_name` → "given_name"), otherwise the lowercase header.
   */
  key: string;
  /** Kobo group path and name; [header] for other files. */
  path: string[];
  /** The HXL tag of the column, when the file has a hashtag row and the column is tagged. */
  hxl?: HxlTag;
  /** A Kobo system column (`_uuid`, `_submission_time`, `meta/instanceID`, …). */
  meta: boolean;
  /** For a split select_multiple column (`needs/food`), the header of its question (`needs`). */
  choiceOf?: string;
}

export interface TableHead {
  headerRow: number;
  headers: string[];
  /** The compact HXL tag of each column (null when untagged), or null without a hashtag row. */
  hxlTags: (string | null)[] | null;
  columns: ColumnInfo[];
  /** The file is a KoboToolbox data export. */
  kobo: boolean;
}

export const isBlank = (cells: readonly string[]): boolean => cells.every((cell) => cell === '');

/** The last index holding something, + 1: trailing empty header cells are not columns. */
function usedWidth(...rows: readonly (readonly unknown[])[]): number {
  let width = 0;
  for (const cells of rows) {
    for (let i = cells.length - 1; i >= width; i--) {
      if (cells[i] !== '' && cells[i] != null) {
        width = i + 1;
        break;
      }
    }
  }
  return width;
}

export function buildHead(header: RawRow, hxl: (HxlTag | null)[] | null): TableHead {
  const width = usedWidth(header.cells, hxl ?? []);
  const headers: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < width; i++) {
    const tag = hxl?.[i] ?? null;
    // HXL allows a tagged column without header text; its tag then names it.
    const name = (header.cells[i] ?? '').normalize('NFC') || (tag ? formatHxlTag(tag) : '');
    const where = { row: header.row, column: columnLetter(i) };
    if (name === '') {
      throw new TabularError(
        'empty_header',
        'the header is empty. Name the column, or delete it if it is not needed.',
        where,
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw new TabularError(
        'duplicate_header',
        `the header "${name}" is used twice, in columns ${columnLetter(first)} and ${columnLetter(i)}. Give each column its own name.`,
        where,
      );
    }
    seen.set(name, i);
    headers.push(name);
  }

  const kobo = isKoboExport(headers);
  const choices = kobo ? selectMultipleChoices(headers) : new Map<number, string>();
  const columns = headers.map((name, index): ColumnInfo => {
    const kobocol = kobo ? xlsformColumn(name) : null;
    const column: ColumnInfo = {
      index,
      letter: columnLetter(index),
      header: name,
      key: (kobocol?.name ?? name).toLowerCase(),
      path: kobocol?.path ?? [name],
      meta: kobocol?.meta ?? false,
    };
    const tag = hxl?.[index];
    if (tag) column.hxl = tag;
    const question = choices.get(index);
    if (question !== undefined) column.choiceOf = question;
    return column;
  });

  return {
    headerRow: header.row,
    headers,
    hxlTags: hxl ? headers.map((_, i) => (hxl[i] ? formatHxlTag(hxl[i]) : null)) : null,
    columns,
    kobo,
  };
}

/**
 * A data row's values keyed by header ('' for missing cells). The object has no prototype, so a
 * header such as "__proto__" is an ordinary key. A value beyond the last header is refused: it
 * would otherwise be dropped without anyone noticing.
 */
export function rowValues(head: TableHead, raw: RawRow): Record<string, string> {
  const { headers, columns } = head;
  const values = Object.create(null) as Record<string, string>;
  for (let i = 0; i < headers.length; i++) {
    const cell = raw.cells[i] ?? '';
    values[headers[i]!] = columns[i]!.choiceOf === undefined ? cell : choiceFlag(cell);
  }
  for (let i = headers.length; i < raw.cells.length; i++) {
    if (raw.cells[i] !== '') {
      throw new TabularError(
        'cell_without_header',
        'this cell has a value but its column has no header. Add a header or remove the value.',
        { row: raw.row, column: columnLetter(i) },
      );
    }
  }
  return values;
}

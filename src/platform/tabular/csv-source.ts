/**
 * Streaming CSV reading with csv-parse: one record at a time, so a million-row file never sits in
 * memory. Handles a UTF-8 or UTF-16LE byte order mark, CRLF or LF line ends, quoted values with
 * delimiters, doubled quotes and line breaks; the delimiter (comma, semicolon or tab) is detected.
 */
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { TabularError, columnLetter } from './errors.ts';
import type { RawRow, RawSource } from './source.ts';

export type Delimiter = ',' | ';' | '\t';
/** Rarest in ordinary text first: on a tie, the first wins. */
const DELIMITERS: readonly Delimiter[] = ['\t', ';', ','];

/**
 * A row longer than this is refused. Real rows are far shorter; a longer one is almost always a
 * quote that is never closed swallowing the rest of the file.
 */
const MAX_ROW_CHARS = 1_000_000;

/**
 * The candidate that splits the header record into the most fields, quoted text not counted.
 * The header is the most reliable line: data rows hold decimal commas and free text, headers
 * rarely do. On a tie the character rarer in text wins (tab, then semicolon); comma when none
 * occurs (a one-column file).
 */
export function sniffDelimiter(sample: string): Delimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  const text = sample.replace(/^[\r\n]+/, '');
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') break;
    else if (counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: Delimiter = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    if (counts.get(d)! > most) [best, most] = [d, counts.get(d)!];
  }
  return best;
}

/** csv-parse's errors, restated for the person who has to fix the file. */
function toTabularError(error: unknown): unknown {
  if (!(error instanceof CsvError)) return error;
  // Every record is a row, as Excel numbers them (empty lines are records: skip_empty_lines off).
  const row = Number(error.records ?? 0) + 1;
  const column = typeof error.index === 'number' ? columnLetter(error.index) : undefined;
  const where = { row, column };
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new TabularError(
        'unterminated_quote',
        'a quoted value starts here but its closing quote (") is missing, so the rest of the file would be read as one value.',
        where,
      );
    case 'CSV_MAX_RECORD_SIZE':
      return new TabularError(
        'row_too_long',
        `the row is longer than ${MAX_ROW_CHARS.toLocaleString('en')} characters; most likely a quote opened here is never closed.`,
        where,
      );
    default:
      return new TabularError(
        'invalid_csv',
        `the file cannot be read as CSV here (${error.code}).`,
        where,
      );
  }
}

export function openCsvSource(filePath: string, delimiter: Delimiter): RawSource {
  const file = createReadStream(filePath, { highWaterMark: 256 * 1024 });
  const parser = parse({
    delimiter,
    bom: true,
    // Any line end ends a row, even mixed in one file (rows appended by another program);
    // csv-parse would otherwise keep the first kind it meets and read the others as text.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true, // short rows are padded, long ones checked against the header
    // As Excel does: a quote inside an unquoted value (5'10", Ali "Abu Omar" Haddad, "x"y) is text.
    relax_quotes: true,
    // Empty lines come through as records, so that counting records counts rows as Excel does
    // (csv-parse's per-record info snapshot would halve the reading speed).
    skip_empty_lines: false,
    max_record_size: MAX_ROW_CHARS,
  });
  // Errors of either stream end the parser, whose iterator then throws them.
  pipeline(file, parser, () => {});

  async function* rows(): AsyncGenerator<RawRow> {
    try {
      let row = 0;
      for await (const record of parser as AsyncIterable<string[]>) {
        row++;
        const cells = new Array<string>(record.length);
        for (let i = 0; i < record.length; i++) {
          const cell = record[i]!.trim();
          // Bytes that are not UTF-8 decode to U+FFFD: a legacy encoding (Windows-1252, …).
          if (cell.includes('\uFFFD')) {
            throw new TabularError(
              'invalid_encoding',
              'the text is not valid UTF-8. Save the file as "CSV UTF-8" and upload it again.',
              { row, column: columnLetter(i) },
            );
          }
          cells[i] = cell;
        }
        yield { row, cells };
      }
    } catch (error) {
      throw toTabularError(error);
    } finally {
      file.destroy();
    }
  }

  return {
    rows: rows(),
    close: () => {
      parser.destroy();
      file.destroy();
      return Promise.resolve();
    },
  };
}

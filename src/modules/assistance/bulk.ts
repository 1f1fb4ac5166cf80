/**
 * Reading a distribution list: JSON rows, or a CSV/XLSX file sent as base64 in the JSON body
 * (the API takes JSON only, which keeps the CSRF rule simple; 1 MiB of body is ~750 KiB of file).
 * The file is read from a private temporary folder by src/platform/tabular and removed at once,
 * before any transaction opens. Every problem is reported by row and column; nothing is written
 * here. Messages never quote cell contents (they may be personal data).
 */
import crypto from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openTable, TabularError } from '../../platform/tabular/index.ts';
import {
  distributionBody,
  distributionFields,
  type BulkInput,
  type BulkProblem,
  type DistributionInput,
} from './schema.ts';

export interface ListRow {
  /** 1-based in JSON rows; as the spreadsheet numbers it in a file. */
  row: number;
  input: DistributionInput;
}

export interface DistributionList {
  source: 'rows' | 'csv' | 'xlsx';
  fileSha256: string | null;
  total: number;
  /** Column letter of each field in a file (empty for JSON rows). */
  letters: Map<string, string>;
  valid: ListRow[];
  problems: BulkProblem[];
}

const FIELDS = Object.keys(distributionFields);
const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const FIELD_BY_KEY = new Map(FIELDS.map((f) => [normalise(f), f]));

/** Checks one row's shape (types, required fields); cells left empty count as absent. */
function checkRow(
  row: number,
  cells: Record<string, unknown>,
  letterOf: (field: string) => string | null,
): { ok: ListRow } | { problems: BulkProblem[] } {
  const values = Object.fromEntries(
    Object.entries(cells).filter(([, v]) => v !== '' && v !== null && v !== undefined),
  );
  const parsed = distributionBody.safeParse(values);
  if (parsed.success) return { ok: { row, input: parsed.data } };
  return {
    problems: parsed.error.issues.map((i) => {
      const field = String(i.path[0] ?? '');
      return { row, column: field ? letterOf(field) : null, field, message: i.message };
    }),
  };
}

function collect(list: DistributionList, result: ReturnType<typeof checkRow>) {
  if ('ok' in result) list.valid.push(result.ok);
  else list.problems.push(...result.problems);
}

function fromRows(rows: NonNullable<BulkInput['rows']>): DistributionList {
  const list: DistributionList = {
    source: 'rows',
    fileSha256: null,
    total: rows.length,
    letters: new Map(),
    valid: [],
    problems: [],
  };
  rows.forEach((cells, i) => {
    const unknown = Object.keys(cells).filter((k) => !FIELDS.includes(k));
    for (const field of unknown)
      list.problems.push({
        row: i + 1,
        column: null,
        field,
        message: 'is not a distribution field',
      });
    if (!unknown.length)
      collect(
        list,
        checkRow(i + 1, cells, () => null),
      );
  });
  return list;
}

async function fromFile(file: NonNullable<BulkInput['file']>): Promise<DistributionList> {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  const list: DistributionList = {
    source: 'csv',
    fileSha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    total: 0,
    letters: new Map(),
    valid: [],
    problems: [],
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'asylon-distributions-'));
  try {
    const filePath = path.join(dir, 'list');
    await writeFile(filePath, bytes, { mode: 0o600 });
    const table = await openTable(filePath);
    list.source = table.format;
    const letters = list.letters;
    for (const c of table.columns) {
      const field = FIELD_BY_KEY.get(normalise(c.header));
      if (field) letters.set(field, c.letter);
      else
        list.problems.push({
          row: table.headerRow,
          column: c.letter,
          field: c.header,
          message: 'is not a distribution field',
        });
    }
    const byField = (values: Record<string, string>) =>
      Object.fromEntries(
        table.columns.flatMap((c) => {
          const field = FIELD_BY_KEY.get(normalise(c.header));
          return field ? [[field, values[c.header] ?? '']] : [];
        }),
      );
    for await (const { row, values } of table.rows) {
      list.total++;
      collect(
        list,
        checkRow(row, byField(values), (f) => letters.get(f) ?? null),
      );
    }
    if (list.total === 0)
      list.problems.push({ row: 0, column: null, field: 'file', message: 'has no data rows' });
  } catch (e) {
    if (!(e instanceof TabularError)) throw e;
    list.problems.push({
      row: e.row ?? 0,
      column: e.column ?? null,
      field: 'file',
      message: e.message,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return list;
}

/** The rows of a distribution list whose shape is right, and the problems of the others. */
export function readDistributionList(input: BulkInput): Promise<DistributionList> {
  return input.rows ? Promise.resolve(fromRows(input.rows)) : fromFile(input.file!);
}

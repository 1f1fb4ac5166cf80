/**
 * Reading a monitoring round from a CSV or XLSX file (a KoboToolbox/ODK export of the XLSForm in
 * form.ts, or a spreadsheet with its question names as headers). The file comes as base64 in the
 * JSON body, is written to a private temporary folder, read by src/platform/tabular and removed
 * at once, before any transaction opens. Every problem of shape is reported by row and column;
 * persons are looked up later, in the transaction. Messages never quote cell contents (they may
 * be personal data).
 */
import crypto from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openTable, TabularError, type ColumnInfo } from '../../platform/tabular/index.ts';
import { FORM_ARTICLES, FORM_FIELDS, type FormField } from './form.ts';
import {
  ASSESSMENT_METHODS,
  BARRIERS,
  RELIABILITY_GRADES,
  type ImportProblem,
  type ImportProblemCode,
  type RoundImportInput,
} from './schema.ts';
import type { RoundEntry } from './rounds.ts';

/** A row whose cells are all well formed; `person` is still the identifier as written. */
export interface ParsedRow {
  row: number;
  person: string;
  entry: Omit<RoundEntry, 'personId'>;
}

export interface RoundFile {
  source: 'csv' | 'xlsx' | null;
  sha256: string;
  total: number;
  /** Column letter of each field found. */
  letters: Map<FormField, string>;
  valid: ParsedRow[];
  problems: ImportProblem[];
  ignored: string[];
}

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Header names (after the Kobo group prefix, normalised) each field is found under. */
const ALIASES: Record<FormField, string[]> = {
  person: [FORM_FIELDS.person, 'person_id', 'external_id'],
  article: [FORM_FIELDS.article],
  access: [FORM_FIELDS.access],
  barriers: [FORM_FIELDS.barriers, 'barrier'],
  method: [FORM_FIELDS.method],
  reliability: [FORM_FIELDS.reliability, 'source_reliability'],
  assessedOn: [FORM_FIELDS.assessedOn, 'date', 'assessedOn'],
  note: [FORM_FIELDS.note, 'notes'],
};
const FIELD_BY_NAME = new Map(
  (Object.entries(ALIASES) as [FormField, string[]][]).flatMap(([field, names]) =>
    names.map((n) => [normalise(n), field] as const),
  ),
);

/** Articles a file may name: the catalogue's, and the article of a paragraph ("17" for 17(1)). */
const ARTICLES = new Set(FORM_ARTICLES.flatMap((a) => [a.article, a.article.replace(/\(.*$/, '')]));
const ACCESS = new Set(['full', 'partial', 'none', 'unknown']);
const BARRIER_CODES = new Set<string>(BARRIERS);
const CUSTOM_BARRIER = /^x_[a-z0-9_]{1,40}$/;
const METHODS = new Set<string>(ASSESSMENT_METHODS);
const GRADES = new Set<string>(RELIABILITY_GRADES);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The field a column holds: by its question name (the last segment of a Kobo group path). */
function fieldOf(column: ColumnInfo): FormField | undefined {
  const name = column.path.at(-1) ?? column.header;
  return FIELD_BY_NAME.get(normalise(name.split('/').at(-1) ?? name));
}

type Defaults = Pick<RoundImportInput, 'assessedOn' | 'method' | 'reliability'>;

/** Checks the cells of one row; returns the entry, or the row's problems. */
function checkRow(
  row: number,
  get: (f: FormField) => string,
  letter: (f: FormField) => string | null,
  defaults: Defaults,
  today: string,
): ParsedRow | ImportProblem[] {
  const problems: ImportProblem[] = [];
  const problem = (field: FormField, code: ImportProblemCode, message: string) =>
    problems.push({ row, column: letter(field), field: FORM_FIELDS[field], code, message });
  const required = (field: FormField, fallback?: string) => {
    const value = get(field) || fallback || '';
    if (!value) problem(field, 'required', 'is required');
    return value;
  };

  const person = required('person');
  if (person.length > 100) problem('person', 'too_long', 'must be at most 100 characters');
  const article = required('article');
  if (article && !ARTICLES.has(article))
    problem('article', 'unknown_article', 'is not an article of the catalogue');
  const access = required('access').toLowerCase();
  if (access && !ACCESS.has(access))
    problem('access', 'unknown_access', 'must be full, partial, none or unknown');
  const barriers = get('barriers').split(/\s+/).filter(Boolean);
  if (barriers.some((b) => !BARRIER_CODES.has(b) && !CUSTOM_BARRIER.test(b)))
    problem('barriers', 'unknown_barrier', 'holds a code that is not in the barrier list');
  else if (barriers.length > 20) problem('barriers', 'too_long', 'must hold at most 20 barriers');
  const method = required('method', defaults.method).toLowerCase();
  if (method && !METHODS.has(method))
    problem('method', 'unknown_method', 'must be interview, document or observation');
  const reliability = required('reliability', defaults.reliability).toUpperCase();
  if (reliability && !GRADES.has(reliability))
    problem('reliability', 'unknown_reliability', 'must be a grade from A to F');
  const assessedOn = required('assessedOn', defaults.assessedOn);
  if (assessedOn && !isCalendarDay(assessedOn))
    problem('assessedOn', 'bad_date', 'must be a date written YYYY-MM-DD');
  else if (assessedOn > today) problem('assessedOn', 'future_date', 'must not be in the future');
  const note = get('note');
  if (note.length > 4000) problem('note', 'too_long', 'must be at most 4000 characters');

  if (problems.length) return problems;
  return {
    row,
    person,
    entry: {
      article,
      access: access as RoundEntry['access'],
      barriers: [...new Set(barriers)],
      assessedOn,
      method: method as RoundEntry['method'],
      reliability: reliability as RoundEntry['reliability'],
      note: note || null,
    },
  };
}

/**
 * Reads the file: the rows whose cells are well formed, and the problems of the others (and of
 * the header: a required column missing, a field given twice).
 */
export async function readRoundFile(input: RoundImportInput, today: string): Promise<RoundFile> {
  const bytes = Buffer.from(input.file.contentBase64, 'base64');
  const file: RoundFile = {
    source: null,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    total: 0,
    letters: new Map(),
    valid: [],
    problems: [],
    ignored: [],
  };
  const dir = await mkdtemp(path.join(os.tmpdir(), 'asylon-round-'));
  try {
    const filePath = path.join(dir, 'round');
    await writeFile(filePath, bytes, { mode: 0o600 });
    const table = await openTable(filePath);
    file.source = table.format;
    const byField = new Map<FormField, ColumnInfo>();
    for (const c of table.columns) {
      const field = c.meta || c.choiceOf !== undefined ? undefined : fieldOf(c);
      if (!field) file.ignored.push(c.header);
      else if (byField.has(field))
        file.problems.push({
          row: table.headerRow,
          column: c.letter,
          field: FORM_FIELDS[field],
          code: 'duplicate_column',
          message: `is given twice, in columns ${byField.get(field)!.letter} and ${c.letter}`,
        });
      else byField.set(field, c);
    }
    for (const [field, c] of byField) file.letters.set(field, c.letter);
    const defaults: Defaults = input;
    const needed: FormField[] = ['person', 'article', 'access'];
    for (const f of ['method', 'reliability', 'assessedOn'] as const)
      if (!defaults[f]) needed.push(f);
    const missing = needed.filter((f) => !byField.has(f));
    for (const f of missing)
      file.problems.push({
        row: table.headerRow,
        column: null,
        field: FORM_FIELDS[f],
        code: 'missing_column',
        message: 'column is missing',
      });
    if (missing.length || file.problems.length) {
      await table.close();
      return file;
    }
    for await (const { row, values } of table.rows) {
      file.total++;
      const result = checkRow(
        row,
        (f) => {
          const c = byField.get(f);
          return c ? (values[c.header] ?? '') : '';
        },
        (f) => file.letters.get(f) ?? null,
        defaults,
        today,
      );
      if (Array.isArray(result)) file.problems.push(...result);
      else file.valid.push(result);
    }
    if (file.total === 0)
      file.problems.push({
        row: 0,
        column: null,
        field: 'file',
        code: 'no_rows',
        message: 'has no data rows',
      });
  } catch (e) {
    if (!(e instanceof TabularError)) throw e;
    file.problems.push({
      row: e.row ?? 0,
      column: e.column ?? null,
      field: 'file',
      code: 'file',
      message: e.message,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return file;
}

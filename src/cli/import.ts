import fs from 'node:fs';
import path from 'node:path';
import { writeTable } from '../platform/tabular/index.ts';
import { estimateRows } from '../modules/transfer/files.ts';
import type { Problem } from '../modules/transfer/mapping.ts';
import { explicitMapping } from '../modules/transfer/schema.ts';
import { commandLineContext, commitImport, dryRun } from '../modules/transfer/service.ts';
import { configFrom, parse, progressLine, UsageError, withPlatform } from './common.ts';

const USAGE =
  'usage: asylon import FILE --as EMAIL [--dry-run] [--mapping JSON|FILE] [--sheet NAME] [--problems OUT.csv]';
const SHOWN = 50;

/** --mapping takes JSON or the path of a JSON file: {"givenName": "First name", …}. */
function mappingOf(text: string | undefined) {
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(fs.existsSync(text) ? fs.readFileSync(text, 'utf8') : text);
  } catch {
    throw new UsageError(
      '--mapping must be JSON, or a file holding JSON, e.g. {"givenName":"First name"}',
    );
  }
  const parsed = explicitMapping.safeParse(json);
  if (!parsed.success)
    throw new UsageError(
      `--mapping: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'mapping'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** A bar on a terminal; into a file or pipe, a plain line every 10,000 rows. */
function progress(estimate: number | null, started: number) {
  let lastLine = 0;
  return (rows: number) => {
    const perSecond = Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
    if (process.stdout.isTTY) {
      const share = estimate ? Math.min(rows / estimate, 1) : 0;
      const bar = estimate
        ? `[${'#'.repeat(Math.round(share * 30)).padEnd(30, '.')}] ${Math.floor(share * 100)}% `
        : '';
      progressLine(`${bar}${rows}${estimate ? `/${estimate}` : ''} rows, ${perSecond} rows/s   `);
    } else if (rows - lastLine >= 10_000) {
      lastLine = rows;
      process.stdout.write(`${rows} rows, ${perSecond} rows/s\n`);
    }
  };
}

export function describeProblem(p: Problem): string {
  const where = [
    p.row === null ? null : `row ${p.row}`,
    p.column ? `column ${p.column.letter}${p.column.header ? ` (${p.column.header})` : ''}` : null,
  ].filter(Boolean);
  const place = where.length ? where.join(', ') : 'file';
  return `${place}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/**
 * asylon import FILE --as EMAIL: imports persons, households and legal statuses from CSV, XLSX,
 * HXL-tagged CSV or a KoboToolbox export, all or nothing, acting as that user (their rights
 * apply). --dry-run only checks. Exit 65 when the file has problems (nothing is written then).
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    as: { type: 'string' },
    'dry-run': { type: 'boolean' },
    mapping: { type: 'string' },
    sheet: { type: 'string' },
    problems: { type: 'string' },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new UsageError(USAGE);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new UsageError(`${file} is not a file`);
  if (!values.as)
    throw new UsageError('--as EMAIL is required: the import acts with that user’s rights');
  const mapping = mappingOf(values.mapping);
  const check = values['dry-run'] === true;
  const estimate = await estimateRows(file);
  const started = Date.now();
  const result = await withPlatform(configFrom(values), 'import', async (p) => {
    const ctx = await commandLineContext(p, values.as!);
    process.stdout.write(`${check ? 'Checking' : 'Importing'} ${path.basename(file)}\n`);
    const options = { mapping, sheet: values.sheet, onRows: progress(estimate, started) };
    const input = { path: path.resolve(file), name: path.basename(file) };
    return check ? dryRun(p, ctx, input, options) : commitImport(p, ctx, input, options);
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  const secs = (Date.now() - started) / 1000;
  const c = result.summary;
  const counts = `${c.personsCreated} persons created, ${c.personsUpdated} updated, ${c.personsUnchanged} unchanged; ${c.householdsCreated} households, ${c.membersAdded} memberships, ${c.statusesAdded} legal statuses`;
  if (!result.valid) {
    for (const p of result.problems.slice(0, SHOWN))
      process.stderr.write(`${describeProblem(p)}\n`);
    if (result.problemCount > SHOWN)
      process.stderr.write(
        `… and ${result.problemCount - SHOWN} more${values.problems ? '' : ' (--problems OUT.csv lists them all)'}\n`,
      );
    if (values.problems) await writeProblems(values.problems, result.problems);
    process.stderr.write(
      `${result.problemCount} problems in ${c.rows} rows: nothing was imported.\n`,
    );
    return 65;
  }
  const rate = Math.round(c.rows / Math.max(secs, 0.001));
  process.stdout.write(
    `${check ? 'No problems in' : 'Imported'} ${c.rows} rows in ${secs.toFixed(1)} s (${rate} rows/s): ${check ? 'a commit would make ' : ''}${counts}.\n`,
  );
  return 0;
}

async function writeProblems(target: string, problems: Problem[]): Promise<void> {
  const columns = ['row', 'column', 'header', 'field', 'message'].map((header) => ({ header }));
  await writeTable(
    target,
    { format: target.endsWith('.xlsx') ? 'xlsx' : 'csv', columns },
    problems.map((p) => ({
      row: p.row,
      column: p.column?.letter ?? null,
      header: p.column?.header ?? null,
      field: p.field,
      message: p.message,
    })),
  );
}

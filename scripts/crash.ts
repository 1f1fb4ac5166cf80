// npm run test:crash — kills `asylon import` with SIGKILL at random moments, round after round,
// and checks after each kill that nothing is half-written: the round's persons and its import
// batch are all there or not at all, and the audit chain verifies (so the database opens).
// CRASH_ROUNDS (default 10) rounds of CRASH_ROWS (default 6000) rows; CRASH_SEED fixes the kill
// times. On the embedded database in a temporary folder, or with DATABASE_URL and
// DATABASE_OWNER_URL on an empty PostgreSQL database.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/database.ts';

const rounds = Number(process.env.CRASH_ROUNDS ?? 10);
const rowsPerRound = Number(process.env.CRASH_ROWS ?? 6000);
let seed = Number(process.env.CRASH_SEED ?? 20261128);
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const onPostgres = !!process.env.DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-crash-'));
const bin = path.resolve('bin/asylon.js');
const env = {
  PATH: process.env.PATH ?? '',
  ASYLON_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ...(onPostgres
    ? {
        DATABASE_URL: process.env.DATABASE_URL!,
        DATABASE_OWNER_URL: process.env.DATABASE_OWNER_URL ?? '',
      }
    : {}),
};

function asylon(args: string[], input = '') {
  const child = spawn(process.execPath, [bin, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  const done = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, done, out: () => stdout, err: () => stderr };
}

/** Counts as the schema owner, who is not bound by row-level security. */
async function counts(round: number): Promise<{ persons: number; batches: number }> {
  const personsSql = `SELECT count(*)::int AS n FROM persons WHERE external_id LIKE 'CRASH-${round}-%'`;
  const batchesSql = `SELECT count(*)::int AS n FROM import_batches WHERE file_name = 'crash-${round}.csv'`;
  if (onPostgres) {
    const client = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL });
    await client.connect();
    try {
      const n = async (q: string) => ((await client.query(q)).rows[0] as { n: number }).n;
      return { persons: await n(personsSql), batches: await n(batchesSql) };
    } finally {
      await client.end();
    }
  }
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const n = async (q: string) =>
      (await database.withOwner((o) => o.query<{ n: number }>(q)))[0]!.n;
    return { persons: await n(personsSql), batches: await n(batchesSql) };
  } finally {
    await database.close();
  }
}

const created = await asylon(
  [
    'users',
    'create',
    '--email',
    'crash@example.org',
    '--role',
    'registration_clerk',
    '--password-stdin',
  ],
  'a long and boring passphrase 3',
).done;
if (created.code !== 0) throw new Error('could not create the importing user');

console.log(
  `crash harness on ${onPostgres ? 'postgres' : 'pglite'}: ${rounds} rounds of ${rowsPerRound} rows`,
);
let killed = 0;
let completed = 0;
const violations: string[] = [];
for (let round = 1; round <= rounds; round++) {
  const file = path.join(dataDir, `crash-${round}.csv`);
  const lines = ['ID,Given name,Family name,Sex,Date of birth,Nationality'];
  for (let i = 0; i < rowsPerRound; i++) {
    lines.push(`CRASH-${round}-${i},Given${i},Crashtest,${i % 2 ? 'F' : 'M'},1990-01-01,SYR`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const run = asylon(['import', file, '--as', 'crash@example.org']);
  const delay = 500 + random() * 12_000;
  const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
  const result = await run.done;
  clearTimeout(timer);
  const wasKilled = result.signal === 'SIGKILL';
  if (wasKilled) killed++;
  else if (result.code === 0) completed++;
  else violations.push(`round ${round}: import failed without a kill: ${run.err()}`);

  const verify = await asylon(['audit', 'verify']).done;
  if (verify.code !== 0) violations.push(`round ${round}: audit verify exited ${verify.code}`);
  const c = await counts(round);
  const whole = c.persons === rowsPerRound && c.batches === 1;
  const none = c.persons === 0 && c.batches === 0;
  if (!(whole || none)) {
    violations.push(`round ${round}: ${c.persons} persons and ${c.batches} batches: partial`);
  }
  if (!wasKilled && !whole) violations.push(`round ${round}: finished but not all written`);
  console.log(
    `round ${round}: ${wasKilled ? `killed after ${(delay / 1000).toFixed(1)} s` : 'finished'}; ` +
      `${whole ? 'all' : none ? 'nothing' : 'PART'} written; audit chain ${verify.code === 0 ? 'intact' : 'BROKEN'}`,
  );
}
console.log(
  `${rounds} rounds: ${killed} killed mid-import, ${completed} finished; ${violations.length} violations`,
);
for (const v of violations) console.log(`  ${v}`);
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(violations.length === 0 ? 0 : 1);

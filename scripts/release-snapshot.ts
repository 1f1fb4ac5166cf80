// Stores a snapshot of a released version's database, so the upgrade test can migrate it to
// the current schema (test/upgrade.test.ts).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     node bin/run-ts.js scripts/release-snapshot.ts <git-ref>
//
// It checks the release out in a temporary worktree, lets that version's own commands build a
// PostgreSQL database (migrate, an administrator, fictional demo persons), and writes the
// pg_dump of it, without owners or privileges, to test/fixtures/releases/schema-<NNNN>.sql.gz,
// named by the release's last migration.
// The dump is plain SQL that both PostgreSQL and PGlite load.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';

const [ref] = process.argv.slice(2);
const adminUrl = process.env.DATABASE_URL;
if (!ref || !adminUrl) {
  console.error('usage: DATABASE_URL=<admin url> release-snapshot.ts <git-ref>');
  process.exit(64);
}

const OWNER = 'asylon_snapshot_owner';
const APP = 'asylon_snapshot_app';
const DB = 'asylon_snapshot';
const repo = path.resolve(import.meta.dirname, '..');
const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: repo }).toString().trim();
const last = execFileSync('git', ['ls-tree', '--name-only', ref, 'migrations/'], { cwd: repo })
  .toString()
  .split('\n')
  .map((f) => /^migrations\/(\d{4})_/.exec(f)?.[1])
  .filter(Boolean)
  .sort()
  .at(-1);
const out = path.join(repo, 'test/fixtures/releases', `schema-${last}.sql.gz`);

function urlFor(role: string): string {
  const u = new URL(adminUrl!);
  u.username = role;
  u.password = '';
  u.pathname = `/${DB}`;
  return u.toString();
}

async function admin(statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

const worktree = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-release-'));
try {
  execFileSync('git', ['worktree', 'add', '--detach', worktree, ref], { cwd: repo });
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(worktree, 'node_modules'));
  await admin([
    `DROP DATABASE IF EXISTS ${DB}`,
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${OWNER}') THEN CREATE ROLE ${OWNER} LOGIN; END IF;
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP}') THEN CREATE ROLE ${APP} LOGIN; END IF;
     END $$`,
    `CREATE DATABASE ${DB} OWNER ${OWNER}`,
  ]);
  const env = { ...process.env, DATABASE_URL: urlFor(APP), DATABASE_OWNER_URL: urlFor(OWNER) };
  const asylon = (args: string[], input?: string) =>
    execFileSync('node', ['bin/asylon.js', ...args], { cwd: worktree, env, input, stdio: 'pipe' });
  asylon(['migrate']);
  asylon(
    [
      'users',
      'create',
      '--email',
      'admin@example.org',
      '--role',
      'administrator',
      '--password-stdin',
    ],
    'release snapshot password 1\n',
  );
  // The demo command, called directly: release 0.1.0 lists it in its help but not in its
  // command table.
  execFileSync(
    'node',
    [
      '--input-type=module',
      '-e',
      `import { register } from 'tsx/esm/api'; register();
       const { run } = await import('./src/cli/demo.ts');
       process.exit(await run(['--persons', '60', '--seed', '7']));`,
    ],
    { cwd: worktree, env, stdio: 'pipe' },
  );
  const dump = execFileSync(
    'pg_dump',
    ['--no-owner', '--no-privileges', '--inserts', '--rows-per-insert=50', urlFor(OWNER)],
    { maxBuffer: 256 * 1024 * 1024 },
  ).toString('utf8');
  // psql meta-commands (\restrict) and the dump's session-wide empty search_path are left out:
  // the test loads the file through a connection it goes on using.
  const sql = dump
    .split('\n')
    .filter((l) => !l.startsWith('\\') && !l.includes("set_config('search_path', '', false)"))
    .join('\n');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(
    out,
    zlib.gzipSync(`-- Asylon at ${commit}, schema ${last}\n${sql}`, { level: 9 }),
  );
  console.log(`wrote ${path.relative(repo, out)} (${fs.statSync(out).size} bytes)`);
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', worktree], { cwd: repo });
  await admin([`DROP DATABASE IF EXISTS ${DB}`]);
}

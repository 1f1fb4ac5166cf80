import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import { onPostgres } from './helpers/db.ts';
import { APP_ROLE, OWNER_ROLE, TEST_DB_PREFIX, urlFor, withAdmin } from './helpers/pg-admin.ts';

const BIN = path.resolve('bin/asylon.js');
const PASSPHRASE = 'a passphrase long enough';
let dataDir: string;
let backupFile: string;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function asylon(args: string[], input = '', env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ASYLON_DATA_DIR: dataDir, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe.runIf(!onPostgres)('the asylon command on the embedded database', () => {
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-cli-'));
    backupFile = path.join(dataDir, '..', `${path.basename(dataDir)}.backup`);
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(backupFile, { force: true });
  });

  it('explains usage and refuses bad arguments with a clear message', async () => {
    const help = await asylon(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('asylon serve');
    const unknown = await asylon(['frobnicate']);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('Unknown command "frobnicate"');
    const badPort = await asylon(['serve', '--port', 'abc']);
    expect(badPort.code).toBe(64);
    expect(badPort.stderr).toContain('--port must be a whole number');
    const badRole = await asylon([
      'users',
      'create',
      '--email',
      'x@example.org',
      '--role',
      'king',
      '--password-stdin',
    ]);
    expect(badRole.code).toBe(64);
    expect(badRole.stderr).toContain('--role must be one of: administrator');
  });

  it('creates users (with their agency), mints a token, and verifies the audit chain', async () => {
    const weak = await asylon(
      [
        'users',
        'create',
        '--email',
        'admin@example.org',
        '--role',
        'administrator',
        '--password-stdin',
      ],
      'short\n',
    );
    expect(weak.code).toBe(65);
    expect(weak.stderr).toContain('password: must be at least 12 characters');

    const created = await asylon(
      [
        'users',
        'create',
        '--email',
        'admin@example.org',
        '--role',
        'administrator',
        '--agency',
        'Field Office',
        '--password-stdin',
      ],
      'a very long passphrase for the office\n',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Created user [0-9a-f-]{36}/);

    const dup = await asylon(
      [
        'users',
        'create',
        '--email',
        'admin@example.org',
        '--role',
        'caseworker',
        '--password-stdin',
      ],
      'another long passphrase 2\n',
    );
    expect(dup.code).toBe(65);
    expect(dup.stderr).toContain('email: is already in use');

    const token = await asylon(['token', 'create', '--email', 'admin@example.org', '--days', '5']);
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^asy_[A-Za-z0-9_-]{43}$/);

    const verify = await asylon(['audit', 'verify']);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/intact, \d+ events/);
  });

  it('refuses a second opener of the data folder while the server holds it, and shuts down cleanly', async () => {
    const server: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', '18931'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ASYLON_DATA_DIR: dataDir },
    });
    try {
      let out = '';
      server.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
        server.stdout!.on('data', () => {
          if (out.includes('Asylon is running')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const res = await fetch('http://127.0.0.1:18931/api/v1/health');
      expect(res.status).toBe(200);
      const second = await asylon(['audit', 'verify']);
      expect(second.code).toBe(78);
      expect(second.stderr).toContain('is in use by another Asylon process');
      // A backup does not need the folder: the running server hands over a consistent copy.
      const backup = await asylon(['backup', backupFile], '', {
        ASYLON_BACKUP_PASSPHRASE: PASSPHRASE,
      });
      expect(backup.stderr).toBe('');
      expect(backup.stdout).toMatch(/Backed up \d+ tables, \d+ rows to .* and checked it/);
      expect(backup.code).toBe(0);
      const exited = new Promise<number | null>((r) => server.on('exit', (code) => r(code)));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'asylon.lock'))).toBe(false);
    } finally {
      // A failed check must not leave the server holding the folder for the tests after it.
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
  });

  it('restores the backup into a new data folder with its keys, and refuses to overwrite it', async () => {
    const restored = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-restored-'));
    const into = { ASYLON_DATA_DIR: restored, ASYLON_BACKUP_PASSPHRASE: PASSPHRASE };
    try {
      const short = await asylon(['restore', backupFile], '', {
        ...into,
        ASYLON_BACKUP_PASSPHRASE: 'short',
      });
      expect(short.code).toBe(64);
      expect(short.stderr).toContain('at least 12 characters');
      const wrong = await asylon(['restore', backupFile], '', {
        ...into,
        ASYLON_BACKUP_PASSPHRASE: 'a wrong passphrase',
      });
      expect(wrong.code).toBe(65);
      expect(wrong.stderr).toContain('the passphrase is wrong');

      const restore = await asylon(['restore', backupFile], '', into);
      expect(restore.stderr).toBe('');
      expect(restore.stdout).toMatch(/Restored \d+ tables, \d+ rows/);
      expect(restore.stdout).toContain('Audit chain intact');
      expect(restore.code).toBe(0);
      expect(fs.readFileSync(path.join(restored, 'keys', 'master.key'), 'utf8')).toBe(
        fs.readFileSync(path.join(dataDir, 'keys', 'master.key'), 'utf8'),
      );
      const verify = await asylon(['audit', 'verify'], '', into);
      expect(verify.code).toBe(0);

      const again = await asylon(['restore', backupFile], '', into);
      expect(again.code).toBe(65);
      expect(again.stderr).toContain('already holds data');
    } finally {
      fs.rmSync(restored, { recursive: true, force: true });
    }
  });

  it('exits non-zero and names the first bad entry when the chain was tampered with', async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir });
    await db.withOwner((o) =>
      o.query(`UPDATE audit_events SET action = 'user.deleted' WHERE seq = 2`),
    );
    await db.close();
    const verify = await asylon(['audit', 'verify']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/BROKEN at event 2: hash_mismatch/);
  });
});

describe.runIf(onPostgres)('asylon migrate-to', () => {
  const name = `${TEST_DB_PREFIX}${crypto.randomBytes(6).toString('hex')}`;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-migrate-to-'));
    await withAdmin((c) => c.query(`CREATE DATABASE ${name} OWNER ${OWNER_ROLE}`));
  });
  afterAll(async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  it('copies an embedded installation into an empty PostgreSQL database and checks it', async () => {
    const created = await asylon(
      [
        'users',
        'create',
        '--email',
        'admin@example.org',
        '--role',
        'administrator',
        '--password-stdin',
      ],
      'a long enough password 1',
    );
    expect(created.code).toBe(0);
    const urls = [
      '--database-url',
      urlFor(APP_ROLE, name),
      '--owner-url',
      urlFor(OWNER_ROLE, name),
    ];
    const moved = await asylon(['migrate-to', ...urls]);
    expect(moved.stderr).toBe('');
    expect(moved.stdout).toMatch(
      /Copied \d+ tables, \d+ rows into PostgreSQL; every table's digest matches/,
    );
    expect(moved.stdout).toContain(`DATABASE_URL=${urlFor(APP_ROLE, name)}`);
    expect(moved.code).toBe(0);

    const onPg = {
      DATABASE_URL: urlFor(APP_ROLE, name),
      DATABASE_OWNER_URL: urlFor(OWNER_ROLE, name),
    };
    const verify = await asylon(['audit', 'verify'], '', onPg);
    expect(verify.stdout).toMatch(/intact, \d+ events/);
    expect(verify.code).toBe(0);
    const again = await asylon(['migrate-to', ...urls]);
    expect(again.code).toBe(65);
    expect(again.stderr).toContain('already holds data');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupKeys,
  restoreBackup,
  RestoreRefused,
  writeBackup,
} from '../src/platform/backup/backup.ts';
import { BackupFileError } from '../src/platform/backup/sealed-stream.ts';
import { digestTables, type Digests } from '../src/platform/backup/tables.ts';
import { verifyAllChains } from '../src/platform/audit/verify.ts';
import type { Database } from '../src/platform/db/database.ts';
import { loadDemo } from '../src/modules/demo/service.ts';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';
import { createEmptyTestDatabase } from './helpers/db.ts';

const PASSPHRASE = 'correct horse battery staple';
let t: TestApp;
let dir: string;
let file: string;
let source: Digests;

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-backup-'));
  file = path.join(dir, 'asylon.backup');
  // Audited work through the API, demo persons with histories, and a merged record pointing at
  // its survivor (a reference within one table).
  const clerk = await signedIn(t, ['registration_clerk']);
  const created = await clerk.as('POST', '/api/v1/persons', {
    names: [{ given: 'Ardita', family: 'Krasniqi' }],
    sex: 'F',
    birthYear: 1991,
  });
  expect(created.statusCode).toBe(201);
  await loadDemo(t.platform, t.operationId, { persons: 120, seed: 3 });
  await t.platform.database.withOwner((o) =>
    o.exec(`UPDATE persons SET merged_into = (SELECT max(id::text)::uuid FROM persons)
             WHERE id = (SELECT min(id::text)::uuid FROM persons)`),
  );
  source = await t.platform.database.withOwner(digestTables);
}, 120_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('writes a sealed backup, checked after writing, with every table and its digest', async () => {
    const digests = await writeBackup(
      t.platform.database,
      backupKeys(t.platform.keys),
      file,
      PASSPHRASE,
    );
    expect(digests).toEqual(source);
    expect(digests.persons!.rows).toBeGreaterThan(120);
    expect(digests.audit_events!.rows).toBeGreaterThan(0);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    // Nothing of the content is readable without the passphrase.
    expect(fs.readFileSync(file).includes(Buffer.from('Krasniqi'))).toBe(false);
    expect(fs.statSync(file).mode & 0o077).toBe(0);
  });

  it('restores into an empty database with identical digests and an audit chain that verifies', async () => {
    const target = await createEmptyTestDatabase();
    try {
      const result = await restoreBackup(target, file, PASSPHRASE);
      expect(result.upgraded).toEqual([]);
      expect(await target.withOwner(digestTables)).toEqual(source);
      const chains = await verifyAllChains(target.db, t.platform.keys.auditSigning.publicKey);
      expect(chains.length).toBeGreaterThan(0);
      expect(chains.every((c) => c.result.ok)).toBe(true);
    } finally {
      await target.close();
    }
  }, 120_000);

  it('refuses a database that holds data unless told to replace it', async () => {
    const target = await createEmptyTestDatabase();
    try {
      await restoreBackup(target, file, PASSPHRASE);
      await target.withOwner((o) =>
        o.exec(
          `UPDATE persons SET sex = CASE WHEN sex = 'M' THEN 'F' ELSE 'M' END WHERE id = (SELECT min(id::text)::uuid FROM persons)`,
        ),
      );
      const refused = await restoreBackup(target, file, PASSPHRASE).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RestoreRefused);
      expect((refused as Error).message).toMatch(/already holds data.*--replace/);
      expect(await target.withOwner(digestTables)).not.toEqual(source); // untouched

      await restoreBackup(target, file, PASSPHRASE, { replace: true });
      expect(await target.withOwner(digestTables)).toEqual(source);
    } finally {
      await target.close();
    }
  }, 120_000);

  it('refuses a wrong passphrase, an altered file and a cut-short file, writing nothing', async () => {
    const bytes = fs.readFileSync(file);
    const altered = path.join(dir, 'altered.backup');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length >> 1]! ^= 1;
    fs.writeFileSync(altered, flipped);
    const cut = path.join(dir, 'cut.backup');
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 100));

    const target: Database = await createEmptyTestDatabase();
    try {
      for (const [f, pass, message] of [
        [file, 'not the passphrase at all', /passphrase is wrong/],
        [altered, PASSPHRASE, /passphrase is wrong, or the file was altered/],
        [cut, PASSPHRASE, /cut short|incomplete/],
      ] as const) {
        const error = await restoreBackup(target, f, pass).catch((e: unknown) => e);
        expect(error, f).toBeInstanceOf(Error);
        expect(error instanceof BackupFileError || error instanceof RestoreRefused, f).toBe(true);
        expect((error as Error).message).toMatch(message);
      }
      const persons = await target.withOwner(async (o) => {
        const [table] = await o.query<{ name: string | null }>(
          "SELECT to_regclass('public.persons')::text AS name",
        );
        if (!table?.name) return 0;
        return (await o.query<{ n: number }>('SELECT count(*)::int AS n FROM persons'))[0]!.n;
      });
      expect(persons).toBe(0);
    } finally {
      await target.close();
    }
  }, 120_000);
});

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database, OwnerSession } from '../src/platform/db/database.ts';
import { listMigrations, migrate } from '../src/platform/db/migrate.ts';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';
import { createEmptyTestDatabase, createTestDatabase } from './helpers/db.ts';

// Upgrades from every released version: each file in test/fixtures/releases is the database of
// a release, made by that release's own commands (scripts/release-snapshot.ts). Loaded and
// migrated, it must end with exactly the schema of a fresh installation and keep its data
// usable: people found by search, the audit chain intact.

const RELEASES = path.resolve('test/fixtures/releases');
const releases = fs.readdirSync(RELEASES).filter((f) => f.endsWith('.sql.gz'));

/** Everything a migration defines, as comparable text, one list per kind of object. */
async function schemaOf(owner: OwnerSession): Promise<Record<string, string[]>> {
  const own = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`;
  const queries: Record<string, string> = {
    columns: `SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                || ' ' || coalesce(column_default, '') AS x
              FROM information_schema.columns WHERE table_schema = 'public'`,
    constraints: `SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS x
                  FROM pg_constraint WHERE connamespace = 'public'::regnamespace`,
    indexes: `SELECT indexdef AS x FROM pg_indexes WHERE schemaname = 'public'`,
    policies: `SELECT tablename || ' ' || policyname || ' ' || cmd || ' ' || coalesce(qual, '')
                 || ' ' || coalesce(with_check, '') AS x
               FROM pg_policies WHERE schemaname = 'public'`,
    security: `SELECT relname || ' ' || relrowsecurity || ' ' || relforcerowsecurity AS x
               FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'`,
    functions: `SELECT pg_get_functiondef(p.oid) AS x FROM pg_proc p
                WHERE p.pronamespace = 'public'::regnamespace AND p.prokind = 'f' AND ${own}`,
    triggers: `SELECT pg_get_triggerdef(oid) AS x FROM pg_trigger WHERE NOT tgisinternal`,
  };
  const out: Record<string, string[]> = {};
  for (const [kind, query] of Object.entries(queries))
    out[kind] = (await owner.query<{ x: string }>(query)).map((r) => r.x).sort();
  return out;
}

let fresh: Record<string, string[]>;
const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of open) await o.close();
});

async function freshSchema(): Promise<Record<string, string[]>> {
  if (!fresh) {
    const db = await createTestDatabase();
    fresh = await db.withOwner(schemaOf);
    await db.close();
  }
  return fresh;
}

describe.each(releases)('upgrading the database of release %s', (file) => {
  let database: Database;
  let t: TestApp;
  let applied: string[];
  let before: { persons: number; audit: number };

  it('loads the release and applies every migration after it', async () => {
    database = await createEmptyTestDatabase();
    open.push(database);
    const dump = zlib.gunzipSync(fs.readFileSync(path.join(RELEASES, file))).toString('utf8');
    const counts = (owner: OwnerSession) =>
      owner.query<{ persons: number; audit: number }>(
        `SELECT (SELECT count(*)::int FROM persons) AS persons,
                (SELECT count(*)::int FROM audit_events) AS audit`,
      );
    const had = await database.withOwner(async (owner) => {
      await owner.exec(dump);
      return owner.query<{ version: string }>('SELECT version FROM schema_migrations');
    });
    [before] = (await database.withOwner(counts)) as [{ persons: number; audit: number }];
    expect(before.persons).toBeGreaterThan(0);
    applied = await migrate(database);
    const all = listMigrations().map((m) => `${m.version}_${m.name}`);
    expect(applied).toEqual(all.slice(had.length));
    expect(await database.withOwner(counts)).toEqual([before]);
  });

  it('ends with exactly the schema of a fresh installation', async () => {
    const upgraded = await database.withOwner(schemaOf);
    const expected = await freshSchema();
    for (const kind of Object.keys(expected)) {
      const missing = expected[kind]!.filter((x) => !upgraded[kind]!.includes(x));
      const extra = upgraded[kind]!.filter((x) => !expected[kind]!.includes(x));
      expect({ kind, missing, extra }).toEqual({ kind, missing: [], extra: [] });
    }
  });

  it('keeps the data usable: the audit chain verifies and search finds the people', async () => {
    t = await createTestApp({}, { database });
    const auditor = await signedIn(t, ['auditor']);
    const verify = await auditor.as('GET', '/api/v1/audit/verify');
    expect(verify.statusCode).toBe(200);
    expect(verify.json().ok).toBe(true);

    const clerk = await signedIn(t, ['registration_clerk']);
    const people = await database.withOwner((owner) =>
      owner.query<{ id: string; names: { given: string; family: string }[]; birth_year: number }>(
        'SELECT id, names, birth_year FROM persons ORDER BY id LIMIT 10',
      ),
    );
    for (const p of people) {
      const { given, family } = p.names[0]!;
      const q = encodeURIComponent(`${given} ${family}`);
      const res = await clerk.as('GET', `/api/v1/persons/search?q=${q}&birthYear=${p.birth_year}`);
      expect(res.statusCode).toBe(200);
      expect(
        res.json().items.map((i: { id: string }) => i.id),
        `${given} ${family}`,
      ).toContain(p.id);
    }
  });
});

import crypto from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database, OwnerSession } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));
const MIGRATION_LOCK = 7_271_001; // advisory lock key: one migrator at a time

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(dir + file, 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        sql,
        checksum: crypto.createHash('sha256').update(sql).digest('hex'),
      };
    });
}

function quoteIdent(name: string): string {
  return '"' + name.replaceAll('"', '""') + '"';
}

async function applyPending(owner: OwnerSession, migrations: Migration[]): Promise<string[]> {
  await owner.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = new Map(
    (
      await owner.query<{ version: string; checksum: string }>(
        'SELECT version, checksum FROM schema_migrations',
      )
    ).map((r) => [r.version, r.checksum]),
  );
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...applied.keys()].filter((v) => !known.has(v));
  if (unknown.length) {
    throw new MigrationError(
      `The database has migration(s) ${unknown.join(', ')} that this version of Asylon does not know: it is newer than the code. Upgrade Asylon.`,
    );
  }
  const done: string[] = [];
  for (const m of migrations) {
    const checksum = applied.get(m.version);
    if (checksum !== undefined) {
      if (checksum !== m.checksum) {
        throw new MigrationError(
          `Migration ${m.version}_${m.name} was changed after it was applied. Migrations are forward-only: add a new one instead.`,
        );
      }
      continue;
    }
    const escaped = (s: string) => s.replaceAll("'", "''");
    await owner.exec(
      `BEGIN;\n${m.sql}\n;INSERT INTO schema_migrations (version, name, checksum) VALUES ('${m.version}', '${escaped(m.name)}', '${m.checksum}');\nCOMMIT;`,
    );
    done.push(`${m.version}_${m.name}`);
  }
  return done;
}

/** Applies every pending migration, in order, each in its own transaction. Returns what was applied. */
export async function migrate(
  database: Database,
  migrations = listMigrations(),
): Promise<string[]> {
  return database.withOwner(async (owner) => {
    if (database.kind === 'postgres')
      await owner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const done = await applyPending(owner, migrations);
      if (database.appRole) {
        const grants = fs.readFileSync(MIGRATIONS_DIR + 'grants.sql', 'utf8');
        await owner.exec(grants.replaceAll(':app_role', quoteIdent(database.appRole)));
      }
      return done;
    } catch (e) {
      if (database.kind === 'pglite') await owner.exec('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      if (database.kind === 'postgres')
        await owner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}

export interface RoleCheck {
  ok: boolean;
  problem?: string;
}

/**
 * On PostgreSQL the application must not be able to step around row-level security:
 * no superuser, no BYPASSRLS, and not the owner of the tables.
 */
export async function checkApplicationRole(database: Database): Promise<RoleCheck> {
  if (database.kind !== 'postgres') return { ok: true };
  const { rows } = await sql<{ rolsuper: boolean; rolbypassrls: boolean; owns: number }>`
    SELECT r.rolsuper, r.rolbypassrls,
      (SELECT count(*)::int FROM pg_tables t
        WHERE t.schemaname = 'public' AND t.tableowner = current_user) AS owns
    FROM pg_roles r WHERE r.rolname = current_user`.execute(database.db);
  const r = rows[0];
  if (!r) return { ok: false, problem: 'could not read the role of DATABASE_URL' };
  const why = r.rolsuper
    ? 'is a superuser'
    : r.rolbypassrls
      ? 'has BYPASSRLS'
      : r.owns > 0
        ? 'owns the tables'
        : null;
  if (!why) return { ok: true };
  return {
    ok: false,
    problem:
      `The role in DATABASE_URL ${why}, so row-level security would not protect the data. ` +
      'Connect as a separate role with NOSUPERUSER NOBYPASSRLS that does not own the schema; see "Running on PostgreSQL" in README.md.',
  };
}

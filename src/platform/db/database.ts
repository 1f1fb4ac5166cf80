import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PgliteClient } from './pglite-client.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import { lockDataDir } from './lock.ts';
import type { PlatformTables } from './schema.ts';

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null; loadDataDir?: ArrayBuffer; lockPurpose?: string }
  | { kind: 'postgres'; url: string; ownerUrl: string | null };

export interface OwnerSession {
  query<R>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script of several statements. */
  exec(sql: string): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Kysely<PlatformTables>;
  /** Runs work as the schema owner on one session (migrations). */
  withOwner<T>(fn: (owner: OwnerSession) => Promise<T>): Promise<T>;
  /** The PostgreSQL role the application connects as (null on the embedded database). */
  appRole: string | null;
  /** A copy of the embedded database's files (embedded only). */
  dumpEmbedded(): Promise<ArrayBuffer>;
  close(): Promise<void>;
}

// Same value shapes as the embedded driver: int8 as number, date as 'YYYY-MM-DD'.
type Parser = (value: string) => unknown;
const builtin = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => Parser;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): Parser {
    if (oid === 20) return (v) => Number(v);
    if (oid === 1082) return (v) => v;
    return builtin(oid, format);
  },
};

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  return target.kind === 'pglite' ? openEmbedded(target) : Promise.resolve(openPostgres(target));
}

async function openEmbedded(
  target: Extract<DatabaseTarget, { kind: 'pglite' }>,
): Promise<Database> {
  const unlock = target.dataDir
    ? lockDataDir(target.dataDir, target.lockPurpose ?? 'asylon')
    : () => undefined;
  let client: PgliteClient;
  try {
    client = await PgliteClient.open({
      dataDir: target.dataDir ? path.join(target.dataDir, 'pg') : null,
      loadDataDir: target.loadDataDir ?? null,
    });
  } catch (e) {
    unlock();
    throw e;
  }
  const db = new Kysely<PlatformTables>({ dialect: new PgliteDialect(client) });
  return {
    kind: 'pglite',
    db,
    appRole: null,
    withOwner: (fn) =>
      fn({
        query: async <R>(sql: string, params: unknown[] = []) =>
          (await client.query<R>(sql, params)).rows,
        exec: (sql) => client.exec(sql),
      }),
    dumpEmbedded: () => client.dump(),
    async close() {
      await db.destroy();
      await client.close();
      unlock();
    },
  };
}

function openPostgres(target: Extract<DatabaseTarget, { kind: 'postgres' }>): Database {
  const pool = new pg.Pool({ connectionString: target.url, types: pgTypes, max: 10 });
  pool.on('error', () => undefined); // an idle client's error surfaces on its next use
  const db = new Kysely<PlatformTables>({ dialect: new PostgresDialect({ pool }) });
  const appRole = decodeURIComponent(new URL(target.url).username) || null;
  return {
    kind: 'postgres',
    db,
    appRole,
    async withOwner(fn) {
      if (!target.ownerUrl) throw new Error('DATABASE_OWNER_URL is required to change the schema.');
      const owner = new pg.Client({ connectionString: target.ownerUrl, types: pgTypes });
      await owner.connect();
      try {
        return await fn({
          query: async <R>(sql: string, params: unknown[] = []) =>
            (await owner.query(sql, params)).rows as R[],
          exec: async (sql) => {
            await owner.query(sql);
          },
        });
      } finally {
        await owner.end();
      }
    },
    dumpEmbedded: () => Promise.reject(new Error('not an embedded database')),
    close: () => db.destroy(),
  };
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db/database.ts';
import {
  adminUrl,
  APP_ROLE,
  OWNER_ROLE,
  TEMPLATE_DB,
  TEST_DB_PREFIX,
  urlFor,
  withAdmin,
} from './pg-admin.ts';

export const onPostgres = adminUrl() !== null;

/** A migrated database of its own for one test file: PGlite in memory, or a PostgreSQL clone. */
export async function createTestDatabase(): Promise<Database> {
  if (!onPostgres) {
    const file = inject('pgliteTemplate');
    const bytes = fs.readFileSync(file);
    const loadDataDir = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return openDatabase({ kind: 'pglite', dataDir: null, loadDataDir });
  }
  return postgresTestDatabase(`TEMPLATE ${TEMPLATE_DB}`);
}

/** A database with nothing in it, not even the schema: PGlite in memory, or a new PostgreSQL one. */
export async function createEmptyTestDatabase(): Promise<Database> {
  if (!onPostgres) return openDatabase({ kind: 'pglite', dataDir: null });
  return postgresTestDatabase('');
}

/** A new PostgreSQL database for one test file, dropped when closed. */
async function postgresTestDatabase(template: string): Promise<Database> {
  const name = TEST_DB_PREFIX + crypto.randomBytes(6).toString('hex');
  await withAdmin((c) => c.query(`CREATE DATABASE ${name} ${template} OWNER ${OWNER_ROLE}`));
  const database = await openDatabase({
    kind: 'postgres',
    url: urlFor(APP_ROLE, name),
    ownerUrl: urlFor(OWNER_ROLE, name),
  });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  return database;
}

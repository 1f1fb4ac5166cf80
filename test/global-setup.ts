import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.ts';
import { listMigrations, migrate } from '../src/platform/db/migrate.ts';
import {
  adminUrl,
  APP_ROLE,
  OWNER_ROLE,
  TEMPLATE_DB,
  TEST_DB_PREFIX,
  urlFor,
  withAdmin,
} from './helpers/pg-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/** Migrates once, then every test file starts from a copy of the result. */
export default async function setup(project: TestProject) {
  if (adminUrl()) {
    await withAdmin(async (c) => {
      for (const db of (
        await c.query(
          `SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}%' OR datname = '${TEMPLATE_DB}'`,
        )
      ).rows as { datname: string }[]) {
        await c.query(`DROP DATABASE IF EXISTS "${db.datname}" WITH (FORCE)`);
      }
      for (const [role, attrs] of [
        [OWNER_ROLE, 'LOGIN NOSUPERUSER CREATEDB'],
        [APP_ROLE, 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB'],
      ]) {
        const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
        await c.query(`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${role} ${attrs}`);
      }
      await c.query(`CREATE DATABASE ${TEMPLATE_DB} OWNER ${OWNER_ROLE}`);
    });
    const database = await openDatabase({
      kind: 'postgres',
      url: urlFor(APP_ROLE, TEMPLATE_DB),
      ownerUrl: urlFor(OWNER_ROLE, TEMPLATE_DB),
    });
    await migrate(database);
    await database.close();
    project.provide('pgliteTemplate', '');
    return async () => {
      await withAdmin(async (c) => {
        const dbs = await c.query(
          `SELECT datname FROM pg_database WHERE datname LIKE '${TEST_DB_PREFIX}%'`,
        );
        for (const { datname } of dbs.rows as { datname: string }[])
          await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      });
    };
  }

  const digest = crypto.createHash('sha256');
  for (const m of listMigrations()) digest.update(m.checksum);
  const file = path.join(
    os.tmpdir(),
    `asylon-pglite-template-${digest.digest('hex').slice(0, 16)}.tar`,
  );
  if (!fs.existsSync(file)) {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(database);
    const dump = await database.dumpEmbedded();
    await database.close();
    fs.writeFileSync(file + '.tmp', Buffer.from(dump));
    fs.renameSync(file + '.tmp', file);
  }
  project.provide('pgliteTemplate', file);
}

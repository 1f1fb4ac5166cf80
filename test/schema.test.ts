import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inTransaction } from '../src/platform/db/context.ts';
import type { Database } from '../src/platform/db/database.ts';
import { createTestDatabase } from './helpers/db.ts';

/** The scale-out plan and the second line of defence, checked on the schema itself. */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

// Tables without operation_id: reference data replicated to every node, or pre-tenant lookups.
const GLOBAL_TABLES = ['operations', 'setup_tokens', 'schema_migrations'];

it('leads every primary, unique and foreign key of an operation table with operation_id', async () => {
  const { rows } = await sql<{ table: string; name: string; type: string; first: string }>`
    SELECT c.relname AS table, con.conname AS name, con.contype AS type, a.attname AS first
    FROM pg_constraint con
    JOIN pg_class c ON c.oid = con.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = con.conkey[1]
    WHERE con.contype IN ('p', 'u', 'f')`.execute(database.db);
  const idx = await sql<{ table: string; name: string; def: string }>`
    SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes
    WHERE schemaname = 'public' AND indexdef LIKE 'CREATE UNIQUE%'`.execute(database.db);
  const operationTables = rows.filter((r) => !GLOBAL_TABLES.includes(r.table));
  expect(operationTables.length).toBeGreaterThan(10);
  const bad = operationTables
    .filter((r) => r.first !== 'operation_id')
    .map((r) => `${r.table}.${r.name}`);
  // Documented exceptions: global lookups that sign-in needs before the operation is known.
  const allowed = ['users_email_key', 'users_id_key', 'sessions_token_key', 'api_tokens_token_key'];
  const badUnique = idx.rows
    .filter((i) => !GLOBAL_TABLES.includes(i.table) && !allowed.includes(i.name))
    .filter((i) => !/\(operation_id[,)]/.test(i.def))
    .map((i) => i.name);
  expect(bad).toEqual([]);
  expect(badUnique).toEqual([]);
});

it('turns row-level security on for every table that carries operation data', async () => {
  const { rows } = await sql<{ table: string; rls: boolean }>`
    SELECT c.relname AS table, c.relrowsecurity AS rls FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    WHERE c.relkind = 'r'`.execute(database.db);
  const without = rows
    .filter((r) => !GLOBAL_TABLES.includes(r.table) && !r.rls)
    .map((r) => r.table);
  expect(rows.length).toBeGreaterThan(10);
  expect(without).toEqual([]);
});

it('sets the row-level-security context per transaction (SET LOCAL), never for the session', async () => {
  const operationId = '00000000-0000-4000-8000-00000000000a';
  const userId = '00000000-0000-4000-8000-00000000000b';
  const inside = await Promise.all(
    Array.from({ length: 10 }, () =>
      inTransaction(database.db, { operationId, userId }, async (trx) => {
        const { rows } = await sql<{
          op: string;
        }>`SELECT current_setting('app.operation_id', true) AS op`.execute(trx);
        return rows[0]!.op;
      }),
    ),
  );
  expect(inside).toEqual(Array(10).fill(operationId));
  // Every pooled connection, asked outside a transaction, holds nothing of it any more.
  const after = await Promise.all(
    Array.from({ length: 10 }, async () => {
      const { rows } = await sql<{ op: string | null; user: string | null }>`
        SELECT current_setting('app.operation_id', true) AS op, current_setting('app.user_id', true) AS user`.execute(
        database.db,
      );
      return rows[0]!;
    }),
  );
  for (const row of after) {
    expect(row.op ?? '').toBe('');
    expect(row.user ?? '').toBe('');
  }
  // Where Citus would send the statement, it can send the setting: a SET LOCAL, not set_config().
  const source = fs.readFileSync('src/platform/db/context.ts', 'utf8');
  expect(source).toMatch(/SET LOCAL app\.operation_id/);
  expect(source).not.toMatch(/set_config\(/);
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import { checkApplicationRole } from '../src/platform/db/migrate.ts';
import { inTransaction } from '../src/platform/db/context.ts';
import { createTestApp, createUser, type TestApp } from './helpers/app.ts';
import { onPostgres } from './helpers/db.ts';
import { adminUrl } from './helpers/pg-admin.ts';

/**
 * Row-level security as the second line: queries that skip every application check (no WHERE,
 * no policy function) still see only the rows of the operation in the transaction's context.
 */
describe.runIf(onPostgres)('row-level security on PostgreSQL', () => {
  let t: TestApp;
  let other: string;
  const tables = [
    'users',
    'agencies',
    'sites',
    'sessions',
    'api_tokens',
    'recovery_codes',
    'audit_events',
    'audit_heads',
    'audit_checkpoints',
    'idempotency_keys',
  ] as const;

  beforeAll(async () => {
    t = await createTestApp();
    other = (
      await t.platform.database.withOwner((o) =>
        o.query<{ id: string }>(
          "INSERT INTO operations (code, name) VALUES ('other', 'Other operation') RETURNING id",
        ),
      )
    )[0]!.id;
    await createUser(t, ['caseworker'], { agency: 'Agency A' });
    await createUser(t, ['administrator']);
    await t.platform.database.withOwner(async (o) => {
      await o.query(`INSERT INTO agencies (operation_id, name) VALUES ($1, 'Agency B')`, [other]);
      await o.query(
        `INSERT INTO users (operation_id, email, display_name, roles, password_hash) VALUES ($1, 'b@example.org', 'B', '{caseworker}', 'x')`,
        [other],
      );
      await o.query(`INSERT INTO sites (operation_id, name, type) VALUES ($1, 'Site B', 'camp')`, [
        other,
      ]);
    });
  });
  afterAll(() => t?.close());

  const countAll = async (context: { operationId: string; userId: null } | null) => {
    const counts: Record<string, number> = {};
    await inTransaction(t.platform.db, context, async (trx) => {
      for (const table of tables) {
        const { rows } = await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx);
        counts[table] = rows[0]!.n;
      }
    });
    return counts;
  };

  it('shows nothing at all without an operation context', async () => {
    const counts = await countAll(null);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it('shows only the operation of the context, whatever the query asks', async () => {
    const a = await countAll({ operationId: t.operationId, userId: null });
    const b = await countAll({ operationId: other, userId: null });
    expect(a.users).toBe(2);
    expect(b.users).toBe(1);
    expect(b.agencies).toBe(1);
    expect(b.sites).toBe(1);
    const leaked = await inTransaction(t.platform.db, { operationId: other, userId: null }, (trx) =>
      trx.selectFrom('users').select('email').execute(),
    );
    expect(leaked.map((u) => u.email)).toEqual(['b@example.org']);
  });

  it('does not carry the context over to the next transaction on the same connection', async () => {
    await countAll({ operationId: t.operationId, userId: null });
    const after = await countAll(null);
    expect(after.users).toBe(0);
  });

  it('refuses to start as a superuser', async () => {
    const superuser = await openDatabase({ kind: 'postgres', url: adminUrl()!, ownerUrl: null });
    try {
      const check = await checkApplicationRole(superuser);
      expect(check.ok).toBe(false);
      expect(check.problem).toMatch(/superuser/);
    } finally {
      await superuser.close();
    }
    expect((await checkApplicationRole(t.platform.database)).ok).toBe(true);
  });
});

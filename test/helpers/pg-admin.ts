import pg from 'pg';

/**
 * On PostgreSQL the suites run as the real thing: a schema owner, and a separate application
 * role without superuser or BYPASSRLS, in a fresh database per test file cloned from a migrated template.
 */
export const OWNER_ROLE = 'asylon_test_owner';
export const APP_ROLE = 'asylon_test_app';
export const TEMPLATE_DB = 'asylon_test_template';
export const TEST_DB_PREFIX = 'asylon_t_';

export function adminUrl(): string | null {
  return process.env.DATABASE_URL || null;
}

export function urlFor(role: string, database: string): string {
  const u = new URL(adminUrl()!);
  u.username = role;
  u.password = '';
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl()! });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

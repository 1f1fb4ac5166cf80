import { sql, type Kysely } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import type { PlatformTables } from '../../platform/db/schema.ts';

export async function countUsers(db: Kysely<PlatformTables> | Tx): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT auth_user_count() AS n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export async function insertSetupToken(db: Kysely<PlatformTables>, hash: Buffer): Promise<void> {
  await db.insertInto('setup_tokens').values({ token_hash: hash, used_at: null }).execute();
}

/** Serialises concurrent setups and reports whether this token may still be used. */
export async function claimSetupToken(trx: Tx, hash: Buffer, now: Date): Promise<boolean> {
  await sql`SELECT pg_advisory_xact_lock(7271002)`.execute(trx);
  const row = await trx
    .selectFrom('setup_tokens')
    .select('token_hash')
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (!row || (await countUsers(trx)) > 0) return false;
  await trx
    .updateTable('setup_tokens')
    .set({ used_at: now })
    .where('used_at', 'is', null)
    .execute();
  return true;
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { PlatformTables } from './schema.ts';

/** Who a transaction acts for: row-level security policies read these settings. */
export interface DbContext {
  operationId: string;
  userId: string | null;
  /** The application's clock, for policies with expiry (break-glass); default: the database's. */
  now?: Date;
}

export type Tx = Transaction<PlatformTables>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function literal(id: string): string {
  // SET takes no bind parameters; only a validated uuid is ever spliced in.
  if (!UUID.test(id)) throw new Error('invalid uuid in database context');
  return `'${id}'`;
}

/**
 * One unit of work: a transaction whose row-level-security context is set with SET LOCAL
 * (which Citus propagates), so it ends with the transaction and never leaks to the next user
 * of the connection.
 */
export async function inTransaction<T>(
  db: Kysely<PlatformTables>,
  context: DbContext | null,
  work: (trx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (context) {
      await sql.raw(`SET LOCAL app.operation_id = ${literal(context.operationId)}`).execute(trx);
      if (context.userId)
        await sql.raw(`SET LOCAL app.user_id = ${literal(context.userId)}`).execute(trx);
      if (context.now)
        await sql.raw(`SET LOCAL app.now = '${context.now.toISOString()}'`).execute(trx);
    }
    return work(trx);
  });
}

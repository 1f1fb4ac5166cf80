import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';

/** The operation's small-cell threshold setting, if set (operations.settings). */
export async function suppressionSetting(trx: Tx, operationId: string): Promise<number | null> {
  const { rows } = await sql<{ threshold: number | null }>`
    SELECT (settings->>'suppressionThreshold')::int AS threshold
    FROM operations WHERE id = ${operationId}`.execute(trx);
  return rows[0]?.threshold ?? null;
}

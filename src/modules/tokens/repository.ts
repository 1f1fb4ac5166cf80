import type { Tx } from '../../platform/db/context.ts';

export function insertApiToken(
  trx: Tx,
  t: {
    operationId: string;
    userId: string;
    name: string;
    hash: Buffer;
    now: Date;
    expiresAt: Date;
  },
) {
  return trx
    .insertInto('api_tokens')
    .values({
      operation_id: t.operationId,
      user_id: t.userId,
      name: t.name,
      token_hash: t.hash,
      created_at: t.now,
      expires_at: t.expiresAt,
    })
    .returning(['id', 'name', 'created_at', 'expires_at', 'last_used_at'])
    .executeTakeFirstOrThrow();
}

export function listApiTokens(trx: Tx, operationId: string, userId: string) {
  return trx
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'expires_at', 'last_used_at'])
    .where('operation_id', '=', operationId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiToken(
  trx: Tx,
  operationId: string,
  userId: string,
  id: string,
  now: Date,
) {
  const r = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('operation_id', '=', operationId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

import { sql, type Kysely } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import type { PlatformTables } from '../../platform/db/schema.ts';

export interface LoginRow {
  operation_id: string;
  id: string;
  password_hash: string;
  status: string;
}

/** Sign-in by email, before the operation is known: through the SECURITY DEFINER lookup. */
export async function findLogin(
  db: Kysely<PlatformTables>,
  email: string,
): Promise<LoginRow | undefined> {
  const { rows } = await sql<LoginRow>`
    SELECT operation_id, id, password_hash, status FROM auth_find_login(${email})`.execute(db);
  return rows[0];
}

export function getUser(trx: Tx, operationId: string, userId: string) {
  return trx
    .selectFrom('users')
    .selectAll()
    .where('operation_id', '=', operationId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function setPendingTotp(
  trx: Tx,
  operationId: string,
  userId: string,
  box: Buffer,
): Promise<void> {
  await trx
    .updateTable('users')
    .set({ totp_pending_secret: box })
    .where('operation_id', '=', operationId)
    .where('id', '=', userId)
    .execute();
}

export async function confirmTotp(
  trx: Tx,
  operationId: string,
  userId: string,
  c: { secret: Buffer; step: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('users')
    .set({
      totp_secret: c.secret,
      totp_pending_secret: null,
      totp_enrolled_at: c.at,
      totp_last_step: c.step,
    })
    .where('operation_id', '=', operationId)
    .where('id', '=', userId)
    .execute();
}

/** Records the step of a used code; false when it (or a later one) was already used. */
export async function useTotpStep(
  trx: Tx,
  operationId: string,
  userId: string,
  step: number,
): Promise<boolean> {
  const r = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('operation_id', '=', operationId)
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function replaceRecoveryCodes(
  trx: Tx,
  operationId: string,
  userId: string,
  hashes: Buffer[],
) {
  await trx
    .deleteFrom('recovery_codes')
    .where('operation_id', '=', operationId)
    .where('user_id', '=', userId)
    .execute();
  if (hashes.length === 0) return;
  await trx
    .insertInto('recovery_codes')
    .values(
      hashes.map((h) => ({
        operation_id: operationId,
        user_id: userId,
        code_hash: h,
        used_at: null,
      })),
    )
    .execute();
}

export async function useRecoveryCode(
  trx: Tx,
  operationId: string,
  userId: string,
  hash: Buffer,
  now: Date,
) {
  const r = await trx
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('operation_id', '=', operationId)
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function setPassword(
  trx: Tx,
  operationId: string,
  userId: string,
  hash: string,
  now: Date,
) {
  await trx
    .updateTable('users')
    .set((eb) => ({
      password_hash: hash,
      password_changed_at: now,
      version: eb('version', '+', 1),
    }))
    .where('operation_id', '=', operationId)
    .where('id', '=', userId)
    .execute();
}

import { hashPassword } from '../../platform/auth/passwords.ts';
import { insertSession } from '../../platform/auth/session-store.ts';
import { randomToken, sha256 } from '../../platform/crypto/tokens.ts';
import { inTransaction } from '../../platform/db/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { statusFor, type LoginStatus } from '../auth/service.ts';
import { defaultOperationId } from '../operations/service.ts';
import { insertUserAccount, requireGoodPassword } from '../users/service.ts';
import * as repo from './repository.ts';

/** First run: while no user exists, a one-time link creates the first administrator. */

/** Is a first administrator still to be created? */
export async function setupNeeded(platform: Platform): Promise<boolean> {
  return (await repo.countUsers(platform.db)) === 0;
}

/** Creates a one-time first-run token while no user exists; returns null otherwise. */
export async function issueSetupToken(platform: Platform): Promise<string | null> {
  if (!(await setupNeeded(platform))) return null;
  const token = randomToken();
  await repo.insertSetupToken(platform.db, sha256(token));
  return token;
}

export async function completeSetup(
  platform: Platform,
  input: { token: string; email: string; displayName: string; password: string },
  requestId: string,
): Promise<{ sessionToken: string; status: LoginStatus }> {
  requireGoodPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const now = platform.now();
  const operation = { id: await defaultOperationId(platform) };
  return inTransaction(platform.db, { operationId: operation.id, userId: null }, async (trx) => {
    if (!(await repo.claimSetupToken(trx, sha256(input.token), now)))
      throw new AppError('setup_unavailable');
    const userId = await insertUserAccount(
      platform,
      trx,
      {
        operationId: operation.id,
        email: input.email,
        displayName: input.displayName,
        roles: ['administrator'],
        agencyId: null,
        passwordHash,
      },
      { actorId: null, requestId, now },
    );
    await platform.audit.append(trx, {
      operationId: operation.id,
      actorId: userId,
      action: 'setup.completed',
      entityType: 'user',
      entityId: userId,
      requestId,
      at: now,
    });
    const mfaVerifiedAt = platform.config.mfaRequired ? null : now;
    const sessionToken = await insertSession(trx, {
      operationId: operation.id,
      userId,
      mfaVerifiedAt,
      now,
    });
    return { sessionToken, status: statusFor(platform, false) };
  });
}

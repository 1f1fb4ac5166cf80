import type { RequestContext } from '../../platform/access/actor.ts';
import { randomToken, sha256 } from '../../platform/crypto/tokens.ts';
import { inTransaction } from '../../platform/db/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionInfo } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { findActiveAccount } from '../auth/service.ts';
import * as repo from './repository.ts';

/** Personal API tokens: a freshly verified second factor is needed to mint one (SECURITY.md). */
const FRESH_MFA_MS = 10 * 60_000;

const presentToken = (t: {
  id: string;
  name: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
}) => ({
  id: t.id,
  name: t.name,
  createdAt: t.created_at.toISOString(),
  expiresAt: t.expires_at.toISOString(),
  lastUsedAt: t.last_used_at?.toISOString() ?? null,
});

export async function createApiToken(
  platform: Platform,
  ctx: RequestContext,
  session: SessionInfo | null,
  input: { name: string; days: number },
) {
  const verifiedAt = session?.mfaVerifiedAt?.getTime() ?? 0;
  const fresh = !platform.config.mfaRequired || ctx.now.getTime() - verifiedAt <= FRESH_MFA_MS;
  if (!session || !fresh) throw new AppError('fresh_mfa_required');
  const { operationId, userId } = ctx.actor;
  const token = randomToken('asy_');
  return inTransaction(platform.db, { operationId, userId }, async (trx) => {
    const row = await repo.insertApiToken(trx, {
      operationId,
      userId,
      name: input.name,
      hash: sha256(token),
      now: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + input.days * 86_400_000),
    });
    await platform.audit.append(trx, {
      operationId,
      actorId: userId,
      action: 'auth.token_created',
      entityType: 'api_token',
      entityId: row.id,
      requestId: ctx.requestId,
      details: { days: input.days },
      at: ctx.now,
    });
    return { ...presentToken(row), token };
  });
}

/** For the command line: an administrator on the server's machine mints a token for a user. */
export async function createApiTokenForEmail(
  platform: Platform,
  email: string,
  days: number,
  name: string,
) {
  const found = await findActiveAccount(platform, email);
  if (!found) throw new AppError('not_found', { detail: 'No active user has that email.' });
  const now = platform.now();
  const token = randomToken('asy_');
  const { operationId, userId } = found;
  await inTransaction(platform.db, { operationId, userId }, async (trx) => {
    const row = await repo.insertApiToken(trx, {
      operationId,
      userId,
      name,
      hash: sha256(token),
      now,
      expiresAt: new Date(now.getTime() + days * 86_400_000),
    });
    await platform.audit.append(trx, {
      operationId,
      actorId: null,
      action: 'auth.token_created',
      entityType: 'api_token',
      entityId: row.id,
      details: { days, via: 'cli' },
      at: now,
    });
  });
  return token;
}

export async function listApiTokens(platform: Platform, ctx: RequestContext) {
  const { operationId, userId } = ctx.actor;
  const rows = await inTransaction(platform.db, { operationId, userId }, (trx) =>
    repo.listApiTokens(trx, operationId, userId),
  );
  return { items: rows.map(presentToken) };
}

export async function revokeApiToken(
  platform: Platform,
  ctx: RequestContext,
  id: string,
): Promise<void> {
  const { operationId, userId } = ctx.actor;
  await inTransaction(platform.db, { operationId, userId }, async (trx) => {
    if (!(await repo.revokeApiToken(trx, operationId, userId, id, ctx.now)))
      throw new AppError('not_found');
    await platform.audit.append(trx, {
      operationId,
      actorId: userId,
      action: 'auth.token_revoked',
      entityType: 'api_token',
      entityId: id,
      requestId: ctx.requestId,
      at: ctx.now,
    });
  });
}

import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import {
  hashPassword,
  verifyDummyPassword,
  verifyPassword,
} from '../../platform/auth/passwords.ts';
import {
  deleteSession,
  deleteUserSessions,
  insertSession,
  rotateSession,
} from '../../platform/auth/session-store.ts';
import { openSecret, sealSecret } from '../../platform/crypto/secret-box.ts';
import { sha256 } from '../../platform/crypto/tokens.ts';
import {
  base32Encode,
  generateTotpSecret,
  otpauthUrl,
  verifyTotp,
} from '../../platform/crypto/totp.ts';
import { inTransaction } from '../../platform/db/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { SessionInfo } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { requireGoodPassword } from '../users/service.ts';
import * as repo from './repository.ts';

export type LoginStatus = 'ok' | 'mfa_required' | 'mfa_enrolment_required';

const RECOVERY_CODES = 10;

const totpAad = (userId: string) => `totp:${userId}`;

/** What a password sign-in leads to: straight in, the TOTP step, or TOTP enrolment. */
export function statusFor(platform: Platform, enrolled: boolean): LoginStatus {
  if (!platform.config.mfaRequired) return 'ok';
  return enrolled ? 'mfa_required' : 'mfa_enrolment_required';
}

function rateLimited(seconds: number): AppError {
  return new AppError('rate_limited', { headers: { 'retry-after': String(seconds) } });
}

/**
 * Password sign-in. Unknown accounts, wrong passwords and disabled accounts get one answer in
 * about the same time (a dummy hash is verified for unknown ones).
 */
export async function login(
  platform: Platform,
  input: { email: string; password: string; ip: string },
  requestId: string,
): Promise<{ sessionToken: string; status: LoginStatus }> {
  const email = input.email.trim().toLowerCase();
  const wait = Math.max(
    platform.limiters.loginByIp.hit(input.ip),
    platform.limiters.loginByAccount.hit(email),
  );
  if (wait > 0) throw rateLimited(wait);
  const found = await repo.findLogin(platform.db, email);
  const ok = found
    ? await verifyPassword(found.password_hash, input.password)
    : await verifyDummyPassword(input.password);
  const now = platform.now();
  if (!found) throw new AppError('invalid_credentials');
  return inTransaction(
    platform.db,
    { operationId: found.operation_id, userId: found.id },
    async (trx) => {
      const audit = {
        operationId: found.operation_id,
        actorId: found.id,
        entityType: 'user',
        entityId: found.id,
        requestId,
        at: now,
      };
      if (!ok || found.status !== 'active') {
        await platform.audit.append(trx, {
          ...audit,
          action: 'auth.login_failed',
          details: { reason: ok ? 'disabled' : 'password' },
        });
        return null;
      }
      const user = await repo.getUser(trx, found.operation_id, found.id);
      const enrolled = Boolean(user?.totp_enrolled_at);
      const status = statusFor(platform, enrolled);
      const sessionToken = await insertSession(trx, {
        operationId: found.operation_id,
        userId: found.id,
        mfaVerifiedAt: status === 'ok' ? now : null,
        now,
      });
      await platform.audit.append(trx, { ...audit, action: 'auth.login', details: { status } });
      return { sessionToken, status };
    },
  ).then((r) => {
    if (!r) throw new AppError('invalid_credentials');
    platform.limiters.loginByAccount.reset(email);
    return r;
  });
}

export async function startTotpEnrolment(platform: Platform, session: SessionInfo) {
  const now = platform.now();
  return inTransaction(
    platform.db,
    { operationId: session.operationId, userId: session.userId },
    async (trx) => {
      const user = await repo.getUser(trx, session.operationId, session.userId);
      if (!user) throw new AppError('unauthenticated');
      // Replacing an enrolled factor needs an administrator's reset, not just a password.
      if (user.totp_enrolled_at)
        throw new AppError('forbidden', { detail: 'Two-factor sign-in is already set up.' });
      const secret = generateTotpSecret();
      await repo.setPendingTotp(
        trx,
        session.operationId,
        session.userId,
        sealSecret(platform.keys.masterKey, secret, totpAad(user.id)),
      );
      await platform.audit.append(trx, {
        operationId: session.operationId,
        actorId: user.id,
        action: 'auth.totp_enrolment_started',
        entityType: 'user',
        entityId: user.id,
        at: now,
      });
      return {
        secret: base32Encode(secret),
        otpauthUrl: otpauthUrl({ secret, account: user.email, issuer: 'Asylon' }),
      };
    },
  );
}

/**
 * Checks a TOTP code: confirms a pending enrolment (returning fresh recovery codes) or completes
 * the second step of sign-in. Either way the session token is replaced.
 */
export async function verifyTotpCode(
  platform: Platform,
  session: SessionInfo,
  code: string,
  requestId: string,
): Promise<{ sessionToken: string; recoveryCodes?: string[] }> {
  const wait = platform.limiters.mfaByUser.hit(session.userId);
  if (wait > 0) throw rateLimited(wait);
  const now = platform.now();
  const result = await inTransaction(
    platform.db,
    { operationId: session.operationId, userId: session.userId },
    async (trx) => {
      const user = await repo.getUser(trx, session.operationId, session.userId);
      if (!user) throw new AppError('unauthenticated');
      const audit = {
        operationId: session.operationId,
        actorId: user.id,
        entityType: 'user',
        entityId: user.id,
        requestId,
        at: now,
      };
      const box = user.totp_secret ?? user.totp_pending_secret;
      if (!box)
        throw new AppError('invalid_mfa_code', { detail: 'Start two-factor enrolment first.' });
      const secret = openSecret(platform.keys.masterKey, box, totpAad(user.id));
      const check = verifyTotp(secret, code, now, user.totp_secret ? user.totp_last_step : null);
      if (!check.ok) {
        await platform.audit.append(trx, { ...audit, action: 'auth.mfa_failed' });
        return null;
      }
      let recoveryCodes: string[] | undefined;
      if (user.totp_secret) {
        if (!(await repo.useTotpStep(trx, session.operationId, user.id, check.step))) return null;
        await platform.audit.append(trx, {
          ...audit,
          action: 'auth.mfa_verified',
          details: { method: 'totp' },
        });
      } else {
        await repo.confirmTotp(trx, session.operationId, user.id, {
          secret: box,
          step: check.step,
          at: now,
        });
        recoveryCodes = Array.from({ length: RECOVERY_CODES }, () =>
          crypto.randomBytes(5).toString('hex'),
        );
        await repo.replaceRecoveryCodes(
          trx,
          session.operationId,
          user.id,
          recoveryCodes.map((c) => sha256(c)),
        );
        await platform.audit.append(trx, { ...audit, action: 'auth.totp_enrolled' });
      }
      const sessionToken = await rotateSession(trx, session, { mfaVerifiedAt: now, now });
      return { sessionToken, recoveryCodes };
    },
  );
  if (!result) throw new AppError('invalid_mfa_code');
  platform.limiters.mfaByUser.reset(session.userId);
  return result;
}

export async function useRecoveryCode(
  platform: Platform,
  session: SessionInfo,
  code: string,
  requestId: string,
) {
  const wait = platform.limiters.mfaByUser.hit(session.userId);
  if (wait > 0) throw rateLimited(wait);
  const now = platform.now();
  const token = await inTransaction(
    platform.db,
    { operationId: session.operationId, userId: session.userId },
    async (trx) => {
      const normalised = code.replace(/[\s-]/g, '').toLowerCase();
      if (
        !(await repo.useRecoveryCode(
          trx,
          session.operationId,
          session.userId,
          sha256(normalised),
          now,
        ))
      )
        return null;
      await platform.audit.append(trx, {
        operationId: session.operationId,
        actorId: session.userId,
        action: 'auth.mfa_verified',
        entityType: 'user',
        entityId: session.userId,
        requestId,
        details: { method: 'recovery_code' },
        at: now,
      });
      return rotateSession(trx, session, { mfaVerifiedAt: now, now });
    },
  );
  if (!token) throw new AppError('invalid_mfa_code');
  return token;
}

export async function logout(
  platform: Platform,
  session: SessionInfo,
  requestId: string,
): Promise<void> {
  const now = platform.now();
  await inTransaction(
    platform.db,
    { operationId: session.operationId, userId: session.userId },
    async (trx) => {
      await deleteSession(trx, session);
      await platform.audit.append(trx, {
        operationId: session.operationId,
        actorId: session.userId,
        action: 'auth.logout',
        entityType: 'user',
        entityId: session.userId,
        requestId,
        at: now,
      });
    },
  );
}

export async function me(platform: Platform, ctx: RequestContext, session: SessionInfo | null) {
  const user = await inTransaction(
    platform.db,
    { operationId: ctx.actor.operationId, userId: ctx.actor.userId },
    (trx) => repo.getUser(trx, ctx.actor.operationId, ctx.actor.userId),
  );
  if (!user) throw new AppError('unauthenticated');
  const warnings: ('mfa_disabled' | 'insecure_transport')[] = [];
  if (!platform.config.mfaRequired) warnings.push('mfa_disabled');
  if (
    !platform.config.publicUrl.startsWith('https://') &&
    !/\/\/(localhost|127\.0\.0\.1)[:/]/.test(platform.config.publicUrl + '/')
  ) {
    warnings.push('insecure_transport');
  }
  return {
    user: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      operationId: user.operation_id,
      agencyId: user.agency_id,
      roles: ctx.actor.roles,
    },
    abilities: [...ctx.actor.abilities].sort(),
    mfa: {
      required: platform.config.mfaRequired,
      enrolled: user.totp_enrolled_at !== null,
      verified: ctx.actor.via === 'token' || session?.mfaVerifiedAt != null,
    },
    warnings,
  };
}

/** Changes the password and ends every other session; returns the rotated token of this one. */
export async function changePassword(
  platform: Platform,
  ctx: RequestContext,
  session: SessionInfo | null,
  input: { currentPassword: string; newPassword: string },
): Promise<string | null> {
  const { operationId, userId } = ctx.actor;
  const user = await inTransaction(platform.db, { operationId, userId }, (trx) =>
    repo.getUser(trx, operationId, userId),
  );
  if (!user) throw new AppError('unauthenticated');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new AppError('validation_failed', {
      errors: [{ field: 'body.currentPassword', message: 'is wrong' }],
    });
  }
  requireGoodPassword(input.newPassword, user.email, 'body.newPassword');
  const hash = await hashPassword(input.newPassword);
  return inTransaction(platform.db, { operationId, userId }, async (trx) => {
    await repo.setPassword(trx, operationId, userId, hash, ctx.now);
    await deleteUserSessions(trx, operationId, userId, session?.tokenHash);
    await platform.audit.append(trx, {
      operationId,
      actorId: userId,
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: userId,
      requestId: ctx.requestId,
      at: ctx.now,
    });
    return session ? rotateSession(trx, session, { now: ctx.now }) : null;
  });
}

/** The active account with this email, for the command line; null when there is none. */
export async function findActiveAccount(platform: Platform, email: string) {
  const found = await repo.findLogin(platform.db, email.trim().toLowerCase());
  return found && found.status === 'active'
    ? { operationId: found.operation_id, userId: found.id }
    : null;
}

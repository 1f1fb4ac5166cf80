import { sql, type Kysely } from 'kysely';
import { abilitiesOf, isRole } from '../access/roles.ts';
import type { Actor } from '../access/actor.ts';
import { inTransaction, type Tx } from '../db/context.ts';
import type { PlatformTables } from '../db/schema.ts';
import { randomToken, sha256 } from '../crypto/tokens.ts';
import type { SessionInfo } from '../http/types.ts';

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

export interface Resolved {
  actor: Actor;
  session: SessionInfo | null;
}

// last_seen_at is written at most this often: idle expiry is exact to within this much.
const TOUCH_EVERY_MS = 15_000;

interface UserRow {
  operation_id: string;
  id: string;
  roles: string[];
  agency_id: string | null;
  status: string;
  totp_enrolled_at: Date | null;
}

function actorOf(user: UserRow, via: Actor['via']): Actor {
  const roles = user.roles.filter(isRole);
  return {
    userId: user.id,
    operationId: user.operation_id,
    agencyId: user.agency_id,
    roles,
    abilities: abilitiesOf(roles),
    via,
  };
}

const userColumns = [
  'users.operation_id',
  'users.id',
  'users.roles',
  'users.agency_id',
  'users.status',
  'users.totp_enrolled_at',
] as const;

/** Creates a session in the caller's transaction and returns its secret token (only its hash is kept). */
export async function insertSession(
  trx: Tx,
  s: { operationId: string; userId: string; mfaVerifiedAt: Date | null; now: Date },
): Promise<string> {
  const token = randomToken();
  await trx
    .insertInto('sessions')
    .values({
      operation_id: s.operationId,
      token_hash: sha256(token),
      user_id: s.userId,
      mfa_verified_at: s.mfaVerifiedAt,
      created_at: s.now,
      last_seen_at: s.now,
    })
    .execute();
  return token;
}

/**
 * Replaces a session's token (at sign-in and at the two-factor step), keeping its start time so
 * the absolute limit still counts from the first sign-in.
 */
export async function rotateSession(
  trx: Tx,
  old: SessionInfo,
  changes: { mfaVerifiedAt?: Date; now: Date },
): Promise<string> {
  const token = randomToken();
  await trx
    .updateTable('sessions')
    .set({
      token_hash: sha256(token),
      last_seen_at: changes.now,
      ...(changes.mfaVerifiedAt ? { mfa_verified_at: changes.mfaVerifiedAt } : {}),
    })
    .where('operation_id', '=', old.operationId)
    .where('token_hash', '=', old.tokenHash)
    .execute();
  return token;
}

export async function deleteSession(
  trx: Tx,
  s: Pick<SessionInfo, 'operationId' | 'tokenHash'>,
): Promise<void> {
  await trx
    .deleteFrom('sessions')
    .where('operation_id', '=', s.operationId)
    .where('token_hash', '=', s.tokenHash)
    .execute();
}

/** Ends every session of a user (password change, disabling, MFA reset), optionally but one. */
export async function deleteUserSessions(
  trx: Tx,
  operationId: string,
  userId: string,
  except?: Buffer,
): Promise<void> {
  let q = trx
    .deleteFrom('sessions')
    .where('operation_id', '=', operationId)
    .where('user_id', '=', userId);
  if (except) q = q.where('token_hash', '!=', except);
  await q.execute();
}

async function owner(
  db: Kysely<PlatformTables>,
  fn: 'auth_find_session' | 'auth_find_api_token',
  hash: Buffer,
) {
  const { rows } = await sql<{ operation_id: string; user_id: string }>`
    SELECT operation_id, user_id FROM ${sql.raw(fn)}(${hash})`.execute(db);
  return rows[0];
}

/** Finds the live session for a cookie token; expired ones are deleted on sight. */
export async function resolveSession(
  db: Kysely<PlatformTables>,
  token: string,
  now: Date,
  limits: SessionLimits,
): Promise<Resolved | null> {
  const hash = sha256(token);
  const found = await owner(db, 'auth_find_session', hash);
  if (!found) return null;
  return inTransaction(
    db,
    { operationId: found.operation_id, userId: found.user_id },
    async (trx) => {
      const row = await trx
        .selectFrom('sessions')
        .innerJoin('users', (j) =>
          j
            .onRef('users.operation_id', '=', 'sessions.operation_id')
            .onRef('users.id', '=', 'sessions.user_id'),
        )
        .select([
          ...userColumns,
          'sessions.created_at',
          'sessions.last_seen_at',
          'sessions.mfa_verified_at',
        ])
        .where('sessions.operation_id', '=', found.operation_id)
        .where('sessions.token_hash', '=', hash)
        .executeTakeFirst();
      if (!row) return null;
      const t = now.getTime();
      const expired =
        t - row.created_at.getTime() > limits.absoluteMs ||
        t - row.last_seen_at.getTime() > limits.idleMs;
      const info = { operationId: found.operation_id, tokenHash: hash };
      if (expired || row.status !== 'active') {
        await deleteSession(trx, info);
        return null;
      }
      if (t - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
        await trx
          .updateTable('sessions')
          .set({ last_seen_at: now })
          .where('operation_id', '=', found.operation_id)
          .where('token_hash', '=', hash)
          .execute();
      }
      return {
        actor: actorOf(row, 'session'),
        session: {
          ...info,
          userId: row.id,
          mfaVerifiedAt: row.mfa_verified_at,
          mfaEnrolled: row.totp_enrolled_at !== null,
        },
      };
    },
  );
}

/** Finds the owner of a personal API token that is neither expired nor revoked. */
export async function resolveApiToken(
  db: Kysely<PlatformTables>,
  token: string,
  now: Date,
): Promise<Resolved | null> {
  const hash = sha256(token);
  const found = await owner(db, 'auth_find_api_token', hash);
  if (!found) return null;
  return inTransaction(
    db,
    { operationId: found.operation_id, userId: found.user_id },
    async (trx) => {
      const row = await trx
        .selectFrom('api_tokens')
        .innerJoin('users', (j) =>
          j
            .onRef('users.operation_id', '=', 'api_tokens.operation_id')
            .onRef('users.id', '=', 'api_tokens.user_id'),
        )
        .select([
          ...userColumns,
          'api_tokens.id as token_id',
          'api_tokens.expires_at',
          'api_tokens.revoked_at',
          'api_tokens.last_used_at',
        ])
        .where('api_tokens.operation_id', '=', found.operation_id)
        .where('api_tokens.token_hash', '=', hash)
        .executeTakeFirst();
      if (
        !row ||
        row.revoked_at ||
        row.expires_at.getTime() <= now.getTime() ||
        row.status !== 'active'
      )
        return null;
      if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
        await trx
          .updateTable('api_tokens')
          .set({ last_used_at: now })
          .where('operation_id', '=', found.operation_id)
          .where('id', '=', row.token_id)
          .execute();
      }
      return { actor: actorOf(row, 'token'), session: null };
    },
  );
}

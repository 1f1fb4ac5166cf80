import type { RequestContext } from '../../platform/access/actor.ts';
import { authorizeRecord } from '../../platform/access/authorize.ts';
import type { Role } from '../../platform/access/roles.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { checkPassword } from '../../platform/auth/password-policy.ts';
import { deleteUserSessions } from '../../platform/auth/session-store.ts';
import { inTransaction, type Tx } from '../../platform/db/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { checkSelfChange, canSeeUser } from './policy.ts';
import { presentUser } from './presenter.ts';
import * as repo from './repository.ts';
import type { UserCreateInput, UserPatchInput, UserView } from './schema.ts';

const PASSWORD_MESSAGES = {
  too_short: 'must be at least 12 characters',
  too_long: 'must be at most 256 characters',
  common: 'is too common; choose a longer phrase of your own',
  contains_email: 'must not contain your email address',
} as const;

/** Applies the password policy, naming the field on refusal. */
export function requireGoodPassword(
  password: string,
  emailAddress: string,
  field = 'body.password',
): void {
  const verdict = checkPassword(password, { email: emailAddress });
  if (!verdict.ok) throw fieldError(field, PASSWORD_MESSAGES[verdict.reason]);
}

function ctxOf(ctx: RequestContext) {
  return { operationId: ctx.actor.operationId, userId: ctx.actor.userId };
}

async function load(trx: Tx, ctx: RequestContext, id: string) {
  return authorizeRecord(ctx.actor, await repo.findUser(trx, ctx.actor.operationId, id), (a, r) =>
    canSeeUser(a, { operationId: r.operation_id }),
  );
}

export async function listUsers(
  platform: Platform,
  ctx: RequestContext,
  q: { q?: string; limit: number; offset: number },
) {
  return inTransaction(platform.db, ctxOf(ctx), async (trx) => {
    const { rows, total } = await repo.listUsers(trx, ctx.actor.operationId, q);
    return { items: rows.map(presentUser), total };
  });
}

export async function getUser(
  platform: Platform,
  ctx: RequestContext,
  id: string,
): Promise<UserView> {
  return inTransaction(platform.db, ctxOf(ctx), async (trx) =>
    presentUser(await load(trx, ctx, id)),
  );
}

/** Inserts an account inside the caller's transaction (also used by first-run setup). */
export async function insertUserAccount(
  platform: Platform,
  trx: Tx,
  u: {
    operationId: string;
    email: string;
    displayName: string;
    roles: Role[];
    agencyId: string | null;
    passwordHash: string;
  },
  audit: { actorId: string | null; requestId: string; now: Date },
): Promise<string> {
  const id = await repo.insertUser(trx, { ...u, now: audit.now });
  await platform.audit.append(trx, {
    operationId: u.operationId,
    actorId: audit.actorId,
    action: 'user.created',
    entityType: 'user',
    entityId: id,
    requestId: audit.requestId,
    details: { roles: u.roles },
    at: audit.now,
  });
  return id;
}

export async function createUser(
  platform: Platform,
  ctx: RequestContext,
  input: UserCreateInput,
): Promise<UserView> {
  requireGoodPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password); // outside the transaction: no slow work inside
  return inTransaction(platform.db, ctxOf(ctx), async (trx) => {
    const id = await insertUserAccount(
      platform,
      trx,
      {
        ...input,
        agencyId: input.agencyId ?? null,
        operationId: ctx.actor.operationId,
        passwordHash,
      },
      { actorId: ctx.actor.userId, requestId: ctx.requestId, now: ctx.now },
    );
    return presentUser((await repo.findUser(trx, ctx.actor.operationId, id))!);
  });
}

export async function updateUser(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: UserPatchInput,
): Promise<UserView> {
  checkSelfChange(ctx.actor, id, patch);
  return inTransaction(platform.db, ctxOf(ctx), async (trx) => {
    await load(trx, ctx, id);
    const ok = await repo.updateUser(trx, ctx.actor.operationId, id, version, {
      display_name: patch.displayName,
      roles: patch.roles,
      agency_id: patch.agencyId,
      status: patch.status,
    });
    if (!ok) throw new AppError('precondition_failed');
    if (patch.status === 'disabled') await deleteUserSessions(trx, ctx.actor.operationId, id);
    await platform.audit.append(trx, {
      operationId: ctx.actor.operationId,
      actorId: ctx.actor.userId,
      action: 'user.updated',
      entityType: 'user',
      entityId: id,
      requestId: ctx.requestId,
      details: {
        fields: Object.keys(patch).sort(),
        ...(patch.roles ? { roles: patch.roles } : {}),
      },
      at: ctx.now,
    });
    return presentUser((await repo.findUser(trx, ctx.actor.operationId, id))!);
  });
}

/** Clears a user's second factor (lost phone): they enrol again at next sign-in. */
export async function resetMfa(platform: Platform, ctx: RequestContext, id: string): Promise<void> {
  await inTransaction(platform.db, ctxOf(ctx), async (trx) => {
    await load(trx, ctx, id);
    await repo.clearMfa(trx, ctx.actor.operationId, id);
    await deleteUserSessions(trx, ctx.actor.operationId, id);
    await platform.audit.append(trx, {
      operationId: ctx.actor.operationId,
      actorId: ctx.actor.userId,
      action: 'user.mfa_reset',
      entityType: 'user',
      entityId: id,
      requestId: ctx.requestId,
      at: ctx.now,
    });
  });
}

/** For the command line, run by whoever operates the server: creates a user in the default operation. */
export async function createUserFromCli(
  platform: Platform,
  input: {
    email: string;
    roles: Role[];
    agencyId: string | null;
    password: string;
    displayName: string;
  },
  operationId: string,
): Promise<string> {
  requireGoodPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const now = platform.now();
  return inTransaction(platform.db, { operationId, userId: null }, (trx) =>
    insertUserAccount(
      platform,
      trx,
      { ...input, operationId, passwordHash },
      { actorId: null, requestId: 'cli', now },
    ),
  );
}

/** Is `userId` an active user of the actor's operation? (Inside the caller's transaction.) */
export async function isActiveUser(trx: Tx, ctx: RequestContext, userId: string) {
  const row = await repo.findUser(trx, ctx.actor.operationId, userId);
  return row?.status === 'active';
}

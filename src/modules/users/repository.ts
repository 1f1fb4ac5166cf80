import type { Tx } from '../../platform/db/context.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorCode, UNIQUE_VIOLATION } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';
import type { Role } from '../../platform/access/roles.ts';

const columns = [
  'users.operation_id',
  'users.id',
  'users.email',
  'users.display_name',
  'users.roles',
  'users.agency_id',
  'agencies.name as agency_name',
  'users.status',
  'users.totp_enrolled_at',
  'users.created_at',
  'users.version',
] as const;

function base(trx: Tx, operationId: string) {
  return trx
    .selectFrom('users')
    .leftJoin('agencies', (j) =>
      j
        .onRef('agencies.operation_id', '=', 'users.operation_id')
        .onRef('agencies.id', '=', 'users.agency_id'),
    )
    .where('users.operation_id', '=', operationId);
}

export type UserRow = Awaited<ReturnType<typeof findUser>> & object;

export function findUser(trx: Tx, operationId: string, id: string) {
  return base(trx, operationId).select(columns).where('users.id', '=', id).executeTakeFirst();
}

export async function listUsers(
  trx: Tx,
  operationId: string,
  q: { q?: string; limit: number; offset: number },
) {
  let query = base(trx, operationId);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    query = query.where((eb) =>
      eb.or([eb('users.email', 'ilike', like), eb('users.display_name', 'ilike', like)]),
    );
  }
  const rows = await query
    .select(columns)
    .orderBy('users.email')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const total = await query
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

function mapWriteError(e: unknown): never {
  const code = pgErrorCode(e);
  if (code === UNIQUE_VIOLATION) throw fieldError('body.email', 'is already in use', 'conflict');
  if (code === FOREIGN_KEY_VIOLATION) throw fieldError('body.agencyId', 'does not exist');
  throw e;
}

export async function insertUser(
  trx: Tx,
  u: {
    operationId: string;
    email: string;
    displayName: string;
    roles: Role[];
    agencyId: string | null;
    passwordHash: string;
    now: Date;
  },
): Promise<string> {
  try {
    const row = await trx
      .insertInto('users')
      .values({
        operation_id: u.operationId,
        email: u.email,
        display_name: u.displayName,
        roles: u.roles,
        agency_id: u.agencyId,
        password_hash: u.passwordHash,
        password_changed_at: u.now,
        created_at: u.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (e) {
    mapWriteError(e);
  }
}

/** Applies changes when the version still matches; false means someone changed it first. */
export async function updateUser(
  trx: Tx,
  operationId: string,
  id: string,
  version: number,
  changes: {
    display_name?: string;
    roles?: Role[];
    agency_id?: string | null;
    status?: 'active' | 'disabled';
  },
): Promise<boolean> {
  try {
    const r = await trx
      .updateTable('users')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('operation_id', '=', operationId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  } catch (e) {
    mapWriteError(e);
  }
}

export async function clearMfa(trx: Tx, operationId: string, id: string): Promise<void> {
  await trx
    .updateTable('users')
    .set((eb) => ({
      totp_secret: null,
      totp_pending_secret: null,
      totp_enrolled_at: null,
      totp_last_step: null,
      version: eb('version', '+', 1),
    }))
    .where('operation_id', '=', operationId)
    .where('id', '=', id)
    .execute();
  await trx
    .deleteFrom('recovery_codes')
    .where('operation_id', '=', operationId)
    .where('user_id', '=', id)
    .execute();
}

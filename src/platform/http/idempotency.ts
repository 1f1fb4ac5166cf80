import type { FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/chain.ts';
import { sha256 } from '../crypto/tokens.ts';
import { inTransaction } from '../db/context.ts';
import { AppError } from '../errors.ts';
import type { Platform } from '../platform.ts';

const KEY = /^[\x21-\x7e]{1,200}$/;
/**
 * A claim this old with no answer was left by a server that died mid-request (no request runs
 * this long: bulk work runs as jobs). A retry takes it over and runs again; work that did
 * commit before the crash then answers as a repeat does (e.g. 409, already merged).
 */
const ABANDONED_AFTER_MS = 10 * 60_000;
const claimed = Symbol('idempotency-claim');

interface Claim {
  operationId: string;
  userId: string;
  key: string;
}

type Tagged = FastifyRequest & { [claimed]?: Claim };

/**
 * Idempotency-Key on creating POSTs: the first request claims the key before it runs, so a
 * retry never creates a second resource. A finished request's response is stored and replayed;
 * a failed one releases the key; a different body under the same key is refused; a claim
 * abandoned by a crash is taken over.
 */
export function idempotencyHooks(platform: Platform) {
  async function preHandler(request: FastifyRequest, reply: FastifyReply) {
    const key = request.headers['idempotency-key'];
    if (!request.routeOptions.config.idempotent || key === undefined || !request.actor) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new AppError('validation_failed', {
        errors: [
          { field: 'header.idempotency-key', message: 'must be 1 to 200 visible ASCII characters' },
        ],
      });
    }
    const { operationId, userId } = request.actor;
    const requestHash = sha256(
      `${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`,
    );
    const now = platform.now();
    const existing = await inTransaction(platform.db, { operationId, userId }, async (trx) => {
      const inserted = await trx
        .insertInto('idempotency_keys')
        .values({
          operation_id: operationId,
          user_id: userId,
          key,
          request_hash: requestHash,
          response: null,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['operation_id', 'user_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (inserted) return null;
      const abandoned = await trx
        .updateTable('idempotency_keys')
        .set({ created_at: now })
        .where('operation_id', '=', operationId)
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .where('request_hash', '=', requestHash)
        .where('status_code', 'is', null)
        .where('created_at', '<', new Date(now.getTime() - ABANDONED_AFTER_MS))
        .returning('key')
        .executeTakeFirst();
      if (abandoned) return null;
      return trx
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response'])
        .where('operation_id', '=', operationId)
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
    });
    if (!existing) {
      (request as Tagged)[claimed] = { operationId, userId, key };
      return;
    }
    if (!existing.request_hash.equals(requestHash)) throw new AppError('idempotency_key_reused');
    if (existing.status_code === null) throw new AppError('request_in_progress');
    return reply
      .code(existing.status_code)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(existing.response ?? '');
  }

  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
    const claim = (request as Tagged)[claimed];
    if (!claim) return payload;
    delete (request as Tagged)[claimed];
    await inTransaction(
      platform.db,
      { operationId: claim.operationId, userId: claim.userId },
      async (trx) => {
        if (reply.statusCode >= 200 && reply.statusCode < 300) {
          await trx
            .updateTable('idempotency_keys')
            .set({
              status_code: reply.statusCode,
              response: typeof payload === 'string' ? payload : null,
            })
            .where('operation_id', '=', claim.operationId)
            .where('user_id', '=', claim.userId)
            .where('key', '=', claim.key)
            .execute();
        } else {
          await trx
            .deleteFrom('idempotency_keys')
            .where('operation_id', '=', claim.operationId)
            .where('user_id', '=', claim.userId)
            .where('key', '=', claim.key)
            .execute();
        }
      },
    );
    return payload;
  }

  return { preHandler, onSend };
}

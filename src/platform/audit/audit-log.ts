import type { KeyObject } from 'node:crypto';
import type { Tx } from '../db/context.ts';
import { chainNext, GENESIS_HASH, type AuditEventBody } from './chain.ts';
import { keyIdOf, signCheckpoint } from './checkpoint-signing.ts';

/** What a service records: ids and codes only, never names, places or free text. */
export interface AuditEntry {
  operationId: string;
  actorId: string | null;
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  requestId?: string | null;
  details?: Record<string, string | number | boolean | null | string[]>;
  at: Date;
}

/** Every N events the head is signed, so history before it cannot be rewritten unnoticed. */
export const CHECKPOINT_EVERY = 100;

/**
 * Appends to the operation's hash chain inside the caller's transaction, so an event exists
 * exactly when the action it records was committed. The head row is locked for the rest of
 * the transaction: appends to one operation's chain are serialised.
 */
export class AuditLog {
  private readonly keyId: string;

  constructor(private readonly signingKey: { privateKey: KeyObject; publicKey: KeyObject }) {
    this.keyId = keyIdOf(signingKey.publicKey);
  }

  async append(trx: Tx, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
    await trx
      .insertInto('audit_heads')
      .values({ operation_id: entry.operationId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('operation_id').doNothing())
      .execute();
    const head = await trx
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('operation_id', '=', entry.operationId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const body: Omit<AuditEventBody, 'seq'> = {
      operationId: entry.operationId,
      at: entry.at.toISOString(),
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType ?? null,
      entityId: entry.entityId ?? null,
      requestId: entry.requestId ?? null,
      details: entry.details ?? {},
    };
    const record = chainNext(head.seq === 0 ? null : head, body);
    await trx
      .insertInto('audit_events')
      .values({
        operation_id: record.operationId,
        seq: record.seq,
        at: entry.at,
        actor_id: record.actorId,
        action: record.action,
        entity_type: record.entityType,
        entity_id: record.entityId,
        request_id: record.requestId,
        details: JSON.stringify(record.details),
        prev_hash: record.prevHash,
        hash: record.hash,
      })
      .execute();
    await trx
      .updateTable('audit_heads')
      .set({ seq: record.seq, hash: record.hash })
      .where('operation_id', '=', entry.operationId)
      .execute();
    if (record.seq % CHECKPOINT_EVERY === 0)
      await this.checkpoint(trx, entry.operationId, record, entry.at);
    return { seq: record.seq, hash: record.hash };
  }

  /** Signs the given head (or the current one) and stores the checkpoint. */
  async checkpoint(
    trx: Tx,
    operationId: string,
    head?: { seq: number; hash: string },
    at = new Date(),
  ) {
    const h =
      head ??
      (await trx
        .selectFrom('audit_heads')
        .select(['seq', 'hash'])
        .where('operation_id', '=', operationId)
        .executeTakeFirst());
    if (!h || h.seq === 0) return null;
    const cp = signCheckpoint(this.signingKey.privateKey, this.keyId, {
      operationId,
      seq: h.seq,
      hash: h.hash,
      at: at.toISOString(),
    });
    await trx
      .insertInto('audit_checkpoints')
      .values({
        operation_id: operationId,
        seq: cp.seq,
        hash: cp.hash,
        at,
        key_id: cp.keyId,
        signature: cp.signature,
      })
      .onConflict((oc) => oc.columns(['operation_id', 'seq']).doNothing())
      .execute();
    return cp;
  }
}

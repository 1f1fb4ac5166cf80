import type { Kysely } from 'kysely';
import { inTransaction } from '../db/context.ts';
import type { PlatformTables } from '../db/schema.ts';
import type { AuditEventRecord, Checkpoint } from './chain.ts';

export interface AuditQuery {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
  limit: number;
}

function toRecord(r: {
  operation_id: string;
  seq: number;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}): AuditEventRecord {
  return {
    operationId: r.operation_id,
    seq: r.seq,
    at: r.at.toISOString(),
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    requestId: r.request_id,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** Newest first, filtered in SQL, paged by sequence number. */
export async function queryAuditEvents(
  db: Kysely<PlatformTables>,
  operationId: string,
  q: AuditQuery,
): Promise<AuditEventRecord[]> {
  return inTransaction(db, { operationId, userId: null }, async (trx) => {
    let query = trx.selectFrom('audit_events').selectAll().where('operation_id', '=', operationId);
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.action) query = query.where('action', '=', q.action);
    if (q.entityType) query = query.where('entity_type', '=', q.entityType);
    if (q.entityId) query = query.where('entity_id', '=', q.entityId);
    if (q.from) query = query.where('at', '>=', q.from);
    if (q.to) query = query.where('at', '<', q.to);
    if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
    const rows = await query.orderBy('seq', 'desc').limit(q.limit).execute();
    return rows.map(toRecord);
  });
}

/** Streams one operation's chain in order, a batch per transaction, for verification. */
export async function* streamChain(
  db: Kysely<PlatformTables>,
  operationId: string,
  batch = 2000,
): AsyncGenerator<AuditEventRecord> {
  let after = 0;
  for (;;) {
    const rows = await inTransaction(db, { operationId, userId: null }, (trx) =>
      trx
        .selectFrom('audit_events')
        .selectAll()
        .where('operation_id', '=', operationId)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(batch)
        .execute(),
    );
    for (const r of rows) yield toRecord(r);
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.seq;
  }
}

export async function loadChainEnds(
  db: Kysely<PlatformTables>,
  operationId: string,
): Promise<{ head: { seq: number; hash: string } | null; checkpoints: Checkpoint[] }> {
  return inTransaction(db, { operationId, userId: null }, async (trx) => {
    const head = await trx
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('operation_id', '=', operationId)
      .executeTakeFirst();
    const cps = await trx
      .selectFrom('audit_checkpoints')
      .selectAll()
      .where('operation_id', '=', operationId)
      .orderBy('seq')
      .execute();
    return {
      head: head && head.seq > 0 ? head : null,
      checkpoints: cps.map((c) => ({
        operationId: c.operation_id,
        seq: c.seq,
        hash: c.hash,
        at: c.at.toISOString(),
        keyId: c.key_id,
        signature: c.signature,
      })),
    };
  });
}

export async function listOperationIds(db: Kysely<PlatformTables>): Promise<string[]> {
  const rows = await db.selectFrom('operations').select('id').orderBy('created_at').execute();
  return rows.map((r) => r.id);
}

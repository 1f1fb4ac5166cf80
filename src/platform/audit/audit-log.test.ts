import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { onPostgres } from '../../../test/helpers/db.ts';
import { inTransaction } from '../db/context.ts';
import { computeEventHash, type AuditEventBody } from './chain.ts';
import { CHECKPOINT_EVERY } from './audit-log.ts';
import { verifyOperationChain } from './verify.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const verify = () =>
  verifyOperationChain(t.platform.db, t.platform.keys.auditSigning.publicKey, t.operationId);

interface Row {
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
}

const owner = <T>(sql: string, params: unknown[] = []) =>
  t.platform.database.withOwner((o) => o.query<T>(sql, params));

const bodyOf = (r: Row): AuditEventBody => ({
  operationId: r.operation_id,
  seq: Number(r.seq),
  at: r.at.toISOString(),
  actorId: r.actor_id,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  requestId: r.request_id,
  details: r.details,
});

describe('audit log in the database', () => {
  it('holds exactly one event per committed action when transactions are forced to roll back', async () => {
    const before = (await verify()) as { checked: number };
    let committed = 0;
    for (let i = 0; i < 60; i++) {
      const fail = i % 3 === 1;
      await inTransaction(
        t.platform.db,
        { operationId: t.operationId, userId: null },
        async (trx) => {
          const agency = await trx
            .insertInto('agencies')
            .values({ operation_id: t.operationId, name: `Agency ${i}`, created_at: t.clock.now() })
            .returning('id')
            .executeTakeFirstOrThrow();
          await t.platform.audit.append(trx, {
            operationId: t.operationId,
            actorId: null,
            action: 'agency.created',
            entityType: 'agency',
            entityId: agency.id,
            at: t.clock.now(),
          });
          if (fail) throw new Error('forced rollback');
        },
      ).then(
        () => committed++,
        () => undefined,
      );
    }
    const agencies = await owner<{ n: number }>(
      'SELECT count(*)::int AS n FROM agencies WHERE name LIKE $1',
      ['Agency %'],
    );
    const events = await owner<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'agency.created'",
    );
    expect(committed).toBe(40);
    expect(agencies[0]!.n).toBe(40);
    expect(events[0]!.n).toBe(40);
    const after = await verify();
    expect(after).toMatchObject({ ok: true, checked: before.checked + 40 });
  });

  it('signs a checkpoint every 100 events', async () => {
    for (let i = 0; i < CHECKPOINT_EVERY + 30; i++) {
      await inTransaction(t.platform.db, { operationId: t.operationId, userId: null }, (trx) =>
        t.platform.audit.append(trx, {
          operationId: t.operationId,
          actorId: null,
          action: 'test.filler',
          details: { i },
          at: t.clock.now(),
        }),
      );
    }
    const cps = await owner<{ seq: number }>('SELECT seq FROM audit_checkpoints ORDER BY seq');
    expect(cps.map((c) => Number(c.seq))).toContain(CHECKPOINT_EVERY);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('detects every kind of tampering (edit, delete, insert, swap, truncated tail, rewritten suffix)', async () => {
    const original = await owner<Row>(
      'SELECT * FROM audit_events WHERE operation_id = $1 ORDER BY seq',
      [t.operationId],
    );
    const head = (
      await owner<{ seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_heads WHERE operation_id = $1',
        [t.operationId],
      )
    )[0]!;
    const last = original.length;
    expect(last).toBeGreaterThan(CHECKPOINT_EVERY + 20);

    const restore = () =>
      t.platform.database.withOwner(async (o) => {
        await o.query('DELETE FROM audit_events WHERE operation_id = $1', [t.operationId]);
        for (const r of original) {
          await o.query(
            `INSERT INTO audit_events (operation_id, seq, at, actor_id, action, entity_type, entity_id, request_id, details, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            [
              r.operation_id,
              r.seq,
              r.at,
              r.actor_id,
              r.action,
              r.entity_type,
              r.entity_id,
              r.request_id,
              JSON.stringify(r.details),
              r.prev_hash,
              r.hash,
            ],
          );
        }
        await o.query('UPDATE audit_heads SET seq = $2, hash = $3 WHERE operation_id = $1', [
          t.operationId,
          head.seq,
          head.hash,
        ]);
      });

    /** Re-hashes events from seq `from` to the end, so every link is valid again. */
    const rehashFrom = (from: number) =>
      t.platform.database.withOwner(async (o) => {
        const rows = await o.query<Row>(
          'SELECT * FROM audit_events WHERE operation_id = $1 AND seq >= $2 ORDER BY seq',
          [t.operationId, from - 1],
        );
        let prev = rows[0]!.seq === from - 1 ? rows.shift()!.hash : '0'.repeat(64);
        for (const r of rows) {
          const hash = computeEventHash(prev, bodyOf(r));
          await o.query(
            'UPDATE audit_events SET prev_hash = $3, hash = $4 WHERE operation_id = $1 AND seq = $2',
            [t.operationId, r.seq, prev, hash],
          );
          prev = hash;
        }
        const lastSeq = (
          await o.query<{ m: number }>(
            'SELECT max(seq)::int AS m FROM audit_events WHERE operation_id = $1',
            [t.operationId],
          )
        )[0]!.m;
        await o.query('UPDATE audit_heads SET seq = $2, hash = $3 WHERE operation_id = $1', [
          t.operationId,
          lastSeq,
          prev,
        ]);
      });

    const k = 37; // before the first checkpoint
    const tampers: Record<string, () => Promise<unknown>> = {
      edit: () =>
        owner(
          `UPDATE audit_events SET action = 'user.deleted' WHERE operation_id = $1 AND seq = $2`,
          [t.operationId, k],
        ),
      'edit and re-hash one event': async () => {
        await owner(
          `UPDATE audit_events SET details = '{"i":999}' WHERE operation_id = $1 AND seq = $2`,
          [t.operationId, k],
        );
        const r = (
          await owner<Row>('SELECT * FROM audit_events WHERE operation_id = $1 AND seq = $2', [
            t.operationId,
            k,
          ])
        )[0]!;
        await owner('UPDATE audit_events SET hash = $3 WHERE operation_id = $1 AND seq = $2', [
          t.operationId,
          k,
          computeEventHash(r.prev_hash, bodyOf(r)),
        ]);
      },
      delete: () =>
        owner('DELETE FROM audit_events WHERE operation_id = $1 AND seq = $2', [t.operationId, k]),
      insert: async () => {
        await owner(
          'UPDATE audit_events SET seq = seq + 1000000 WHERE operation_id = $1 AND seq > $2',
          [t.operationId, k],
        );
        await owner(
          'UPDATE audit_events SET seq = seq - 999999 WHERE operation_id = $1 AND seq > 1000000',
          [t.operationId],
        );
        const r = original[k - 1]!;
        await owner(
          `INSERT INTO audit_events (operation_id, seq, at, actor_id, action, entity_type, entity_id, request_id, details, prev_hash, hash)
           VALUES ($1, $2, $3, NULL, 'user.created', NULL, NULL, NULL, '{}', $4, $5)`,
          [
            t.operationId,
            k + 1,
            r.at,
            r.hash,
            computeEventHash(r.hash, {
              ...bodyOf(r),
              seq: k + 1,
              action: 'user.created',
              actorId: null,
              entityType: null,
              entityId: null,
              requestId: null,
              details: {},
            }),
          ],
        );
      },
      swap: async () => {
        await owner('UPDATE audit_events SET seq = -1 WHERE operation_id = $1 AND seq = $2', [
          t.operationId,
          k,
        ]);
        await owner('UPDATE audit_events SET seq = $2 WHERE operation_id = $1 AND seq = $3', [
          t.operationId,
          k,
          k + 1,
        ]);
        await owner('UPDATE audit_events SET seq = $2 WHERE operation_id = $1 AND seq = -1', [
          t.operationId,
          k + 1,
        ]);
      },
      'truncated tail': () =>
        owner('DELETE FROM audit_events WHERE operation_id = $1 AND seq > $2', [
          t.operationId,
          last - 5,
        ]),
      'truncated tail past a checkpoint, head rewritten': async () => {
        await owner('DELETE FROM audit_events WHERE operation_id = $1 AND seq > $2', [
          t.operationId,
          CHECKPOINT_EVERY - 10,
        ]);
        const r = original[CHECKPOINT_EVERY - 11]!;
        await owner('UPDATE audit_heads SET seq = $2, hash = $3 WHERE operation_id = $1', [
          t.operationId,
          r.seq,
          r.hash,
        ]);
      },
      'rewritten suffix': async () => {
        await owner(
          `UPDATE audit_events SET details = '{"rewritten":true}' WHERE operation_id = $1 AND seq >= $2`,
          [t.operationId, CHECKPOINT_EVERY - 20],
        );
        await rehashFrom(CHECKPOINT_EVERY - 20);
      },
    };

    const detected: Record<string, string> = {};
    for (const [name, tamper] of Object.entries(tampers)) {
      await tamper();
      const result = await verify();
      detected[name] = result.ok
        ? 'MISSED'
        : `seq ${result.firstBad.seq}: ${result.firstBad.reason}`;
      await restore();
      expect(await verify()).toMatchObject({ ok: true });
    }
    expect(Object.values(detected).filter((d) => d === 'MISSED')).toEqual([]);
    expect(Object.keys(detected)).toHaveLength(8);
  });

  it.runIf(onPostgres)('is append-only for the application role', async () => {
    await expect(
      t.platform.db.updateTable('audit_events').set({ action: 'x' }).execute(),
    ).rejects.toThrow(/permission denied/);
    await expect(t.platform.db.deleteFrom('audit_events').execute()).rejects.toThrow(
      /permission denied/,
    );
  });
});

// What the distributions scenario reads as the schema owner after a kill: each distribution
// list of the round is recorded whole (its batch, every row, one audit event) or not at all.
import type { OwnerSession } from '../../src/platform/db/database.ts';
import type { Reply } from './http.ts';

export interface ListCommit {
  /** The item every row of this list carries, so stray rows without a batch are found too. */
  tag: string;
  sha256: string;
  rows: number;
  key: string;
}

interface BatchRow {
  id: string;
  file_sha256: string;
  rows_total: number;
  stored: number;
}

export async function checkDistributions(
  o: OwnerSession,
  lists: ListCommit[],
  replies: Reply[],
): Promise<{
  violations: string[];
  batches: number;
  abandonedKeys: number;
  abandonedDone: number;
}> {
  const violations: string[] = [];
  const batches = await o.query<BatchRow>(
    `SELECT b.id, b.file_sha256, b.rows_total,
            (SELECT count(*)::int FROM distributions d
             WHERE d.operation_id = b.operation_id AND d.batch_id = b.id) AS stored
     FROM distribution_batches b WHERE b.file_sha256 = ANY($1::text[])`,
    [lists.map((l) => l.sha256)],
  );
  const tagged = await o.query<{ item: string; batch_id: string | null; n: number }>(
    `SELECT item, batch_id, count(*)::int AS n FROM distributions
     WHERE item = ANY($1::text[]) GROUP BY 1, 2`,
    [lists.map((l) => l.tag)],
  );
  const events = await o.query<{ entity_id: string; rows: number }>(
    `SELECT entity_id, (details->>'rows')::int AS rows FROM audit_events
     WHERE action = 'distributions.imported' AND entity_id = ANY($1::uuid[])`,
    [batches.map((b) => b.id)],
  );
  for (const list of lists) {
    const mine = batches.filter((b) => b.file_sha256 === list.sha256);
    const rows = tagged.filter((t) => t.item === list.tag);
    const b = mine[0];
    if (mine.length > 1) violations.push(`${list.tag}: recorded ${mine.length} times`);
    if (b) {
      if (b.rows_total !== list.rows || b.stored !== b.rows_total)
        violations.push(`${list.tag}: batch declares ${b.rows_total} rows, holds ${b.stored}`);
      const e = events.filter((x) => x.entity_id === b.id);
      if (e.length !== 1 || e[0]!.rows !== list.rows)
        violations.push(`${list.tag}: ${e.length} audit events for batch ${b.id}`);
    }
    const strays = rows.filter((t) => !mine.some((m) => m.id === t.batch_id));
    if (strays.length)
      violations.push(`${list.tag}: ${strays.reduce((n, t) => n + t.n, 0)} rows outside its batch`);
  }
  // Across the whole database, not only this round: no batch short of rows, no event without a batch.
  const short = await o.query<{ id: string }>(
    `SELECT b.id FROM distribution_batches b
     WHERE b.rows_total <> (SELECT count(*) FROM distributions d
                            WHERE d.operation_id = b.operation_id AND d.batch_id = b.id)`,
  );
  for (const s of short) violations.push(`batch ${s.id} is short of rows`);
  const orphans = await o.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_events e WHERE e.action = 'distributions.imported'
     AND NOT EXISTS (SELECT 1 FROM distribution_batches b
                     WHERE b.operation_id = e.operation_id AND b.id = e.entity_id)`,
  );
  if (orphans[0]!.n) violations.push(`${orphans[0]!.n} audit events name a missing batch`);

  lists.forEach((l, i) => {
    const reply = replies[i]!;
    if (reply.status === 201) {
      const id = (reply.body as { batchId?: string }).batchId;
      if (!batches.some((b) => b.id === id)) violations.push(`acknowledged batch ${id} is missing`);
    } else if (reply.status !== 'lost')
      violations.push(`${l.tag} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  });
  const keys = await o.query<{ key: string; status_code: number | null; response: string | null }>(
    'SELECT key, status_code, response FROM idempotency_keys WHERE key = ANY($1::text[])',
    [lists.map((l) => l.key)],
  );
  for (const k of keys) {
    if (k.status_code !== 201) continue;
    const id = (JSON.parse(k.response ?? '{}') as { batchId?: string }).batchId;
    if (!batches.some((b) => b.id === id))
      violations.push(`stored answer names missing batch ${id}`);
  }
  const abandoned = keys.filter((k) => k.status_code === null);
  const done = (key: string) =>
    batches.some((b) => b.file_sha256 === lists.find((l) => l.key === key)!.sha256);
  return {
    violations,
    batches: batches.length,
    abandonedKeys: abandoned.length,
    abandonedDone: abandoned.filter((k) => done(k.key)).length,
  };
}

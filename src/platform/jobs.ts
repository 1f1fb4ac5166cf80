import crypto from 'node:crypto';
import type { Generated, Selectable } from 'kysely';
import type { RequestContext } from './access/actor.ts';
import { inTransaction, type Tx } from './db/context.ts';
import { pgErrorCode } from './db/errors.ts';
import type { Platform } from './platform.ts';

/**
 * Long-running work started from the API (batch duplicate detection, …): a row in `jobs` with
 * progress that clients poll, the work itself in this process. A job whose heartbeat stopped
 * (the server was stopped or killed) is reported as interrupted; its work must be safe to rerun.
 */
export interface JobsTable {
  operation_id: string;
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  done: Generated<number>;
  total: number | null;
  result: unknown;
  error: string | null;
  created_by: string | null;
  created_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
}
type Tables = { jobs: JobsTable };
export type JobRow = Selectable<JobsTable>;

const tables = (trx: Tx) => trx.withTables<Tables>();
const STALE_AFTER_MS = 2 * 60_000;

export interface JobReport {
  jobId: string;
  /** Records progress; written at most every half second. */
  progress(done: number, total?: number): Promise<void>;
}

/** Starts `work` in the background and returns the job id at once; `finished` settles after. */
export async function startJob(
  platform: Platform,
  ctx: RequestContext,
  kind: string,
  work: (report: JobReport) => Promise<Record<string, unknown>>,
): Promise<{ id: string; finished: Promise<void> }> {
  const id = crypto.randomUUID();
  const scope = { operationId: ctx.actor.operationId, userId: ctx.actor.userId };
  const update = (changes: Partial<Omit<JobRow, 'operation_id' | 'id'>>) =>
    inTransaction(platform.db, scope, (trx) =>
      tables(trx)
        .updateTable('jobs')
        .set({ ...changes, heartbeat_at: platform.now() })
        .where('operation_id', '=', scope.operationId)
        .where('id', '=', id)
        .execute(),
    );
  await inTransaction(platform.db, scope, (trx) =>
    tables(trx)
      .insertInto('jobs')
      .values({
        operation_id: scope.operationId,
        id,
        kind,
        status: 'running',
        total: null,
        result: null,
        error: null,
        created_by: ctx.actor.userId,
        created_at: ctx.now,
        heartbeat_at: ctx.now,
        finished_at: null,
      })
      .execute(),
  );
  let last = 0;
  const report: JobReport = {
    jobId: id,
    async progress(done, total) {
      if (Date.now() - last < 500) return;
      last = Date.now();
      await update({ done, ...(total !== undefined ? { total } : {}) });
    },
  };
  const finished = work(report).then(
    (result) =>
      update({ status: 'done', result: JSON.stringify(result), finished_at: platform.now() }),
    // Messages can quote data (a constraint's values): the row keeps only the kind of error.
    (e: unknown) =>
      update({
        status: 'failed',
        error: `the job failed (${pgErrorCode(e) ?? (e instanceof Error ? e.name : 'error')})`,
        finished_at: platform.now(),
      }),
  );
  return { id, finished: finished.then(() => undefined) };
}

export async function findJob(platform: Platform, ctx: RequestContext, id: string) {
  const row = await inTransaction(
    platform.db,
    { operationId: ctx.actor.operationId, userId: ctx.actor.userId },
    (trx) =>
      tables(trx)
        .selectFrom('jobs')
        .selectAll()
        .where('operation_id', '=', ctx.actor.operationId)
        .where('id', '=', id)
        .executeTakeFirst(),
  );
  if (!row) return undefined;
  const stale =
    row.status === 'running' &&
    platform.now().getTime() - row.heartbeat_at.getTime() > STALE_AFTER_MS;
  return stale ? { ...row, status: 'failed' as const, error: 'interrupted' } : row;
}

// The embedded database runs here, on its own thread, so that a long query never
// freezes the HTTP server. Plain JavaScript: worker threads load it without a TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';

/** @typedef {{ id: number, kind: string, sql?: string, params?: unknown[] }} Message */

/** @typedef {{ dataDir: string | null, loadDataDir: ArrayBuffer | null }} Options */
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- Node types workerData as any
const options = /** @type {Options} */ (/** @type {unknown} */ (workerData));

// Same shapes as the pg driver on PostgreSQL: int8 as number, date as 'YYYY-MM-DD'.
const parsers = {
  20: (/** @type {string} */ v) => Number(v),
  1082: (/** @type {string} */ v) => v,
};

const db = new PGlite({
  dataDir: options.dataDir ?? undefined,
  loadDataDir: options.loadDataDir ? new Blob([options.loadDataDir]) : undefined,
  extensions: { pg_trgm, fuzzystrmatch, unaccent, pgcrypto },
  parsers,
});

/** @param {unknown} e */
function describeError(e) {
  const err = /** @type {Record<string, unknown>} */ (e ?? {});
  const fields = ['code', 'detail', 'constraint', 'table', 'column', 'schema', 'severity'];
  return {
    message: String(err.message ?? e),
    ...Object.fromEntries(fields.filter((f) => err[f] !== undefined).map((f) => [f, err[f]])),
  };
}

/** @param {{ id: number, kind: string, sql?: string, params?: unknown[] }} msg */
async function handle(msg) {
  switch (msg.kind) {
    case 'ready':
      await db.waitReady;
      return null;
    case 'query': {
      const r = await db.query(String(msg.sql), msg.params);
      return { rows: r.rows, affectedRows: r.affectedRows ?? 0 };
    }
    case 'exec':
      await db.exec(String(msg.sql));
      return null;
    case 'dump': {
      const file = await db.dumpDataDir('none');
      return await file.arrayBuffer();
    }
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error(`unknown message ${msg.kind}`);
  }
}

parentPort?.on('message', (/** @type {Message} */ msg) => {
  handle(msg).then(
    (result) => parentPort?.postMessage({ id: msg.id, ok: true, result }),
    (error) => parentPort?.postMessage({ id: msg.id, ok: false, error: describeError(error) }),
  );
});

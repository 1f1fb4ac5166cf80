import { Worker } from 'node:worker_threads';

export interface DbErrorFields {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** A database error with PostgreSQL's fields, the same shape pg throws. */
export class PgliteError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
  constructor(fields: DbErrorFields) {
    super(fields.message);
    Object.assign(this, fields);
  }
}

/** bytea arrives from the worker as Uint8Array; pg gives Buffer. Same shapes on both drivers. */
function asBuffers(row: Record<string, unknown>): void {
  for (const k in row) {
    const v = row[k];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v))
      row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

type Reply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: DbErrorFields };

/** Talks to the embedded database on its worker thread. One connection, so callers serialise. */
export class PgliteClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  /** Set when the thread died: every later call fails at once instead of waiting forever. */
  private failure: Error | null = null;

  private constructor(options: { dataDir: string | null; loadDataDir: ArrayBuffer | null }) {
    this.worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
      workerData: options,
      transferList: options.loadDataDir ? [options.loadDataDir] : [],
    });
    this.worker.on('message', (reply: Reply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.result);
      else p.reject(new PgliteError(reply.error));
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) =>
      this.failAll(new Error(`embedded database thread exited (${code})`)),
    );
  }

  static async open(options: {
    dataDir: string | null;
    loadDataDir?: ArrayBuffer | null;
  }): Promise<PgliteClient> {
    const client = new PgliteClient({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir ?? null,
    });
    await client.call('ready', {});
    return client;
  }

  async query<R>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<{ rows: R[]; affectedRows: number }> {
    const r = (await this.call('query', { sql, params })) as {
      rows: Record<string, unknown>[];
      affectedRows: number;
    };
    for (const row of r.rows) asBuffers(row);
    return r as { rows: R[]; affectedRows: number };
  }

  exec(sql: string): Promise<void> {
    return this.call('exec', { sql }) as Promise<void>;
  }

  /** A tarball of the data directory (used to clone a migrated database for tests). */
  dump(): Promise<ArrayBuffer> {
    return this.call('dump', {}) as Promise<ArrayBuffer>;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.call('close', {}).catch(() => undefined);
    this.closed = true;
    await this.worker.terminate();
  }

  private call(kind: string, payload: object): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('embedded database is closed'));
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, kind, ...payload });
    });
  }

  private failAll(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}

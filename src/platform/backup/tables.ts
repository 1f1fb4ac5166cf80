/**
 * A logical copy of every table, the same on PostgreSQL and the embedded database, so a backup of
 * one restores into the other. Lines of text, one per row (the row as PostgreSQL's own JSON),
 * between markers; read inside one repeatable-read snapshot as the schema owner (who is not bound
 * by row-level security), written back in one transaction with the owner's triggers held off so
 * rows (audit entries included) come back exactly as they were.
 *
 *   #asylon-backup {header}     #table name   {row}…   #end name COUNT DIGEST   …   #done
 *
 * A table's digest is the sum, modulo 2^256, of the SHA-256 of its rows' text: independent of
 * row order, so two databases holding the same rows agree whatever order they return them in.
 */
import crypto from 'node:crypto';
import type { OwnerSession } from '../db/database.ts';

export interface TableDigest {
  rows: number;
  digest: string;
}
export type Digests = Record<string, TableDigest>;

interface ForeignKey {
  table: string;
  references: string;
  columns: string[];
}
export interface Catalog {
  /** Tables in an order where referenced tables come first (cycles broken arbitrarily). */
  tables: string[];
  /** Columns a restore writes (stored generated columns are computed again). */
  columns: Map<string, string[]>;
  primaryKeys: Map<string, string[]>;
  foreignKeys: ForeignKey[];
  sequences: string[];
}

const MOD = 1n << 256n;
const BATCH = 2000;
/** Bookkeeping of the schema itself: a restore migrates instead of copying it. */
const SKIPPED = new Set(['schema_migrations']);

export const ident = (name: string) => '"' + name.replaceAll('"', '""') + '"';

export class RowDigest {
  private sum = 0n;
  rows = 0;
  add(line: string): void {
    this.rows++;
    const hash = crypto.createHash('sha256').update(line).digest('hex');
    this.sum = (this.sum + BigInt('0x' + hash)) % MOD;
  }
  get digest(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}

export async function readCatalog(session: OwnerSession): Promise<Catalog> {
  const tableRows = await session.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY 1`,
  );
  const names = tableRows.map((r) => r.name).filter((n) => !SKIPPED.has(n));
  const columnRows = await session.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`,
  );
  const keyRows = await session.query<{
    table: string;
    kind: string;
    references: string | null;
    columns: string[];
  }>(
    `SELECT c.relname AS table, k.contype AS kind, f.relname AS references,
            array(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(attnum, i)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum
                  ORDER BY u.i)::text[] AS columns
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_class f ON f.oid = k.confrelid
      WHERE n.nspname = 'public' AND k.contype IN ('p', 'f')
      ORDER BY c.relname, k.conname`,
  );
  const sequenceRows = await session.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY 1`,
  );
  const columns = new Map<string, string[]>();
  for (const r of columnRows) {
    if (names.includes(r.table)) columns.set(r.table, [...(columns.get(r.table) ?? []), r.column]);
  }
  const primaryKeys = new Map<string, string[]>();
  const foreignKeys: ForeignKey[] = [];
  for (const k of keyRows) {
    if (!names.includes(k.table)) continue;
    if (k.kind === 'p') primaryKeys.set(k.table, k.columns);
    else if (k.references)
      foreignKeys.push({ table: k.table, references: k.references, columns: k.columns });
  }
  return {
    tables: dependencyOrder(names, foreignKeys),
    columns,
    primaryKeys,
    foreignKeys,
    sequences: sequenceRows.map((r) => r.name),
  };
}

/** Depth-first: each table after the tables it references; a cycle is cut where it is met. */
function dependencyOrder(names: string[], foreignKeys: ForeignKey[]): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string) => {
    if (state.has(table)) return;
    state.set(table, 'visiting');
    for (const fk of foreignKeys) {
      if (fk.table === table && fk.references !== table && names.includes(fk.references)) {
        visit(fk.references);
      }
    }
    state.set(table, 'done');
    order.push(table);
  };
  names.forEach(visit);
  return order;
}

/** Runs `fn` in a read-only snapshot of the whole database, times written in UTC. */
export async function inSnapshot<T>(session: OwnerSession, fn: () => Promise<T>): Promise<T> {
  await session.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await session.exec("SET LOCAL TIME ZONE 'UTC'");
    const result = await fn();
    await session.exec('COMMIT');
    return result;
  } catch (error) {
    await session.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Every row of every table as marker and row lines; call inside inSnapshot. */
export async function* tableLines(session: OwnerSession, catalog: Catalog): AsyncGenerator<string> {
  for (const table of catalog.tables) {
    yield `#table ${table}`;
    const digest = new RowDigest();
    await session.exec(
      `DECLARE backup_rows NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM ${ident(table)} t`,
    );
    for (;;) {
      const rows = await session.query<{ r: string }>(`FETCH ${BATCH} FROM backup_rows`);
      for (const { r } of rows) {
        digest.add(r);
        yield r;
      }
      if (rows.length < BATCH) break;
    }
    await session.exec('CLOSE backup_rows');
    yield `#end ${table} ${digest.rows} ${digest.digest}`;
  }
}

export async function readSequences(
  session: OwnerSession,
  catalog: Catalog,
): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
  const out = [];
  for (const name of catalog.sequences) {
    const [row] = await session.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${ident(name)}`,
    );
    out.push({ name, lastValue: row!.last_value, isCalled: row!.is_called });
  }
  return out;
}

/** Row counts and digests of every table, as a backup would record them. */
export async function digestTables(session: OwnerSession): Promise<Digests> {
  const catalog = await readCatalog(session);
  return inSnapshot(session, async () => {
    const digests: Digests = {};
    for await (const line of tableLines(session, catalog)) {
      const end = parseEnd(line);
      if (end) digests[end.table] = { rows: end.rows, digest: end.digest };
    }
    return digests;
  });
}

export function parseEnd(line: string): ({ table: string } & TableDigest) | null {
  const match = /^#end (\S+) (\d+) ([0-9a-f]{64})$/.exec(line);
  return match ? { table: match[1]!, rows: Number(match[2]), digest: match[3]! } : null;
}

/**
 * Writes rows back, in one transaction the caller opened, into tables the caller emptied. Foreign
 * keys to a table not loaded yet (or to the same table) are filled in after everything is in.
 */
export class TableWriter {
  private table: string | null = null;
  private batch: string[] = [];
  private loaded = new Set<string>();
  private later: { table: string; columns: string[]; rows: string[] }[] = [];
  private digest = new RowDigest();

  constructor(
    private readonly session: OwnerSession,
    private readonly catalog: Catalog,
  ) {}

  start(table: string): void {
    if (!this.catalog.columns.has(table) || this.loaded.has(table)) {
      throw new Error(`The backup holds table "${table}", which this database does not have.`);
    }
    this.table = table;
    this.digest = new RowDigest();
    const deferred = this.catalog.foreignKeys
      .filter(
        (fk) => fk.table === table && (fk.references === table || !this.loaded.has(fk.references)),
      )
      .flatMap((fk) => fk.columns);
    this.later.push({ table, columns: [...new Set(deferred)], rows: [] });
  }

  async row(line: string): Promise<void> {
    if (!this.table) throw new Error('The backup has a row outside any table.');
    this.digest.add(line);
    this.batch.push(line);
    if (this.batch.length >= BATCH) await this.flush();
  }

  async end(table: string, rows: number, digest: string): Promise<void> {
    await this.flush();
    if (table !== this.table || rows !== this.digest.rows || digest !== this.digest.digest) {
      throw new Error(`The backup's copy of table "${table}" does not match its own digest.`);
    }
    this.loaded.add(table);
    this.table = null;
  }

  /** Fills in the deferred references; returns the tables the backup did not hold. */
  async finish(): Promise<string[]> {
    for (const { table, columns, rows } of this.later) {
      const key = this.catalog.primaryKeys.get(table);
      if (rows.length === 0) continue;
      if (!key) throw new Error(`Table "${table}" refers to itself but has no primary key.`);
      for (let i = 0; i < rows.length; i += BATCH) {
        await this.session.query(
          `UPDATE ${ident(table)} AS d SET ${columns.map((c) => `${ident(c)} = r.${ident(c)}`).join(', ')}
             FROM jsonb_populate_recordset(NULL::${ident(table)}, $1::jsonb) r
            WHERE ${key.map((c) => `d.${ident(c)} = r.${ident(c)}`).join(' AND ')}`,
          [`[${rows.slice(i, i + BATCH).join(',')}]`],
        );
      }
    }
    return this.catalog.tables.filter((t) => !this.loaded.has(t));
  }

  private async flush(): Promise<void> {
    const table = this.table;
    if (!table || this.batch.length === 0) return;
    const columns = this.catalog.columns.get(table)!;
    const deferred = this.later.at(-1)!;
    const select = columns.map((c) => (deferred.columns.includes(c) ? 'NULL' : ident(c)));
    await this.session.query(
      `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) OVERRIDING SYSTEM VALUE
       SELECT ${select.join(', ')} FROM jsonb_populate_recordset(NULL::${ident(table)}, $1::jsonb)`,
      [`[${this.batch.join(',')}]`],
    );
    if (deferred.columns.length > 0) {
      for (const line of this.batch) {
        const row = JSON.parse(line) as Record<string, unknown>;
        if (deferred.columns.some((c) => row[c] !== null && row[c] !== undefined)) {
          deferred.rows.push(line);
        }
      }
    }
    this.batch = [];
  }
}

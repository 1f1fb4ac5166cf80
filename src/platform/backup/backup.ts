/**
 * Backup and restore of a whole installation: every table (tables.ts), the schema version, the
 * sequences and the keys, gzipped and sealed with a passphrase (sealed-stream.ts). A backup is
 * read back and checked before it takes its final name; a restore checks every table against the
 * backup's digests before it commits, and again after.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Keys } from '../crypto/keys.ts';
import type { Database, OwnerSession } from '../db/database.ts';
import { listMigrations, migrate, type Migration } from '../db/migrate.ts';
import { openStream, sealStream } from './sealed-stream.ts';
import {
  digestTables,
  ident,
  inSnapshot,
  parseEnd,
  readCatalog,
  readSequences,
  RowDigest,
  tableLines,
  TableWriter,
  type Digests,
} from './tables.ts';

export class RestoreRefused extends Error {}

export interface BackupKeys {
  /** base64 */
  masterKey: string;
  /** PKCS#8 PEM */
  auditSigningKey: string;
}

export interface BackupHeader {
  format: 1;
  createdAt: string;
  source: 'pglite' | 'postgres';
  migrations: Pick<Migration, 'version' | 'name' | 'checksum'>[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  keys: BackupKeys;
}

const HEADER = '#asylon-backup ';

export function backupKeys(keys: Keys): BackupKeys {
  return {
    masterKey: keys.masterKey.toString('base64'),
    auditSigningKey: keys.auditSigning.privateKey
      .export({ type: 'pkcs8', format: 'pem' })
      .toString(),
  };
}

async function* withNewlines(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const line of lines) yield line + '\n';
}

/** Writes a sealed backup of `database` to `file`, then reads it back; returns its digests. */
export async function writeBackup(
  database: Database,
  keys: BackupKeys,
  file: string,
  passphrase: string,
  now = new Date(),
): Promise<Digests> {
  const partial = `${file}.partial`;
  try {
    await database.withOwner(async (session) => {
      const catalog = await readCatalog(session);
      await inSnapshot(session, async () => {
        const header: BackupHeader = {
          format: 1,
          createdAt: now.toISOString(),
          source: database.kind,
          migrations: await session.query(
            'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
          ),
          sequences: await readSequences(session, catalog),
          keys,
        };
        async function* lines() {
          yield HEADER + JSON.stringify(header);
          yield* tableLines(session, catalog);
          yield '#done';
        }
        await pipeline(
          Readable.from(withNewlines(lines())),
          zlib.createGzip(),
          sealStream(passphrase),
          fs.createWriteStream(partial, { mode: 0o600 }),
        );
      });
    });
    const { digests } = await checkBackup(partial, passphrase);
    fs.renameSync(partial, file);
    return digests;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

/** The backup's lines, decrypted; fails on a wrong passphrase or a damaged file. */
export async function* backupLines(file: string, passphrase: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file);
  const plain = input.pipe(openStream(passphrase));
  const text = plain.pipe(zlib.createGunzip());
  // Errors of the earlier stages surface on the last one.
  input.on('error', (e) => text.destroy(e));
  plain.on('error', (e) => text.destroy(e));
  const reader = readline.createInterface({ input: text, crlfDelay: Infinity });
  try {
    for await (const line of reader) yield line;
  } finally {
    reader.close();
    input.destroy();
  }
}

function parseHeader(line: string | undefined): BackupHeader {
  if (!line?.startsWith(HEADER)) throw new RestoreRefused('The file is not an Asylon backup.');
  const header = JSON.parse(line.slice(HEADER.length)) as BackupHeader;
  if (header.format !== 1) {
    throw new RestoreRefused(
      `The backup has format ${String(header.format)}; this Asylon reads format 1.`,
    );
  }
  return header;
}

/** Reads a whole backup and checks every table against its digest. */
export async function checkBackup(
  file: string,
  passphrase: string,
): Promise<{ header: BackupHeader; digests: Digests }> {
  let header: BackupHeader | undefined;
  const digests: Digests = {};
  let done = false;
  let current = new RowDigest();
  for await (const line of backupLines(file, passphrase)) {
    if (!header) {
      header = parseHeader(line);
    } else if (line.startsWith('#table ')) {
      current = new RowDigest();
    } else if (line.startsWith('#end ')) {
      const end = parseEnd(line);
      if (!end || end.rows !== current.rows || end.digest !== current.digest) {
        throw new RestoreRefused(`The backup's copy of table "${line.split(' ')[1]}" is damaged.`);
      }
      digests[end.table] = { rows: end.rows, digest: end.digest };
    } else if (line === '#done') {
      done = true;
    } else {
      current.add(line);
    }
  }
  if (!header || !done) throw new RestoreRefused('The backup is incomplete.');
  return { header, digests };
}

export async function readBackupHeader(file: string, passphrase: string): Promise<BackupHeader> {
  for await (const line of backupLines(file, passphrase)) return parseHeader(line);
  throw new RestoreRefused('The backup is empty.');
}

/** Tables holding rows, beyond the default operation every new database starts with. */
async function tablesWithRows(session: OwnerSession): Promise<string[]> {
  const catalog = await readCatalog(session);
  const found: string[] = [];
  for (const table of catalog.tables) {
    const where = table === 'operations' ? " WHERE code <> 'default'" : '';
    const [row] = await session.query<{ any: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM ${ident(table)}${where}) AS any`,
    );
    if (row?.any) found.push(table);
  }
  return found;
}

export interface RestoreResult {
  header: BackupHeader;
  digests: Digests;
  /** Migrations applied after the data, bringing an older backup up to this version. */
  upgraded: string[];
}

/**
 * Restores `file` into `database`: refuses a database that holds data unless `replace`, brings
 * an empty one to the backup's schema version, loads every table in one transaction, checks the
 * digests, then applies the migrations that came after the backup.
 */
export async function restoreBackup(
  database: Database,
  file: string,
  passphrase: string,
  options: { replace?: boolean } = {},
): Promise<RestoreResult> {
  const header = await readBackupHeader(file, passphrase);
  const known = new Map(listMigrations().map((m) => [m.version, m]));
  for (const m of header.migrations) {
    if (known.get(m.version)?.checksum !== m.checksum) {
      throw new RestoreRefused(
        `The backup was made by a newer or different version of Asylon (migration ${m.version}_${m.name}). Restore it with that version.`,
      );
    }
  }
  const backupVersions = new Set(header.migrations.map((m) => m.version));
  await database.withOwner(async (session) => {
    const [{ exists } = { exists: false }] = await session.query<{ exists: boolean }>(
      "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS exists",
    );
    if (!exists) return;
    const applied = await session.query<{ version: string }>(
      'SELECT version FROM schema_migrations',
    );
    const newer = applied.filter((m) => !backupVersions.has(m.version)).map((m) => m.version);
    const busy = await tablesWithRows(session);
    if (busy.length > 0 && !options.replace) {
      throw new RestoreRefused(
        `The database already holds data (in ${busy.length} tables, e.g. ${busy.slice(0, 3).join(', ')}). ` +
          'Restore into an empty database, or pass --replace to delete that data first.',
      );
    }
    if (newer.length > 0) {
      throw new RestoreRefused(
        `The database's schema is newer than the backup's (migration ${newer.sort()[0]} and later). ` +
          'Restore into an empty database: Asylon brings the restored data up to date itself.',
      );
    }
  });
  await migrate(
    database,
    listMigrations().filter((m) => backupVersions.has(m.version)),
  );

  const digests: Digests = {};
  await database.withOwner(async (session) => {
    const catalog = await readCatalog(session);
    const tables = catalog.tables.map(ident);
    await session.exec('BEGIN');
    try {
      await session.exec("SET LOCAL TIME ZONE 'UTC'");
      for (const table of tables) await session.exec(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
      await session.exec(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY`);
      const writer = new TableWriter(session, catalog);
      let first = true;
      let done = false;
      for await (const line of backupLines(file, passphrase)) {
        if (first) {
          first = false;
        } else if (line.startsWith('#table ')) {
          writer.start(line.slice('#table '.length));
        } else if (line.startsWith('#end ')) {
          const end = parseEnd(line);
          if (!end) throw new RestoreRefused('The backup is damaged.');
          await writer.end(end.table, end.rows, end.digest);
          digests[end.table] = { rows: end.rows, digest: end.digest };
        } else if (line === '#done') {
          done = true;
        } else {
          await writer.row(line);
        }
      }
      if (!done) throw new RestoreRefused('The backup is incomplete.');
      const missing = await writer.finish();
      if (missing.length > 0) {
        throw new RestoreRefused(`The backup lacks table(s) ${missing.join(', ')}.`);
      }
      for (const s of header.sequences) {
        await session.query(`SELECT setval($1::regclass, $2::bigint, $3)`, [
          ident(s.name),
          s.lastValue,
          s.isCalled,
        ]);
      }
      for (const table of tables) await session.exec(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
      await session.exec('COMMIT');
    } catch (error) {
      await session.exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const after = await digestTables(session);
    const wrong = Object.keys(digests).filter(
      (t) => after[t]?.digest !== digests[t]!.digest || after[t]?.rows !== digests[t]!.rows,
    );
    if (wrong.length > 0) {
      throw new RestoreRefused(
        `After the restore, table(s) ${wrong.join(', ')} differ from the backup.`,
      );
    }
  });
  const upgraded = await migrate(database);
  return { header, digests, upgraded };
}

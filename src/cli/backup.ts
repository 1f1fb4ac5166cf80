import path from 'node:path';
import { backupKeys, writeBackup, type BackupKeys } from '../platform/backup/backup.ts';
import { requestSnapshot } from '../platform/backup/snapshot-socket.ts';
import type { Digests } from '../platform/backup/tables.ts';
import type { Config } from '../platform/config.ts';
import { loadKeys } from '../platform/crypto/keys.ts';
import { openDatabase, type Database } from '../platform/db/database.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';
import { databaseTarget } from '../server/platform.ts';
import { configFrom, parse, readPassphrase, UsageError } from './common.ts';

const USAGE = 'usage: asylon backup FILE [--passphrase-file F]';

/**
 * Writes a sealed backup of this installation's database. On PostgreSQL it reads beside the
 * server; the embedded database, when a server holds it, is read from a consistent copy of its
 * files that the server hands over.
 */
export async function backupInstallation(
  config: Config,
  file: string,
  passphrase: string,
): Promise<Digests> {
  const keys: BackupKeys = backupKeys(loadKeys(config));
  let database: Database;
  try {
    database = await openDatabase(databaseTarget(config, 'backup'));
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    database = await openDatabase({
      kind: 'pglite',
      dataDir: null,
      loadDataDir: await requestSnapshot(config.dataDir),
    });
  }
  try {
    return await writeBackup(database, keys, file, passphrase);
  } finally {
    await database.close();
  }
}

export const summary = (digests: Digests) => {
  const tables = Object.values(digests);
  return `${tables.length} tables, ${tables.reduce((sum, t) => sum + t.rows, 0)} rows`;
};

/** asylon backup FILE: every table, the schema version and the keys, sealed and checked. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { 'passphrase-file': { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const file = path.resolve(positionals[0]!);
  const config = configFrom(values);
  const passphrase = readPassphrase(values['passphrase-file'], config);
  const started = performance.now();
  const digests = await backupInstallation(config, file, passphrase);
  process.stdout.write(
    `Backed up ${summary(digests)} to ${file} and checked it ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s). Keep the passphrase apart from the file.\n`,
  );
  return 0;
}

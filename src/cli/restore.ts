import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  readBackupHeader,
  restoreBackup,
  RestoreRefused,
  type BackupKeys,
} from '../platform/backup/backup.ts';
import { verifyAllChains } from '../platform/audit/verify.ts';
import type { Config } from '../platform/config.ts';
import { keyFiles } from '../platform/crypto/keys.ts';
import { openDatabase } from '../platform/db/database.ts';
import { databaseTarget } from '../server/platform.ts';
import { configFrom, parse, readPassphrase, UsageError } from './common.ts';

const USAGE = 'usage: asylon restore FILE [--passphrase-file F] [--replace]';

/** Compares key texts without caring about a trailing newline. */
const same = (a: string, b: string) => a.trim() === b.trim();

/**
 * The backup's keys must be the ones this installation will use. Settings that give other keys
 * are refused (the restored data could not be read with them); key files are written when missing,
 * and replaced only with --replace.
 */
function planKeys(config: Config, keys: BackupKeys, replace: boolean): () => void {
  if (config.masterKey && !same(config.masterKey, keys.masterKey)) {
    throw new RestoreRefused(
      'ASYLON_MASTER_KEY is set to another key than the backup’s. Unset it (the backup’s keys are then written to the data folder) or set it to the key of the installation that made the backup.',
    );
  }
  if (config.auditSigningKey && !same(config.auditSigningKey, keys.auditSigningKey)) {
    throw new RestoreRefused(
      'ASYLON_AUDIT_SIGNING_KEY is set to another key than the backup’s. Unset it or set it to the key of the installation that made the backup.',
    );
  }
  const files = keyFiles(config.dataDir);
  const wanted: [string, string, boolean][] = [
    [files.master, keys.masterKey, config.masterKey === null],
    [files.auditSigning, keys.auditSigningKey, config.auditSigningKey === null],
  ];
  const writes = wanted.filter(([file, text, fromFile]) => {
    if (!fromFile || !fs.existsSync(file)) return fromFile;
    if (same(fs.readFileSync(file, 'utf8'), text)) return false;
    if (!replace) {
      throw new RestoreRefused(
        `${file} holds another key than the backup's. Pass --replace to replace this installation's data and keys.`,
      );
    }
    return true;
  });
  return () => {
    for (const [file, text] of writes) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, text, { mode: 0o600 });
    }
  };
}

/**
 * asylon restore FILE: into an empty database (or, with --replace, over one), the schema brought
 * to the backup's version, every table checked against the backup's digests, then the migrations
 * that came after; the backup's keys installed and the audit chain verified with them.
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    'passphrase-file': { type: 'string' },
    replace: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const file = path.resolve(positionals[0]!);
  if (!fs.existsSync(file)) throw new UsageError(`${file} does not exist.`);
  const replace = values.replace === true;
  const config = configFrom(values);
  const passphrase = readPassphrase(values['passphrase-file'], config);
  const header = await readBackupHeader(file, passphrase);
  const installKeys = planKeys(config, header.keys, replace);

  const started = performance.now();
  const database = await openDatabase(databaseTarget(config, 'restore'));
  try {
    const result = await restoreBackup(database, file, passphrase, { replace });
    installKeys();
    const tables = Object.values(result.digests);
    process.stdout.write(
      `Restored ${tables.length} tables, ${tables.reduce((s, t) => s + t.rows, 0)} rows, ` +
        `from a backup of ${header.createdAt}; every table matches the backup ` +
        `(${((performance.now() - started) / 1000).toFixed(1)} s).\n`,
    );
    if (result.upgraded.length > 0) {
      process.stdout.write(`Brought up to date with ${result.upgraded.join(', ')}.\n`);
    }
    const publicKey = crypto.createPublicKey(crypto.createPrivateKey(header.keys.auditSigningKey));
    const chains = await verifyAllChains(database.db, publicKey);
    const broken = chains.filter((c) => !c.result.ok);
    process.stdout.write(
      broken.length === 0
        ? `Audit chain intact for ${chains.length} operation(s).\n`
        : `Audit chain BROKEN for ${broken.length} operation(s): run "asylon audit verify".\n`,
    );
    return broken.length === 0 ? 0 : 1;
  } finally {
    await database.close();
  }
}

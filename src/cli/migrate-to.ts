import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { restoreBackup } from '../platform/backup/backup.ts';
import { openDatabase } from '../platform/db/database.ts';
import { checkApplicationRole } from '../platform/db/migrate.ts';
import { backupInstallation, summary } from './backup.ts';
import { configFrom, parse, UsageError } from './common.ts';

const USAGE =
  'usage: asylon migrate-to --database-url postgres://APP@HOST/DB --owner-url postgres://OWNER@HOST/DB';

/**
 * asylon migrate-to: copies the embedded database into an empty PostgreSQL database (a backup
 * and a restore through a private temporary file), checks every table's digest, and says what to
 * change in the configuration. The embedded data stays where it was.
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    'database-url': { type: 'string' },
    'owner-url': { type: 'string' },
  });
  const url = values['database-url'];
  const ownerUrl = values['owner-url'];
  if (positionals.length || !url || !ownerUrl) throw new UsageError(USAGE);
  for (const [flag, value] of [
    ['--database-url', url],
    ['--owner-url', ownerUrl],
  ] as const) {
    if (!/^postgres(ql)?:\/\//.test(value)) {
      throw new UsageError(`${flag} must be a postgres:// address`);
    }
  }
  const config = configFrom(values);
  if (config.databaseUrl) {
    throw new UsageError('DATABASE_URL is set: this installation already runs on PostgreSQL.');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-migrate-to-'));
  const file = path.join(dir, 'copy.backup');
  const passphrase = crypto.randomBytes(32).toString('base64');
  const target = await openDatabase({ kind: 'postgres', url, ownerUrl });
  try {
    const copied = await backupInstallation(config, file, passphrase);
    const { digests } = await restoreBackup(target, file, passphrase);
    const role = await checkApplicationRole(target);
    process.stdout.write(
      `Copied ${summary(copied)} into PostgreSQL; every table's digest matches (${summary(digests)}).\n\n` +
        'To run on PostgreSQL from now on, set:\n' +
        `  DATABASE_URL=${url}\n  DATABASE_OWNER_URL=${ownerUrl}\n` +
        `and keep ASYLON_DATA_DIR=${config.dataDir} (its keys/ folder holds the keys the data needs),\n` +
        'or set ASYLON_MASTER_KEY and ASYLON_AUDIT_SIGNING_KEY to the contents of those files.\n',
    );
    if (!role.ok) process.stdout.write(`\nWARNING: ${role.problem}\n`);
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await target.close();
  }
}

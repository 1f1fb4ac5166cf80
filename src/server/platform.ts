import { AuditLog } from '../platform/audit/audit-log.ts';
import type { Config } from '../platform/config.ts';
import { loadKeys, type Keys } from '../platform/crypto/keys.ts';
import { openDatabase, type Database, type DatabaseTarget } from '../platform/db/database.ts';
import { checkApplicationRole, migrate } from '../platform/db/migrate.ts';
import { createLimiters, type Platform } from '../platform/platform.ts';

export class StartupError extends Error {}

export function databaseTarget(config: Config, purpose: string): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, ownerUrl: config.databaseOwnerUrl }
    : { kind: 'pglite', dataDir: config.dataDir, lockPurpose: purpose };
}

/**
 * Opens the database, brings its schema up to date, refuses an application role that could
 * step around row-level security, and assembles what modules receive.
 */
export async function openPlatform(
  config: Config,
  options: {
    purpose: string;
    database?: Database;
    keys?: Keys;
    now?: () => Date;
    migrate?: boolean;
  },
): Promise<Platform> {
  const database =
    options.database ?? (await openDatabase(databaseTarget(config, options.purpose)));
  try {
    if (options.migrate !== false) await migrate(database);
    const role = await checkApplicationRole(database);
    if (!role.ok) throw new StartupError(role.problem);
    const keys = options.keys ?? loadKeys(config);
    const now = options.now ?? (() => new Date());
    return {
      config,
      database,
      db: database.db,
      keys,
      audit: new AuditLog(keys.auditSigning),
      now,
      limiters: createLimiters(config, now),
    };
  } catch (e) {
    if (!options.database) await database.close();
    throw e;
  }
}

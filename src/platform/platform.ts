import type { Kysely } from 'kysely';
import type { AuditLog } from './audit/audit-log.ts';
import type { Config } from './config.ts';
import type { Keys } from './crypto/keys.ts';
import type { Database } from './db/database.ts';
import type { PlatformTables } from './db/schema.ts';
import { RateLimiter } from './http/rate-limit.ts';

/** What the platform hands every module: settings, the database, keys, the audit log, the clock. */
export interface Platform {
  config: Config;
  database: Database;
  db: Kysely<PlatformTables>;
  keys: Keys;
  audit: AuditLog;
  /** The one clock; tests move it. */
  now: () => Date;
  limiters: {
    loginByIp: RateLimiter;
    loginByAccount: RateLimiter;
    mfaByUser: RateLimiter;
    /** Every API request, per user or address. */
    api: RateLimiter;
  };
}

export function createLimiters(config: Config, now: () => Date): Platform['limiters'] {
  const ms = () => now().getTime();
  const perMinute = config.loginRateLimitPerMinute;
  return {
    loginByIp: new RateLimiter(perMinute, 60_000, ms),
    loginByAccount: new RateLimiter(perMinute, 15 * 60_000, ms),
    mfaByUser: new RateLimiter(5, 60_000, ms),
    api: new RateLimiter(config.apiRateLimitPerMinute, 60_000, ms),
  };
}

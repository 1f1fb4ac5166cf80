import path from 'node:path';
import { z } from 'zod';

/** Every setting Asylon reads, parsed once at start-up. Nothing else reads process.env. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection of the application role; null means the embedded database. */
  databaseUrl: string | null;
  /** PostgreSQL connection of the schema owner, used only to run migrations. */
  databaseOwnerUrl: string | null;
  publicUrl: string;
  mfaRequired: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Base64 of a 32-byte key; when null it is kept in <dataDir>/keys/master.key. */
  masterKey: string | null;
  /** PEM of an Ed25519 private key signing audit checkpoints; null: <dataDir>/keys/audit-signing.pem. */
  auditSigningKey: string | null;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginRateLimitPerMinute: number;
  trustProxy: boolean;
  /** API requests per minute per user (or per address before sign-in). */
  apiRateLimitPerMinute: number;
  /** The passphrase sealing backups, when given in the environment. */
  backupPassphrase: string | null;
}

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  ASYLON_DATA_DIR: z.string().min(1).default('./asylon-data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_OWNER_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  ASYLON_PUBLIC_URL: z.url().optional(),
  ASYLON_MFA_REQUIRED: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  ASYLON_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  /** Seals backups (asylon backup/restore); at least 12 characters. */
  ASYLON_BACKUP_PASSPHRASE: z.string().optional(),
  ASYLON_AUDIT_SIGNING_KEY: z
    .string()
    .includes('PRIVATE KEY', { message: 'must be a PEM private key' })
    .optional(),
  ASYLON_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  ASYLON_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  ASYLON_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
  ASYLON_TRUST_PROXY: bool.default(false),
  ASYLON_API_RATE_LIMIT: z.coerce.number().int().min(10).max(1_000_000).default(600),
});

export class ConfigError extends Error {}

/** The settings table of the README is generated from these descriptions' keys; keep both in step. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Pick<Config, 'port' | 'dataDir'>> = {},
): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(
      `Invalid setting(s):\n${lines.join('\n')}\nSee the configuration table in README.md.`,
    );
  }
  const e = parsed.data;
  const port = overrides.port ?? e.PORT;
  if (e.DATABASE_URL && !e.DATABASE_OWNER_URL) {
    throw new ConfigError(
      'DATABASE_OWNER_URL is not set. With PostgreSQL, Asylon migrates the schema as its owner and ' +
        'serves as a separate, non-owner role (DATABASE_URL). See "Running on PostgreSQL" in README.md.',
    );
  }
  return {
    port,
    host: e.HOST,
    dataDir: path.resolve(overrides.dataDir ?? e.ASYLON_DATA_DIR),
    databaseUrl: e.DATABASE_URL ?? null,
    databaseOwnerUrl: e.DATABASE_OWNER_URL ?? null,
    publicUrl: (e.ASYLON_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    mfaRequired: e.ASYLON_MFA_REQUIRED,
    logLevel: e.LOG_LEVEL,
    masterKey: e.ASYLON_MASTER_KEY ?? null,
    auditSigningKey: e.ASYLON_AUDIT_SIGNING_KEY ?? null,
    sessionIdleMinutes: e.ASYLON_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.ASYLON_SESSION_ABSOLUTE_HOURS,
    loginRateLimitPerMinute: e.ASYLON_LOGIN_RATE_LIMIT,
    trustProxy: e.ASYLON_TRUST_PROXY,
    apiRateLimitPerMinute: e.ASYLON_API_RATE_LIMIT,
    backupPassphrase: e.ASYLON_BACKUP_PASSPHRASE ?? null,
  };
}

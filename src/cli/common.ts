import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RestoreRefused } from '../platform/backup/backup.ts';
import { BackupFileError, MIN_PASSPHRASE_LENGTH } from '../platform/backup/sealed-stream.ts';
import { ConfigError, loadConfig, type Config } from '../platform/config.ts';
import { DataDirLockedError } from '../platform/db/lock.ts';
import { MigrationError } from '../platform/db/migrate.ts';
import { AppError } from '../platform/errors.ts';
import type { Platform } from '../platform/platform.ts';
import { openPlatform, StartupError } from '../server/platform.ts';

export class UsageError extends Error {}

const common = { 'data-dir': { type: 'string' } } as const;

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: O,
) {
  try {
    return parseArgs({
      args,
      options: { ...options, ...common },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function configFrom(values: {
  'data-dir'?: string | boolean | (string | boolean)[];
  port?: unknown;
}): Config {
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  const port = typeof values.port === 'string' ? Number(values.port) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new UsageError('--port must be a whole number from 1 to 65535');
  }
  return loadConfig(undefined, { dataDir, port });
}

/** Opens the platform for one command and always closes it. */
export async function withPlatform<T>(
  config: Config,
  purpose: string,
  fn: (p: Platform) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const platform = await openPlatform(config, { purpose, ...options });
  try {
    return await fn(platform);
  } finally {
    await platform.database.close();
  }
}

/** Rewrites one progress line on a terminal; says nothing when output goes to a file. */
export function progressLine(text: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r${text}`);
}

/** Turns known failures into one clear line and an exit code; anything else is a bug. */
export function explain(e: unknown): { message: string; code: number } {
  if (e instanceof UsageError)
    return { message: `${e.message}\nRun "asylon help" for usage.`, code: 64 };
  if (
    e instanceof ConfigError ||
    e instanceof DataDirLockedError ||
    e instanceof StartupError ||
    e instanceof MigrationError
  ) {
    return { message: e.message, code: 78 };
  }
  if (e instanceof RestoreRefused || e instanceof BackupFileError) {
    return { message: e.message, code: 65 };
  }
  if (e instanceof AppError) {
    const fields = e.errors
      ?.map((f) => `  ${f.field.replace(/^body\./, '')}: ${f.message}`)
      .join('\n');
    return { message: [e.detail ?? e.message, fields].filter(Boolean).join('\n'), code: 65 };
  }
  return { message: `Unexpected error: ${(e as Error).stack ?? String(e)}`, code: 70 };
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The passphrase sealing a backup: from --passphrase-file, else ASYLON_BACKUP_PASSPHRASE. Never
 * from the command line, where every user of the machine could read it in the process list.
 */
export function readPassphrase(file: string | undefined, config: Config): string {
  const text =
    file !== undefined ? readFileOrExplain(file).replace(/\r?\n$/, '') : config.backupPassphrase;
  if (!text) {
    throw new UsageError(
      'A passphrase is needed: put it in a file given with --passphrase-file, or in ASYLON_BACKUP_PASSPHRASE.',
    );
  }
  if ([...text].length < MIN_PASSPHRASE_LENGTH) {
    throw new UsageError(
      `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`,
    );
  }
  return text;
}

function readFileOrExplain(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read ${file}: ${(e as Error).message}`);
  }
}

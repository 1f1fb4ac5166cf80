import pino from 'pino';
import { serveSnapshots } from '../platform/backup/snapshot-socket.ts';
import type { Config } from '../platform/config.ts';
import { isTls } from '../platform/http/session-cookie.ts';
import { issueSetupToken } from '../modules/setup/service.ts';
import { buildApp } from './app.ts';
import { openPlatform } from './platform.ts';

/** Runs the server until SIGINT/SIGTERM, then drains requests and closes the database. */
export async function serve(config: Config): Promise<void> {
  const logger = pino({
    level: config.logLevel,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.token'],
      remove: true,
    },
  });
  const platform = await openPlatform(config, { purpose: 'server' });
  const app = await buildApp(platform, logger);
  await app.listen({ port: config.port, host: config.host });
  // `asylon backup` asks the running server for a copy of the embedded database. Without the
  // socket (a data folder path too long for one, say) the server still runs; backups then need
  // it stopped.
  const stopSnapshots =
    platform.database.kind === 'pglite'
      ? await serveSnapshots(platform.database, config.dataDir).catch((error: unknown) => {
          logger.warn({ err: error }, 'no snapshot socket: stop the server to take a backup');
          return () => undefined;
        })
      : () => undefined;

  const where =
    platform.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
  process.stdout.write(`Asylon is running at ${config.publicUrl} (${where}).\n`);
  if (!config.mfaRequired)
    process.stdout.write(
      'WARNING: two-factor sign-in is turned off (ASYLON_MFA_REQUIRED=false).\n',
    );
  if (!isTls(config)) {
    process.stdout.write(
      'Note: served over plain http; put it behind TLS and set ASYLON_PUBLIC_URL=https://… in production.\n',
    );
  }
  const setup = await issueSetupToken(platform);
  if (setup) {
    process.stdout.write(
      `\nNo users yet. Create the first administrator with this one-time link:\n\n  ${config.publicUrl}/setup#token=${setup}\n\n`,
    );
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stopSnapshots();
    void app
      .close()
      .then(() => platform.database.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

/**
 * The daily retention run. It starts when the server starts listening (never in tests, which
 * inject requests without listening), looks every hour for operations whose last scheduled run
 * is a day old, and stops with the server. Runs on several servers are serialised by the
 * operation's retention lock, and a run that finds a recent one does nothing.
 */
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { runDueRetention } from './retention-service.ts';

const FIRST_CHECK_MS = 5 * 60_000;
const CHECK_EVERY_MS = 60 * 60_000;

export function scheduleRetention(api: Api, platform: Platform): void {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runDueRetention(platform)
      .then((runs) => {
        for (const r of runs) api.log.info({ run: r.id, deleted: r.total }, 'retention run');
      })
      // The class only: a database message can quote values.
      .catch((e: unknown) =>
        api.log.error({ error: e instanceof Error ? e.name : 'error' }, 'retention run failed'),
      )
      .finally(() => {
        running = false;
      });
  };
  api.addHook('onListen', (done) => {
    timer = setTimeout(() => {
      tick();
      timer = setInterval(tick, CHECK_EVERY_MS);
      timer.unref();
    }, FIRST_CHECK_MS);
    timer.unref();
    done();
  });
  api.addHook('onClose', (_instance, done) => {
    if (timer) clearTimeout(timer);
    done();
  });
}

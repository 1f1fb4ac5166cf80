import { setSessionCookie } from '../../platform/http/session-cookie.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { statusResponse } from '../auth/schema.ts';
import { setupBody, setupStatus } from './schema.ts';
import * as service from './service.ts';

const tags = ['setup'];

export function routes(api: Api, platform: Platform): void {
  const { config } = platform;

  api.get(
    '/setup/status',
    { config: { permission: 'public' }, schema: { tags, response: { 200: setupStatus } } },
    async () => ({ needed: await service.setupNeeded(platform) }),
  );

  api.post(
    '/setup',
    {
      config: { permission: 'public' },
      schema: { tags, body: setupBody, response: { 201: statusResponse } },
    },
    async (req, reply) => {
      const r = await service.completeSetup(platform, req.body, String(req.id));
      setSessionCookie(reply, config, r.sessionToken);
      return reply.code(201).send({ status: r.status });
    },
  );
}

import { contextOf } from '../../platform/http/context.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { notificationList } from './schema.ts';
import * as service from './service.ts';

const tags = ['notifications'];

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/notifications',
    {
      config: { permission: 'authenticated' },
      schema: { tags, response: { 200: notificationList } },
    },
    (req) => service.listMine(platform, contextOf(req, platform)),
  );

  api.post(
    '/notifications/:id/read',
    {
      config: { permission: 'authenticated' },
      schema: { tags, params: idParams, response: { 204: noContent } },
    },
    async (req, reply) => {
      await service.markRead(platform, contextOf(req, platform), req.params.id);
      return reply.code(204).send(null);
    },
  );
}

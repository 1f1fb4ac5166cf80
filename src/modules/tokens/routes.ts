import { z } from 'zod';
import { contextOf } from '../../platform/http/context.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { tokenCreateBody, tokenCreated, tokenView } from './schema.ts';
import * as service from './service.ts';

const tags = ['auth'];

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/auth/tokens',
    {
      config: { permission: 'authenticated' },
      schema: { tags, response: { 200: z.object({ items: z.array(tokenView) }) } },
    },
    (req) => service.listApiTokens(platform, contextOf(req, platform)),
  );

  api.post(
    '/auth/tokens',
    {
      config: { permission: 'authenticated' },
      schema: { tags, body: tokenCreateBody, response: { 201: tokenCreated } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.createApiToken(platform, contextOf(req, platform), req.session, req.body),
        ),
  );

  api.delete(
    '/auth/tokens/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, params: idParams, response: { 204: noContent } },
    },
    async (req, reply) => {
      await service.revokeApiToken(platform, contextOf(req, platform), req.params.id);
      return reply.code(204).send(null);
    },
  );
}

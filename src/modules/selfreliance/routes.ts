import { contextOf } from '../../platform/http/context.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['self-reliance'];

export function routes(api: Api, platform: Platform): void {
  api.post(
    '/households/:id/sri-assessments',
    {
      config: { permission: 'sri.assess', idempotent: true },
      schema: { tags, params: idParams, body: s.sriBody, response: { 201: s.sriView } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.addAssessment(platform, contextOf(req, platform), req.params.id, req.body),
        ),
  );

  api.get(
    '/households/:id/sri-assessments',
    {
      config: { permission: 'assistance.read' },
      schema: { tags, params: idParams, response: { 200: s.sriTrendView } },
    },
    (req) => service.householdTrend(platform, contextOf(req, platform), req.params.id),
  );
}

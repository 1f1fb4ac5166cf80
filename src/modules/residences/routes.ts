import { contextOf } from '../../platform/http/context.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['residences'];

export function routes(api: Api, platform: Platform): void {
  api.post(
    '/persons/:id/residences',
    {
      config: { permission: 'persons.write', idempotent: true },
      schema: { tags, params: idParams, body: s.residenceBody, response: { 201: s.residenceView } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.addResidence(platform, contextOf(req, platform), req.params.id, req.body),
        ),
  );

  api.get(
    '/persons/:id/residences',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params: idParams, response: { 200: s.residenceList } },
    },
    (req) => service.listResidences(platform, contextOf(req, platform), req.params.id),
  );

  api.get(
    '/sites/:id/residents',
    {
      config: { permission: 'persons.read' },
      schema: {
        tags,
        params: idParams,
        querystring: s.residentsQuery,
        response: { 200: s.residentList },
      },
    },
    (req) => service.siteResidents(platform, contextOf(req, platform), req.params.id, req.query),
  );
}

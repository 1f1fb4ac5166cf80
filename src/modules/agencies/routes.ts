import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { agencyBody, agencyList, agencyView } from './schema.ts';
import * as service from './service.ts';

const tags = ['agencies'];

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/agencies',
    { config: { permission: 'authenticated' }, schema: { tags, response: { 200: agencyList } } },
    (req) => service.listAgencies(platform, contextOf(req, platform)),
  );

  api.post(
    '/agencies',
    {
      config: { permission: 'agencies.manage', idempotent: true },
      schema: { tags, body: agencyBody, response: { 201: agencyView } },
    },
    async (req, reply) => {
      const agency = await service.createAgency(platform, contextOf(req, platform), req.body.name);
      setEtag(reply, agency.version);
      return reply.code(201).send(agency);
    },
  );

  api.patch(
    '/agencies/:id',
    {
      config: { permission: 'agencies.manage' },
      schema: { tags, params: idParams, body: agencyBody, response: { 200: agencyView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const agency = await service.renameAgency(
        platform,
        ctx,
        req.params.id,
        expectedVersion(req),
        req.body.name,
      );
      setEtag(reply, agency.version);
      return agency;
    },
  );
}

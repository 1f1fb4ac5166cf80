import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { siteCreateBody, siteList, sitePatchBody, siteView } from './schema.ts';
import * as service from './service.ts';

const tags = ['sites'];

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/sites',
    { config: { permission: 'sites.read' }, schema: { tags, response: { 200: siteList } } },
    (req) => service.listSites(platform, contextOf(req, platform)),
  );

  api.post(
    '/sites',
    {
      config: { permission: 'sites.manage', idempotent: true },
      schema: { tags, body: siteCreateBody, response: { 201: siteView } },
    },
    async (req, reply) => {
      const site = await service.createSite(platform, contextOf(req, platform), req.body);
      setEtag(reply, site.version);
      return reply.code(201).send(site);
    },
  );

  api.get(
    '/sites/:id',
    {
      config: { permission: 'sites.read' },
      schema: { tags, params: idParams, response: { 200: siteView } },
    },
    async (req, reply) => {
      const site = await service.getSite(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, site.version);
      return site;
    },
  );

  api.patch(
    '/sites/:id',
    {
      config: { permission: 'sites.manage' },
      schema: { tags, params: idParams, body: sitePatchBody, response: { 200: siteView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const site = await service.updateSite(
        platform,
        ctx,
        req.params.id,
        expectedVersion(req),
        req.body,
      );
      setEtag(reply, site.version);
      return site;
    },
  );
}

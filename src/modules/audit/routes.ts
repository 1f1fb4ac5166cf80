import { contextOf } from '../../platform/http/context.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { auditPage, auditQuery, verifyView } from './schema.ts';
import * as service from './service.ts';

const tags = ['audit'];

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/audit/events',
    {
      config: { permission: 'audit.read' },
      schema: { tags, querystring: auditQuery, response: { 200: auditPage } },
    },
    (req) => service.searchAudit(platform, contextOf(req, platform), req.query),
  );

  api.get(
    '/audit/verify',
    { config: { permission: 'audit.read' }, schema: { tags, response: { 200: verifyView } } },
    (req) => service.verifyAudit(platform, contextOf(req, platform)),
  );
}

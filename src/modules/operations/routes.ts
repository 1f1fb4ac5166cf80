import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { operationPatchBody, operationView } from './schema.ts';
import * as service from './service.ts';

const tags = ['operations'];

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/operations/current',
    { config: { permission: 'authenticated' }, schema: { tags, response: { 200: operationView } } },
    async (req, reply) => {
      const op = await service.currentOperation(platform, contextOf(req, platform));
      setEtag(reply, op.version);
      return op;
    },
  );

  api.patch(
    '/operations/current',
    {
      config: { permission: 'operation.manage' },
      schema: { tags, body: operationPatchBody, response: { 200: operationView } },
    },
    async (req, reply) => {
      const op = await service.updateCurrentOperation(
        platform,
        contextOf(req, platform),
        expectedVersion(req),
        req.body,
      );
      setEtag(reply, op.version);
      return op;
    },
  );
}

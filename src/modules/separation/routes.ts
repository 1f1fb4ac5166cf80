import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion } from '../../platform/http/etag.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['separation'];

export function routes(api: Api, platform: Platform): void {
  api.post(
    '/persons/:id/separation-requests',
    {
      config: { permission: 'separation.request', idempotent: true },
      schema: { tags, params: idParams, body: s.requestBody, response: { 201: s.requestView } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.createRequest(platform, contextOf(req, platform), req.params.id, req.body),
        ),
  );

  api.get(
    '/persons/:id/separation-requests',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params: idParams, response: { 200: s.requestList } },
    },
    (req) => service.listRequests(platform, contextOf(req, platform), req.params.id),
  );

  api.patch(
    '/separation-requests/:id',
    {
      config: { permission: 'separation.request' },
      schema: {
        tags,
        params: idParams,
        body: s.requestPatchBody,
        response: { 200: s.requestView },
      },
    },
    (req) =>
      service.updateRequest(
        platform,
        contextOf(req, platform),
        req.params.id,
        expectedVersion(req),
        req.body.status,
      ),
  );

  api.post(
    '/separation-requests/:id/steps',
    {
      config: { permission: 'separation.request' },
      schema: { tags, params: idParams, body: s.stepBody, response: { 201: s.requestView } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.addStep(platform, contextOf(req, platform), req.params.id, req.body)),
  );

  api.patch(
    '/separation-requests/:id/steps/:stepId',
    {
      config: { permission: 'separation.request' },
      schema: {
        tags,
        params: s.stepParams,
        body: s.stepPatchBody,
        response: { 200: s.requestView },
      },
    },
    (req) =>
      service.updateStep(
        platform,
        contextOf(req, platform),
        req.params.id,
        req.params.stepId,
        expectedVersion(req),
        req.body,
      ),
  );

  api.get(
    '/persons/:id/whereabouts',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params: idParams, response: { 200: s.whereaboutsView } },
    },
    (req) => service.getWhereabouts(platform, contextOf(req, platform), req.params.id),
  );

  api.put(
    '/persons/:id/whereabouts',
    {
      config: { permission: 'separation.request' },
      schema: {
        tags,
        params: idParams,
        body: s.whereaboutsBody,
        response: { 200: s.whereaboutsView },
      },
    },
    (req) => service.setWhereabouts(platform, contextOf(req, platform), req.params.id, req.body),
  );

  api.post(
    '/persons/:id/access',
    {
      config: { permission: 'separation.request' },
      schema: { tags, params: idParams, body: s.accessBody, response: { 204: noContent } },
    },
    async (req, reply) => {
      await service.nameUser(platform, contextOf(req, platform), req.params.id, req.body.userId);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/persons/:id/break-glass',
    {
      config: { permission: 'persons.break_glass' },
      schema: {
        tags,
        params: idParams,
        body: s.breakGlassBody,
        response: { 201: s.breakGlassView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.breakGlass(
            platform,
            contextOf(req, platform),
            req.params.id,
            req.body.reason,
          ),
        ),
  );
}

import { contextOf } from '../../platform/http/context.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { jobStarted } from '../jobs/schema.ts';
import { personCreateBody } from '../registry/schema.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['duplicates'];

export function routes(api: Api, platform: Platform): void {
  api.post(
    '/persons/duplicate-check',
    {
      config: { permission: 'persons.write' },
      schema: { tags, body: personCreateBody, response: { 200: s.checkResult } },
    },
    (req) => service.checkBeforeRegistration(platform, contextOf(req, platform), req.body),
  );

  api.post(
    '/duplicates/jobs',
    {
      config: { permission: 'duplicates.review' },
      schema: { tags, response: { 202: jobStarted } },
    },
    async (req, reply) => {
      const job = await service.startBatch(platform, contextOf(req, platform));
      return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send({ id: job.id });
    },
  );

  api.get(
    '/duplicates',
    {
      config: { permission: 'duplicates.review' },
      schema: { tags, querystring: s.pairsQuery, response: { 200: s.pairList } },
    },
    (req) => service.listPairs(platform, contextOf(req, platform), req.query),
  );

  api.post(
    '/duplicates/decisions',
    {
      config: { permission: 'duplicates.review' },
      schema: { tags, body: s.decisionBody, response: { 204: noContent } },
    },
    async (req, reply) => {
      await service.decide(platform, contextOf(req, platform), req.body);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/merges',
    {
      config: { permission: 'duplicates.review', idempotent: true },
      schema: { tags, body: s.mergeBody, response: { 201: s.mergeView } },
    },
    async (req, reply) =>
      reply.code(201).send(await service.merge(platform, contextOf(req, platform), req.body)),
  );

  api.post(
    '/merges/:id/reverse',
    {
      config: { permission: 'duplicates.review' },
      schema: { tags, params: idParams, response: { 200: s.mergeView } },
    },
    (req) => service.reverseMerge(platform, contextOf(req, platform), req.params.id),
  );
}

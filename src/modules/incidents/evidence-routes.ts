import type { FastifyReply } from 'fastify';
import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { csv } from '../reports/schema.ts';
import * as e from './evidence-schema.ts';
import { monitoringCsv } from './report-csv.ts';
import { monitoringQuery, monitoringReport } from './report-schema.ts';
import * as report from './report-service.ts';
import * as sources from './source-service.ts';
import * as testimonies from './testimony-service.ts';

function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  setEtag(reply, record.version);
  return record;
}

/** Sources, testimonies and the protection-monitoring report. */
export function evidenceRoutes(api: Api, platform: Platform): void {
  const tags = ['incidents'];

  api.post(
    '/sources',
    {
      config: { permission: 'sources.write', idempotent: true },
      schema: { tags, body: e.sourceBody, response: { 201: e.sourceView } },
    },
    async (req, reply) => {
      const src = await sources.createSource(platform, contextOf(req, platform), req.body);
      return reply.code(201).send(withEtag(reply, src));
    },
  );

  api.get(
    '/sources',
    {
      config: { permission: 'sources.read' },
      schema: { tags, querystring: e.sourceListQuery, response: { 200: e.sourceList } },
    },
    (req) => sources.listSources(platform, contextOf(req, platform), req.query),
  );

  api.get(
    '/sources/:id',
    {
      config: { permission: 'sources.read' },
      schema: { tags, params: idParams, response: { 200: e.sourceView } },
    },
    async (req, reply) =>
      withEtag(reply, await sources.getSource(platform, contextOf(req, platform), req.params.id)),
  );

  api.patch(
    '/sources/:id',
    {
      config: { permission: 'sources.write' },
      schema: { tags, params: idParams, body: e.sourcePatchBody, response: { 200: e.sourceView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      return withEtag(
        reply,
        await sources.updateSource(platform, ctx, req.params.id, version, req.body),
      );
    },
  );

  api.post(
    '/testimonies',
    {
      config: { permission: 'testimonies.write', idempotent: true },
      schema: { tags, body: e.testimonyBody, response: { 201: e.testimonyView } },
    },
    async (req, reply) => {
      const t = await testimonies.createTestimony(platform, contextOf(req, platform), req.body);
      return reply.code(201).send(withEtag(reply, t));
    },
  );

  api.get(
    '/testimonies',
    {
      config: { permission: 'testimonies.read' },
      schema: {
        tags,
        description:
          'Testimonies the caller may see (their person and every linked incident visible), without their text.',
        querystring: e.testimonyListQuery,
        response: { 200: e.testimonyList },
      },
    },
    (req) => testimonies.listTestimonies(platform, contextOf(req, platform), req.query),
  );

  api.get(
    '/testimonies/:id',
    {
      config: { permission: 'testimonies.read' },
      schema: {
        tags,
        description:
          'A testimony; its statement and translation only for protection officers and the interviewer (textWithheld otherwise). Audited.',
        params: idParams,
        response: { 200: e.testimonyView },
      },
    },
    async (req, reply) =>
      withEtag(
        reply,
        await testimonies.getTestimony(platform, contextOf(req, platform), req.params.id),
      ),
  );

  api.patch(
    '/testimonies/:id',
    {
      config: { permission: 'testimonies.write' },
      schema: {
        tags,
        params: idParams,
        body: e.testimonyPatchBody,
        response: { 200: e.testimonyView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      const t = await testimonies.updateTestimony(platform, ctx, req.params.id, version, req.body);
      return withEtag(reply, t);
    },
  );

  api.get(
    '/reports/protection-monitoring',
    {
      config: { permission: 'incidents.report' },
      schema: {
        tags: ['reports'],
        description:
          'Per site and period: incidents, incidents by act, by alleged perpetrator type and by linked Convention article. Restricted incidents and incidents involving a restricted person are never counted. Every count small-cell suppressed; ?format=hxl-csv for HXL-tagged CSV.',
        querystring: monitoringQuery,
        response: {
          200: {
            content: {
              'application/json': { schema: monitoringReport },
              'text/csv': { schema: csv },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const r = await report.monitoringReport(platform, contextOf(req, platform), req.query);
      if (req.query.format !== 'hxl-csv') return reply.send(r);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="protection-monitoring.hxl.csv"')
        .send(await monitoringCsv(r));
    },
  );
}

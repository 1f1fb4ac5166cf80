import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as s from './schema.ts';
import * as monitoring from './monitoring-service.ts';
import * as service from './service.ts';

const tags = ['rights'];

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/operations/current/host-profile',
    {
      config: { permission: 'authenticated' },
      schema: { tags, response: { 200: s.hostProfileView } },
    },
    async (req, reply) => {
      const profile = await service.getHostProfile(platform, contextOf(req, platform));
      setEtag(reply, profile.version);
      return profile;
    },
  );

  api.put(
    '/operations/current/host-profile',
    {
      config: { permission: 'operation.manage' },
      schema: { tags, body: s.hostProfileBody, response: { 200: s.hostProfileView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const profile = await service.saveHostProfile(platform, ctx, expectedVersion(req), req.body);
      setEtag(reply, profile.version);
      return profile;
    },
  );

  api.get(
    '/persons/:id/entitlements',
    {
      config: { permission: 'persons.read' },
      schema: {
        tags,
        params: idParams,
        querystring: s.entitlementsQuery,
        response: { 200: s.entitlementsView },
      },
    },
    (req) =>
      service.entitlements(platform, contextOf(req, platform), req.params.id, req.query.asOf),
  );

  api.post(
    '/persons/:id/rights-assessments',
    {
      config: { permission: 'rights.assess', idempotent: true },
      schema: {
        tags,
        params: idParams,
        body: s.assessmentBody,
        response: { 201: s.assessmentView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.addAssessment(platform, contextOf(req, platform), req.params.id, req.body),
        ),
  );

  api.get(
    '/persons/:id/rights-assessments',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params: idParams, response: { 200: s.assessmentList } },
    },
    (req) => service.listAssessments(platform, contextOf(req, platform), req.params.id),
  );

  api.get(
    '/persons/:id/rights-gaps',
    {
      config: { permission: 'persons.read' },
      schema: {
        tags,
        params: idParams,
        querystring: s.entitlementsQuery,
        response: { 200: s.gapList },
      },
    },
    (req) => service.rightsGaps(platform, contextOf(req, platform), req.params.id, req.query.asOf),
  );

  api.post(
    '/sites/:id/monitoring-rounds',
    {
      config: { permission: 'rights.assess', idempotent: true },
      schema: { tags, params: idParams, body: s.roundBody, response: { 201: s.roundResult } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.recordRound(platform, contextOf(req, platform), req.params.id, req.body),
        ),
  );

  api.get(
    '/rights/monitoring-form.xlsx',
    {
      config: { permission: 'rights.assess' },
      schema: {
        tags,
        description:
          'The protection-monitoring form as an XLSForm workbook (survey, choices, settings) for KoboToolbox or ODK; its question names are the columns the round import reads.',
        response: {
          200: {
            content: {
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: s.formFile,
              },
            },
          },
        },
      },
    },
    async (_req, reply) =>
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="asylon-rights-monitoring.xlsx"')
        // Bytes: Fastify sends a Buffer as it is, unserialised.
        .send((await monitoring.monitoringFormWorkbook()) as unknown as string),
  );

  api.post(
    '/sites/:id/monitoring-rounds/import',
    {
      config: { permission: 'rights.assess', idempotent: true },
      schema: {
        tags,
        description:
          'Checks a monitoring round from a CSV/XLSX file (dryRun, the default: every problem by row and column) or records it all-or-nothing. The file is sent as base64.',
        params: idParams,
        body: s.roundImportBody,
        response: { 200: s.roundImportResult, 201: s.roundImportResult },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const result = await monitoring.importRound(platform, ctx, req.params.id, req.body);
      return reply.code(result.committed ? 201 : 200).send(result);
    },
  );

  api.get(
    '/sites/:id/rights-trend',
    {
      config: { permission: 'rights.report' },
      schema: {
        tags,
        description:
          'Per monitoring round on the site and article: persons owed the right and assessed, by access, and the share with full access. Small counts are suppressed for readers who may not see the persons.',
        params: idParams,
        querystring: s.trendQuery,
        response: { 200: s.trendView },
      },
    },
    (req) => monitoring.rightsTrend(platform, contextOf(req, platform), req.params.id, req.query),
  );

  api.get(
    '/reports/rights-gaps',
    {
      config: { permission: 'rights.report' },
      schema: { tags, querystring: s.matrixQuery, response: { 200: s.matrixView } },
    },
    (req) => service.gapMatrix(platform, contextOf(req, platform), req.query),
  );
}

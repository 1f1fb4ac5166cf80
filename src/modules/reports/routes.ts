import type { FastifyReply } from 'fastify';
import { contextOf } from '../../platform/http/context.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as csv from './hxl-export.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['reports'];

/** JSON, or with ?format=hxl-csv the same table as HXL-tagged CSV. */
const jsonOrCsv = <T>(schema: T) => ({
  200: {
    content: {
      'application/json': { schema },
      'text/csv': { schema: s.csv },
    },
  },
});

function sendCsv(reply: FastifyReply, name: string, text: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.hxl.csv"`)
    .send(text);
}

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/reports/dependency',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        description:
          'Per site: persons whose essentials (food, shelter, cash) came mostly from group-linked sponsors. Every count is small-cell suppressed.',
        querystring: s.dependencyQuery,
        response: jsonOrCsv(s.dependencyReport),
      },
    },
    async (req, reply) => {
      const report = await service.dependencyReport(platform, contextOf(req, platform), req.query);
      if (req.query.format === 'hxl-csv')
        return sendCsv(reply, 'dependency', await csv.dependencyCsv(report));
      return reply.send(report);
    },
  );

  api.get(
    '/reports/self-reliance-access',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        description:
          'Per site: working-age persons (18–59) enrolled in training or livelihoods in the last 12 months. Suppressed.',
        querystring: s.accessQuery,
        response: jsonOrCsv(s.accessReport),
      },
    },
    async (req, reply) => {
      const report = await service.accessReport(platform, contextOf(req, platform), req.query);
      if (req.query.format === 'hxl-csv')
        return sendCsv(reply, 'self-reliance-access', await csv.accessCsv(report));
      return reply.send(report);
    },
  );

  api.get(
    '/reports/reached',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        description: 'Distinct persons reached by site and programme type. Suppressed.',
        querystring: s.reachedQuery,
        response: jsonOrCsv(s.reachedReport),
      },
    },
    async (req, reply) => {
      const report = await service.reachedReport(platform, contextOf(req, platform), req.query);
      if (req.query.format === 'hxl-csv')
        return sendCsv(reply, 'reached', await csv.reachedCsv(report));
      return reply.send(report);
    },
  );

  api.get(
    '/reports/sri',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        description:
          "Site averages of each household's latest SRI total (at least as many households as the suppression threshold).",
        querystring: s.sriQuery,
        response: jsonOrCsv(s.sriReport),
      },
    },
    async (req, reply) => {
      const report = await service.sriReport(platform, contextOf(req, platform), req.query);
      if (req.query.format === 'hxl-csv') return sendCsv(reply, 'sri', await csv.sriCsv(report));
      return reply.send(report);
    },
  );

  api.get(
    '/reports/population',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        description:
          'Persons by legal status valid on asOf (default today) × site of residence on that day, with row, column and grand totals; no status and no site in their own column and row. Restricted persons are never counted. Suppressed, with complementary suppression.',
        querystring: s.populationQuery,
        response: jsonOrCsv(s.populationReport),
      },
    },
    async (req, reply) => {
      const report = await service.populationReport(platform, contextOf(req, platform), req.query);
      if (req.query.format === 'hxl-csv')
        return sendCsv(reply, 'population', await csv.populationCsv(report));
      return reply.send(report);
    },
  );

  api.get(
    '/reports/sri-distribution',
    {
      config: { permission: 'reports.read' },
      schema: {
        tags,
        description:
          'Households by bin of their latest SRI total per site (bins in the response), suppressed with totals; and the operation-wide average of the households assessed in each of the last 8 quarters (refused below the suppression threshold of households).',
        querystring: s.sriDistributionQuery,
        response: jsonOrCsv(s.sriDistributionReport),
      },
    },
    async (req, reply) => {
      const report = await service.sriDistributionReport(
        platform,
        contextOf(req, platform),
        req.query,
      );
      if (req.query.format === 'hxl-csv')
        return sendCsv(reply, 'sri-distribution', await csv.sriDistributionCsv(report));
      return reply.send(report);
    },
  );
}

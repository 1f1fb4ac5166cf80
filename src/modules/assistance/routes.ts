import type { FastifyReply } from 'fastify';
import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as distributions from './distribution-service.ts';
import * as enrolments from './enrolment-service.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['assistance'];

/** Sends a versioned record with its ETag. */
function versioned<T extends { version: number }>(reply: FastifyReply, record: T, code = 200) {
  setEtag(reply, record.version);
  return reply.code(code).send(record);
}

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/operations/current/assistance-settings',
    {
      config: { permission: 'authenticated' },
      schema: { tags, response: { 200: s.settingsView } },
    },
    async (req, reply) =>
      versioned(reply, await service.getSettings(platform, contextOf(req, platform))),
  );

  api.put(
    '/operations/current/assistance-settings',
    {
      config: { permission: 'assistance.manage' },
      schema: { tags, body: s.settingsBody, response: { 200: s.settingsView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const saved = await service.saveSettings(platform, ctx, expectedVersion(req), req.body);
      return versioned(reply, saved);
    },
  );

  // ----- providers ---------------------------------------------------------------------------

  api.post(
    '/providers',
    {
      config: { permission: 'assistance.manage', idempotent: true },
      schema: { tags, body: s.providerBody, response: { 201: s.providerView } },
    },
    async (req, reply) =>
      versioned(
        reply,
        await service.createProvider(platform, contextOf(req, platform), req.body),
        201,
      ),
  );

  api.get(
    '/providers',
    {
      config: { permission: 'assistance.read' },
      schema: { tags, response: { 200: s.providerList } },
    },
    (req) => service.listProviders(platform, contextOf(req, platform)),
  );

  api.get(
    '/providers/:id',
    {
      config: { permission: 'assistance.read' },
      schema: { tags, params: idParams, response: { 200: s.providerView } },
    },
    async (req, reply) =>
      versioned(
        reply,
        await service.getProvider(platform, contextOf(req, platform), req.params.id),
      ),
  );

  api.patch(
    '/providers/:id',
    {
      config: { permission: 'assistance.manage' },
      schema: { tags, params: idParams, body: s.providerPatch, response: { 200: s.providerView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      return versioned(
        reply,
        await service.updateProvider(platform, ctx, req.params.id, version, req.body),
      );
    },
  );

  // ----- programmes --------------------------------------------------------------------------

  api.post(
    '/programmes',
    {
      config: { permission: 'assistance.manage', idempotent: true },
      schema: { tags, body: s.programmeBody, response: { 201: s.programmeView } },
    },
    async (req, reply) =>
      versioned(
        reply,
        await service.createProgramme(platform, contextOf(req, platform), req.body),
        201,
      ),
  );

  api.get(
    '/programmes',
    {
      config: { permission: 'assistance.read' },
      schema: { tags, querystring: s.programmeListQuery, response: { 200: s.programmeList } },
    },
    (req) => service.listProgrammes(platform, contextOf(req, platform), req.query.type),
  );

  api.get(
    '/programmes/:id',
    {
      config: { permission: 'assistance.read' },
      schema: { tags, params: idParams, response: { 200: s.programmeView } },
    },
    async (req, reply) =>
      versioned(
        reply,
        await service.getProgramme(platform, contextOf(req, platform), req.params.id),
      ),
  );

  api.patch(
    '/programmes/:id',
    {
      config: { permission: 'assistance.manage' },
      schema: {
        tags,
        params: idParams,
        body: s.programmePatch,
        response: { 200: s.programmeView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      return versioned(
        reply,
        await service.updateProgramme(platform, ctx, req.params.id, version, req.body),
      );
    },
  );

  api.get(
    '/programmes/:id/eligibility/:personId',
    {
      config: { permission: 'assistance.read' },
      schema: {
        tags,
        params: s.eligibilityParams,
        querystring: s.asOfQuery,
        response: { 200: s.eligibilityView },
      },
    },
    (req) =>
      service.explainEligibility(
        platform,
        contextOf(req, platform),
        req.params.id,
        req.params.personId,
        req.query.asOf,
      ),
  );

  // ----- distributions -----------------------------------------------------------------------

  api.post(
    '/distributions',
    {
      config: { permission: 'assistance.record', idempotent: true },
      schema: { tags, body: s.distributionBody, response: { 201: s.distributionView } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await distributions.recordDistribution(platform, contextOf(req, platform), req.body)),
  );

  api.post(
    '/distributions/bulk',
    {
      config: { permission: 'assistance.record', idempotent: true },
      schema: {
        tags,
        description:
          'Checks a distribution list (dryRun, the default) or records it all-or-nothing. Send JSON `rows` or a CSV/XLSX `file` as base64.',
        body: s.bulkBody,
        response: { 200: s.bulkResult, 201: s.bulkResult },
      },
    },
    async (req, reply) => {
      const result = await distributions.bulkDistributions(
        platform,
        contextOf(req, platform),
        req.body,
      );
      return reply.code(result.committed ? 201 : 200).send(result);
    },
  );

  api.get(
    '/persons/:id/distributions',
    {
      config: { permission: 'assistance.read' },
      schema: { tags, params: idParams, response: { 200: s.distributionList } },
    },
    (req) => distributions.personDistributions(platform, contextOf(req, platform), req.params.id),
  );

  api.get(
    '/households/:id/distributions',
    {
      config: { permission: 'assistance.read' },
      schema: { tags, params: idParams, response: { 200: s.distributionList } },
    },
    (req) =>
      distributions.householdDistributions(platform, contextOf(req, platform), req.params.id),
  );

  api.get(
    '/persons/:id/dependency',
    {
      config: { permission: 'assistance.read' },
      schema: {
        tags,
        params: idParams,
        querystring: s.periodQuery,
        response: { 200: s.dependencyView },
      },
    },
    (req) =>
      distributions.personDependency(platform, contextOf(req, platform), req.params.id, req.query),
  );

  api.get(
    '/households/:id/dependency',
    {
      config: { permission: 'assistance.read' },
      schema: {
        tags,
        params: idParams,
        querystring: s.periodQuery,
        response: { 200: s.dependencyView },
      },
    },
    (req) =>
      distributions.householdDependency(
        platform,
        contextOf(req, platform),
        req.params.id,
        req.query,
      ),
  );

  // ----- enrolments --------------------------------------------------------------------------

  api.post(
    '/enrolments',
    {
      config: { permission: 'assistance.record', idempotent: true },
      schema: { tags, body: s.enrolmentBody, response: { 201: s.enrolmentView } },
    },
    async (req, reply) =>
      versioned(reply, await enrolments.enrol(platform, contextOf(req, platform), req.body), 201),
  );

  api.get(
    '/enrolments/:id',
    {
      config: { permission: 'assistance.read' },
      schema: { tags, params: idParams, response: { 200: s.enrolmentView } },
    },
    async (req, reply) =>
      versioned(
        reply,
        await enrolments.getEnrolment(platform, contextOf(req, platform), req.params.id),
      ),
  );

  api.patch(
    '/enrolments/:id',
    {
      config: { permission: 'assistance.record' },
      schema: {
        tags,
        params: idParams,
        body: s.enrolmentPatch,
        response: { 200: s.enrolmentView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      return versioned(
        reply,
        await enrolments.updateEnrolment(platform, ctx, req.params.id, version, req.body),
      );
    },
  );

  api.get(
    '/persons/:id/enrolments',
    {
      config: { permission: 'assistance.read' },
      schema: { tags, params: idParams, response: { 200: s.enrolmentList } },
    },
    (req) => enrolments.personEnrolments(platform, contextOf(req, platform), req.params.id),
  );
}

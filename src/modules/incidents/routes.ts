import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as citations from './citation-service.ts';
import * as e from './evidence-schema.ts';
import { evidenceRoutes } from './evidence-routes.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['incidents'];

/** Incidents and their citations; sources, testimonies and the report in evidence-routes.ts. */
export function routes(api: Api, platform: Platform): void {
  api.post(
    '/incidents',
    {
      config: { permission: 'incidents.write', idempotent: true },
      schema: { tags, body: s.incidentBody, response: { 201: s.incidentDetail } },
    },
    async (req, reply) => {
      const i = await service.createIncident(platform, contextOf(req, platform), req.body);
      setEtag(reply, i.version);
      return reply.code(201).send(i);
    },
  );

  api.get(
    '/incidents',
    {
      config: { permission: 'incidents.read' },
      schema: {
        tags,
        description:
          'Incidents the caller may see (an incident involving a person the caller may not see does not exist for them), filtered by site, act, article, period (overlap), sensitivity or person.',
        querystring: s.incidentListQuery,
        response: { 200: s.incidentList },
      },
    },
    (req) => service.listIncidents(platform, contextOf(req, platform), req.query),
  );

  api.get(
    '/incidents/:id',
    {
      config: { permission: 'incidents.read' },
      schema: { tags, params: idParams, response: { 200: s.incidentDetail } },
    },
    async (req, reply) => {
      const i = await service.getIncident(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, i.version);
      return i;
    },
  );

  api.patch(
    '/incidents/:id',
    {
      config: { permission: 'incidents.write' },
      schema: {
        tags,
        params: idParams,
        body: s.incidentPatchBody,
        response: { 200: s.incidentDetail },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      const i = await service.updateIncident(platform, ctx, req.params.id, version, req.body);
      setEtag(reply, i.version);
      return i;
    },
  );

  api.delete(
    '/incidents/:id',
    {
      config: { permission: 'incidents.write' },
      schema: { tags, params: idParams, response: { 204: noContent } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      await service.deleteIncident(platform, ctx, req.params.id, expectedVersion(req));
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/incidents/:id/access',
    {
      config: { permission: 'incidents.write' },
      schema: { tags, params: idParams, body: s.accessBody, response: { 204: noContent } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      await service.nameUser(platform, ctx, req.params.id, req.body.userId);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/incidents/:id/citations',
    {
      config: { permission: 'incidents.write', idempotent: true },
      schema: { tags, params: idParams, body: e.citationBody, response: { 201: e.citationView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const c = await citations.addCitation(platform, ctx, req.params.id, req.body);
      setEtag(reply, c.version);
      return reply.code(201).send(c);
    },
  );

  api.patch(
    '/incidents/:id/citations/:citationId',
    {
      config: { permission: 'incidents.write' },
      schema: {
        tags,
        params: e.citationParams,
        body: e.citationPatchBody,
        response: { 200: e.citationView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const { id, citationId } = req.params;
      const version = expectedVersion(req);
      const c = await citations.updateCitation(platform, ctx, id, citationId, version, req.body);
      setEtag(reply, c.version);
      return c;
    },
  );

  api.delete(
    '/incidents/:id/citations/:citationId',
    {
      config: { permission: 'incidents.write' },
      schema: { tags, params: e.citationParams, response: { 204: noContent } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const { id, citationId } = req.params;
      await citations.deleteCitation(platform, ctx, id, citationId, expectedVersion(req));
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/citations/flagged',
    {
      config: { permission: 'incidents.read' },
      schema: {
        tags,
        description:
          'Citations of the incidents the caller may see that carry a flag: duplicate (same incident, source, locator and passage once normalised) or malformed.',
        querystring: e.flaggedQuery,
        response: { 200: e.citationList },
      },
    },
    (req) => citations.listFlagged(platform, contextOf(req, platform), req.query),
  );

  evidenceRoutes(api, platform);
}

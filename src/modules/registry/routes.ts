import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['registry'];

export function routes(api: Api, platform: Platform): void {
  api.post(
    '/persons',
    {
      config: { permission: 'persons.write', idempotent: true },
      schema: { tags, body: s.personCreateBody, response: { 201: s.personView } },
    },
    async (req, reply) => {
      const person = await service.createPerson(platform, contextOf(req, platform), req.body);
      setEtag(reply, person.version);
      return reply.code(201).header('location', `/api/v1/persons/${person.id}`).send(person);
    },
  );

  api.get(
    '/persons/search',
    {
      config: { permission: 'persons.read' },
      schema: { tags, querystring: s.searchQuery, response: { 200: s.searchResult } },
    },
    (req) => service.searchPersons(platform, contextOf(req, platform), req.query),
  );

  api.get(
    '/persons/:id',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params: idParams, response: { 200: s.personView } },
    },
    async (req, reply) => {
      const person = await service.getPerson(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, person.version);
      return person;
    },
  );

  api.patch(
    '/persons/:id',
    {
      config: { permission: 'persons.write' },
      schema: { tags, params: idParams, body: s.personPatchBody, response: { 200: s.personView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const person = await service.updatePerson(
        platform,
        ctx,
        req.params.id,
        expectedVersion(req),
        req.body,
      );
      setEtag(reply, person.version);
      return person;
    },
  );

  api.post(
    '/persons/:id/legal-statuses',
    {
      config: { permission: 'legal_status.write', idempotent: true },
      schema: {
        tags,
        params: idParams,
        body: s.legalStatusBody,
        response: { 201: s.legalStatusView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.addLegalStatus(platform, contextOf(req, platform), req.params.id, req.body),
        ),
  );

  api.get(
    '/persons/:id/legal-statuses',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params: idParams, response: { 200: s.legalStatusList } },
    },
    (req) => service.listLegalStatuses(platform, contextOf(req, platform), req.params.id),
  );
}

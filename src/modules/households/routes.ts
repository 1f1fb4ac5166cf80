import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['households'];

export function routes(api: Api, platform: Platform): void {
  api.post(
    '/households',
    {
      config: { permission: 'persons.write', idempotent: true },
      schema: { tags, body: s.householdCreateBody, response: { 201: s.householdView } },
    },
    async (req, reply) => {
      const h = await service.createHousehold(platform, contextOf(req, platform), req.body);
      setEtag(reply, h.version);
      return reply.code(201).send(h);
    },
  );

  api.get(
    '/households/:id',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params: idParams, response: { 200: s.householdView } },
    },
    async (req, reply) => {
      const h = await service.getHousehold(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, h.version);
      return h;
    },
  );

  api.post(
    '/households/:id/members',
    {
      config: { permission: 'persons.write' },
      schema: { tags, params: idParams, body: s.memberInput, response: { 200: s.householdView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const h = await service.addMember(
        platform,
        ctx,
        req.params.id,
        expectedVersion(req),
        req.body,
      );
      setEtag(reply, h.version);
      return h;
    },
  );

  api.patch(
    '/households/:id/members/:memberId',
    {
      config: { permission: 'persons.write' },
      schema: {
        tags,
        params: s.memberParams,
        body: s.memberPatchBody,
        response: { 200: s.householdView },
      },
    },
    async (req, reply) => {
      const { id, memberId } = req.params;
      const ctx = contextOf(req, platform);
      const h = await service.updateMember(
        platform,
        ctx,
        id,
        memberId,
        expectedVersion(req),
        req.body,
      );
      setEtag(reply, h.version);
      return h;
    },
  );

  api.get(
    '/persons/:id/households',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params: idParams, response: { 200: s.membershipList } },
    },
    (req) => service.membershipsOf(platform, contextOf(req, platform), req.params.id),
  );
}

import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { userCreateBody, userList, userListQuery, userPatchBody, userView } from './schema.ts';
import * as service from './service.ts';

const tags = ['users'];

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/users',
    {
      config: { permission: 'users.read' },
      schema: { tags, querystring: userListQuery, response: { 200: userList } },
    },
    (req) => service.listUsers(platform, contextOf(req, platform), req.query),
  );

  api.post(
    '/users',
    {
      config: { permission: 'users.manage', idempotent: true },
      schema: { tags, body: userCreateBody, response: { 201: userView } },
    },
    async (req, reply) => {
      const user = await service.createUser(platform, contextOf(req, platform), req.body);
      setEtag(reply, user.version);
      return reply.code(201).header('location', `/api/v1/users/${user.id}`).send(user);
    },
  );

  api.get(
    '/users/:id',
    {
      config: { permission: 'users.read' },
      schema: { tags, params: idParams, response: { 200: userView } },
    },
    async (req, reply) => {
      const user = await service.getUser(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, user.version);
      return user;
    },
  );

  api.patch(
    '/users/:id',
    {
      config: { permission: 'users.manage' },
      schema: { tags, params: idParams, body: userPatchBody, response: { 200: userView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const user = await service.updateUser(
        platform,
        ctx,
        req.params.id,
        expectedVersion(req),
        req.body,
      );
      setEtag(reply, user.version);
      return user;
    },
  );

  api.post(
    '/users/:id/reset-mfa',
    {
      config: { permission: 'users.manage' },
      schema: { tags, params: idParams, response: { 204: noContent } },
    },
    async (req, reply) => {
      await service.resetMfa(platform, contextOf(req, platform), req.params.id);
      return reply.code(204).send(null);
    },
  );
}

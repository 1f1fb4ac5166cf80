import type { FastifyReply } from 'fastify';
import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { publicTransparency } from './public-service.ts';
import * as s from './schema.ts';
import * as relocations from './relocation-service.ts';
import * as service from './service.ts';

const tags = ['transparency'];

function versioned<T extends { version: number }>(reply: FastifyReply, record: T, code = 200) {
  setEtag(reply, record.version);
  return reply.code(code).send(record);
}

export function routes(api: Api, platform: Platform): void {
  api.post(
    '/transparency/agreements',
    {
      config: { permission: 'transparency.manage', idempotent: true },
      schema: { tags, body: s.agreementBody, response: { 201: s.agreementView } },
    },
    async (req, reply) =>
      versioned(
        reply,
        await service.createAgreement(platform, contextOf(req, platform), req.body),
        201,
      ),
  );

  api.get(
    '/transparency/agreements',
    {
      config: { permission: 'transparency.read' },
      schema: { tags, response: { 200: s.agreementList } },
    },
    (req) => service.listAgreements(platform, contextOf(req, platform)),
  );

  api.get(
    '/transparency/agreements/:id',
    {
      config: { permission: 'transparency.read' },
      schema: { tags, params: idParams, response: { 200: s.agreementView } },
    },
    async (req, reply) =>
      versioned(
        reply,
        await service.getAgreement(platform, contextOf(req, platform), req.params.id),
      ),
  );

  api.patch(
    '/transparency/agreements/:id',
    {
      config: { permission: 'transparency.manage' },
      schema: {
        tags,
        params: idParams,
        body: s.agreementPatch,
        response: { 200: s.agreementView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      return versioned(
        reply,
        await service.updateAgreement(platform, ctx, req.params.id, version, req.body),
      );
    },
  );

  api.post(
    '/transparency/agreements/:id/transactions',
    {
      config: { permission: 'transparency.manage', idempotent: true },
      schema: {
        tags,
        params: idParams,
        body: s.transactionBody,
        response: { 201: s.transactionView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await service.addTransaction(platform, contextOf(req, platform), req.params.id, req.body),
        ),
  );

  api.post(
    '/transparency/relocations',
    {
      config: { permission: 'transparency.manage', idempotent: true },
      schema: { tags, body: s.relocationBody, response: { 201: s.relocationView } },
    },
    async (req, reply) =>
      versioned(
        reply,
        await relocations.createRelocation(platform, contextOf(req, platform), req.body),
        201,
      ),
  );

  api.get(
    '/transparency/relocations',
    {
      config: { permission: 'transparency.read' },
      schema: { tags, response: { 200: s.relocationList } },
    },
    (req) => relocations.listRelocations(platform, contextOf(req, platform)),
  );

  api.get(
    '/transparency/relocations/:id',
    {
      config: { permission: 'transparency.read' },
      schema: { tags, params: idParams, response: { 200: s.relocationView } },
    },
    async (req, reply) =>
      versioned(
        reply,
        await relocations.getRelocation(platform, contextOf(req, platform), req.params.id),
      ),
  );

  api.patch(
    '/transparency/relocations/:id',
    {
      config: { permission: 'transparency.manage' },
      schema: {
        tags,
        params: idParams,
        body: s.relocationPatch,
        response: { 200: s.relocationView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      return versioned(
        reply,
        await relocations.updateRelocation(platform, ctx, req.params.id, version, req.body),
      );
    },
  );

  api.get(
    '/transparency/iati.xml',
    {
      config: { permission: 'transparency.read' },
      schema: {
        tags,
        description:
          'Funding agreements and their transactions as IATI Activity Standard 2.03 XML (application/xml); ?format=json lists the activities it holds.',
        querystring: s.iatiQuery,
        response: {
          200: {
            content: {
              'application/xml': { schema: s.iatiXml },
              'application/json': { schema: s.iatiManifest },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const out = await service.iatiExport(platform, contextOf(req, platform), req.query.scope);
      if (req.query.format === 'json') return reply.send(out.manifest);
      return reply.type('application/xml; charset=utf-8').send(out.xml);
    },
  );

  api.get(
    '/public/transparency',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        description:
          'Public: agreements marked public, programmes, and per-site aggregates of an operation. Every count is small-cell suppressed; nothing about an individual; months, not days.',
        querystring: s.publicQuery,
        response: { 200: s.publicView },
      },
    },
    (req) => publicTransparency(platform, req.query.operation, platform.now()),
  );
}

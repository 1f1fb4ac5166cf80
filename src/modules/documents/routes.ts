import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['documents'];

export function routes(api: Api, platform: Platform): void {
  api.post(
    '/persons/:id/documents',
    {
      config: { permission: 'persons.write', idempotent: true },
      schema: { tags, params: idParams, body: s.documentBody, response: { 201: s.documentView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const doc = await service.addDocument(platform, ctx, req.params.id, req.body);
      setEtag(reply, doc.version);
      return reply.code(201).send(doc);
    },
  );

  api.get(
    '/persons/:id/documents',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params: idParams, response: { 200: s.documentList } },
    },
    (req) => service.listDocuments(platform, contextOf(req, platform), req.params.id),
  );

  api.patch(
    '/persons/:id/documents/:documentId',
    {
      config: { permission: 'persons.write' },
      schema: {
        tags,
        params: s.documentParams,
        body: s.documentPatchBody,
        response: { 200: s.documentView },
      },
    },
    async (req, reply) => {
      const { id, documentId } = req.params;
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      const doc = await service.updateDocument(platform, ctx, id, documentId, version, req.body);
      setEtag(reply, doc.version);
      return doc;
    },
  );

  api.get(
    '/documents/matches',
    {
      config: { permission: 'persons.write' },
      schema: { tags, querystring: s.matchQuery, response: { 200: s.matchList } },
    },
    (req) => service.matchDocumentNumber(platform, contextOf(req, platform), req.query),
  );
}

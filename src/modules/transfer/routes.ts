import { PassThrough } from 'node:stream';
import { contextOf } from '../../platform/http/context.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { writeTable } from '../../platform/tabular/index.ts';
import { jobStarted } from '../jobs/schema.ts';
import * as s from './schema.ts';
import * as service from './service.ts';
import { FILE_TYPES, fileOf, receiveFile, UploadedFile } from './upload.ts';

const tags = ['imports and exports'];

/** JSON bodies carry the file in base64: a third larger than the 100 MiB file itself. */
const JSON_BODY_LIMIT = 140 * 1024 * 1024;

const MEDIA = {
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  'hxl-csv': { type: 'text/csv; charset=utf-8', ext: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
} as const;

const importSchema = {
  tags,
  querystring: s.importQuery,
  body: s.importBody,
  consumes: ['application/json', ...FILE_TYPES],
};

export function routes(api: Api, platform: Platform): void {
  // Raw file bodies are parsed only here: streamed to a private temporary file.
  void api.register((scope: Api, _options, done) => {
    for (const type of FILE_TYPES)
      scope.addContentTypeParser(type, (_req, payload, parsed) => {
        receiveFile(payload).then(
          (file) => parsed(null, file),
          (e: Error) => parsed(e, undefined),
        );
      });
    scope.addHook('onResponse', async (req) => {
      if (req.body instanceof UploadedFile && !req.body.claimed) await req.body.release();
    });

    scope.post(
      '/imports/dry-run',
      {
        config: { permission: 'persons.import' },
        bodyLimit: JSON_BODY_LIMIT,
        schema: { ...importSchema, response: { 200: s.importReport } },
      },
      async (req) => {
        const file = await fileOf(req);
        try {
          const { fileName, ...options } = req.query;
          const input = { path: file.path, name: fileName ?? 'upload', sha256: file.sha256 };
          return await service.dryRun(platform, contextOf(req, platform), input, options);
        } finally {
          await file.release();
        }
      },
    );

    scope.post(
      '/imports',
      {
        config: { permission: 'persons.import' },
        bodyLimit: JSON_BODY_LIMIT,
        schema: { ...importSchema, response: { 202: jobStarted } },
      },
      async (req, reply) => {
        const file = await fileOf(req);
        const job = await service.startImportJob(
          platform,
          contextOf(req, platform),
          file,
          req.query,
        );
        return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job);
      },
    );
    done();
  });

  api.get(
    '/exports/persons',
    {
      config: { permission: 'persons.read' },
      schema: {
        tags,
        querystring: s.exportQuery,
        response: {
          200: {
            content: {
              'text/csv': { schema: s.exportFile },
              [MEDIA.xlsx.type]: { schema: s.exportFile },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const out = await service.exportPersons(platform, contextOf(req, platform), req.query);
      const media = MEDIA[req.query.format];
      const body = new PassThrough();
      // writeTable ends the stream, or destroys it (and so the response) on failure.
      writeTable(body, { format: req.query.format, columns: out.columns }, out.rows).catch(
        () => undefined,
      );
      return reply
        .type(media.type)
        .header('content-disposition', `attachment; filename="persons.${media.ext}"`)
        .header('x-transfer-id', out.transferId)
        .header('x-record-count', String(out.count))
        .send(body as unknown as string); // a stream: Fastify pipes it, unserialised
    },
  );
}

/** Routes around one person's data: consent records, transfer requests, the access export. */
import { PassThrough } from 'node:stream';
import { contextOf } from '../../platform/http/context.ts';
import { setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { writeTable } from '../../platform/tabular/index.ts';
import * as consent from './consent-service.ts';
import * as cs from './consent-schema.ts';
import { subjectExport } from './subject-export.ts';
import { exportForRequest } from './subject-service.ts';
import * as ts from './transfer-schema.ts';
import * as transfers from './transfer-service.ts';

const tags = ['data protection'];

const MEDIA = {
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  'hxl-csv': { type: 'text/csv; charset=utf-8', ext: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx' },
} as const;

export function personRoutes(api: Api, platform: Platform): void {
  api.post(
    '/persons/:id/consents',
    {
      config: { permission: 'persons.write', idempotent: true },
      schema: {
        tags,
        description: 'Records one consent decision (given, refused, withdrawn); never overwrites.',
        params: idParams,
        body: cs.consentBody,
        response: { 201: cs.consentRecordView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await consent.recordConsent(platform, contextOf(req, platform), req.params.id, req.body),
        ),
  );

  api.get(
    '/persons/:id/consents',
    {
      config: { permission: 'persons.read' },
      schema: { tags, params: idParams, response: { 200: cs.consentState } },
    },
    (req) => consent.getConsent(platform, contextOf(req, platform), req.params.id),
  );

  api.post(
    '/transfer-requests',
    {
      config: { permission: 'persons.read', idempotent: true },
      schema: {
        tags,
        description:
          'Asks to export chosen persons to a recipient. Host authorities and law enforcement need two approvers other than the requester before the download opens.',
        body: ts.transferRequestBody,
        response: { 201: ts.transferRequestView },
      },
    },
    async (req, reply) => {
      const view = await transfers.createRequest(platform, contextOf(req, platform), req.body);
      setEtag(reply, view.version);
      return reply.code(201).send(view);
    },
  );

  // Requesters see their own; approvers and the data-protection officer see all (service).
  api.get(
    '/transfer-requests',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        querystring: ts.transferRequestQuery,
        response: { 200: ts.transferRequestList },
      },
    },
    (req) => transfers.listRequests(platform, contextOf(req, platform), req.query),
  );

  api.get(
    '/transfer-requests/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, params: idParams, response: { 200: ts.transferRequestView } },
    },
    async (req, reply) => {
      const view = await transfers.getRequest(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, view.version);
      return view;
    },
  );

  api.post(
    '/transfer-requests/:id/approvals',
    {
      config: { permission: 'transfers.approve' },
      schema: {
        tags,
        params: idParams,
        body: ts.approvalBody,
        response: { 200: ts.transferRequestView },
      },
    },
    (req) => transfers.decide(platform, contextOf(req, platform), req.params.id, req.body),
  );

  api.get(
    '/transfer-requests/:id/download',
    {
      config: { permission: 'persons.read' },
      schema: {
        tags,
        params: idParams,
        response: {
          200: {
            content: {
              'text/csv': { schema: ts.downloadFile },
              [MEDIA.xlsx.type]: { schema: ts.downloadFile },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const out = await transfers.download(platform, contextOf(req, platform), req.params.id);
      const media = MEDIA[out.format];
      const body = new PassThrough();
      writeTable(body, { format: out.format, columns: out.columns }, out.rows).catch(
        () => undefined,
      );
      return reply
        .type(media.type)
        .header('content-disposition', `attachment; filename="transfer.${media.ext}"`)
        .header('x-transfer-id', out.transferId)
        .header('x-record-count', String(out.count))
        .send(body as unknown as string);
    },
  );

  api.get(
    '/data-protection/subject-requests/:id/export',
    {
      config: { permission: 'subject_access.export' },
      schema: {
        tags,
        description:
          "Everything about the request's person and nothing about anyone else; whereabouts, contact and document numbers only for a request made in person. Recorded as a transfer to the data subject.",
        params: idParams,
        response: { 200: subjectExport },
      },
    },
    (req) => exportForRequest(platform, contextOf(req, platform), req.params.id),
  );
}

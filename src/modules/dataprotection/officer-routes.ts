/**
 * The data-protection officer's API under /data-protection: the transfer log, subject requests,
 * retention rules, previews and runs, legal holds, break-glass readings. Lists answer JSON, or
 * with ?format=csv a CSV file (audited).
 */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import { jobStarted } from '../jobs/schema.ts';
import * as csv from './csv.ts';
import * as holds from './hold-service.ts';
import * as os from './officer-schema.ts';
import * as officer from './officer-service.ts';
import * as rs from './retention-schema.ts';
import * as retention from './retention-service.ts';
import * as ss from './subject-schema.ts';
import * as subjects from './subject-service.ts';

const tags = ['data protection'];

const jsonOrCsv = <T>(schema: T) => ({
  200: { content: { 'application/json': { schema }, 'text/csv': { schema: os.csvFile } } },
});

async function sendCsv(
  platform: Platform,
  req: Parameters<typeof contextOf>[0],
  reply: FastifyReply,
  list: string,
  rows: number,
  text: string,
) {
  await officer.recordCsvDownload(platform, contextOf(req, platform), list, rows);
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${list}.csv"`)
    .send(text);
}

/** A run deletes for good: the body must say so. */
const runBody = z.object({ confirm: z.literal(true) }).strict();

export function officerRoutes(api: Api, platform: Platform): void {
  api.get(
    '/data-protection/transfers',
    {
      config: { permission: 'dataprotection.read' },
      schema: { tags, querystring: os.transferQuery, response: jsonOrCsv(os.transferList) },
    },
    async (req, reply) => {
      const list = await officer.listTransfers(platform, contextOf(req, platform), req.query);
      if (req.query.format !== 'csv') return reply.send(list);
      const text = await csv.transfersCsv(list.items);
      return sendCsv(platform, req, reply, 'transfers', list.items.length, text);
    },
  );

  api.get(
    '/data-protection/break-glass',
    {
      config: { permission: 'dataprotection.read' },
      schema: { tags, querystring: os.breakGlassQuery, response: jsonOrCsv(os.breakGlassList) },
    },
    async (req, reply) => {
      const list = await officer.listBreakGlass(platform, contextOf(req, platform), req.query);
      if (req.query.format !== 'csv') return reply.send(list);
      const text = await csv.breakGlassCsv(list.items);
      return sendCsv(platform, req, reply, 'break-glass', list.items.length, text);
    },
  );

  api.post(
    '/data-protection/subject-requests',
    {
      config: { permission: 'dataprotection.manage', idempotent: true },
      schema: {
        tags,
        body: ss.subjectRequestBody,
        response: { 201: ss.subjectRequestView },
      },
    },
    async (req, reply) => {
      const view = await subjects.createRequest(platform, contextOf(req, platform), req.body);
      setEtag(reply, view.version);
      return reply.code(201).send(view);
    },
  );

  api.get(
    '/data-protection/subject-requests',
    {
      config: { permission: 'dataprotection.read' },
      schema: {
        tags,
        querystring: ss.subjectRequestQuery,
        response: jsonOrCsv(ss.subjectRequestList),
      },
    },
    async (req, reply) => {
      const list = await subjects.listRequests(platform, contextOf(req, platform), req.query);
      if (req.query.format !== 'csv') return reply.send(list);
      const text = await csv.subjectRequestsCsv(list.items);
      return sendCsv(platform, req, reply, 'subject-requests', list.items.length, text);
    },
  );

  api.get(
    '/data-protection/subject-requests/:id',
    {
      config: { permission: 'dataprotection.read' },
      schema: { tags, params: idParams, response: { 200: ss.subjectRequestView } },
    },
    async (req, reply) => {
      const view = await subjects.getRequest(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, view.version);
      return view;
    },
  );

  api.patch(
    '/data-protection/subject-requests/:id',
    {
      config: { permission: 'dataprotection.manage' },
      schema: {
        tags,
        params: idParams,
        body: ss.subjectRequestPatch,
        response: { 200: ss.subjectRequestView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const view = await subjects.updateRequest(
        platform,
        ctx,
        req.params.id,
        expectedVersion(req),
        req.body,
      );
      setEtag(reply, view.version);
      return view;
    },
  );

  api.get(
    '/data-protection/retention-rules',
    {
      config: { permission: 'dataprotection.read' },
      schema: { tags, response: { 200: rs.rulesView } },
    },
    async (req, reply) => {
      const view = await retention.getRules(platform, contextOf(req, platform));
      setEtag(reply, view.version);
      return view;
    },
  );

  api.put(
    '/data-protection/retention-rules',
    {
      config: { permission: 'dataprotection.manage' },
      schema: { tags, body: rs.rulesBody, response: { 200: rs.rulesView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const view = await retention.saveRules(platform, ctx, expectedVersion(req), req.body);
      setEtag(reply, view.version);
      return view;
    },
  );

  api.get(
    '/data-protection/retention-preview',
    {
      config: { permission: 'dataprotection.read' },
      schema: {
        tags,
        description: 'A dry run: what a retention run would delete now, per category (counts).',
        response: { 200: rs.previewView },
      },
    },
    (req) => retention.preview(platform, contextOf(req, platform)),
  );

  api.post(
    '/data-protection/retention-runs',
    {
      config: { permission: 'dataprotection.manage' },
      schema: {
        tags,
        description: 'Runs retention now, as a job (poll GET /jobs/{id}; result.runId).',
        body: runBody,
        response: { 202: jobStarted },
      },
    },
    async (req, reply) => {
      const job = await retention.startRun(platform, contextOf(req, platform));
      return reply.code(202).header('location', `/api/v1/jobs/${job.id}`).send(job);
    },
  );

  api.get(
    '/data-protection/retention-runs',
    {
      config: { permission: 'dataprotection.read' },
      schema: { tags, querystring: rs.runQuery, response: jsonOrCsv(rs.runList) },
    },
    async (req, reply) => {
      const list = await retention.listRuns(platform, contextOf(req, platform), req.query);
      if (req.query.format !== 'csv') return reply.send(list);
      const text = await csv.runsCsv(list.items);
      return sendCsv(platform, req, reply, 'retention-runs', list.items.length, text);
    },
  );

  api.get(
    '/data-protection/legal-holds',
    {
      config: { permission: 'dataprotection.read' },
      schema: { tags, querystring: rs.holdQuery, response: { 200: rs.holdList } },
    },
    (req) => holds.listHolds(platform, contextOf(req, platform), req.query),
  );

  api.post(
    '/data-protection/legal-holds',
    {
      config: { permission: 'dataprotection.manage', idempotent: true },
      schema: { tags, body: rs.holdBody, response: { 201: rs.holdView } },
    },
    async (req, reply) => {
      const view = await holds.placeHold(platform, contextOf(req, platform), req.body);
      setEtag(reply, view.version);
      return reply.code(201).send(view);
    },
  );

  api.post(
    '/data-protection/legal-holds/:id/release',
    {
      config: { permission: 'dataprotection.manage' },
      schema: { tags, params: idParams, body: rs.releaseBody, response: { 200: rs.holdView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const view = await holds.releaseHold(
        platform,
        ctx,
        req.params.id,
        expectedVersion(req),
        req.body.reason,
      );
      setEtag(reply, view.version);
      return view;
    },
  );
}

import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as approvals from './approval-service.ts';
import * as assignees from './assignee-service.ts';
import { pdfRoutes } from './pdf/routes.ts';
import * as plan from './plan-service.ts';
import * as s from './schema.ts';
import * as service from './service.ts';
import * as transfers from './transfer-service.ts';
import * as workflow from './workflow-service.ts';

const tags = ['cases'];

export function routes(api: Api, platform: Platform): void {
  api.get(
    '/operations/current/case-workflow',
    {
      config: { permission: 'case_workflow.read' },
      schema: { tags, response: { 200: s.workflowView } },
    },
    async (req, reply) => {
      const w = await workflow.getWorkflow(platform, contextOf(req, platform));
      setEtag(reply, w.version);
      return w;
    },
  );

  api.put(
    '/operations/current/case-workflow',
    {
      config: { permission: 'operation.manage' },
      schema: { tags, body: s.workflowBody, response: { 200: s.workflowView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const w = await workflow.saveWorkflow(platform, ctx, expectedVersion(req), req.body);
      setEtag(reply, w.version);
      return w;
    },
  );

  api.post(
    '/cases',
    {
      config: { permission: 'cases.manage', idempotent: true },
      schema: { tags, body: s.caseCreateBody, response: { 201: s.caseDetail } },
    },
    async (req, reply) => {
      const c = await service.createCase(platform, contextOf(req, platform), req.body);
      setEtag(reply, c.version);
      return reply.code(201).send(c);
    },
  );

  api.get(
    '/cases',
    {
      config: { permission: 'cases.read' },
      schema: { tags, querystring: s.caseListQuery, response: { 200: s.caseList } },
    },
    (req) => service.listCases(platform, contextOf(req, platform), req.query),
  );

  api.get(
    '/cases/:id',
    {
      config: { permission: 'cases.read' },
      schema: { tags, params: idParams, response: { 200: s.caseDetail } },
    },
    async (req, reply) => {
      const c = await service.getCase(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, c.version);
      return c;
    },
  );

  api.get(
    '/cases/:id/assignees',
    {
      config: { permission: 'cases.manage' },
      schema: { tags, params: idParams, response: { 200: s.assigneeList } },
    },
    (req) => assignees.listAssignees(platform, contextOf(req, platform), req.params.id),
  );

  api.patch(
    '/cases/:id',
    {
      config: { permission: 'cases.manage' },
      schema: { tags, params: idParams, body: s.casePatchBody, response: { 200: s.caseDetail } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const c = await service.updateCase(
        platform,
        ctx,
        req.params.id,
        expectedVersion(req),
        req.body,
      );
      setEtag(reply, c.version);
      return c;
    },
  );

  api.post(
    '/cases/:id/goals',
    {
      config: { permission: 'cases.manage', idempotent: true },
      schema: { tags, params: idParams, body: s.goalBody, response: { 201: s.goalView } },
    },
    async (req, reply) => {
      const g = await plan.addGoal(platform, contextOf(req, platform), req.params.id, req.body);
      setEtag(reply, g.version);
      return reply.code(201).send(g);
    },
  );

  api.patch(
    '/cases/:id/goals/:goalId',
    {
      config: { permission: 'cases.manage' },
      schema: { tags, params: s.goalParams, body: s.goalPatchBody, response: { 200: s.goalView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const { id, goalId } = req.params;
      const g = await plan.updateGoal(platform, ctx, id, goalId, expectedVersion(req), req.body);
      setEtag(reply, g.version);
      return g;
    },
  );

  api.post(
    '/cases/:id/tasks',
    {
      config: { permission: 'cases.manage', idempotent: true },
      schema: { tags, params: idParams, body: s.taskBody, response: { 201: s.taskView } },
    },
    async (req, reply) => {
      const t = await plan.addTask(platform, contextOf(req, platform), req.params.id, req.body);
      setEtag(reply, t.version);
      return reply.code(201).send(t);
    },
  );

  api.patch(
    '/cases/:id/tasks/:taskId',
    {
      config: { permission: 'cases.manage' },
      schema: { tags, params: s.taskParams, body: s.taskPatchBody, response: { 200: s.taskView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const { id, taskId } = req.params;
      const t = await plan.updateTask(platform, ctx, id, taskId, expectedVersion(req), req.body);
      setEtag(reply, t.version);
      return t;
    },
  );

  api.get(
    '/tasks/mine',
    {
      config: { permission: 'cases.read' },
      schema: { tags, response: { 200: s.taskList } },
    },
    (req) => plan.myTasks(platform, contextOf(req, platform)),
  );

  api.post(
    '/cases/:id/notes',
    {
      config: { permission: 'cases.manage', idempotent: true },
      schema: { tags, params: idParams, body: s.noteBody, response: { 201: s.noteView } },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await plan.addNote(platform, contextOf(req, platform), req.params.id, req.body.body)),
  );

  api.get(
    '/cases/:id/notes',
    {
      config: { permission: 'cases.read' },
      schema: { tags, params: idParams, response: { 200: s.noteList } },
    },
    (req) => plan.listNotes(platform, contextOf(req, platform), req.params.id),
  );

  api.get(
    '/cases/:id/timeline',
    {
      config: { permission: 'cases.read' },
      schema: { tags, params: idParams, response: { 200: s.timelineView } },
    },
    (req) => plan.timeline(platform, contextOf(req, platform), req.params.id),
  );

  api.post(
    '/cases/:id/approvals',
    {
      config: { permission: 'cases.manage', idempotent: true },
      schema: { tags, params: idParams, body: s.approvalBody, response: { 201: s.approvalView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const a = await approvals.requestApproval(platform, ctx, req.params.id, req.body);
      setEtag(reply, a.version);
      return reply.code(201).send(a);
    },
  );

  api.post(
    '/cases/:id/approvals/:approvalId/decision',
    {
      config: { permission: 'cases.approve' },
      schema: {
        tags,
        params: s.decisionParams,
        body: s.approvalDecisionBody,
        response: { 200: s.approvalView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const { id, approvalId } = req.params;
      const version = expectedVersion(req);
      const a = await approvals.decideApproval(platform, ctx, id, approvalId, version, req.body);
      setEtag(reply, a.version);
      return a;
    },
  );

  api.post(
    '/cases/:id/transfers',
    {
      config: { permission: 'cases.manage', idempotent: true },
      schema: { tags, params: idParams, body: s.transferBody, response: { 201: s.transferView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const t = await transfers.offerTransfer(platform, ctx, req.params.id, req.body);
      setEtag(reply, t.version);
      return reply.code(201).send(t);
    },
  );

  api.post(
    '/cases/:id/transfers/:transferId/decision',
    {
      config: { permission: 'cases.manage' },
      schema: {
        tags,
        params: s.transferParams,
        body: s.transferDecisionBody,
        response: { 200: s.transferView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const { id, transferId } = req.params;
      const version = expectedVersion(req);
      const t = await transfers.decideTransfer(platform, ctx, id, transferId, version, req.body);
      setEtag(reply, t.version);
      return t;
    },
  );

  pdfRoutes(api, platform);
}

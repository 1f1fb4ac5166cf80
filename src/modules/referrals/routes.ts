import { contextOf } from '../../platform/http/context.ts';
import { expectedVersion, setEtag } from '../../platform/http/etag.ts';
import { idParams } from '../../platform/http/schemas.ts';
import type { Api } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as providers from './providers-service.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['referrals'];

export function routes(api: Api, platform: Platform): void {
  // ----- the service directory -----

  api.get(
    '/service-providers',
    {
      config: { permission: 'services.read' },
      schema: { tags, querystring: s.providerQuery, response: { 200: s.providerList } },
    },
    (req) => providers.listProviders(platform, contextOf(req, platform), req.query),
  );

  api.post(
    '/service-providers',
    {
      config: { permission: 'services.manage', idempotent: true },
      schema: { tags, body: s.providerBody, response: { 201: s.providerView } },
    },
    async (req, reply) => {
      const p = await providers.createProvider(platform, contextOf(req, platform), req.body);
      setEtag(reply, p.version);
      return reply.code(201).send(p);
    },
  );

  api.get(
    '/service-providers/:id',
    {
      config: { permission: 'services.read' },
      schema: { tags, params: idParams, response: { 200: s.providerView } },
    },
    async (req, reply) => {
      const p = await providers.getProvider(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, p.version);
      return p;
    },
  );

  api.patch(
    '/service-providers/:id',
    {
      config: { permission: 'services.manage' },
      schema: {
        tags,
        params: idParams,
        body: s.providerPatchBody,
        response: { 200: s.providerView },
      },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      const p = await providers.updateProvider(platform, ctx, req.params.id, version, req.body);
      setEtag(reply, p.version);
      return p;
    },
  );

  // ----- the referring side -----

  api.post(
    '/cases/:id/referrals',
    {
      config: { permission: 'referrals.send', idempotent: true },
      schema: { tags, params: idParams, body: s.referralBody, response: { 201: s.referralView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const r = await service.createReferral(platform, ctx, req.params.id, req.body);
      setEtag(reply, r.version);
      return reply.code(201).send(r);
    },
  );

  api.get(
    '/cases/:id/referrals',
    {
      config: { permission: 'cases.read' },
      schema: { tags, params: idParams, response: { 200: s.referralList } },
    },
    (req) => service.listCaseReferrals(platform, contextOf(req, platform), req.params.id),
  );

  api.get(
    '/persons/:id/referrals',
    {
      config: { permission: 'cases.read' },
      schema: { tags, params: idParams, response: { 200: s.referralList } },
    },
    (req) => service.listPersonReferrals(platform, contextOf(req, platform), req.params.id),
  );

  api.get(
    '/referrals/:id',
    {
      config: { permission: 'cases.read' },
      schema: { tags, params: idParams, response: { 200: s.referralView } },
    },
    async (req, reply) => {
      const r = await service.getReferral(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, r.version);
      return r;
    },
  );

  api.post(
    '/referrals/:id/withdraw',
    {
      config: { permission: 'referrals.send' },
      schema: { tags, params: idParams, response: { 200: s.referralView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const r = await service.withdrawReferral(platform, ctx, req.params.id, expectedVersion(req));
      setEtag(reply, r.version);
      return r;
    },
  );

  api.post(
    '/referrals/:id/decision',
    {
      config: { permission: 'referrals.send' },
      schema: { tags, params: idParams, body: s.decisionBody, response: { 200: s.referralView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      const r = await service.recordDecisionForProvider(
        platform,
        ctx,
        req.params.id,
        version,
        req.body,
      );
      setEtag(reply, r.version);
      return r;
    },
  );

  api.post(
    '/referrals/:id/outcome',
    {
      config: { permission: 'referrals.send' },
      schema: { tags, params: idParams, body: s.outcomeBody, response: { 200: s.referralView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const version = expectedVersion(req);
      const r = await service.recordOutcomeForProvider(
        platform,
        ctx,
        req.params.id,
        version,
        req.body,
      );
      setEtag(reply, r.version);
      return r;
    },
  );

  // ----- the partner's inbox -----

  api.get(
    '/referral-inbox',
    {
      config: { permission: 'referrals.receive' },
      schema: { tags, querystring: s.inboxQuery, response: { 200: s.inboxList } },
    },
    (req) => service.inbox(platform, contextOf(req, platform), req.query.status),
  );

  api.get(
    '/referral-inbox/:id',
    {
      config: { permission: 'referrals.receive' },
      schema: { tags, params: idParams, response: { 200: s.inboxView } },
    },
    async (req, reply) => {
      const r = await service.received(platform, contextOf(req, platform), req.params.id);
      setEtag(reply, r.version);
      return r;
    },
  );

  api.post(
    '/referral-inbox/:id/decision',
    {
      config: { permission: 'referrals.receive' },
      schema: { tags, params: idParams, body: s.decisionBody, response: { 200: s.inboxView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const r = await service.answer(platform, ctx, req.params.id, expectedVersion(req), req.body);
      setEtag(reply, r.version);
      return r;
    },
  );

  api.post(
    '/referral-inbox/:id/outcome',
    {
      config: { permission: 'referrals.receive' },
      schema: { tags, params: idParams, body: s.outcomeBody, response: { 200: s.inboxView } },
    },
    async (req, reply) => {
      const ctx = contextOf(req, platform);
      const r = await service.outcome(platform, ctx, req.params.id, expectedVersion(req), req.body);
      setEtag(reply, r.version);
      return r;
    },
  );
}

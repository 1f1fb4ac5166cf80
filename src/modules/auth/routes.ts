import { AppError } from '../../platform/errors.ts';
import { contextOf } from '../../platform/http/context.ts';
import { noContent } from '../../platform/http/schemas.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/session-cookie.ts';
import type { Api, SessionInfo } from '../../platform/http/types.ts';
import type { Platform } from '../../platform/platform.ts';
import * as s from './schema.ts';
import * as service from './service.ts';

const tags = ['auth'];

function sessionOf(session: SessionInfo | null): SessionInfo {
  if (!session) throw new AppError('unauthenticated');
  return session;
}

export function routes(api: Api, platform: Platform): void {
  const { config } = platform;

  api.post(
    '/auth/login',
    {
      config: { permission: 'public' },
      schema: { tags, body: s.loginBody, response: { 200: s.statusResponse } },
    },
    async (req, reply) => {
      const r = await service.login(platform, { ...req.body, ip: req.ip }, String(req.id));
      setSessionCookie(reply, config, r.sessionToken);
      return { status: r.status };
    },
  );

  api.post(
    '/auth/totp/enrol',
    { config: { permission: 'session' }, schema: { tags, response: { 200: s.enrolResponse } } },
    (req) => service.startTotpEnrolment(platform, sessionOf(req.session)),
  );

  api.post(
    '/auth/totp/verify',
    {
      config: { permission: 'session' },
      schema: { tags, body: s.codeBody, response: { 200: s.verifyResponse } },
    },
    async (req, reply) => {
      const r = await service.verifyTotpCode(
        platform,
        sessionOf(req.session),
        req.body.code,
        String(req.id),
      );
      setSessionCookie(reply, config, r.sessionToken);
      return {
        status: 'ok' as const,
        ...(r.recoveryCodes ? { recoveryCodes: r.recoveryCodes } : {}),
      };
    },
  );

  api.post(
    '/auth/recovery',
    {
      config: { permission: 'session' },
      schema: { tags, body: s.codeBody, response: { 200: s.verifyResponse } },
    },
    async (req, reply) => {
      const token = await service.useRecoveryCode(
        platform,
        sessionOf(req.session),
        req.body.code,
        String(req.id),
      );
      setSessionCookie(reply, config, token);
      return { status: 'ok' as const };
    },
  );

  api.post(
    '/auth/logout',
    { config: { permission: 'session' }, schema: { tags, response: { 204: noContent } } },
    async (req, reply) => {
      await service.logout(platform, sessionOf(req.session), String(req.id));
      clearSessionCookie(reply, config);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/auth/me',
    { config: { permission: 'authenticated' }, schema: { tags, response: { 200: s.meResponse } } },
    (req) => service.me(platform, contextOf(req, platform), req.session),
  );

  api.post(
    '/auth/password',
    {
      config: { permission: 'authenticated' },
      schema: { tags, body: s.passwordBody, response: { 204: noContent } },
    },
    async (req, reply) => {
      const token = await service.changePassword(
        platform,
        contextOf(req, platform),
        req.session,
        req.body,
      );
      if (token) setSessionCookie(reply, config, token);
      return reply.code(204).send(null);
    },
  );
}

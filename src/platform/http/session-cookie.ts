import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/**
 * Over TLS the cookie is `__Host-` prefixed and Secure (bound to this host, never sent in
 * clear). Browsers refuse both on plain http, so a plain-http install (a laptop, a test) uses
 * an unprefixed name; `asylon serve` warns about that.
 */
export function sessionCookieName(config: Pick<Config, 'publicUrl'>): string {
  return isTls(config) ? '__Host-asylon_session' : 'asylon_session';
}

export function isTls(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl.startsWith('https://');
}

export function readSessionCookie(
  request: FastifyRequest,
  config: Pick<Config, 'publicUrl'>,
): string | null {
  return request.cookies[sessionCookieName(config)] ?? null;
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  void reply.setCookie(sessionCookieName(config), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isTls(config),
    maxAge: config.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  void reply.clearCookie(sessionCookieName(config), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isTls(config),
  });
}

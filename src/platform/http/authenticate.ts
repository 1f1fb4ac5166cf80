import type { FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../access/authorize.ts';
import { resolveApiToken, resolveSession, type Resolved } from '../auth/session-store.ts';
import { AppError } from '../errors.ts';
import type { Platform } from '../platform.ts';
import { readSessionCookie } from './session-cookie.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m)
    throw new AppError('unauthenticated', {
      detail: 'The Authorization header must be "Bearer <token>".',
    });
  return m[1]!;
}

/** The host of an Origin header, or null when it is not a URL ("null" from sandboxed pages). */
function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Cookie-authenticated state changes must come from our own pages: a JSON body (which a
 * cross-site form cannot send without a preflight) and, when the browser says, the same origin.
 */
function checkSameOrigin(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  const jsonBody = (request.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('application/json');
  const host = request.headers.host;
  const originOk = !origin || (host !== undefined && hostOf(origin) === host);
  if (!jsonBody || !originOk || (site !== undefined && site !== 'same-origin' && site !== 'none')) {
    throw new AppError('csrf_rejected');
  }
}

/**
 * Resolves who is asking (session cookie or Bearer token) and applies the route's declared
 * permission before the body is even read.
 */
export function authenticationHook(platform: Platform) {
  const limits = {
    idleMs: platform.config.sessionIdleMinutes * 60_000,
    absoluteMs: platform.config.sessionAbsoluteHours * 3_600_000,
  };
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.actor = null;
    request.session = null;
    const permission = request.routeOptions.config.permission;
    if (!permission) return; // not an API route (static files, docs)
    const now = platform.now();
    const bearer = bearerToken(request);
    let resolved: Resolved | null = null;
    if (bearer) {
      resolved = await resolveApiToken(platform.db, bearer, now);
      if (!resolved && permission !== 'public') throw new AppError('unauthenticated');
    } else {
      const cookie = readSessionCookie(request, platform.config);
      if (cookie) resolved = await resolveSession(platform.db, cookie, now, limits);
      if (resolved) checkSameOrigin(request);
    }
    const session = resolved?.session ?? null;
    const mfaPending =
      session !== null && platform.config.mfaRequired && session.mfaVerifiedAt === null;
    request.session = session;
    request.actor = resolved && !mfaPending ? resolved.actor : null;
    // Per user when known (a field office shares one address), else per address.
    const wait = platform.limiters.api.hit(
      resolved ? `user:${resolved.actor.userId}` : `ip:${request.ip}`,
    );
    if (wait > 0) {
      throw new AppError('rate_limited', {
        headers: { 'retry-after': String(wait) },
        detail: `More than ${platform.config.apiRateLimitPerMinute} requests in a minute. Wait ${wait} s and try again.`,
      });
    }

    if (permission === 'public') return;
    if (permission === 'session') {
      if (!session) throw new AppError('unauthenticated');
      return;
    }
    if (!request.actor) throw new AppError(mfaPending ? 'mfa_required' : 'unauthenticated');
    if (permission !== 'authenticated') authorize(request.actor, permission);
  };
}

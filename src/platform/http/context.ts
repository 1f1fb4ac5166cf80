import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../access/actor.ts';
import { AppError } from '../errors.ts';
import type { Platform } from '../platform.ts';

/** The service-call context of an authenticated request. */
export function contextOf(request: FastifyRequest, platform: Platform): RequestContext {
  if (!request.actor) throw new AppError('unauthenticated');
  return { actor: request.actor, requestId: String(request.id), now: platform.now() };
}

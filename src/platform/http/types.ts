import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '../access/actor.ts';
import type { Ability } from '../access/roles.ts';

/**
 * What a route requires. Every /api/v1 route declares one; an undeclared route stops start-up.
 * - 'public': anyone, signed in or not
 * - 'session': a browser session even before its two-factor step (the MFA endpoints themselves)
 * - 'authenticated': any fully signed-in user
 * - an ability: a fully signed-in user whose roles grant it
 */
export type Permission = 'public' | 'session' | 'authenticated' | Ability;

/** The browser session behind a request, when it came with one. */
export interface SessionInfo {
  tokenHash: Buffer;
  userId: string;
  operationId: string;
  mfaVerifiedAt: Date | null;
  mfaEnrolled: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: Permission;
    /** Creating POSTs honour Idempotency-Key. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
  }
}

/** The Fastify instance modules register their routes on. */
export type Api = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

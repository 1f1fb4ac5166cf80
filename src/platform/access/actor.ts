import type { Ability, Role } from './roles.ts';

/** Who is making a request, resolved once per request by the authentication hook. */
export interface Actor {
  userId: string;
  operationId: string;
  agencyId: string | null;
  roles: Role[];
  abilities: Set<Ability>;
  /** How the request authenticated: a browser session or a personal API token. */
  via: 'session' | 'token';
}

/** What every service call receives: who asks, under which request, and when. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  now: Date;
}

import { AppError, notFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { Ability } from './roles.ts';

/** A policy is a pure rule over an actor and one record. */
export type Policy<R> = (actor: Actor, record: R) => boolean;

export function can(actor: Actor, ability: Ability): boolean {
  return actor.abilities.has(ability);
}

/** Refuses with 403 unless the actor holds the ability. */
export function authorize(actor: Actor, ability: Ability): void {
  if (!can(actor, ability)) throw new AppError('forbidden');
}

/**
 * Returns the record when the policy allows it. A record that is missing and one the actor may
 * not know about get the same 404, so the answer is no existence oracle.
 */
export function authorizeRecord<R>(
  actor: Actor,
  record: R | undefined | null,
  policy: Policy<R>,
): R {
  if (record === undefined || record === null || !policy(actor, record)) throw notFound();
  return record;
}

/** The baseline record rule: a record belongs to one operation and is visible only inside it. */
export const sameOperation: Policy<{ operationId: string }> = (actor, record) =>
  actor.operationId === record.operationId;

import type { Actor } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';

export interface PersonAccessFacts {
  operationId: string;
  sensitivity: 'normal' | 'sensitive' | 'restricted';
  registeringAgencyId: string | null;
  /** Is the actor one of the users named on the record? */
  named: boolean;
}

/** Protection officers see sensitive records of every agency; others only their agency's. */
export const seesSensitive = (actor: Actor): boolean => actor.roles.includes('protection_officer');

/**
 * Who may see a person. A restricted record exists only for the users named on it; a sensitive
 * one for protection officers and the registering agency; a normal one for every role that reads
 * persons. The same rule, for lists, is in the WHERE clause of repository.searchPersons.
 */
export function canSeePerson(actor: Actor, p: PersonAccessFacts): boolean {
  if (actor.operationId !== p.operationId || !can(actor, 'persons.read')) return false;
  if (p.named) return true;
  if (p.sensitivity === 'restricted') return false;
  if (p.sensitivity === 'sensitive') {
    return (
      seesSensitive(actor) || (actor.agencyId !== null && actor.agencyId === p.registeringAgencyId)
    );
  }
  return true;
}

/** Making a record restricted, or lifting the restriction, is a protection decision. */
export function canChangeSensitivity(
  actor: Actor,
  from: PersonAccessFacts['sensitivity'],
  to: PersonAccessFacts['sensitivity'],
): boolean {
  if (from === to) return true;
  if (from === 'restricted' || to === 'restricted') return can(actor, 'persons.restrict');
  return true;
}

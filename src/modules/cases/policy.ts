import type { Actor } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';

/**
 * Who sees a case, and who works on it (decided for the cases issue; RLS in
 * migrations/0008_cases.sql says the same, and tables.caseVisibleTo for lists):
 *
 * - a supervisor (a protection officer) sees and works on every case of the operation;
 * - the assigned caseworker;
 * - the caseworkers of the case's agency (teams cover for each other); never another agency's,
 *   unless the case is transferred to it;
 * - while a transfer is offered, the receiving agency's caseworkers (or only the named receiving
 *   user) see the case and its plan to decide, and may do nothing else until they accept; after
 *   acceptance the case belongs to the receiving agency and the sending one loses sight of it
 *   (the transfer history stays on the case);
 * - and always: only if the actor may see the case's person (registry.loadVisible). A case of a
 *   restricted person exists only for users named on that person; the answer is 404 exactly as
 *   for a random id.
 * Registration clerks, programme officers, analysts, auditors, administrators and service
 * partners see no case (no 'cases.read'); partners see only their referral inbox.
 */
export interface CaseFacts {
  operationId: string;
  agencyId: string | null;
  assignedTo: string | null;
  pendingToAgencyId: string | null;
  pendingToUserId: string | null;
}

export type Relation = 'supervisor' | 'assigned' | 'agency' | 'incoming';

export const isSupervisor = (actor: Actor): boolean => actor.roles.includes('protection_officer');

const offeredTo = (actor: Actor, c: CaseFacts): boolean =>
  actor.agencyId !== null &&
  actor.agencyId === c.pendingToAgencyId &&
  (c.pendingToUserId === null || c.pendingToUserId === actor.userId);

/** The actor's relation to the case, or null when the case does not exist for them. */
export function relationOf(actor: Actor, c: CaseFacts): Relation | null {
  if (actor.operationId !== c.operationId || !can(actor, 'cases.read')) return null;
  if (isSupervisor(actor)) return 'supervisor';
  if (c.assignedTo === actor.userId) return 'assigned';
  if (actor.agencyId !== null && actor.agencyId === c.agencyId) return 'agency';
  if (offeredTo(actor, c)) return 'incoming';
  return null;
}

export const canSeeCase = (actor: Actor, c: CaseFacts): boolean => relationOf(actor, c) !== null;

/** Reading notes, timeline and referrals, and changing anything: not while only offered. */
export function canWorkOnCase(actor: Actor, c: CaseFacts): boolean {
  const r = relationOf(actor, c);
  return r !== null && r !== 'incoming';
}

/** Accepting or declining an offered transfer: a user of the receiving side only. */
export function canReceiveTransfer(actor: Actor, c: CaseFacts): boolean {
  return canSeeCase(actor, c) && can(actor, 'cases.manage') && offeredTo(actor, c);
}

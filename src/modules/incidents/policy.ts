import type { Actor } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import { seesSensitive } from '../registry/policy.ts';
import type { Sensitivity } from './catalogue.ts';

/**
 * Who sees an incident (decided for issue 5; docs/incidents.md has the table; RLS in
 * migrations/0012_incidents.sql says the same, and tables.incidentVisibleTo for lists):
 *
 * - only readers of incidents (caseworkers and protection officers);
 * - never when a registered person involved in it is one the reader may not see (registry rule:
 *   a restricted person exists only for the users named on them, a sensitive one for protection
 *   officers and the registering agency). The whole incident disappears, not just the line: its
 *   description, testimonies and citations may name the person, and an incident with a gap where
 *   a victim was would say that someone is hidden. Same answer as for an id that does not exist;
 * - then by the incident's own sensitivity, as for persons: normal for every reader; sensitive
 *   for protection officers and the recording agency; restricted only for the users named on it
 *   (the recorder is named when it is made restricted).
 */
export interface IncidentFacts {
  operationId: string;
  sensitivity: Sensitivity;
  agencyId: string | null;
  /** Is the actor named on the incident? */
  named: boolean;
  /** Does the actor see every registered person involved? */
  personsVisible: boolean;
}

export function canSeeIncident(actor: Actor, f: IncidentFacts): boolean {
  if (actor.operationId !== f.operationId || !can(actor, 'incidents.read')) return false;
  if (!f.personsVisible) return false;
  if (f.named) return true;
  if (f.sensitivity === 'restricted') return false;
  if (f.sensitivity === 'sensitive')
    return seesSensitive(actor) || (actor.agencyId !== null && actor.agencyId === f.agencyId);
  return true;
}

/**
 * Making an incident restricted, or lifting the restriction, is a protection decision (as for
 * persons: 'persons.restrict'). Between normal and sensitive any writer may move it.
 */
export function canChangeSensitivity(actor: Actor, from: Sensitivity, to: Sensitivity): boolean {
  if (from === to) return true;
  if (from === 'restricted' || to === 'restricted') return can(actor, 'incidents.restrict');
  return true;
}

/** Deleting documentation: its recorder, or a protection officer. */
export function canDeleteIncident(actor: Actor, createdBy: string): boolean {
  return can(actor, 'incidents.write') && (createdBy === actor.userId || seesSensitive(actor));
}

/**
 * A testimony's statement and translation are read by protection officers and by the user who
 * took it (the interviewer); every other reader of the testimony gets its metadata with the text
 * withheld (statement: null, textWithheld: true). The metadata exists for them already: it is
 * listed under incidents they see.
 */
export function canReadTestimonyText(actor: Actor, t: { interviewerId: string }): boolean {
  return (
    can(actor, 'testimonies.read') && (seesSensitive(actor) || actor.userId === t.interviewerId)
  );
}

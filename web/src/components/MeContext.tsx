import { createContext, useContext } from 'react';
import type { MeResponse } from '../api/types';

/** Abilities from GET /auth/me that the web app acts on (the server enforces every one). */
export type Ability =
  | 'users.read'
  | 'users.manage'
  | 'agencies.manage'
  | 'sites.read'
  | 'sites.manage'
  | 'operation.manage'
  | 'roles.read'
  | 'audit.read'
  | 'persons.read'
  | 'persons.write'
  | 'persons.restrict'
  | 'persons.import'
  | 'legal_status.write'
  | 'documents.read_number'
  | 'duplicates.review'
  | 'assistance.read'
  | 'assistance.manage'
  | 'assistance.record'
  | 'sri.assess'
  | 'reports.read'
  | 'transparency.read'
  | 'transparency.manage'
  | 'cases.read'
  | 'cases.manage'
  | 'cases.approve'
  | 'case_workflow.read'
  | 'services.read'
  | 'services.manage'
  | 'referrals.send'
  | 'referrals.receive'
  | 'rights.assess'
  | 'separation.request'
  | 'persons.break_glass'
  | 'rights.report'
  | 'incidents.read'
  | 'incidents.write'
  | 'incidents.restrict'
  | 'incidents.report'
  | 'testimonies.read'
  | 'testimonies.write'
  | 'sources.read'
  | 'sources.write'
  | 'dataprotection.read'
  | 'dataprotection.manage'
  | 'transfers.approve'
  | 'subject_access.export';

export const MeContext = createContext<MeResponse | null>(null);

/** The signed-in user; only valid below `AppLayout`, which loads it. */
export function useCurrentUser(): MeResponse {
  const me = useContext(MeContext);
  if (!me) throw new Error('useCurrentUser must be used inside AppLayout');
  return me;
}

export function useHasAbility(ability: Ability): boolean {
  return useCurrentUser().abilities.includes(ability);
}

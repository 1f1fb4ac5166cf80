import { useQuery } from '@tanstack/react-query';
import { agenciesApi, authApi, rolesApi, sitesApi } from './endpoints';

/** Query keys in one place so invalidations stay consistent. */
export const queryKeys = {
  me: ['me'] as const,
  setupStatus: ['setup', 'status'] as const,
  roles: ['roles'] as const,
  users: ['users'] as const,
  usersList: (q: string, offset: number) => ['users', 'list', { q, offset }] as const,
  user: (id: string) => ['users', 'detail', id] as const,
  agencies: ['agencies'] as const,
  sites: ['sites'] as const,
  site: (id: string) => ['sites', 'detail', id] as const,
  operation: ['operation'] as const,
  persons: ['persons'] as const,
  personSearch: (filters: object) => ['persons', 'search', filters] as const,
  person: (id: string) => ['persons', 'detail', id] as const,
  legalStatuses: (id: string) => ['persons', 'detail', id, 'legal-statuses'] as const,
  personHouseholds: (id: string) => ['persons', 'detail', id, 'households'] as const,
  residences: (id: string) => ['persons', 'detail', id, 'residences'] as const,
  documents: (id: string) => ['persons', 'detail', id, 'documents'] as const,
  entitlements: (id: string, asOf: string) =>
    ['persons', 'detail', id, 'entitlements', { asOf }] as const,
  rightsAssessments: (id: string) => ['persons', 'detail', id, 'rights-assessments'] as const,
  rightsGaps: (id: string, asOf: string) =>
    ['persons', 'detail', id, 'rights-gaps', { asOf }] as const,
  separationRequests: (id: string) => ['persons', 'detail', id, 'separation-requests'] as const,
  /**
   * Outside `persons` on purpose: reading whereabouts is audited, so invalidating a person must
   * never refetch them behind the user's back.
   */
  whereabouts: (id: string) => ['whereabouts', id] as const,
  /** Every rights-gap matrix (site and operation-wide), for invalidation after a round. */
  rightsMatrices: ['rights-matrix'] as const,
  rightsMatrix: (filters: object) => ['rights-matrix', filters] as const,
  hostProfile: ['host-profile'] as const,
  notifications: ['notifications'] as const,
  siteResidents: (id: string, offset: number) =>
    ['sites', 'detail', id, 'residents', { offset }] as const,
  /** Up to 500 residents at once, to pick from in a monitoring round. */
  siteResidentsForRound: (id: string) => ['sites', 'detail', id, 'residents', 'round'] as const,
  household: (id: string) => ['households', 'detail', id] as const,
  duplicates: ['duplicates'] as const,
  duplicatePairs: (filters: object) => ['duplicates', 'pairs', filters] as const,
  /**
   * Merges made in this browser session, kept only in the query cache (see DuplicatesPage);
   * outside `duplicates` so refreshing the pair lists never touches it.
   */
  recentMerges: ['recent-merges'] as const,
  job: (id: string) => ['jobs', id] as const,
  auditEvents: (filters: object) => ['audit', 'events', filters] as const,
};

export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => authApi.me(signal),
    staleTime: 60_000,
  });
}

/** GET /roles needs roles.read; pass false for users without it. */
export function useRoles(enabled = true) {
  return useQuery({
    queryKey: queryKeys.roles,
    queryFn: () => rolesApi.list(),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function useAgencies(enabled = true) {
  return useQuery({
    queryKey: queryKeys.agencies,
    queryFn: () => agenciesApi.list(),
    enabled,
  });
}

/** GET /sites needs sites.read; pass false for users without it. */
export function useSites(enabled = true) {
  return useQuery({
    queryKey: queryKeys.sites,
    queryFn: () => sitesApi.list(),
    enabled,
  });
}

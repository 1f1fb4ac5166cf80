import { client, dataOf, withEtag } from './client';
import type {
  AddMemberRequest,
  AddStepRequest,
  CreateSeparationRequest,
  EntitlementsQuery,
  HostProfileRequest,
  MonitoringRoundRequest,
  RightsAssessmentRequest,
  RightsMatrixQuery,
  SeparationStatus,
  UpdateStepRequest,
  WhereaboutsRequest,
  AgencyRequest,
  AuditEventsQuery,
  ChangePasswordRequest,
  CreateHouseholdRequest,
  CreatePersonRequest,
  CreateUserRequest,
  DocumentRequest,
  DocumentUpdateRequest,
  DuplicateCheckRequest,
  DuplicateDecisionRequest,
  DuplicatePairsQuery,
  LegalStatusRequest,
  MergeRequest,
  PersonSearchQuery,
  LoginRequest,
  ResidenceRequest,
  SetupRequest,
  SiteRequest,
  SiteResidentsQuery,
  SiteUpdateRequest,
  UpdateMemberRequest,
  UpdateOperationRequest,
  UpdatePersonRequest,
  UpdateUserRequest,
  UsersListQuery,
} from './types';

// Every call goes through the generated client, so a path, parameter or body that does not
// match the server's OpenAPI document is a compile error.

export const setupApi = {
  status: () => dataOf(client.GET('/api/v1/setup/status')),
  run: (body: SetupRequest) => dataOf(client.POST('/api/v1/setup', { body })),
};

export const authApi = {
  login: (body: LoginRequest) => dataOf(client.POST('/api/v1/auth/login', { body })),
  me: (signal?: AbortSignal) => dataOf(client.GET('/api/v1/auth/me', { signal })),
  enrolTotp: () => dataOf(client.POST('/api/v1/auth/totp/enrol')),
  verifyTotp: (code: string) => dataOf(client.POST('/api/v1/auth/totp/verify', { body: { code } })),
  recovery: (code: string) => dataOf(client.POST('/api/v1/auth/recovery', { body: { code } })),
  logout: () => dataOf(client.POST('/api/v1/auth/logout')),
  /** 204; the server rotates the session cookie and ends the user's other sessions. */
  changePassword: (body: ChangePasswordRequest) =>
    dataOf(client.POST('/api/v1/auth/password', { body })),
};

export const rolesApi = {
  list: () => dataOf(client.GET('/api/v1/roles')),
};

export const usersApi = {
  list: (query: UsersListQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/users', { params: { query }, signal })),
  get: (id: string, signal?: AbortSignal) =>
    withEtag(client.GET('/api/v1/users/{id}', { params: { path: { id } }, signal })),
  create: (body: CreateUserRequest) => dataOf(client.POST('/api/v1/users', { body })),
  update: (id: string, body: UpdateUserRequest, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/users/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  resetMfa: (id: string) =>
    dataOf(client.POST('/api/v1/users/{id}/reset-mfa', { params: { path: { id } } })),
};

export const agenciesApi = {
  list: () => dataOf(client.GET('/api/v1/agencies')),
  create: (body: AgencyRequest) => dataOf(client.POST('/api/v1/agencies', { body })),
  rename: (id: string, body: AgencyRequest, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/agencies/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
};

export const sitesApi = {
  list: () => dataOf(client.GET('/api/v1/sites')),
  get: (id: string, signal?: AbortSignal) =>
    withEtag(client.GET('/api/v1/sites/{id}', { params: { path: { id } }, signal })),
  create: (body: SiteRequest) => dataOf(client.POST('/api/v1/sites', { body })),
  update: (id: string, body: SiteUpdateRequest, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/sites/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  /** Who lives on the site now (persons.read), among the persons the reader may see. */
  residents: (id: string, query: SiteResidentsQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/sites/{id}/residents', { params: { path: { id }, query }, signal })),
};

export const operationApi = {
  current: (signal?: AbortSignal) => withEtag(client.GET('/api/v1/operations/current', { signal })),
  update: (body: UpdateOperationRequest, etag: string | null) =>
    dataOf(client.PATCH('/api/v1/operations/current', { body, headers: ifMatch(etag) })),
};

export const auditApi = {
  events: (query: AuditEventsQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/audit/events', { params: { query }, signal })),
  verify: () => dataOf(client.GET('/api/v1/audit/verify')),
};

export const personsApi = {
  search: (query: PersonSearchQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/persons/search', { params: { query }, signal })),
  get: (id: string, signal?: AbortSignal) =>
    withEtag(client.GET('/api/v1/persons/{id}', { params: { path: { id } }, signal })),
  create: (body: CreatePersonRequest) => dataOf(client.POST('/api/v1/persons', { body })),
  update: (id: string, body: UpdatePersonRequest, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/persons/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  legalStatuses: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/persons/{id}/legal-statuses', { params: { path: { id } }, signal })),
  addLegalStatus: (id: string, body: LegalStatusRequest) =>
    dataOf(client.POST('/api/v1/persons/{id}/legal-statuses', { params: { path: { id } }, body })),
  /** Likely matches of a person about to be registered (same body as `create`). */
  duplicateCheck: (body: DuplicateCheckRequest) =>
    dataOf(client.POST('/api/v1/persons/duplicate-check', { body })),
  households: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/persons/{id}/households', { params: { path: { id } }, signal })),
  residences: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/persons/{id}/residences', { params: { path: { id } }, signal })),
  /** A new residence closes the open one the day it starts (a relocation). */
  addResidence: (id: string, body: ResidenceRequest) =>
    dataOf(client.POST('/api/v1/persons/{id}/residences', { params: { path: { id } }, body })),
  documents: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/persons/{id}/documents', { params: { path: { id } }, signal })),
  addDocument: (id: string, body: DocumentRequest) =>
    dataOf(client.POST('/api/v1/persons/{id}/documents', { params: { path: { id } }, body })),
  updateDocument: (
    id: string,
    documentId: string,
    body: DocumentUpdateRequest,
    etag: string | null,
  ) =>
    dataOf(
      client.PATCH('/api/v1/persons/{id}/documents/{documentId}', {
        params: { path: { id, documentId } },
        body,
        headers: ifMatch(etag),
      }),
    ),
};

export const householdsApi = {
  get: (id: string, signal?: AbortSignal) =>
    withEtag(client.GET('/api/v1/households/{id}', { params: { path: { id } }, signal })),
  create: (body: CreateHouseholdRequest) => dataOf(client.POST('/api/v1/households', { body })),
  addMember: (id: string, body: AddMemberRequest, etag: string | null) =>
    withEtag(
      client.POST('/api/v1/households/{id}/members', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  updateMember: (id: string, memberId: string, body: UpdateMemberRequest, etag: string | null) =>
    withEtag(
      client.PATCH('/api/v1/households/{id}/members/{memberId}', {
        params: { path: { id, memberId } },
        body,
        headers: ifMatch(etag),
      }),
    ),
};

export const duplicatesApi = {
  /** Starts a detection run over the whole operation; poll `jobsApi.get` for progress. */
  startJob: () => dataOf(client.POST('/api/v1/duplicates/jobs')),
  pairs: (query: DuplicatePairsQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/duplicates', { params: { query }, signal })),
  /** 204 No Content. */
  decide: (body: DuplicateDecisionRequest) =>
    dataOf(client.POST('/api/v1/duplicates/decisions', { body })),
  merge: (body: MergeRequest) => dataOf(client.POST('/api/v1/merges', { body })),
  reverseMerge: (id: string) =>
    dataOf(client.POST('/api/v1/merges/{id}/reverse', { params: { path: { id } } })),
};

export const jobsApi = {
  get: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/jobs/{id}', { params: { path: { id } }, signal })),
};

export const rightsApi = {
  /** What the 1951 Convention owes the person on `asOf` (today by default), with reasons. */
  entitlements: (id: string, query: EntitlementsQuery, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/persons/{id}/entitlements', { params: { path: { id }, query }, signal }),
    ),
  assessments: (id: string, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/persons/{id}/rights-assessments', { params: { path: { id } }, signal }),
    ),
  addAssessment: (id: string, body: RightsAssessmentRequest) =>
    dataOf(
      client.POST('/api/v1/persons/{id}/rights-assessments', { params: { path: { id } }, body }),
    ),
  /** Rights owed whose latest assessment says access is partial or none. */
  gaps: (id: string, query: EntitlementsQuery, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/persons/{id}/rights-gaps', { params: { path: { id }, query }, signal }),
    ),
  /** A monitoring round on a site: every entry is recorded, or none. */
  recordRound: (siteId: string, body: MonitoringRoundRequest) =>
    dataOf(
      client.POST('/api/v1/sites/{id}/monitoring-rounds', {
        params: { path: { id: siteId } },
        body,
      }),
    ),
  /** Sites × articles; counts are small-cell suppressed for readers who may not see persons. */
  matrix: (query: RightsMatrixQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/reports/rights-gaps', { params: { query }, signal })),
  hostProfile: (signal?: AbortSignal) =>
    withEtag(client.GET('/api/v1/operations/current/host-profile', { signal })),
  saveHostProfile: (body: HostProfileRequest, etag: string | null) =>
    withEtag(
      client.PUT('/api/v1/operations/current/host-profile', { body, headers: ifMatch(etag) }),
    ),
};

export const separationApi = {
  list: (personId: string, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/persons/{id}/separation-requests', {
        params: { path: { id: personId } },
        signal,
      }),
    ),
  /** From now on the record is restricted: only the users named on it see it. */
  create: (personId: string, body: CreateSeparationRequest) =>
    dataOf(
      client.POST('/api/v1/persons/{id}/separation-requests', {
        params: { path: { id: personId } },
        body,
      }),
    ),
  setStatus: (id: string, status: SeparationStatus, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/separation-requests/{id}', {
        params: { path: { id } },
        body: { status },
        headers: ifMatch(etag),
      }),
    ),
  addStep: (id: string, body: AddStepRequest) =>
    dataOf(
      client.POST('/api/v1/separation-requests/{id}/steps', { params: { path: { id } }, body }),
    ),
  updateStep: (id: string, stepId: string, body: UpdateStepRequest, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/separation-requests/{id}/steps/{stepId}', {
        params: { path: { id, stepId } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  /** Reading whereabouts is audited: call it only when the user asks to see them. */
  whereabouts: (personId: string, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/persons/{id}/whereabouts', {
        params: { path: { id: personId } },
        signal,
      }),
    ),
  setWhereabouts: (personId: string, body: WhereaboutsRequest) =>
    dataOf(
      client.PUT('/api/v1/persons/{id}/whereabouts', { params: { path: { id: personId } }, body }),
    ),
  /** Names a colleague on a restricted record (204). */
  nameUser: (personId: string, userId: string) =>
    dataOf(
      client.POST('/api/v1/persons/{id}/access', {
        params: { path: { id: personId } },
        body: { userId },
      }),
    ),
  /** A supervisor's time-limited, audited reading of a restricted record; named users are told. */
  breakGlass: (personId: string, reason: string) =>
    dataOf(
      client.POST('/api/v1/persons/{id}/break-glass', {
        params: { path: { id: personId } },
        body: { reason },
      }),
    ),
};

export const notificationsApi = {
  list: (signal?: AbortSignal) => dataOf(client.GET('/api/v1/notifications', { signal })),
  /** 204. */
  markRead: (id: string) =>
    dataOf(client.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
};

/** `If-Match` with the ETag of the version being edited (omitted when there is none). */
function ifMatch(etag: string | null): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

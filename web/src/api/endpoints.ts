import { client, dataOf, withEtag } from './client';
import type {
  AgencyRequest,
  AuditEventsQuery,
  ChangePasswordRequest,
  CreatePersonRequest,
  CreateUserRequest,
  LegalStatusRequest,
  PersonSearchQuery,
  LoginRequest,
  SetupRequest,
  SiteRequest,
  SiteUpdateRequest,
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
};

/** `If-Match` with the ETag of the version being edited (omitted when there is none). */
function ifMatch(etag: string | null): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

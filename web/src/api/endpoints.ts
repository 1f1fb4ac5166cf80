import { api } from './client';
import type {
  AgenciesResponse,
  Agency,
  AgencyRequest,
  AuditEventsQuery,
  AuditEventsResponse,
  AuditVerifyResponse,
  CreateUserRequest,
  LoginRequest,
  LoginResponse,
  MeResponse,
  Operation,
  RecoveryResponse,
  RolesResponse,
  SetupRequest,
  SetupResponse,
  SetupStatusResponse,
  Site,
  SiteRequest,
  SitesResponse,
  TotpEnrolResponse,
  TotpVerifyResponse,
  UpdateOperationRequest,
  UpdateUserRequest,
  User,
  UsersListQuery,
  UsersListResponse,
} from './types';

const id = (value: string) => encodeURIComponent(value);

export const setupApi = {
  status: () => api.get<SetupStatusResponse>('/setup/status'),
  run: (body: SetupRequest) => api.post<SetupResponse>('/setup', body),
};

export const authApi = {
  login: (body: LoginRequest) => api.post<LoginResponse>('/auth/login', body),
  me: (signal?: AbortSignal) => api.get<MeResponse>('/auth/me', undefined, signal),
  enrolTotp: () => api.post<TotpEnrolResponse>('/auth/totp/enrol'),
  verifyTotp: (code: string) => api.post<TotpVerifyResponse>('/auth/totp/verify', { code }),
  recovery: (code: string) => api.post<RecoveryResponse>('/auth/recovery', { code }),
  logout: () => api.post('/auth/logout'),
};

export const rolesApi = {
  list: () => api.get<RolesResponse>('/roles'),
};

export const usersApi = {
  list: (query: UsersListQuery, signal?: AbortSignal) =>
    api.get<UsersListResponse>('/users', { ...query }, signal),
  get: (userId: string, signal?: AbortSignal) =>
    api.getWithEtag<User>(`/users/${id(userId)}`, signal),
  create: (body: CreateUserRequest) => api.post<User>('/users', body),
  update: (userId: string, body: UpdateUserRequest, etag: string | null) =>
    api.patch<User>(`/users/${id(userId)}`, body, etag),
  resetMfa: (userId: string) => api.post(`/users/${id(userId)}/reset-mfa`),
};

export const agenciesApi = {
  list: () => api.get<AgenciesResponse>('/agencies'),
  create: (body: AgencyRequest) => api.post<Agency>('/agencies', body),
  rename: (agencyId: string, body: AgencyRequest, etag: string | null) =>
    api.patch<Agency>(`/agencies/${id(agencyId)}`, body, etag),
};

export const sitesApi = {
  list: () => api.get<SitesResponse>('/sites'),
  get: (siteId: string, signal?: AbortSignal) =>
    api.getWithEtag<Site>(`/sites/${id(siteId)}`, signal),
  create: (body: SiteRequest) => api.post<Site>('/sites', body),
  update: (siteId: string, body: Partial<SiteRequest>, etag: string | null) =>
    api.patch<Site>(`/sites/${id(siteId)}`, body, etag),
};

export const operationApi = {
  current: (signal?: AbortSignal) => api.getWithEtag<Operation>('/operations/current', signal),
  update: (body: UpdateOperationRequest, etag: string | null) =>
    api.patch<Operation>('/operations/current', body, etag),
};

export const auditApi = {
  events: (query: AuditEventsQuery, signal?: AbortSignal) =>
    api.get<AuditEventsResponse>('/audit/events', { ...query }, signal),
  verify: () => api.get<AuditVerifyResponse>('/audit/verify'),
};

// Hand-written request/response types for the Asylon HTTP API (/api/v1).
// Later these will be replaced by (or re-exported from) the generated `schema.d.ts`;
// keep every API type in this one file so that switch stays mechanical.

export interface ProblemFieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  code?: string;
  detail?: string;
  errors?: ProblemFieldError[];
  requestId?: string;
}

// --- health / setup ---------------------------------------------------------

export interface HealthResponse {
  status: 'ok';
  version: string;
  database: 'pglite' | 'postgres';
}

export interface SetupStatusResponse {
  needed: boolean;
}

export interface SetupRequest {
  token: string;
  email: string;
  password: string;
  displayName: string;
}

export interface SetupResponse {
  status: 'mfa_enrolment_required' | 'ok';
}

// --- auth -------------------------------------------------------------------

export interface LoginRequest {
  email: string;
  password: string;
}

export type LoginStatus = 'ok' | 'mfa_required' | 'mfa_enrolment_required';

export interface LoginResponse {
  status: LoginStatus;
}

export interface TotpEnrolResponse {
  secret: string;
  otpauthUrl: string;
}

export interface CodeRequest {
  code: string;
}

export interface TotpVerifyResponse {
  status: 'ok';
  recoveryCodes?: string[];
}

export interface RecoveryResponse {
  status: 'ok';
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface MeUser {
  id: string;
  email: string;
  displayName: string;
  operationId: string;
  agencyId: string | null;
  roles: string[];
}

export interface MeResponse {
  user: MeUser;
  abilities: string[];
  mfa: { required: boolean; enrolled: boolean; verified: boolean };
  warnings: string[];
}

// --- roles ------------------------------------------------------------------

export const ROLE_CODES = [
  'administrator',
  'registration_clerk',
  'caseworker',
  'protection_officer',
  'programme_officer',
  'service_partner',
  'analyst',
  'auditor',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export interface Role {
  code: string;
  abilities: string[];
}

export interface RolesResponse {
  items: Role[];
}

// --- users ------------------------------------------------------------------

export type UserStatus = 'active' | 'disabled';

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  agencyId: string | null;
  agencyName: string | null;
  status: UserStatus;
  mfaEnrolled: boolean;
  createdAt: string;
  version: number;
}

export interface UsersListQuery {
  q?: string;
  limit?: number;
  offset?: number;
}

export interface UsersListResponse {
  items: User[];
  total: number;
}

export interface CreateUserRequest {
  email: string;
  displayName: string;
  roles: string[];
  agencyId?: string | null;
  password: string;
}

export interface UpdateUserRequest {
  displayName?: string;
  roles?: string[];
  agencyId?: string | null;
  status?: UserStatus;
}

// --- agencies ---------------------------------------------------------------

export interface Agency {
  id: string;
  name: string;
  createdAt: string;
  version: number;
}

export interface AgenciesResponse {
  items: Agency[];
}

export interface AgencyRequest {
  name: string;
}

// --- sites ------------------------------------------------------------------

export const SITE_TYPES = [
  'camp',
  'collective_centre',
  'closed_compound',
  'private_accommodation',
  'urban',
] as const;
export type SiteType = (typeof SITE_TYPES)[number];

export interface Site {
  id: string;
  name: string;
  type: SiteType;
  adm1: string | null;
  adm2: string | null;
  capacity: number | null;
  managingEntity: string | null;
  createdAt: string;
  version: number;
}

export interface SitesResponse {
  items: Site[];
}

export interface SiteRequest {
  name: string;
  type: SiteType;
  adm1: string | null;
  adm2: string | null;
  capacity: number | null;
  managingEntity: string | null;
}

// --- operation --------------------------------------------------------------

export interface Operation {
  id: string;
  name: string;
  code: string;
  settings: { mfaRequired: boolean; suppressionThreshold: number };
  version: number;
}

export interface UpdateOperationRequest {
  name?: string;
}

// --- audit ------------------------------------------------------------------

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  details: unknown;
}

export interface AuditEventsQuery {
  userId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface AuditEventsResponse {
  items: AuditEvent[];
  nextCursor: string | null;
}

export interface AuditVerifyResponse {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; reason: string };
}

// Request and response types of the Asylon HTTP API (/api/v1), all derived from `schema.d.ts`,
// which `npm run gen:api` generates from the server's OpenAPI document. Never write an API
// shape by hand here: look it up in `paths` so a server change breaks the web build.
import type { paths } from './schema';

// --- lookups into the generated document --------------------------------------------------------

export type ApiPath = keyof paths;
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The operation object of one path and method (never if the path has no such method). */
export type OperationOf<P extends ApiPath, M extends HttpMethod> = NonNullable<paths[P][M]>;

type Success = 200 | 201 | 202 | 204;
type JsonContent<T> = T extends { content: { 'application/json': infer B } } ? B : undefined;

/** The JSON body of the operation's success response (undefined for 204 No Content). */
export type ResponseOf<P extends ApiPath, M extends HttpMethod> =
  OperationOf<P, M> extends { responses: infer R }
    ? JsonContent<R[Extract<keyof R, Success>]>
    : never;

/** The JSON request body of the operation. */
export type BodyOf<P extends ApiPath, M extends HttpMethod> =
  OperationOf<P, M> extends { requestBody: { content: { 'application/json': infer B } } }
    ? B
    : never;

/** The query-string parameters of the operation. */
export type QueryOf<P extends ApiPath, M extends HttpMethod> = NonNullable<
  OperationOf<P, M>['parameters']['query']
>;

/** The path parameters of the operation. */
export type PathParamsOf<P extends ApiPath, M extends HttpMethod> = NonNullable<
  OperationOf<P, M>['parameters']['path']
>;

// --- errors (RFC 9457 problem+json; the document does not describe error bodies) ---------------

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

// --- health / setup -----------------------------------------------------------------------------

export type HealthResponse = ResponseOf<'/api/v1/health', 'get'>;
export type SetupStatusResponse = ResponseOf<'/api/v1/setup/status', 'get'>;
export type SetupRequest = BodyOf<'/api/v1/setup', 'post'>;
export type SetupResponse = ResponseOf<'/api/v1/setup', 'post'>;

// --- auth ---------------------------------------------------------------------------------------

export type LoginRequest = BodyOf<'/api/v1/auth/login', 'post'>;
export type LoginResponse = ResponseOf<'/api/v1/auth/login', 'post'>;
export type LoginStatus = LoginResponse['status'];
export type TotpEnrolResponse = ResponseOf<'/api/v1/auth/totp/enrol', 'post'>;
export type CodeRequest = BodyOf<'/api/v1/auth/totp/verify', 'post'>;
export type TotpVerifyResponse = ResponseOf<'/api/v1/auth/totp/verify', 'post'>;
export type RecoveryResponse = ResponseOf<'/api/v1/auth/recovery', 'post'>;
export type ChangePasswordRequest = BodyOf<'/api/v1/auth/password', 'post'>;
export type MeResponse = ResponseOf<'/api/v1/auth/me', 'get'>;
export type MeUser = MeResponse['user'];

// --- roles --------------------------------------------------------------------------------------

export type RolesResponse = ResponseOf<'/api/v1/roles', 'get'>;
export type Role = RolesResponse['items'][number];
export type RoleCode = Role['code'];

// Every role code exactly once: the compiler rejects a missing or unknown key.
const ROLE_SET: Record<RoleCode, true> = {
  administrator: true,
  registration_clerk: true,
  caseworker: true,
  protection_officer: true,
  programme_officer: true,
  service_partner: true,
  analyst: true,
  auditor: true,
  data_protection_officer: true,
};
export const ROLE_CODES = Object.keys(ROLE_SET) as readonly RoleCode[];

export function isRoleCode(value: string): value is RoleCode {
  return Object.hasOwn(ROLE_SET, value);
}

// --- users --------------------------------------------------------------------------------------

export type User = ResponseOf<'/api/v1/users/{id}', 'get'>;
export type UserStatus = User['status'];
export type UsersListQuery = QueryOf<'/api/v1/users', 'get'>;
export type UsersListResponse = ResponseOf<'/api/v1/users', 'get'>;
export type CreateUserRequest = BodyOf<'/api/v1/users', 'post'>;
export type UpdateUserRequest = BodyOf<'/api/v1/users/{id}', 'patch'>;

// --- agencies -----------------------------------------------------------------------------------

export type AgenciesResponse = ResponseOf<'/api/v1/agencies', 'get'>;
export type Agency = AgenciesResponse['items'][number];
export type AgencyRequest = BodyOf<'/api/v1/agencies', 'post'>;

// --- sites --------------------------------------------------------------------------------------

export type Site = ResponseOf<'/api/v1/sites/{id}', 'get'>;
export type SiteType = Site['type'];
export type SitesResponse = ResponseOf<'/api/v1/sites', 'get'>;
export type SiteRequest = BodyOf<'/api/v1/sites', 'post'>;
export type SiteUpdateRequest = BodyOf<'/api/v1/sites/{id}', 'patch'>;

// Every site type exactly once, in the order the form offers them.
const SITE_TYPE_SET: Record<SiteType, true> = {
  camp: true,
  collective_centre: true,
  closed_compound: true,
  private_accommodation: true,
  urban: true,
};
export const SITE_TYPES = Object.keys(SITE_TYPE_SET) as readonly SiteType[];

export function isSiteType(value: string): value is SiteType {
  return Object.hasOwn(SITE_TYPE_SET, value);
}

// --- operation ----------------------------------------------------------------------------------

export type Operation = ResponseOf<'/api/v1/operations/current', 'get'>;
export type UpdateOperationRequest = BodyOf<'/api/v1/operations/current', 'patch'>;

// --- audit --------------------------------------------------------------------------------------

export type AuditEventsQuery = QueryOf<'/api/v1/audit/events', 'get'>;
export type AuditEventsResponse = ResponseOf<'/api/v1/audit/events', 'get'>;
export type AuditEvent = AuditEventsResponse['items'][number];
export type AuditVerifyResponse = ResponseOf<'/api/v1/audit/verify', 'get'>;

// --- persons (registry) -------------------------------------------------------------------------

export type Person = ResponseOf<'/api/v1/persons/{id}', 'get'>;
export type PersonName = Person['names'][number];
export type PersonSex = Person['sex'];
export type Sensitivity = Person['sensitivity'];
export type PersonSearchQuery = QueryOf<'/api/v1/persons/search', 'get'>;
export type PersonSearchResponse = ResponseOf<'/api/v1/persons/search', 'get'>;
export type PersonSearchHit = PersonSearchResponse['items'][number];
export type CreatePersonRequest = BodyOf<'/api/v1/persons', 'post'>;
export type UpdatePersonRequest = BodyOf<'/api/v1/persons/{id}', 'patch'>;

// Every sex code exactly once, in the order the forms offer them.
const PERSON_SEX_SET: Record<PersonSex, true> = { F: true, M: true, X: true, unknown: true };
export const PERSON_SEXES = Object.keys(PERSON_SEX_SET) as readonly PersonSex[];

export function isPersonSex(value: string): value is PersonSex {
  return Object.hasOwn(PERSON_SEX_SET, value);
}

const SENSITIVITY_SET: Record<Sensitivity, true> = {
  normal: true,
  sensitive: true,
  restricted: true,
};
export const SENSITIVITIES = Object.keys(SENSITIVITY_SET) as readonly Sensitivity[];

export function isSensitivity(value: string): value is Sensitivity {
  return Object.hasOwn(SENSITIVITY_SET, value);
}

// --- legal statuses -----------------------------------------------------------------------------

export type LegalStatusesResponse = ResponseOf<'/api/v1/persons/{id}/legal-statuses', 'get'>;
export type LegalStatus = LegalStatusesResponse['items'][number];
export type LegalStatusRequest = BodyOf<'/api/v1/persons/{id}/legal-statuses', 'post'>;

/** The status codes the document lists (it also accepts other strings). */
export const LEGAL_STATUS_CODES = [
  'refugee_recognised',
  'refugee_mandate',
  'asylum_seeker',
  'humanitarian_admission',
  'temporary_protection',
  'subsidiary_protection',
  'stateless',
  'returnee',
  'other_of_concern',
  'no_status',
] as const satisfies readonly LegalStatusRequest['status'][];
export type LegalStatusCode = (typeof LEGAL_STATUS_CODES)[number];

export function isLegalStatusCode(value: string): value is LegalStatusCode {
  return (LEGAL_STATUS_CODES as readonly string[]).includes(value);
}

// --- households ---------------------------------------------------------------------------------

export type Household = ResponseOf<'/api/v1/households/{id}', 'get'>;
export type HouseholdMember = Household['members'][number];
export type Relationship = HouseholdMember['relationship'];
export type CreateHouseholdRequest = BodyOf<'/api/v1/households', 'post'>;
export type AddMemberRequest = BodyOf<'/api/v1/households/{id}/members', 'post'>;
export type UpdateMemberRequest = BodyOf<'/api/v1/households/{id}/members/{memberId}', 'patch'>;
export type MembershipsResponse = ResponseOf<'/api/v1/persons/{id}/households', 'get'>;
export type Membership = MembershipsResponse['items'][number];

// Every relationship exactly once, in the order the forms offer them.
const RELATIONSHIP_SET: Record<Relationship, true> = {
  focal_point: true,
  spouse: true,
  child: true,
  parent: true,
  sibling: true,
  grandchild: true,
  grandparent: true,
  other_relative: true,
  non_relative: true,
};
export const RELATIONSHIPS = Object.keys(RELATIONSHIP_SET) as readonly Relationship[];

export function isRelationship(value: string): value is Relationship {
  return Object.hasOwn(RELATIONSHIP_SET, value);
}

// --- residences ---------------------------------------------------------------------------------

export type ResidencesResponse = ResponseOf<'/api/v1/persons/{id}/residences', 'get'>;
export type Residence = ResidencesResponse['items'][number];
export type ResidenceRequest = BodyOf<'/api/v1/persons/{id}/residences', 'post'>;
export type SiteResidentsQuery = QueryOf<'/api/v1/sites/{id}/residents', 'get'>;
export type SiteResidentsResponse = ResponseOf<'/api/v1/sites/{id}/residents', 'get'>;
export type SiteResident = SiteResidentsResponse['items'][number];
export type SiteAccess = Site['access'];

// --- identity documents -------------------------------------------------------------------------

export type DocumentsResponse = ResponseOf<'/api/v1/persons/{id}/documents', 'get'>;
export type IdentityDocument = DocumentsResponse['items'][number];
export type DocumentType = IdentityDocument['type'];
export type DocumentHolder = IdentityDocument['holder'];
export type DocumentRequest = BodyOf<'/api/v1/persons/{id}/documents', 'post'>;
export type DocumentUpdateRequest = BodyOf<'/api/v1/persons/{id}/documents/{documentId}', 'patch'>;

const DOCUMENT_TYPE_SET: Record<DocumentType, true> = {
  passport: true,
  national_id: true,
  birth_certificate: true,
  marriage_certificate: true,
  refugee_id: true,
  asylum_seeker_certificate: true,
  residence_permit: true,
  travel_document: true,
  driving_licence: true,
  other: true,
};
export const DOCUMENT_TYPES = Object.keys(DOCUMENT_TYPE_SET) as readonly DocumentType[];

export function isDocumentType(value: string): value is DocumentType {
  return Object.hasOwn(DOCUMENT_TYPE_SET, value);
}

const DOCUMENT_HOLDER_SET: Record<DocumentHolder, true> = {
  person: true,
  authority: true,
  third_party: true,
  agency: true,
  unknown: true,
};
export const DOCUMENT_HOLDERS = Object.keys(DOCUMENT_HOLDER_SET) as readonly DocumentHolder[];

export function isDocumentHolder(value: string): value is DocumentHolder {
  return Object.hasOwn(DOCUMENT_HOLDER_SET, value);
}

// --- duplicates and merges ----------------------------------------------------------------------

export type DuplicateCheckRequest = BodyOf<'/api/v1/persons/duplicate-check', 'post'>;
export type DuplicateCheckResponse = ResponseOf<'/api/v1/persons/duplicate-check', 'post'>;
export type DuplicateCandidate = DuplicateCheckResponse['items'][number];
export type DuplicateReason = DuplicateCandidate['reasons'][number];
export type PersonSummary = DuplicateCandidate['person'];
export type DuplicatePairsQuery = QueryOf<'/api/v1/duplicates', 'get'>;
export type DuplicatePairsResponse = ResponseOf<'/api/v1/duplicates', 'get'>;
export type DuplicatePair = DuplicatePairsResponse['items'][number];
export type PairStatus = DuplicatePair['status'];
export type DuplicateDecisionRequest = BodyOf<'/api/v1/duplicates/decisions', 'post'>;
export type MergeRequest = BodyOf<'/api/v1/merges', 'post'>;
export type Merge = ResponseOf<'/api/v1/merges', 'post'>;
export type JobStarted = ResponseOf<'/api/v1/duplicates/jobs', 'post'>;
export type Job = ResponseOf<'/api/v1/jobs/{id}', 'get'>;

const PAIR_STATUS_SET: Record<PairStatus, true> = {
  open: true,
  confirmed: true,
  rejected: true,
  merged: true,
};
export const PAIR_STATUSES = Object.keys(PAIR_STATUS_SET) as readonly PairStatus[];

export function isPairStatus(value: string): value is PairStatus {
  return Object.hasOwn(PAIR_STATUS_SET, value);
}

/** Reason codes the server's scoring gives (the document types them as plain strings). */
export const DUPLICATE_REASON_CODES = [
  'names',
  'birth_date_equal',
  'birth_year_equal',
  'birth_date_differs',
  'birth_year_off_by_one_same_day',
  'birth_year_differs',
  'birth_unknown',
  'sex_differs',
  'nationality_shared',
  'nationality_differs',
] as const;
export type DuplicateReasonCode = (typeof DUPLICATE_REASON_CODES)[number];

export function isDuplicateReasonCode(value: string): value is DuplicateReasonCode {
  return (DUPLICATE_REASON_CODES as readonly string[]).includes(value);
}

// --- rights (1951 Convention entitlements, assessments, gaps, host-state profile) ----------------

export type EntitlementsQuery = QueryOf<'/api/v1/persons/{id}/entitlements', 'get'>;
export type Entitlements = ResponseOf<'/api/v1/persons/{id}/entitlements', 'get'>;
export type Entitlement = Entitlements['items'][number];
export type Owed = Entitlement['owed'];
export type RightsAssessmentsResponse = ResponseOf<
  '/api/v1/persons/{id}/rights-assessments',
  'get'
>;
export type RightsAssessment = RightsAssessmentsResponse['items'][number];
export type RightsAssessmentRequest = BodyOf<'/api/v1/persons/{id}/rights-assessments', 'post'>;
export type RightsAccess = RightsAssessment['access'];
export type AssessmentMethod = RightsAssessment['method'];
export type Reliability = RightsAssessment['reliability'];
export type RightsGaps = ResponseOf<'/api/v1/persons/{id}/rights-gaps', 'get'>;
export type RightsGap = RightsGaps['items'][number];
export type HostProfile = ResponseOf<'/api/v1/operations/current/host-profile', 'get'>;
export type HostProfileRequest = BodyOf<'/api/v1/operations/current/host-profile', 'put'>;
export type Reservation = HostProfile['reservations'][number];
export type StatusMeaning = HostProfile['statusMeaning'][string];
export type Interpretation = HostProfile['interpretation'];

// Every value once, in the order the forms offer them (the compiler rejects a missing one).
const OWED_SET: Record<Owed, true> = { yes: true, 'if-refugee': true, no: true, reserved: true };
export const OWED_VALUES = Object.keys(OWED_SET) as readonly Owed[];

const RIGHTS_ACCESS_SET: Record<RightsAccess, true> = {
  full: true,
  partial: true,
  none: true,
  unknown: true,
};
export const RIGHTS_ACCESS_VALUES = Object.keys(RIGHTS_ACCESS_SET) as readonly RightsAccess[];

export function isRightsAccess(value: string): value is RightsAccess {
  return Object.hasOwn(RIGHTS_ACCESS_SET, value);
}

const METHOD_SET: Record<AssessmentMethod, true> = {
  interview: true,
  document: true,
  observation: true,
};
export const ASSESSMENT_METHODS = Object.keys(METHOD_SET) as readonly AssessmentMethod[];

export function isAssessmentMethod(value: string): value is AssessmentMethod {
  return Object.hasOwn(METHOD_SET, value);
}

const RELIABILITY_SET: Record<Reliability, true> = {
  A: true,
  B: true,
  C: true,
  D: true,
  E: true,
  F: true,
};
export const RELIABILITIES = Object.keys(RELIABILITY_SET) as readonly Reliability[];

export function isReliability(value: string): value is Reliability {
  return Object.hasOwn(RELIABILITY_SET, value);
}

/** The barrier catalogue the server accepts (it also takes national codes `x_…`). */
export const BARRIERS = [
  'movement_restricted_by_site',
  'no_work_permit',
  'documents_withheld',
  'no_documents',
  'language',
  'cost',
  'distance',
  'discrimination',
  'legal_exclusion',
  'administrative_refusal',
  'fear_of_reprisal',
  'lack_of_information',
  'other',
] as const;
export type Barrier = (typeof BARRIERS)[number];

export function isBarrier(value: string): value is Barrier {
  return (BARRIERS as readonly string[]).includes(value);
}

export type RefugeeStatusReading = NonNullable<StatusMeaning['refugeeStatus']>;
const REFUGEE_STATUS_SET: Record<RefugeeStatusReading, true> = {
  recognised: true,
  pending: true,
  undetermined: true,
  'not-refugee-determination': true,
};
export const REFUGEE_STATUS_READINGS = Object.keys(
  REFUGEE_STATUS_SET,
) as readonly RefugeeStatusReading[];

export function isRefugeeStatusReading(value: string): value is RefugeeStatusReading {
  return Object.hasOwn(REFUGEE_STATUS_SET, value);
}

export type ReservationEffect = Reservation['effect'];
export const RESERVATION_EFFECTS = ['excluded', 'limited'] as const satisfies ReservationEffect[];

export function isReservationEffect(value: string): value is ReservationEffect {
  return (RESERVATION_EFFECTS as readonly string[]).includes(value);
}

/** Each interpretation setting with its possible readings, in the order the form offers them. */
export const INTERPRETATION_OPTIONS = {
  art13_20_22: ['J', 'P'],
  art14_16_2: ['HR', 'LS'],
  art25: ['P', 'LS'],
  habitualResidenceAs: ['P', 'LP', 'LS', 'DR'],
  durableResidenceFrom: ['arrival', 'application', 'recognition'],
} as const satisfies { [K in keyof Interpretation]: readonly Interpretation[K][] };
export type InterpretationKey = keyof typeof INTERPRETATION_OPTIONS;
export const INTERPRETATION_KEYS = Object.keys(INTERPRETATION_OPTIONS) as InterpretationKey[];

// --- monitoring rounds and the rights-gap matrix --------------------------------------------------

export type MonitoringRoundRequest = BodyOf<'/api/v1/sites/{id}/monitoring-rounds', 'post'>;
export type MonitoringRoundEntry = MonitoringRoundRequest['entries'][number];
export type MonitoringRoundResult = ResponseOf<'/api/v1/sites/{id}/monitoring-rounds', 'post'>;
export type RightsMatrixQuery = QueryOf<'/api/v1/reports/rights-gaps', 'get'>;
export type RightsMatrix = ResponseOf<'/api/v1/reports/rights-gaps', 'get'>;
export type RightsMatrixSite = RightsMatrix['sites'][number];
export type RightsMatrixCell = RightsMatrixSite['cells'][number];

// --- separation requests, whereabouts, notifications --------------------------------------------

export type SeparationRequestsResponse = ResponseOf<
  '/api/v1/persons/{id}/separation-requests',
  'get'
>;
export type SeparationRequest = SeparationRequestsResponse['items'][number];
export type SeparationStatus = SeparationRequest['status'];
export type SafetyPlanStep = SeparationRequest['steps'][number];
export type StepKind = SafetyPlanStep['kind'];
export type CreateSeparationRequest = BodyOf<'/api/v1/persons/{id}/separation-requests', 'post'>;
export type Leaving = NonNullable<CreateSeparationRequest['leaving']>;
export type AddStepRequest = BodyOf<'/api/v1/separation-requests/{id}/steps', 'post'>;
export type UpdateStepRequest = BodyOf<'/api/v1/separation-requests/{id}/steps/{stepId}', 'patch'>;
export type WhereaboutsResponse = ResponseOf<'/api/v1/persons/{id}/whereabouts', 'get'>;
export type WhereaboutsRequest = BodyOf<'/api/v1/persons/{id}/whereabouts', 'put'>;
export type BreakGlassResponse = ResponseOf<'/api/v1/persons/{id}/break-glass', 'post'>;
export type NotificationsResponse = ResponseOf<'/api/v1/notifications', 'get'>;
export type AppNotification = NotificationsResponse['items'][number];

const SEPARATION_STATUS_SET: Record<SeparationStatus, true> = {
  open: true,
  in_progress: true,
  completed: true,
  withdrawn: true,
};
export const SEPARATION_STATUSES = Object.keys(
  SEPARATION_STATUS_SET,
) as readonly SeparationStatus[];

export function isSeparationStatus(value: string): value is SeparationStatus {
  return Object.hasOwn(SEPARATION_STATUS_SET, value);
}

const STEP_KIND_SET: Record<StepKind, true> = {
  independent_accommodation: true,
  independent_assistance: true,
  legal_aid_referral: true,
  documents_recovered: true,
  status_regularisation: true,
  other: true,
};
export const STEP_KINDS = Object.keys(STEP_KIND_SET) as readonly StepKind[];

export function isStepKind(value: string): value is StepKind {
  return Object.hasOwn(STEP_KIND_SET, value);
}

const LEAVING_SET: Record<Leaving, true> = { group: true, household: true, site: true };
export const LEAVING_OPTIONS = Object.keys(LEAVING_SET) as readonly Leaving[];

export function isLeaving(value: string): value is Leaving {
  return Object.hasOwn(LEAVING_SET, value);
}

/** Notification kinds the server sends today (the document types them as plain strings). */
export const NOTIFICATION_KINDS = ['safety_plan_step', 'record_shared', 'break_glass'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

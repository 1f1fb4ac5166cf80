// The data-protection calls of the web app (src/modules/dataprotection, docs/data-protection.md)
// and their types, all derived from the generated `schema.d.ts`: a server change breaks the build.
import { client, dataOf, etagFromVersion } from '../../api/client';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

// --- types ----------------------------------------------------------------------------------------

export type TransferQuery = QueryOf<'/api/v1/data-protection/transfers', 'get'>;
export type TransferRow = ResponseOf<'/api/v1/data-protection/transfers', 'get'>['items'][number];
export type TransferKind = NonNullable<TransferQuery['kind']>;
export type RecipientType = NonNullable<TransferQuery['recipientType']>;
export type DataCategory = Exclude<NonNullable<TransferQuery['category']>, 'unclassified'>;

export type TransferRequest = ResponseOf<'/api/v1/transfer-requests/{id}', 'get'>;
export type TransferRequestQuery = QueryOf<'/api/v1/transfer-requests', 'get'>;
export type TransferRequestStatus = TransferRequest['status'];
export type ApprovalBody = BodyOf<'/api/v1/transfer-requests/{id}/approvals', 'post'>;

export type SubjectRequest = ResponseOf<'/api/v1/data-protection/subject-requests/{id}', 'get'>;
export type SubjectRequestQuery = QueryOf<'/api/v1/data-protection/subject-requests', 'get'>;
export type SubjectRequestBody = BodyOf<'/api/v1/data-protection/subject-requests', 'post'>;
export type SubjectRequestPatch = BodyOf<'/api/v1/data-protection/subject-requests/{id}', 'patch'>;
export type SubjectRequestKind = SubjectRequest['kind'];
export type SubjectRequestStatus = SubjectRequest['status'];
export type VerificationMethod = SubjectRequest['verification']['method'];
export type AccessExport = ResponseOf<
  '/api/v1/data-protection/subject-requests/{id}/export',
  'get'
>;
export type Withheld = AccessExport['withheld'][number];

export type RetentionRules = ResponseOf<'/api/v1/data-protection/retention-rules', 'get'>;
export type RetentionRule = RetentionRules['rules'][string];
export type RetentionPreview = ResponseOf<'/api/v1/data-protection/retention-preview', 'get'>;
export type CategoryResult = RetentionPreview['categories'][number];
export type RetentionCategory = CategoryResult['category'];
export type RetentionRunQuery = QueryOf<'/api/v1/data-protection/retention-runs', 'get'>;
export type RetentionRun = ResponseOf<
  '/api/v1/data-protection/retention-runs',
  'get'
>['items'][number];

export type LegalHold = ResponseOf<'/api/v1/data-protection/legal-holds', 'get'>['items'][number];
export type BreakGlassQuery = QueryOf<'/api/v1/data-protection/break-glass', 'get'>;
export type BreakGlassRow = ResponseOf<
  '/api/v1/data-protection/break-glass',
  'get'
>['items'][number];

export type ConsentState = ResponseOf<'/api/v1/persons/{id}/consents', 'get'>;
export type ConsentBody = BodyOf<'/api/v1/persons/{id}/consents', 'post'>;
export type ConsentPurpose = ConsentBody['purpose'];
export type ConsentDecision = ConsentBody['decision'];
export type ConsentMethod = ConsentBody['method'];
export type ConsentGiver = NonNullable<ConsentBody['givenBy']>;

// --- the value lists (each exactly once: the compiler rejects a missing or unknown one) --------

function keysOf<T extends string>(set: Record<T, true>): readonly T[] {
  return Object.keys(set) as T[];
}

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export const TRANSFER_KINDS = keysOf<TransferKind>({
  export: true,
  referral: true,
  case_transfer: true,
  subject_access: true,
});
export const RECIPIENT_TYPES = keysOf<RecipientType>({
  partner_agency: true,
  service_provider: true,
  unhcr: true,
  donor: true,
  host_authority: true,
  law_enforcement: true,
  data_subject: true,
  other: true,
  unspecified: true,
});
export const DATA_CATEGORIES = keysOf<DataCategory>({
  identity: true,
  contact: true,
  location: true,
  household: true,
  legal_status: true,
  protection: true,
  health: true,
  biometrics: true,
  assistance: true,
  case_content: true,
});
export const TRANSFER_REQUEST_STATUSES = keysOf<TransferRequestStatus>({
  pending: true,
  approved: true,
  rejected: true,
  downloaded: true,
});
export const SUBJECT_REQUEST_KINDS = keysOf<SubjectRequestKind>({
  access: true,
  correction: true,
  erasure: true,
});
export const SUBJECT_REQUEST_STATUSES = keysOf<SubjectRequestStatus>({
  received: true,
  in_progress: true,
  completed: true,
  refused: true,
});
export const VERIFICATION_METHODS = keysOf<VerificationMethod>({
  in_person_document: true,
  in_person_known_to_staff: true,
  in_person_biometric: true,
  video_call_with_document: true,
  security_questions: true,
  legal_representative_mandate: true,
});
export const RETENTION_CATEGORIES = keysOf<RetentionCategory>({
  closed_cases: true,
  departed_persons: true,
  notifications: true,
  expired_sessions: true,
  idempotency_keys: true,
  finished_jobs: true,
  import_batches: true,
  expired_break_glass: true,
});
export const CONSENT_PURPOSES = keysOf<ConsentPurpose>({
  registration: true,
  assistance: true,
  case_management: true,
  referral: true,
  data_sharing_with_partners: true,
  resettlement: true,
  research: true,
});
export const CONSENT_DECISIONS = keysOf<ConsentDecision>({
  given: true,
  refused: true,
  withdrawn: true,
});
export const CONSENT_METHODS = keysOf<ConsentMethod>({
  verbal: true,
  written: true,
  electronic: true,
});
export const CONSENT_GIVERS = keysOf<ConsentGiver>({
  person: true,
  parent_or_guardian: true,
  legal_representative: true,
});

// --- query keys -----------------------------------------------------------------------------------

export const dpoKeys = {
  all: ['data-protection'] as const,
  transfers: (q: object) => ['data-protection', 'transfers', q] as const,
  requests: ['transfer-requests'] as const,
  requestList: (q: object) => ['transfer-requests', 'list', q] as const,
  subjectRequests: ['data-protection', 'subject-requests'] as const,
  subjectRequestList: (q: object) => ['data-protection', 'subject-requests', 'list', q] as const,
  subjectRequest: (id: string) => ['data-protection', 'subject-requests', 'detail', id] as const,
  rules: ['data-protection', 'retention-rules'] as const,
  preview: ['data-protection', 'retention-preview'] as const,
  runs: (q: object) => ['data-protection', 'retention-runs', q] as const,
  holds: (active: string) => ['data-protection', 'legal-holds', active] as const,
  breakGlass: (q: object) => ['data-protection', 'break-glass', q] as const,
  /** Under the person, so that invalidating the person refreshes it. */
  consents: (personId: string) => ['persons', 'detail', personId, 'consents'] as const,
};

// --- calls ----------------------------------------------------------------------------------------

const CSV = { Accept: 'text/csv' };

/** A list as a CSV file (the server audits every download). */
async function csvOf(call: Promise<{ data?: unknown }>): Promise<Blob> {
  return (await call).data as Blob;
}

/** The JSON body of a list that also answers CSV (the generated type is the union of both). */
async function jsonOf<T>(call: Promise<{ data?: unknown }>): Promise<T> {
  return (await call).data as T;
}
type TransferList = ResponseOf<'/api/v1/data-protection/transfers', 'get'>;
type BreakGlassList = ResponseOf<'/api/v1/data-protection/break-glass', 'get'>;
type SubjectRequestList = ResponseOf<'/api/v1/data-protection/subject-requests', 'get'>;
type RunList = ResponseOf<'/api/v1/data-protection/retention-runs', 'get'>;

const ifMatch = (version: number) => ({ 'If-Match': etagFromVersion(version) });

export const dpoApi = {
  transfers: (query: TransferQuery, signal?: AbortSignal) =>
    jsonOf<TransferList>(
      client.GET('/api/v1/data-protection/transfers', { params: { query }, signal }),
    ),
  transfersCsv: (query: TransferQuery) =>
    csvOf(
      client.GET('/api/v1/data-protection/transfers', {
        params: { query: { ...query, format: 'csv' } },
        parseAs: 'blob',
        headers: CSV,
      }),
    ),
  breakGlass: (query: BreakGlassQuery, signal?: AbortSignal) =>
    jsonOf<BreakGlassList>(
      client.GET('/api/v1/data-protection/break-glass', { params: { query }, signal }),
    ),
  breakGlassCsv: (query: BreakGlassQuery) =>
    csvOf(
      client.GET('/api/v1/data-protection/break-glass', {
        params: { query: { ...query, format: 'csv' } },
        parseAs: 'blob',
        headers: CSV,
      }),
    ),

  subjectRequests: (query: SubjectRequestQuery, signal?: AbortSignal) =>
    jsonOf<SubjectRequestList>(
      client.GET('/api/v1/data-protection/subject-requests', { params: { query }, signal }),
    ),
  subjectRequestsCsv: (query: SubjectRequestQuery) =>
    csvOf(
      client.GET('/api/v1/data-protection/subject-requests', {
        params: { query: { ...query, format: 'csv' } },
        parseAs: 'blob',
        headers: CSV,
      }),
    ),
  subjectRequest: (id: string, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/data-protection/subject-requests/{id}', {
        params: { path: { id } },
        signal,
      }),
    ),
  createSubjectRequest: (body: SubjectRequestBody) =>
    dataOf(client.POST('/api/v1/data-protection/subject-requests', { body })),
  moveSubjectRequest: (id: string, version: number, body: SubjectRequestPatch) =>
    dataOf(
      client.PATCH('/api/v1/data-protection/subject-requests/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(version),
      }),
    ),
  /** Everything about the person (protection officers: subject_access.export); a transfer. */
  accessExport: (id: string) =>
    dataOf(
      client.GET('/api/v1/data-protection/subject-requests/{id}/export', {
        params: { path: { id } },
      }),
    ),

  rules: (signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/data-protection/retention-rules', { signal })),
  saveRules: (rules: Partial<Record<RetentionCategory, RetentionRule>>, version: number) =>
    dataOf(
      client.PUT('/api/v1/data-protection/retention-rules', {
        body: { rules },
        headers: ifMatch(version),
      }),
    ),
  preview: (signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/data-protection/retention-preview', { signal })),
  /** Starts a run as a job; poll jobsApi.get (result.runId). */
  startRun: () =>
    dataOf(client.POST('/api/v1/data-protection/retention-runs', { body: { confirm: true } })),
  runs: (query: RetentionRunQuery, signal?: AbortSignal) =>
    jsonOf<RunList>(
      client.GET('/api/v1/data-protection/retention-runs', { params: { query }, signal }),
    ),
  runsCsv: (query: RetentionRunQuery) =>
    csvOf(
      client.GET('/api/v1/data-protection/retention-runs', {
        params: { query: { ...query, format: 'csv' } },
        parseAs: 'blob',
        headers: CSV,
      }),
    ),

  holds: (active: 'true' | 'false' | undefined, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/data-protection/legal-holds', {
        params: { query: active ? { active } : {} },
        signal,
      }),
    ),
  placeHold: (personId: string, reason: string) =>
    dataOf(client.POST('/api/v1/data-protection/legal-holds', { body: { personId, reason } })),
  releaseHold: (id: string, version: number, reason: string) =>
    dataOf(
      client.POST('/api/v1/data-protection/legal-holds/{id}/release', {
        params: { path: { id } },
        body: { reason },
        headers: ifMatch(version),
      }),
    ),

  transferRequests: (query: TransferRequestQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/transfer-requests', { params: { query }, signal })),
  decide: (id: string, body: ApprovalBody) =>
    dataOf(
      client.POST('/api/v1/transfer-requests/{id}/approvals', { params: { path: { id } }, body }),
    ),
  /** The approved file, once, for the requester; the download is the transfer. */
  downloadRequest: async (id: string): Promise<{ blob: Blob; filename: string }> => {
    const { data, response } = await client.GET('/api/v1/transfer-requests/{id}/download', {
      params: { path: { id } },
      parseAs: 'blob',
      headers: { Accept: 'text/csv' },
    });
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'transfer.csv';
    return { blob: data as unknown as Blob, filename };
  },

  consents: (personId: string, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/persons/{id}/consents', { params: { path: { id: personId } }, signal }),
    ),
  recordConsent: (personId: string, body: ConsentBody) =>
    dataOf(
      client.POST('/api/v1/persons/{id}/consents', { params: { path: { id: personId } }, body }),
    ),
};

/** Today in UTC, as the server counts days (a date later than this is "in the future"). */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

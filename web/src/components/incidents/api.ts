// The incident, evidence and protection-monitoring calls of the web app, and their types, all
// derived from the generated `schema.d.ts` (a server change breaks the web build).
import { API_BASE, client, dataOf, withEtag } from '../../api/client';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

// --- types ----------------------------------------------------------------------------------------

export type Incident = ResponseOf<'/api/v1/incidents/{id}', 'get'>;
export type IncidentSummary = ResponseOf<'/api/v1/incidents', 'get'>['items'][number];
export type IncidentListQuery = QueryOf<'/api/v1/incidents', 'get'>;
export type IncidentRequest = BodyOf<'/api/v1/incidents', 'post'>;
export type IncidentPatch = BodyOf<'/api/v1/incidents/{id}', 'patch'>;
export type Act = Incident['acts'][number];
export type DatePrecision = Incident['when']['precision'];
export type PlacePrecision = Incident['where']['precision'];
export type IncidentSensitivity = Incident['sensitivity'];
export type Involvement = Incident['involvements'][number];
export type InvolvementRole = Involvement['role'];
export type Subject = Involvement['subject'];
export type PerpetratorType = NonNullable<Involvement['perpetratorType']>;
export type Degree = NonNullable<Involvement['degree']>;
export type ConsentView = NonNullable<Incident['consentToUse']>;
export type ConsentRequest = NonNullable<IncidentRequest['consentToUse']>;
export type ConsentDecision = ConsentView['decision'];
export type ConsentGiver = ConsentView['givenBy'];

export type Citation = Incident['citations'][number];
export type CitationFlag = Citation['flags'][number];
export type CitationRequest = BodyOf<'/api/v1/incidents/{id}/citations', 'post'>;

export type Source = ResponseOf<'/api/v1/sources/{id}', 'get'>;
export type SourceListQuery = QueryOf<'/api/v1/sources', 'get'>;
export type SourceRequest = BodyOf<'/api/v1/sources', 'post'>;
export type SourcePatch = BodyOf<'/api/v1/sources/{id}', 'patch'>;
export type SourceKind = Source['kind'];
export type Reliability = Source['reliability'];

export type Testimony = ResponseOf<'/api/v1/testimonies/{id}', 'get'>;
export type TestimonyRequest = BodyOf<'/api/v1/testimonies', 'post'>;

export type MonitoringReport = ResponseOf<'/api/v1/reports/protection-monitoring', 'get'>;
export type MonitoringQuery = NonNullable<QueryOf<'/api/v1/reports/protection-monitoring', 'get'>>;
export type ReportCell = MonitoringReport['totals']['incidents'];

// --- the value lists (each exactly once: the compiler rejects a missing or unknown one) --------

function keysOf<T extends string>(set: Record<T, true>): readonly T[] {
  return Object.keys(set) as T[];
}

export const ACTS = keysOf<Act>({
  restriction_of_movement: true,
  withholding_of_documents: true,
  threats_or_coercion: true,
  denial_of_access_to_services: true,
  forced_labour: true,
  detention: true,
  violence: true,
  family_separation: true,
  other: true,
});
export const DATE_PRECISIONS = keysOf<DatePrecision>({
  day: true,
  month: true,
  year: true,
  approximate: true,
});
export const PLACE_PRECISIONS = keysOf<PlacePrecision>({
  exact: true,
  approximate: true,
  area: true,
  unknown: true,
});
export const INCIDENT_SENSITIVITIES = keysOf<IncidentSensitivity>({
  normal: true,
  sensitive: true,
  restricted: true,
});
export const ROLES = keysOf<InvolvementRole>({
  victim_survivor: true,
  witness: true,
  alleged_perpetrator: true,
});
export const SUBJECTS = keysOf<Subject>({
  person: true,
  group: true,
  authority: true,
  unidentified: true,
});
export const PERPETRATOR_TYPES = keysOf<PerpetratorType>({
  state_authority: true,
  armed_group: true,
  employer: true,
  sponsor_or_controlling_group: true,
  family_member: true,
  community_member: true,
  smuggler_or_trafficker: true,
  other: true,
});
export const DEGREES = keysOf<Degree>({ direct: true, indirect: true, unknown: true });
export const CONSENT_DECISIONS = keysOf<ConsentDecision>({
  given: true,
  refused: true,
  withdrawn: true,
});
export const CONSENT_GIVERS = keysOf<ConsentGiver>({
  person: true,
  parent_or_guardian: true,
  legal_representative: true,
});
export const SOURCE_KINDS = keysOf<SourceKind>({
  document: true,
  report: true,
  media: true,
  lawyer_report: true,
  agency_report: true,
  other: true,
});
export const RELIABILITIES = keysOf<Reliability>({
  A: true,
  B: true,
  C: true,
  D: true,
  E: true,
  F: true,
});
export const CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const;
export const CITATION_FLAGS = keysOf<CitationFlag>({
  duplicate: true,
  missing_locator_and_passage: true,
  passage_implausible: true,
  locator_implausible: true,
});

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

// --- query keys ------------------------------------------------------------------------------------

export const incidentKeys = {
  all: ['incidents'] as const,
  lists: ['incidents', 'list'] as const,
  list: (filters: object) => ['incidents', 'list', filters] as const,
  detail: (id: string) => ['incidents', 'detail', id] as const,
  /** Testimony metadata of an incident (lists carry no text). */
  testimonies: (incidentId: string) => ['testimonies', 'list', { incidentId }] as const,
  /** Outside `testimonies` on purpose: opening one is audited, so a refresh must not re-read it. */
  testimony: (id: string) => ['testimony-text', id] as const,
  sources: ['sources'] as const,
  sourceList: (filters: object) => ['sources', 'list', filters] as const,
  report: (query: object) => ['protection-monitoring', query] as const,
};

// --- calls -----------------------------------------------------------------------------------------

function ifMatch(etag: string | null): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

export const incidentsApi = {
  list: (query: IncidentListQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/incidents', { params: { query }, signal })),
  get: (id: string, signal?: AbortSignal) =>
    withEtag(client.GET('/api/v1/incidents/{id}', { params: { path: { id } }, signal })),
  create: (body: IncidentRequest) => dataOf(client.POST('/api/v1/incidents', { body })),
  update: (id: string, body: IncidentPatch, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/incidents/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  addCitation: (id: string, body: CitationRequest) =>
    dataOf(client.POST('/api/v1/incidents/{id}/citations', { params: { path: { id } }, body })),
};

export const sourcesApi = {
  list: (query: SourceListQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/sources', { params: { query }, signal })),
  get: (id: string, signal?: AbortSignal) =>
    withEtag(client.GET('/api/v1/sources/{id}', { params: { path: { id } }, signal })),
  create: (body: SourceRequest) => dataOf(client.POST('/api/v1/sources', { body })),
  update: (id: string, body: SourcePatch, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/sources/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
};

export const testimoniesApi = {
  ofIncident: (incidentId: string, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/testimonies', { params: { query: { incidentId, limit: 500 } }, signal }),
    ),
  /** Opening a testimony is audited (and shows its text only to those who may read it). */
  get: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/testimonies/{id}', { params: { path: { id } }, signal })),
  create: (body: TestimonyRequest) => dataOf(client.POST('/api/v1/testimonies', { body })),
};

export const monitoringApi = {
  report: (query: MonitoringQuery, signal?: AbortSignal) =>
    // The document also lists the CSV body (text/csv); asked for JSON, this is the JSON one.
    dataOf(
      client.GET('/api/v1/reports/protection-monitoring', {
        params: { query: { ...query, format: 'json' } },
        signal,
      }),
    ) as Promise<MonitoringReport>,
  /** The HXL-tagged CSV of the same report, downloaded by the browser (with the session cookie). */
  csvUrl: (query: MonitoringQuery): string => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v) params.set(k, String(v));
    params.set('format', 'hxl-csv');
    return `${API_BASE}/reports/protection-monitoring?${params.toString()}`;
  },
};

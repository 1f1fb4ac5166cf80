// Calls and types of the assistance, self-reliance, reports and transparency API, all through
// the generated client (a path, parameter or body that does not match the server's OpenAPI
// document is a compile error). Kept beside the screens that use them.
import { client, dataOf, withEtag } from '../../api/client';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

// --- types ------------------------------------------------------------------------------------

export type AssistanceSettings = ResponseOf<
  '/api/v1/operations/current/assistance-settings',
  'get'
>;
export type Provider = ResponseOf<'/api/v1/providers/{id}', 'get'>;
export type ProviderRequest = BodyOf<'/api/v1/providers', 'post'>;
export type ProviderPatch = BodyOf<'/api/v1/providers/{id}', 'patch'>;
export type IndependenceClass = Provider['independenceClass'];
export type Programme = ResponseOf<'/api/v1/programmes/{id}', 'get'>;
export type ProgrammeType = Programme['type'];
export type ProgrammeRequest = BodyOf<'/api/v1/programmes', 'post'>;
export type ProgrammePatch = BodyOf<'/api/v1/programmes/{id}', 'patch'>;
export type EligibilityRule = Programme['eligibility']['rules'][number];
export type Eligibility = ResponseOf<'/api/v1/programmes/{id}/eligibility/{personId}', 'get'>;
export type Distribution = ResponseOf<'/api/v1/distributions', 'post'>;
export type DistributionRequest = BodyOf<'/api/v1/distributions', 'post'>;
export type BulkRequest = BodyOf<'/api/v1/distributions/bulk', 'post'>;
export type BulkResult = ResponseOf<'/api/v1/distributions/bulk', 'post'>;
export type Dependency = ResponseOf<'/api/v1/persons/{id}/dependency', 'get'>;
export type Enrolment = ResponseOf<'/api/v1/enrolments/{id}', 'get'>;
export type EnrolmentRequest = BodyOf<'/api/v1/enrolments', 'post'>;
export type EnrolmentPatch = BodyOf<'/api/v1/enrolments/{id}', 'patch'>;
export type EnrolmentStatus = Enrolment['status'];
export type SriRequest = BodyOf<'/api/v1/households/{id}/sri-assessments', 'post'>;
export type SriTrend = ResponseOf<'/api/v1/households/{id}/sri-assessments', 'get'>;
export type SriAssessment = SriTrend['items'][number];
export type SriDomain = keyof SriRequest['domains'];

export type DependencyReport = ResponseOf<'/api/v1/reports/dependency', 'get'>;
export type DependencyQuery = QueryOf<'/api/v1/reports/dependency', 'get'>;
export type AccessReport = ResponseOf<'/api/v1/reports/self-reliance-access', 'get'>;
export type AccessQuery = QueryOf<'/api/v1/reports/self-reliance-access', 'get'>;
export type ReachedReport = ResponseOf<'/api/v1/reports/reached', 'get'>;
export type ReachedQuery = QueryOf<'/api/v1/reports/reached', 'get'>;
export type SriReport = ResponseOf<'/api/v1/reports/sri', 'get'>;
export type SriQuery = QueryOf<'/api/v1/reports/sri', 'get'>;
export type PopulationReport = ResponseOf<'/api/v1/reports/population', 'get'>;
export type PopulationQuery = QueryOf<'/api/v1/reports/population', 'get'>;
export type SriDistributionReport = ResponseOf<'/api/v1/reports/sri-distribution', 'get'>;
/** The report paths that can answer as HXL-tagged CSV (?format=hxl-csv). */
export type HxlReport =
  'dependency' | 'self-reliance-access' | 'reached' | 'sri' | 'population' | 'sri-distribution';

export type Agreement = ResponseOf<'/api/v1/transparency/agreements/{id}', 'get'>;
export type AgreementRequest = BodyOf<'/api/v1/transparency/agreements', 'post'>;
export type AgreementPatch = BodyOf<'/api/v1/transparency/agreements/{id}', 'patch'>;
export type Party = AgreementRequest['parties'][number];
export type Transaction = ResponseOf<'/api/v1/transparency/agreements/{id}/transactions', 'post'>;
export type TransactionRequest = BodyOf<
  '/api/v1/transparency/agreements/{id}/transactions',
  'post'
>;
export type Relocation = ResponseOf<'/api/v1/transparency/relocations/{id}', 'get'>;
export type RelocationRequest = BodyOf<'/api/v1/transparency/relocations', 'post'>;
export type RelocationPatch = BodyOf<'/api/v1/transparency/relocations/{id}', 'patch'>;
export type PublicTransparency = ResponseOf<'/api/v1/public/transparency', 'get'>;

// Every code exactly once, in the order the forms offer them (a missing or extra one does not
// compile against the server's enums).
const PROGRAMME_TYPE_SET: Record<ProgrammeType, true> = {
  food: true,
  cash_grant: true,
  shelter: true,
  nfi_tools: true,
  health: true,
  education: true,
  skills_training: true,
  income_generating: true,
  legal_aid: true,
};
export const PROGRAMME_TYPES = Object.keys(PROGRAMME_TYPE_SET) as ProgrammeType[];
/** Programme types whose enrolments count as access to self-reliance (server: LIVELIHOOD_TYPES). */
export const LIVELIHOOD_TYPES: readonly ProgrammeType[] = ['skills_training', 'income_generating'];

const INDEPENDENCE_SET: Record<IndependenceClass, true> = {
  independent_humanitarian: true,
  host_state_service: true,
  group_linked_sponsor: true,
};
export const INDEPENDENCE_CLASSES = Object.keys(INDEPENDENCE_SET) as IndependenceClass[];

const ORGANISATION_TYPE_SET: Record<NonNullable<ProviderRequest['organisationType']>, true> = {
  un_agency: true,
  international_ngo: true,
  national_ngo: true,
  government: true,
  community_group: true,
  religious_group: true,
  private_sector: true,
  other: true,
};
export const ORGANISATION_TYPES = Object.keys(ORGANISATION_TYPE_SET) as NonNullable<
  ProviderRequest['organisationType']
>[];

const KIND_SET: Record<DistributionRequest['kind'], true> = {
  item: true,
  cash: true,
  voucher: true,
};
export const DISTRIBUTION_KINDS = Object.keys(KIND_SET) as DistributionRequest['kind'][];

const STATUS_SET: Record<EnrolmentStatus, true> = {
  enrolled: true,
  completed: true,
  dropped_out: true,
};
export const ENROLMENT_STATUSES = Object.keys(STATUS_SET) as EnrolmentStatus[];

const DOMAIN_SET: Record<SriDomain, true> = {
  housing: true,
  food: true,
  education: true,
  healthcare: true,
  health_status: true,
  safety: true,
  employment: true,
  financial_resources: true,
  assistance: true,
  debt: true,
  savings: true,
  social_capital: true,
};
export const SRI_DOMAINS = Object.keys(DOMAIN_SET) as SriDomain[];

const TX_SET: Record<TransactionRequest['type'], true> = {
  incoming_commitment: true,
  incoming_funds: true,
  commitment: true,
  disbursement: true,
  expenditure: true,
};
export const TRANSACTION_TYPES = Object.keys(TX_SET) as TransactionRequest['type'][];

export const PARTY_ROLES = ['funding', 'accountable', 'extending', 'implementing'] as const;
export const AGREEMENT_STATUSES = [
  'pipeline',
  'implementation',
  'finalisation',
  'closed',
  'cancelled',
  'suspended',
] as const;

export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

// --- calls ------------------------------------------------------------------------------------

function ifMatch(etag: string | null): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

export const assistanceApi = {
  settings: (signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/operations/current/assistance-settings', { signal })),
  providers: (signal?: AbortSignal) => dataOf(client.GET('/api/v1/providers', { signal })),
  createProvider: (body: ProviderRequest) => dataOf(client.POST('/api/v1/providers', { body })),
  updateProvider: (id: string, body: ProviderPatch, version: number) =>
    dataOf(
      client.PATCH('/api/v1/providers/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(`"${version}"`),
      }),
    ),
  programmes: (type: ProgrammeType | undefined, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/programmes', { params: { query: type ? { type } : {} }, signal })),
  programme: (id: string, signal?: AbortSignal) =>
    withEtag(client.GET('/api/v1/programmes/{id}', { params: { path: { id } }, signal })),
  createProgramme: (body: ProgrammeRequest) => dataOf(client.POST('/api/v1/programmes', { body })),
  updateProgramme: (id: string, body: ProgrammePatch, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/programmes/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  eligibility: (id: string, personId: string, asOf: string | undefined, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/programmes/{id}/eligibility/{personId}', {
        params: { path: { id, personId }, query: asOf ? { asOf } : {} },
        signal,
      }),
    ),
  recordDistribution: (body: DistributionRequest) =>
    dataOf(client.POST('/api/v1/distributions', { body })),
  bulk: (body: BulkRequest) => dataOf(client.POST('/api/v1/distributions/bulk', { body })),
  personDistributions: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/persons/{id}/distributions', { params: { path: { id } }, signal })),
  householdDistributions: (id: string, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/households/{id}/distributions', { params: { path: { id } }, signal }),
    ),
  personDependency: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/persons/{id}/dependency', { params: { path: { id } }, signal })),
  householdDependency: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/households/{id}/dependency', { params: { path: { id } }, signal })),
  enrol: (body: EnrolmentRequest) => dataOf(client.POST('/api/v1/enrolments', { body })),
  updateEnrolment: (id: string, body: EnrolmentPatch, version: number) =>
    dataOf(
      client.PATCH('/api/v1/enrolments/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(`"${version}"`),
      }),
    ),
  personEnrolments: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/persons/{id}/enrolments', { params: { path: { id } }, signal })),
  sriTrend: (householdId: string, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/households/{id}/sri-assessments', {
        params: { path: { id: householdId } },
        signal,
      }),
    ),
  addSri: (householdId: string, body: SriRequest) =>
    dataOf(
      client.POST('/api/v1/households/{id}/sri-assessments', {
        params: { path: { id: householdId } },
        body,
      }),
    ),
};

export const reportsApi = {
  dependency: (query: DependencyQuery, signal?: AbortSignal) =>
    // The document also lists the CSV body (text/csv); asked for JSON, this is the JSON one.
    dataOf(
      client.GET('/api/v1/reports/dependency', { params: { query }, signal }),
    ) as Promise<DependencyReport>,
  access: (query: AccessQuery, signal?: AbortSignal) =>
    // The document also lists the CSV body (text/csv); asked for JSON, this is the JSON one.
    dataOf(
      client.GET('/api/v1/reports/self-reliance-access', { params: { query }, signal }),
    ) as Promise<AccessReport>,
  reached: (query: ReachedQuery, signal?: AbortSignal) =>
    // The document also lists the CSV body (text/csv); asked for JSON, this is the JSON one.
    dataOf(
      client.GET('/api/v1/reports/reached', { params: { query }, signal }),
    ) as Promise<ReachedReport>,
  sri: (query: SriQuery, signal?: AbortSignal) =>
    // The document also lists the CSV body (text/csv); asked for JSON, this is the JSON one.
    dataOf(client.GET('/api/v1/reports/sri', { params: { query }, signal })) as Promise<SriReport>,
  population: (query: PopulationQuery, signal?: AbortSignal) =>
    // The document also lists the CSV body (text/csv); asked for JSON, this is the JSON one.
    dataOf(
      client.GET('/api/v1/reports/population', { params: { query }, signal }),
    ) as Promise<PopulationReport>,
  sriDistribution: (signal?: AbortSignal) =>
    // The document also lists the CSV body (text/csv); asked for JSON, this is the JSON one.
    dataOf(
      client.GET('/api/v1/reports/sri-distribution', { params: { query: {} }, signal }),
    ) as Promise<SriDistributionReport>,
  /** The same table as HXL-tagged CSV, made by the server. */
  hxlCsv: async (report: HxlReport, query: Record<string, string>): Promise<string> => {
    const options = {
      params: { query: { ...query, format: 'hxl-csv' as const } },
      parseAs: 'text' as const,
      headers: { Accept: 'text/csv' },
    };
    const call =
      report === 'dependency'
        ? client.GET('/api/v1/reports/dependency', options)
        : report === 'self-reliance-access'
          ? client.GET('/api/v1/reports/self-reliance-access', options)
          : report === 'reached'
            ? client.GET('/api/v1/reports/reached', options)
            : report === 'population'
              ? client.GET('/api/v1/reports/population', options)
              : report === 'sri-distribution'
                ? client.GET('/api/v1/reports/sri-distribution', options)
                : client.GET('/api/v1/reports/sri', options);
    return String((await call).data ?? '');
  },
};

export const transparencyApi = {
  agreements: (signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/transparency/agreements', { signal })),
  createAgreement: (body: AgreementRequest) =>
    dataOf(client.POST('/api/v1/transparency/agreements', { body })),
  updateAgreement: (id: string, body: AgreementPatch, version: number) =>
    dataOf(
      client.PATCH('/api/v1/transparency/agreements/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(`"${version}"`),
      }),
    ),
  addTransaction: (id: string, body: TransactionRequest) =>
    dataOf(
      client.POST('/api/v1/transparency/agreements/{id}/transactions', {
        params: { path: { id } },
        body,
      }),
    ),
  relocations: (signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/transparency/relocations', { signal })),
  createRelocation: (body: RelocationRequest) =>
    dataOf(client.POST('/api/v1/transparency/relocations', { body })),
  updateRelocation: (id: string, body: RelocationPatch, version: number) =>
    dataOf(
      client.PATCH('/api/v1/transparency/relocations/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(`"${version}"`),
      }),
    ),
  /** IATI 2.03 activity XML of the public agreements, or of all of them to review. */
  iatiXml: async (scope: 'public' | 'all'): Promise<string> =>
    String(
      (
        await client.GET('/api/v1/transparency/iati.xml', {
          params: { query: { scope, format: 'xml' } },
          parseAs: 'text',
          headers: { Accept: 'application/xml' },
        })
      ).data ?? '',
    ),
  /** No sign-in: what the operation publishes. */
  publicPage: (operation: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/public/transparency', { params: { query: { operation } }, signal })),
};

/** Query keys of these screens; reports sit under one prefix so a new record refreshes them. */
export const aidKeys = {
  settings: ['assistance', 'settings'] as const,
  providers: ['assistance', 'providers'] as const,
  programmes: ['assistance', 'programmes'] as const,
  programmeList: (type: string) => ['assistance', 'programmes', 'list', type] as const,
  programme: (id: string) => ['assistance', 'programmes', 'detail', id] as const,
  eligibility: (id: string, personId: string, asOf: string) =>
    ['assistance', 'eligibility', id, personId, asOf] as const,
  personDistributions: (id: string) => ['assistance', 'person', id, 'distributions'] as const,
  personDependency: (id: string) => ['assistance', 'person', id, 'dependency'] as const,
  personEnrolments: (id: string) => ['assistance', 'person', id, 'enrolments'] as const,
  householdDistributions: (id: string) => ['assistance', 'household', id, 'distributions'] as const,
  householdDependency: (id: string) => ['assistance', 'household', id, 'dependency'] as const,
  sriTrend: (id: string) => ['assistance', 'household', id, 'sri'] as const,
  person: (id: string) => ['assistance', 'person', id] as const,
  household: (id: string) => ['assistance', 'household', id] as const,
  reports: ['aid-reports'] as const,
  report: (name: string, query: object) => ['aid-reports', name, query] as const,
  agreements: ['transparency', 'agreements'] as const,
  relocations: ['transparency', 'relocations'] as const,
  publicPage: (code: string) => ['public-transparency', code] as const,
};

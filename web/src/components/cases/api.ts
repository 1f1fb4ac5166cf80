// The case-management, referral and service-directory calls of the web app, and their types,
// all derived from the generated `schema.d.ts` (a server change breaks the web build).
import { client, dataOf, withEtag } from '../../api/client';
import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

// --- types ----------------------------------------------------------------------------------------

export type CaseDetail = ResponseOf<'/api/v1/cases/{id}', 'get'>;
export type CaseSummary = ResponseOf<'/api/v1/cases', 'get'>['items'][number];
export type CaseListQuery = QueryOf<'/api/v1/cases', 'get'>;
export type CaseState = CaseDetail['status'];
export type CaseCategory = CaseDetail['category'];
export type CasePriority = CaseDetail['priority'];
export type CaseRelation = CaseDetail['relation'];
export type CreateCaseRequest = BodyOf<'/api/v1/cases', 'post'>;
export type UpdateCaseRequest = BodyOf<'/api/v1/cases/{id}', 'patch'>;
export type Workflow = ResponseOf<'/api/v1/operations/current/case-workflow', 'get'>;
export type WorkflowRequest = BodyOf<'/api/v1/operations/current/case-workflow', 'put'>;
export type Goal = CaseDetail['goals'][number];
export type GoalStatus = Goal['status'];
export type GoalRequest = BodyOf<'/api/v1/cases/{id}/goals', 'post'>;
export type GoalPatch = BodyOf<'/api/v1/cases/{id}/goals/{goalId}', 'patch'>;
export type Task = CaseDetail['tasks'][number];
export type TaskKind = Task['kind'];
export type TaskRequest = BodyOf<'/api/v1/cases/{id}/tasks', 'post'>;
export type TaskPatch = BodyOf<'/api/v1/cases/{id}/tasks/{taskId}', 'patch'>;
export type Note = ResponseOf<'/api/v1/cases/{id}/notes', 'get'>['items'][number];
export type TimelineEntry = ResponseOf<'/api/v1/cases/{id}/timeline', 'get'>['items'][number];
export type Approval = CaseDetail['approvals'][number];
export type ApprovalRequest = BodyOf<'/api/v1/cases/{id}/approvals', 'post'>;
export type ClosureReason = NonNullable<ApprovalRequest['closureReason']>;
export type ApprovalDecision = BodyOf<'/api/v1/cases/{id}/approvals/{approvalId}/decision', 'post'>;
export type CaseTransfer = CaseDetail['transfers'][number];
export type TransferRequest = BodyOf<'/api/v1/cases/{id}/transfers', 'post'>;
export type TransferDecision = BodyOf<'/api/v1/cases/{id}/transfers/{transferId}/decision', 'post'>;
export type Consent = NonNullable<TransferRequest['consent']>;
export type Assignee = ResponseOf<'/api/v1/cases/{id}/assignees', 'get'>['items'][number];
export type ConsentGivenBy = Consent['givenBy'];

export type Provider = ResponseOf<'/api/v1/service-providers/{id}', 'get'>;
export type ProviderQuery = QueryOf<'/api/v1/service-providers', 'get'>;
export type ProviderRequest = BodyOf<'/api/v1/service-providers', 'post'>;
export type ProviderPatch = BodyOf<'/api/v1/service-providers/{id}', 'patch'>;
export type ServiceType = Provider['serviceTypes'][number];
export type Referral = ResponseOf<'/api/v1/referrals/{id}', 'get'>;
export type ReferralRequest = BodyOf<'/api/v1/cases/{id}/referrals', 'post'>;
export type ShareField = ReferralRequest['fields'][number];
export type ReferralStatus = Referral['status'];
export type ReferralDecision = BodyOf<'/api/v1/referrals/{id}/decision', 'post'>;
export type DeclineReason = NonNullable<ReferralDecision['declineReason']>;
export type ReferralOutcome = BodyOf<'/api/v1/referrals/{id}/outcome', 'post'>;
export type OutcomeResult = ReferralOutcome['result'];
export type InboxItem = ResponseOf<'/api/v1/referral-inbox/{id}', 'get'>;
export type InboxSummary = ResponseOf<'/api/v1/referral-inbox', 'get'>['items'][number];
export type Snapshot = NonNullable<InboxItem['snapshot']>;

// --- the value lists (each exactly once: the compiler rejects a missing or unknown one) --------

function keysOf<T extends string>(set: Record<T, true>): readonly T[] {
  return Object.keys(set) as T[];
}

export const CASE_STATES = keysOf<CaseState>({
  open: true,
  assessment: true,
  plan: true,
  implementation: true,
  review: true,
  closed: true,
});
export const CASE_CATEGORIES = keysOf<CaseCategory>({
  general: true,
  legal: true,
  child_protection: true,
  gbv: true,
  separation: true,
  health: true,
  mhpss: true,
  livelihoods: true,
  documentation: true,
  resettlement: true,
});
export const PRIORITIES = keysOf<CasePriority>({
  low: true,
  normal: true,
  high: true,
  urgent: true,
});
export const GOAL_STATUSES = keysOf<GoalStatus>({ open: true, achieved: true, dropped: true });
export const TASK_KINDS = keysOf<TaskKind>({ action: true, task: true, follow_up: true });
export const CLOSURE_REASONS = keysOf<ClosureReason>({
  objectives_met: true,
  durable_solution: true,
  relocated: true,
  no_contact: true,
  declined_services: true,
  deceased: true,
  other: true,
});
export const CONSENT_GIVERS = keysOf<ConsentGivenBy>({
  person: true,
  parent_or_guardian: true,
  legal_representative: true,
});
export const SERVICE_TYPES = keysOf<ServiceType>({
  legal_aid: true,
  shelter: true,
  health: true,
  mhpss: true,
  education: true,
  skills_training: true,
  livelihoods: true,
  documentation: true,
  resettlement: true,
});
/** In the order a caseworker reads a person's record. */
export const SHARE_FIELDS = keysOf<ShareField>({
  names: true,
  sex: true,
  birthYear: true,
  nationalities: true,
  languages: true,
  specificNeeds: true,
  contact: true,
  legalStatus: true,
  summary: true,
});
export const REFERRAL_STATUSES = keysOf<ReferralStatus>({
  pending: true,
  accepted: true,
  declined: true,
  completed: true,
  withdrawn: true,
});
export const DECLINE_REASONS = keysOf<DeclineReason>({
  outside_mandate: true,
  no_capacity: true,
  not_eligible: true,
  no_contact: true,
  other: true,
});
export const OUTCOMES = keysOf<OutcomeResult>({
  delivered: true,
  partially_delivered: true,
  not_delivered: true,
});

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

// --- query keys ------------------------------------------------------------------------------------

export const casesKeys = {
  all: ['cases'] as const,
  list: (filters: object) => ['cases', 'list', filters] as const,
  ofPerson: (personId: string) => ['cases', 'list', { personId }] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  /** Outside `cases` on purpose: reading notes is audited, so refreshing a case must not re-read them. */
  notes: (id: string) => ['case-notes', id] as const,
  timeline: (id: string) => ['cases', 'detail', id, 'timeline'] as const,
  referrals: (id: string) => ['cases', 'detail', id, 'referrals'] as const,
  assignees: (id: string) => ['cases', 'detail', id, 'assignees'] as const,
  /** Every referral of a person, gathered from their cases. */
  personReferrals: (personId: string) => ['cases', 'person-referrals', personId] as const,
  myTasks: ['cases', 'my-tasks'] as const,
  workflow: ['case-workflow'] as const,
  providers: ['service-providers'] as const,
  providerList: (filters: object) => ['service-providers', 'list', filters] as const,
  inbox: ['referral-inbox'] as const,
  inboxList: (status: string) => ['referral-inbox', 'list', { status }] as const,
  inboxItem: (id: string) => ['referral-inbox', 'detail', id] as const,
};

// --- calls -----------------------------------------------------------------------------------------

function ifMatch(etag: string | null): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

export const casesApi = {
  workflow: (signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/operations/current/case-workflow', { signal })),
  saveWorkflow: (body: WorkflowRequest, etag: string | null) =>
    dataOf(
      client.PUT('/api/v1/operations/current/case-workflow', { body, headers: ifMatch(etag) }),
    ),
  list: (query: CaseListQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/cases', { params: { query }, signal })),
  get: (id: string, signal?: AbortSignal) =>
    withEtag(client.GET('/api/v1/cases/{id}', { params: { path: { id } }, signal })),
  create: (body: CreateCaseRequest) => dataOf(client.POST('/api/v1/cases', { body })),
  assignees: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/cases/{id}/assignees', { params: { path: { id } }, signal })),
  update: (id: string, body: UpdateCaseRequest, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/cases/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  addGoal: (id: string, body: GoalRequest) =>
    dataOf(client.POST('/api/v1/cases/{id}/goals', { params: { path: { id } }, body })),
  updateGoal: (id: string, goalId: string, body: GoalPatch, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/cases/{id}/goals/{goalId}', {
        params: { path: { id, goalId } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  addTask: (id: string, body: TaskRequest) =>
    dataOf(client.POST('/api/v1/cases/{id}/tasks', { params: { path: { id } }, body })),
  updateTask: (id: string, taskId: string, body: TaskPatch, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/cases/{id}/tasks/{taskId}', {
        params: { path: { id, taskId } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  myTasks: (signal?: AbortSignal) => dataOf(client.GET('/api/v1/tasks/mine', { signal })),
  notes: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/cases/{id}/notes', { params: { path: { id } }, signal })),
  addNote: (id: string, body: string) =>
    dataOf(client.POST('/api/v1/cases/{id}/notes', { params: { path: { id } }, body: { body } })),
  timeline: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/cases/{id}/timeline', { params: { path: { id } }, signal })),
  requestApproval: (id: string, body: ApprovalRequest) =>
    dataOf(client.POST('/api/v1/cases/{id}/approvals', { params: { path: { id } }, body })),
  decideApproval: (id: string, approvalId: string, body: ApprovalDecision, etag: string | null) =>
    dataOf(
      client.POST('/api/v1/cases/{id}/approvals/{approvalId}/decision', {
        params: { path: { id, approvalId } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  offerTransfer: (id: string, body: TransferRequest) =>
    dataOf(client.POST('/api/v1/cases/{id}/transfers', { params: { path: { id } }, body })),
  decideTransfer: (id: string, transferId: string, body: TransferDecision, etag: string | null) =>
    dataOf(
      client.POST('/api/v1/cases/{id}/transfers/{transferId}/decision', {
        params: { path: { id, transferId } },
        body,
        headers: ifMatch(etag),
      }),
    ),
};

export const providersApi = {
  list: (query: ProviderQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/service-providers', { params: { query }, signal })),
  create: (body: ProviderRequest) => dataOf(client.POST('/api/v1/service-providers', { body })),
  update: (id: string, body: ProviderPatch, etag: string | null) =>
    dataOf(
      client.PATCH('/api/v1/service-providers/{id}', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
};

export const referralsApi = {
  ofCase: (caseId: string, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/cases/{id}/referrals', { params: { path: { id: caseId } }, signal }),
    ),
  create: (caseId: string, body: ReferralRequest) =>
    dataOf(client.POST('/api/v1/cases/{id}/referrals', { params: { path: { id: caseId } }, body })),
  withdraw: (id: string, etag: string | null) =>
    dataOf(
      client.POST('/api/v1/referrals/{id}/withdraw', {
        params: { path: { id } },
        headers: ifMatch(etag),
      }),
    ),
  /** For a provider with no agency in the system: the caseworker records its answer. */
  decide: (id: string, body: ReferralDecision, etag: string | null) =>
    dataOf(
      client.POST('/api/v1/referrals/{id}/decision', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  outcome: (id: string, body: ReferralOutcome, etag: string | null) =>
    dataOf(
      client.POST('/api/v1/referrals/{id}/outcome', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
};

export const inboxApi = {
  list: (status: ReferralStatus | undefined, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/v1/referral-inbox', {
        params: { query: status ? { status } : {} },
        signal,
      }),
    ),
  /** Opening a referral is audited: call it only when the partner opens one. */
  get: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/v1/referral-inbox/{id}', { params: { path: { id } }, signal })),
  decide: (id: string, body: ReferralDecision, etag: string | null) =>
    dataOf(
      client.POST('/api/v1/referral-inbox/{id}/decision', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
  outcome: (id: string, body: ReferralOutcome, etag: string | null) =>
    dataOf(
      client.POST('/api/v1/referral-inbox/{id}/outcome', {
        params: { path: { id } },
        body,
        headers: ifMatch(etag),
      }),
    ),
};

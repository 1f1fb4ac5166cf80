/**
 * The pure rules of data protection: retention categories and their defaults, the lifecycle of a
 * subject request, and a person's current consent from the history of decisions.
 */

const DAY_MS = 86_400_000;

// ----- retention ----------------------------------------------------------------------------------

/**
 * What the retention job may delete, each by one SQL function (migrations/0013). Persons are
 * deleted only when the operation turns the rule on: it cannot be undone.
 */
export const RETENTION_CATEGORIES = [
  'closed_cases',
  'departed_persons',
  'notifications',
  'expired_sessions',
  'idempotency_keys',
  'finished_jobs',
  'import_batches',
  'expired_break_glass',
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

export interface RetentionRule {
  keepDays: number;
  enabled: boolean;
}
export type RetentionRules = Record<RetentionCategory, RetentionRule>;

export const DEFAULT_RULES: RetentionRules = {
  // A closed case, five years after closure (UNHCR records schedules keep case files 5–10 years).
  closed_cases: { keepDays: 5 * 365, enabled: true },
  // A person who left the territory, ten years after departure; off until the operation decides.
  departed_persons: { keepDays: 10 * 365, enabled: false },
  notifications: { keepDays: 180, enabled: true },
  expired_sessions: { keepDays: 30, enabled: true },
  idempotency_keys: { keepDays: 7, enabled: true },
  finished_jobs: { keepDays: 90, enabled: true },
  import_batches: { keepDays: 2 * 365, enabled: true },
  expired_break_glass: { keepDays: 2 * 365, enabled: true },
};

/** The SQL function that applies each category. */
export const RETENTION_FUNCTIONS: Record<RetentionCategory, string> = {
  closed_cases: 'retention_closed_cases',
  departed_persons: 'retention_departed_persons',
  notifications: 'retention_notifications',
  expired_sessions: 'retention_expired_sessions',
  idempotency_keys: 'retention_idempotency_keys',
  finished_jobs: 'retention_finished_jobs',
  import_batches: 'retention_import_batches',
  expired_break_glass: 'retention_expired_break_glass',
};

/** Data kept for good: stated so the rules screen can say it. */
export const NEVER_DELETED = ['audit_events', 'transfers', 'subject_requests', 'legal_holds'];

/** Stored rules over the defaults; a category the store does not know keeps its default. */
export function effectiveRules(stored: unknown): RetentionRules {
  const rules = { ...DEFAULT_RULES };
  if (stored && typeof stored === 'object') {
    for (const c of RETENTION_CATEGORIES) {
      const r = (stored as Record<string, unknown>)[c] as Partial<RetentionRule> | undefined;
      if (r && typeof r.keepDays === 'number' && typeof r.enabled === 'boolean')
        rules[c] = { keepDays: r.keepDays, enabled: r.enabled };
    }
  }
  return rules;
}

/** Records older than this (strictly before) are due for deletion. */
export const cutoffOf = (now: Date, rule: RetentionRule): Date =>
  new Date(now.getTime() - rule.keepDays * DAY_MS);

/** A scheduled run is due when none ran in the last day. */
export const SCHEDULE_EVERY_MS = DAY_MS;
export const scheduledRunDue = (now: Date, lastScheduled: Date | null): boolean =>
  !lastScheduled || now.getTime() - lastScheduled.getTime() >= SCHEDULE_EVERY_MS;

// ----- subject requests ---------------------------------------------------------------------------

export const SUBJECT_REQUEST_KINDS = ['access', 'correction', 'erasure'] as const;
export const SUBJECT_REQUEST_STATUSES = [
  'received',
  'in_progress',
  'completed',
  'refused',
] as const;
export type SubjectRequestStatus = (typeof SUBJECT_REQUEST_STATUSES)[number];

/** How the requester's identity was established. */
export const VERIFICATION_METHODS = [
  'in_person_document',
  'in_person_known_to_staff',
  'in_person_biometric',
  'video_call_with_document',
  'security_questions',
  'legal_representative_mandate',
] as const;

/** An answer is owed within 30 days of receipt. */
export const ANSWER_DAYS = 30;

export function dueOn(receivedOn: string): string {
  return new Date(Date.parse(`${receivedOn}T00:00:00Z`) + ANSWER_DAYS * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

export const isOpen = (status: SubjectRequestStatus): boolean =>
  status === 'received' || status === 'in_progress';

/** Open and past its due date (the application's day, UTC). */
export const isOverdue = (status: SubjectRequestStatus, due: string, today: string): boolean =>
  isOpen(status) && due < today;

const NEXT: Record<SubjectRequestStatus, readonly SubjectRequestStatus[]> = {
  received: ['in_progress', 'refused'],
  in_progress: ['completed', 'refused'],
  completed: [],
  refused: [],
};

export const canMove = (from: SubjectRequestStatus, to: SubjectRequestStatus): boolean =>
  NEXT[from].includes(to);

// ----- consent ------------------------------------------------------------------------------------

export interface ConsentDecision {
  id: string;
  purpose: string;
  categories: readonly string[];
  decision: 'given' | 'refused' | 'withdrawn';
  decidedOn: string;
  /** Insertion order, for two decisions on one day. */
  seq: number;
}

export interface CurrentConsent {
  purpose: string;
  category: string;
  decision: ConsentDecision['decision'];
  decidedOn: string;
  recordId: string;
}

/**
 * Per purpose and category, the latest decision covering it (by decision date, then by the
 * order recorded). The same rule as the SQL function consent_lacking.
 */
export function currentConsents(history: readonly ConsentDecision[]): CurrentConsent[] {
  const latest = new Map<string, ConsentDecision>();
  const later = (a: ConsentDecision, b: ConsentDecision) =>
    a.decidedOn > b.decidedOn || (a.decidedOn === b.decidedOn && a.seq > b.seq);
  for (const d of history)
    for (const category of d.categories) {
      const key = `${d.purpose}\u0000${category}`;
      const seen = latest.get(key);
      if (!seen || later(d, seen)) latest.set(key, d);
    }
  return [...latest.entries()]
    .map(([key, d]) => ({
      purpose: d.purpose,
      category: key.split('\u0000')[1]!,
      decision: d.decision,
      decidedOn: d.decidedOn,
      recordId: d.id,
    }))
    .sort((a, b) => a.purpose.localeCompare(b.purpose) || a.category.localeCompare(b.category));
}

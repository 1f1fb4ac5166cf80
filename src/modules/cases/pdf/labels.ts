/**
 * The words of the PDF. The server has no translation layer (the web app translates on the
 * client, and API messages are English), so the summary is in English; codes (statuses, kinds)
 * print as words made from the code. A translated summary would take a `lang` query parameter
 * and one such table per language (Arabic and Persian labels would also need right-aligned
 * label columns).
 */
export const LABELS = {
  title: 'Case summary',
  confidential: 'CONFIDENTIAL',
  page: 'Page',
  generated: 'Generated',
  for: 'for',

  caseSection: 'Case',
  reference: 'Case reference',
  caseId: 'Case id',
  stage: 'Workflow stage',
  status: 'Status',
  open: 'Open',
  closed: 'Closed',
  category: 'Category',
  priority: 'Priority',
  agency: 'Agency',
  assignee: 'Assigned caseworker',
  openedAt: 'Opened',
  closedAt: 'Closed on',
  household: 'Household case',
  pendingTransfer: 'Transfer pending to',

  personSection: 'Person',
  names: 'Names',
  sex: 'Sex',
  birthYear: 'Birth year',
  estimated: 'estimated',
  nationality: 'Nationality',
  legalStatus: 'Legal status (current)',
  grantedBy: 'granted by',
  since: 'since',
  sensitivity: 'Record sensitivity',
  none: 'None',

  planSection: 'Plan: goals and actions',
  target: 'target',
  due: 'due',
  done: 'done',
  overdue: 'OVERDUE',
  noGoals: 'No goals yet.',
  tasksSection: 'Tasks and follow-ups',
  noTasks: 'No tasks.',
  unassigned: 'unassigned',

  notesSection: 'Notes',
  noNotes: 'No notes.',

  approvalsSection: 'Approvals',
  noApprovals: 'No approval requests.',
  requested: 'requested',
  decided: 'decided',
  reason: 'reason',
  note: 'note',
  decisionNote: 'decision note',

  transfersSection: 'Transfers between agencies',
  noTransfers: 'No transfers.',
  from: 'from',
  to: 'to',
  consent: 'consent',
  override: 'shared without consent (override)',

  referralsSection: 'Referrals',
  noReferrals: 'No referrals.',
  provider: 'provider',
  urgency: 'urgency',
  fieldsShared: 'fields shared',
  referred: 'referred',
  outcome: 'outcome',

  timelineSection: 'Timeline',
  noEvents: 'No events.',

  you: 'you',
  user: 'user',
  noAgency: 'no agency',
} as const;

const SEX: Record<string, string> = { F: 'Female', M: 'Male', X: 'Other', unknown: 'Unknown' };

export const sexLabel = (code: string) => SEX[code] ?? code;

/** A code as words: `follow_up` → "Follow up", `case.goal_added` → "Case goal added", `dueOn` → "Due on". */
export function words(code: string): string {
  const text = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]+/g, ' ')
    .trim()
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A timestamp as the summary prints it: UTC, to the minute. */
export const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

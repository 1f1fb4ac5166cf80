import { z } from 'zod';
import { isoDate, listQuery } from '../../platform/http/schemas.ts';
import { CASE_STATES } from './workflow.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const CASE_CATEGORIES = [
  'general',
  'legal',
  'child_protection',
  'gbv',
  'separation',
  'health',
  'mhpss',
  'livelihoods',
  'documentation',
  'resettlement',
] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const GOAL_STATUSES = ['open', 'achieved', 'dropped'] as const;
export const TASK_KINDS = ['action', 'task', 'follow_up'] as const;
export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const APPROVAL_KINDS = ['plan', 'closure'] as const;
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'used'] as const;
export const CLOSURE_REASONS = [
  'objectives_met',
  'durable_solution',
  'relocated',
  'no_contact',
  'declined_services',
  'deceased',
  'other',
] as const;
export const TRANSFER_STATUSES = ['pending', 'accepted', 'declined', 'cancelled'] as const;

// ----- consent (shared with referrals) ---------------------------------------------------------

/** Who agreed to the share, when, and to what. */
export const consentBody = z
  .object({
    givenBy: z.enum(['person', 'parent_or_guardian', 'legal_representative']),
    givenOn: isoDate,
    scope: text(500),
  })
  .strict();
export type Consent = z.infer<typeof consentBody>;

/** Sharing without consent: only with a reason, and audited as an override. */
export const overrideBody = z.object({ reason: text(1000) }).strict();

/** Exactly one of consent and override. */
export function consentOrOverride<T extends { consent?: unknown; override?: unknown }>(
  b: T,
): boolean {
  return (b.consent === undefined) !== (b.override === undefined);
}
export const CONSENT_MESSAGE = 'consent is required (or, without it, an override with a reason)';

export const consentView = z.object({
  givenBy: z.string(),
  givenOn: z.string(),
  scope: z.string(),
});

// ----- workflow --------------------------------------------------------------------------------

const state = z.enum(CASE_STATES);
export const workflowBody = z
  .object({
    transitions: z.record(state, z.array(state).max(CASE_STATES.length)),
    planApprovalRequired: z.boolean(),
  })
  .strict();
export type WorkflowInput = z.infer<typeof workflowBody>;
export const workflowView = workflowBody.extend({ version: z.number().int() });

// ----- cases -----------------------------------------------------------------------------------

export const caseCreateBody = z
  .object({
    personId: z.uuid(),
    /** A household case: personId is the member it is opened through (e.g. the focal point). */
    householdId: z.uuid().optional(),
    category: z.enum(CASE_CATEGORIES).default('general'),
    priority: z.enum(PRIORITIES).default('normal'),
    /** Defaults to the user opening the case. */
    assigneeId: z.uuid().optional(),
  })
  .strict();
export type CaseCreate = z.infer<typeof caseCreateBody>;

export const casePatchBody = z
  .object({
    status: state,
    assigneeId: z.uuid(),
    priority: z.enum(PRIORITIES),
    category: z.enum(CASE_CATEGORIES),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type CasePatch = z.infer<typeof casePatchBody>;

const flag = z.enum(['true', 'false']).optional();
export const caseListQuery = listQuery.extend({
  status: state.optional(),
  personId: z.uuid().optional(),
  /** Assigned to me. */
  mine: flag,
  /** Offered to my agency by a transfer. */
  incoming: flag,
  /** With a plan or closure request waiting for a decision. */
  pendingApproval: flag,
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  householdId: z.uuid().nullable(),
  agencyId: z.uuid().nullable(),
  assigneeId: z.uuid().nullable(),
  status: state,
  category: z.enum(CASE_CATEGORIES),
  priority: z.enum(PRIORITIES),
  planVersion: z.number().int(),
  pendingTransfer: z.object({ toAgencyId: z.uuid(), toUserId: z.uuid().nullable() }).nullable(),
  /** How the caller relates to the case: what the web app may offer. */
  relation: z.enum(['supervisor', 'assigned', 'agency', 'incoming']),
  openedBy: z.uuid(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});
export type CaseView = z.infer<typeof caseView>;
export const caseList = z.object({ items: z.array(caseView), total: z.number().int() });

/** Colleagues the case or its tasks may be given to. */
export const assigneeList = z.object({
  items: z.array(z.object({ id: z.uuid(), displayName: z.string(), isYou: z.boolean() })),
});
export type AssigneeList = z.infer<typeof assigneeList>;

export const goalView = z.object({
  id: z.uuid(),
  description: z.string(),
  status: z.enum(GOAL_STATUSES),
  targetOn: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type GoalView = z.infer<typeof goalView>;

export const taskView = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  kind: z.enum(TASK_KINDS),
  goalId: z.uuid().nullable(),
  title: z.string(),
  assigneeId: z.uuid().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  doneOn: z.string().nullable(),
  /** Open and due before today (the application's clock, UTC). */
  overdue: z.boolean(),
  version: z.number().int(),
});
export type TaskView = z.infer<typeof taskView>;

export const approvalView = z.object({
  id: z.uuid(),
  kind: z.enum(APPROVAL_KINDS),
  status: z.enum(APPROVAL_STATUSES),
  planVersion: z.number().int().nullable(),
  closureReason: z.enum(CLOSURE_REASONS).nullable(),
  note: z.string().nullable(),
  approverId: z.uuid().nullable(),
  requestedBy: z.uuid(),
  requestedAt: z.string(),
  decidedBy: z.uuid().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
});
export type ApprovalView = z.infer<typeof approvalView>;

export const transferView = z.object({
  id: z.uuid(),
  fromAgencyId: z.uuid().nullable(),
  toAgencyId: z.uuid(),
  toUserId: z.uuid().nullable(),
  status: z.enum(TRANSFER_STATUSES),
  reason: z.string(),
  consent: consentView.nullable(),
  overrideReason: z.string().nullable(),
  requestedBy: z.uuid(),
  requestedAt: z.string(),
  decidedBy: z.uuid().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  version: z.number().int(),
});
export type TransferView = z.infer<typeof transferView>;

export const caseDetail = caseView.extend({
  goals: z.array(goalView),
  tasks: z.array(taskView),
  approvals: z.array(approvalView),
  transfers: z.array(transferView),
});
export type CaseDetail = z.infer<typeof caseDetail>;

// ----- plan, tasks, notes ----------------------------------------------------------------------

export const goalBody = z
  .object({ description: text(2000), targetOn: isoDate.optional() })
  .strict();
export type GoalInput = z.infer<typeof goalBody>;
export const goalPatchBody = z
  .object({
    description: text(2000),
    status: z.enum(GOAL_STATUSES),
    targetOn: isoDate.nullable(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type GoalPatch = z.infer<typeof goalPatchBody>;
export const goalParams = z.object({ id: z.uuid(), goalId: z.uuid() });

export const taskBody = z
  .object({
    kind: z.enum(TASK_KINDS).default('task'),
    goalId: z.uuid().optional(),
    title: text(500),
    assigneeId: z.uuid().optional(),
    dueOn: isoDate.optional(),
  })
  .strict()
  .refine((b) => b.kind !== 'action' || b.goalId !== undefined, {
    message: 'a plan action belongs to a goal',
    path: ['goalId'],
  });
export type TaskInput = z.infer<typeof taskBody>;
export const taskPatchBody = z
  .object({
    title: text(500),
    status: z.enum(TASK_STATUSES),
    dueOn: isoDate.nullable(),
    assigneeId: z.uuid().nullable(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type TaskPatch = z.infer<typeof taskPatchBody>;
export const taskParams = z.object({ id: z.uuid(), taskId: z.uuid() });
export const taskList = z.object({ items: z.array(taskView) });

export const noteBody = z.object({ body: text(10_000) }).strict();
export const noteView = z.object({
  id: z.uuid(),
  body: z.string(),
  authorId: z.uuid(),
  createdAt: z.string(),
});
export const noteList = z.object({ items: z.array(noteView) });

export const timelineView = z.object({
  items: z.array(
    z.object({
      at: z.string(),
      actorId: z.uuid().nullable(),
      kind: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});

// ----- approvals -------------------------------------------------------------------------------

export const approvalBody = z
  .object({
    kind: z.enum(APPROVAL_KINDS),
    closureReason: z.enum(CLOSURE_REASONS).optional(),
    note: text(2000).optional(),
    /** A supervisor to ask (notified); any supervisor who sees the case may decide. */
    approverId: z.uuid().optional(),
  })
  .strict()
  .refine((b) => (b.kind === 'closure') === (b.closureReason !== undefined), {
    message: 'a closure request needs a closureReason; a plan request takes none',
    path: ['closureReason'],
  });
export type ApprovalInput = z.infer<typeof approvalBody>;
export const decisionParams = z.object({ id: z.uuid(), approvalId: z.uuid() });
export const approvalDecisionBody = z
  .object({ decision: z.enum(['approved', 'rejected']), note: text(2000).optional() })
  .strict();
export type ApprovalDecision = z.infer<typeof approvalDecisionBody>;

// ----- transfers between agencies --------------------------------------------------------------

export const transferBody = z
  .object({
    toAgencyId: z.uuid(),
    /** Required when the person's record is sensitive or restricted: who will receive it. */
    toUserId: z.uuid().optional(),
    reason: text(2000),
    consent: consentBody.optional(),
    override: overrideBody.optional(),
  })
  .strict()
  .refine(consentOrOverride, { message: CONSENT_MESSAGE, path: ['consent'] });
export type TransferInput = z.infer<typeof transferBody>;
export const transferParams = z.object({ id: z.uuid(), transferId: z.uuid() });
export const transferDecisionBody = z
  .object({
    /** accepted/declined by the receiving agency; cancelled by the sending side. */
    decision: z.enum(['accepted', 'declined', 'cancelled']),
    note: text(2000).optional(),
  })
  .strict();
export type TransferDecision = z.infer<typeof transferDecisionBody>;

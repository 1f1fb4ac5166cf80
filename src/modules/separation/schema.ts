import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';
import { INDEPENDENCE_CLASSES } from '../assistance/indicators.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const requestBody = z
  .object({
    reason: text(4000),
    /** Who asks on the person's behalf, when not the person (e.g. "lawyer"). */
    actingFor: text(200).optional(),
    leaving: z.enum(['group', 'household', 'site']).default('group'),
  })
  .strict();
export type RequestInput = z.infer<typeof requestBody>;

export const REQUEST_STATUSES = ['open', 'in_progress', 'completed', 'withdrawn'] as const;
export const STEP_KINDS = [
  'independent_accommodation',
  'independent_assistance',
  'legal_aid_referral',
  'documents_recovered',
  'status_regularisation',
  'other',
] as const;

export const stepView = z.object({
  id: z.uuid(),
  kind: z.enum(STEP_KINDS),
  ownerId: z.uuid().nullable(),
  dueOn: z.string().nullable(),
  doneOn: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type StepView = z.infer<typeof stepView>;

/**
 * Where the person's essentials (food, shelter, cash) came from in the last 90 days, by the
 * assistance module's dependency rule: the share from providers classed group_linked_sponsor,
 * flagged above the operation's threshold, and each provider of those essentials with its class.
 * A safety plan needs an independent provider when any of them is group-linked.
 */
export const assistanceDependencyView = z.object({
  from: z.string(),
  to: z.string(),
  threshold: z.number(),
  /** null when nothing in the period had a value in the reporting currency. */
  share: z.number().nullable(),
  flagged: z.boolean(),
  /** Some essentials came from a group-linked provider (whatever the share). */
  groupLinked: z.boolean(),
  providers: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      independence: z.enum(INDEPENDENCE_CLASSES),
    }),
  ),
});
export type AssistanceDependencyView = z.infer<typeof assistanceDependencyView>;

export const requestView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  reason: z.string(),
  actingFor: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  createdBy: z.uuid(),
  createdAt: z.string(),
  steps: z.array(stepView),
  /** For the safety plan's "assistance from an independent provider" step. */
  assistanceDependency: assistanceDependencyView,
  version: z.number().int(),
});
export type RequestView = z.infer<typeof requestView>;
export const requestList = z.object({ items: z.array(requestView) });

export const requestPatchBody = z.object({ status: z.enum(REQUEST_STATUSES) }).strict();

export const stepBody = z
  .object({
    kind: z.enum(STEP_KINDS),
    ownerId: z.uuid().optional(),
    dueOn: isoDate.optional(),
    note: text(2000).optional(),
  })
  .strict();
export type StepInput = z.infer<typeof stepBody>;

export const stepPatchBody = z
  .object({ doneOn: isoDate.nullable(), dueOn: isoDate.nullable(), ownerId: z.uuid().nullable() })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type StepPatch = z.infer<typeof stepPatchBody>;
export const stepParams = z.object({ id: z.uuid(), stepId: z.uuid() });

/** Where a restricted person can be found: kept sealed, shown only to the users named. */
export const whereaboutsBody = z
  .object({
    siteId: z.uuid().nullable().optional(),
    place: text(300).nullable().optional(),
    address: text(500).nullable().optional(),
    contact: z
      .object({ phone: text(40).optional(), email: z.email().max(254).optional() })
      .strict()
      .nullable()
      .optional(),
    note: text(2000).nullable().optional(),
  })
  .strict();
export const whereaboutsView = z.object({
  whereabouts: z.record(z.string(), z.unknown()).nullable(),
});

export const accessBody = z.object({ userId: z.uuid() }).strict();
export const breakGlassBody = z.object({ reason: text(1000) }).strict();
export const breakGlassView = z.object({ expiresAt: z.string() });

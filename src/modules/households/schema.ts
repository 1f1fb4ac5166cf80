import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';

/** Relationship of each member to the household's focal point. */
export const RELATIONSHIPS = [
  'focal_point',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandchild',
  'grandparent',
  'other_relative',
  'non_relative',
] as const;

export const memberInput = z.object({
  personId: z.uuid(),
  relationship: z.enum(RELATIONSHIPS),
  joinedOn: isoDate.optional(),
});
export type MemberInput = z.infer<typeof memberInput>;

export const householdCreateBody = z
  .object({
    externalId: z.string().trim().min(1).max(100).optional(),
    members: z.array(memberInput).min(1).max(100),
  })
  .refine((h) => h.members.filter((m) => m.relationship === 'focal_point').length === 1, {
    message: 'exactly one member must be the focal_point',
    path: ['members'],
  })
  .refine((h) => new Set(h.members.map((m) => m.personId)).size === h.members.length, {
    message: 'a person is listed twice',
    path: ['members'],
  });
export type HouseholdCreate = z.infer<typeof householdCreateBody>;

export const memberPatchBody = z
  .object({
    relationship: z.enum(RELATIONSHIPS),
    leftOn: isoDate,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type MemberPatch = z.infer<typeof memberPatchBody>;

export const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() });

export const memberView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  relationship: z.enum(RELATIONSHIPS),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
});

export const householdView = z.object({
  id: z.uuid(),
  externalId: z.string().nullable(),
  /** Only the members the reader may see: others are left out, not counted. */
  members: z.array(memberView),
  createdAt: z.string(),
  version: z.number().int(),
});
export type HouseholdView = z.infer<typeof householdView>;

export const membershipList = z.object({
  items: z.array(memberView.extend({ householdId: z.uuid() })),
});

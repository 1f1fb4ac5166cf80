import { z } from 'zod';
import { listQuery } from '../../platform/http/schemas.ts';

export const reason = z.object({
  code: z.string(),
  similarity: z.number().optional(),
  years: z.number().int().optional(),
});

const personSummary = z.object({
  id: z.uuid(),
  names: z.array(
    z.object({
      given: z.string().optional(),
      family: z.string().optional(),
      middle: z.string().optional(),
      script: z.string().optional(),
    }),
  ),
  sex: z.string(),
  birthYear: z.number().int().nullable(),
});

export const checkResult = z.object({
  items: z.array(z.object({ score: z.number(), reasons: z.array(reason), person: personSummary })),
  /**
   * A likely match exists that the user may not see: they are told only to refer the case to
   * the protection focal point, never which record it is.
   */
  referToFocalPoint: z.boolean(),
});

export const PAIR_STATUSES = ['open', 'confirmed', 'rejected', 'merged'] as const;

export const pairsQuery = listQuery.extend({ status: z.enum(PAIR_STATUSES).default('open') });

export const pairView = z.object({
  a: personSummary,
  b: personSummary,
  score: z.number(),
  reasons: z.array(reason),
  status: z.enum(PAIR_STATUSES),
  foundAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const pairList = z.object({ items: z.array(pairView) });

export const decisionBody = z
  .object({
    personA: z.uuid(),
    personB: z.uuid(),
    decision: z.enum(['confirmed', 'rejected']),
  })
  .refine((b) => b.personA !== b.personB, {
    message: 'must differ from personA',
    path: ['personB'],
  });
export type DecisionInput = z.infer<typeof decisionBody>;

export const mergeBody = z
  .object({
    survivorId: z.uuid(),
    absorbedId: z.uuid(),
    reason: z.string().trim().min(1).max(1000).optional(),
  })
  .refine((b) => b.survivorId !== b.absorbedId, {
    message: 'must differ from survivorId',
    path: ['absorbedId'],
  });
export type MergeInput = z.infer<typeof mergeBody>;

export const mergeView = z.object({
  id: z.uuid(),
  survivorId: z.uuid(),
  absorbedId: z.uuid(),
  moved: z.record(z.string(), z.number().int()),
  mergedAt: z.string(),
  reversedAt: z.string().nullable(),
});
export type MergeView = z.infer<typeof mergeView>;

import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';
import { SRI_DOMAINS, SRI_METHOD_IDS, type SriDomain } from './sri.ts';

const score = z.number().int().min(1).max(5);

export const sriBody = z.object({
  assessedOn: isoDate,
  /** Who took the assessment (name or enumerator code, as the operation records them). */
  assessor: z.string().trim().min(1).max(200).optional(),
  instrumentVersion: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,2}){0,2}$/, 'must be a version such as 2.0 or 3.0'),
  /** Each domain 1–5, or null (or left out) when unscored. */
  domains: z
    .object(
      Object.fromEntries(SRI_DOMAINS.map((d) => [d, score.nullable().optional()])) as Record<
        SriDomain,
        z.ZodOptional<z.ZodNullable<typeof score>>
      >,
    )
    .strict(),
  /** The raw answers of the instrument, kept as given (question name → answer). */
  answers: z
    .record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
    .refine((a) => Object.keys(a).length <= 300, 'at most 300 answers')
    .optional(),
});
export type SriInput = z.infer<typeof sriBody>;

const method = z.enum(SRI_METHOD_IDS);

export const sriView = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  assessedOn: z.string(),
  assessor: z.string().nullable(),
  instrumentVersion: z.string(),
  domains: z.record(z.string(), score.nullable()),
  total: z.object({
    method,
    value: z.number().nullable(),
    scoredDomains: z.number().int(),
    minScored: z.number().int(),
    min: z.number().nullable(),
    max: z.number().nullable(),
    refusal: z.string().nullable(),
  }),
  recordedAt: z.string(),
});
export type SriView = z.infer<typeof sriView>;

export const sriTrendView = z.object({
  householdId: z.uuid(),
  /** As stored, oldest first; each total says which method produced it. */
  items: z.array(sriView),
  /** Every assessment recomputed with the operation's current method, for a comparable line. */
  trend: z.object({
    method,
    points: z.array(
      z.object({
        assessmentId: z.uuid(),
        assessedOn: z.string(),
        value: z.number().nullable(),
        scoredDomains: z.number().int(),
        change: z.number().nullable(),
      }),
    ),
  }),
});

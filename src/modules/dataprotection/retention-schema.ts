import { z } from 'zod';
import { isoDate, listQuery } from '../../platform/http/schemas.ts';
import { RETENTION_CATEGORIES } from './rules.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

const rule = z
  .object({ keepDays: z.number().int().min(1).max(36_500), enabled: z.boolean() })
  .strict();

export const rulesView = z.object({
  rules: z.record(z.enum(RETENTION_CATEGORIES), rule),
  /** Kept for good, whatever the rules say. */
  neverDeleted: z.array(z.string()),
  updatedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RulesView = z.infer<typeof rulesView>;

/** Changes some categories' rules; the others keep theirs. */
export const rulesBody = z
  .object({ rules: z.partialRecord(z.enum(RETENTION_CATEGORIES), rule) })
  .strict()
  .refine((b) => Object.keys(b.rules).length > 0, {
    message: 'change at least one category',
    path: ['rules'],
  });
export type RulesInput = z.infer<typeof rulesBody>;

const outcome = z.object({
  category: z.enum(RETENTION_CATEGORIES),
  enabled: z.boolean(),
  keepDays: z.number().int(),
  /** Records older than this were (or would be) deleted. */
  cutoff: z.string(),
  /** Deleted, or in a preview: would be deleted. */
  deleted: z.number().int(),
  /** Due, but kept: the person is on legal hold. */
  held: z.number().int(),
  /** Due, but still referenced by a record retention does not delete (an incident): kept. */
  blocked: z.number().int(),
});
export type CategoryResult = z.infer<typeof outcome>;

export const previewView = z.object({ at: z.string(), categories: z.array(outcome) });

export const TRIGGERS = ['manual', 'scheduled'] as const;

export const runView = z.object({
  id: z.uuid(),
  trigger: z.enum(TRIGGERS),
  startedBy: z.uuid().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  total: z.number().int(),
  categories: z.array(outcome),
});
export type RunView = z.infer<typeof runView>;

export const runQuery = listQuery.extend({
  trigger: z.enum(TRIGGERS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type RunQuery = z.infer<typeof runQuery>;
export const runList = z.object({ items: z.array(runView), total: z.number().int() });

// ----- legal holds ------------------------------------------------------------------------------

export const holdBody = z.object({ personId: z.uuid(), reason: text(1000) }).strict();
export type HoldInput = z.infer<typeof holdBody>;
export const releaseBody = z.object({ reason: text(1000) }).strict();

export const holdView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  reason: z.string(),
  placedBy: z.uuid(),
  placedAt: z.string(),
  releasedBy: z.uuid().nullable(),
  releasedAt: z.string().nullable(),
  releaseReason: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type HoldView = z.infer<typeof holdView>;

export const holdQuery = z.object({
  active: z.enum(['true', 'false']).optional(),
  personId: z.uuid().optional(),
});
export const holdList = z.object({ items: z.array(holdView) });

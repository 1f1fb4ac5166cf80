import { z } from 'zod';
import { isoDate, listQuery } from '../../platform/http/schemas.ts';
import { DATA_CATEGORIES, RECIPIENT_TYPES } from './categories.ts';

const format = z.enum(['json', 'csv']).default('json');

export const TRANSFER_KINDS = ['export', 'referral', 'case_transfer', 'subject_access'] as const;

export const transferQuery = listQuery.extend({
  kind: z.enum(TRANSFER_KINDS).optional(),
  recipientType: z.enum(RECIPIENT_TYPES).optional(),
  category: z.enum([...DATA_CATEGORIES, 'unclassified']).optional(),
  createdBy: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  format,
});
export type TransferQuery = z.infer<typeof transferQuery>;

/** One row of the transfer log (SECURITY.md rule 5). */
export const transferView = z.object({
  id: z.uuid(),
  kind: z.string(),
  recipient: z.string(),
  recipientType: z.string(),
  purpose: z.string(),
  legalBasis: z.string().nullable(),
  fields: z.array(z.string()),
  categories: z.array(z.string()),
  recordCount: z.number().int(),
  format: z.string().nullable(),
  /** The consent purpose an export relied on, and how many records went without it. */
  consentPurpose: z.string().nullable(),
  consentMissing: z.number().int().nullable(),
  overrideReason: z.string().nullable(),
  /** The approved transfer request it carried out. */
  requestId: z.uuid().nullable(),
  createdBy: z.uuid().nullable(),
  createdAt: z.string(),
});
export type TransferView = z.infer<typeof transferView>;
export const transferList = z.object({ items: z.array(transferView), total: z.number().int() });

export const breakGlassQuery = listQuery.extend({
  userId: z.uuid().optional(),
  personId: z.uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  format,
});
export type BreakGlassQuery = z.infer<typeof breakGlassQuery>;

export const breakGlassView = z.object({
  at: z.string(),
  userId: z.uuid().nullable(),
  personId: z.uuid().nullable(),
  until: z.string().nullable(),
  /** While the grant is kept (retention: expired_break_glass). */
  reason: z.string().nullable(),
  active: z.boolean(),
});
export const breakGlassList = z.object({
  items: z.array(breakGlassView),
  total: z.number().int(),
});

export const csvFile = z.string().describe('CSV (UTF-8, formulas neutralised)');

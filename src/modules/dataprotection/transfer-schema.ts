import { z } from 'zod';
import { listQuery } from '../../platform/http/schemas.ts';
import { EXPORT_FIELDS } from '../transfer/export-fields.ts';
import { CONSENT_PURPOSES, LEGAL_BASES, RECIPIENT_TYPES } from './categories.ts';
import { overrideBody } from './consent-schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const distinct = <T>(a: readonly T[]) => new Set(a).size === a.length;

export const TRANSFER_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'downloaded'] as const;

/** An export of chosen persons to a named recipient, approved before it can be downloaded. */
export const transferRequestBody = z
  .object({
    personIds: z.array(z.uuid()).min(1).max(1000).refine(distinct, 'lists a person twice'),
    /** Default: every column your role may take. */
    fields: z
      .array(z.enum(EXPORT_FIELDS))
      .min(1)
      .max(EXPORT_FIELDS.length)
      .refine(distinct, 'lists a field twice')
      .optional(),
    format: z.enum(['csv', 'xlsx', 'hxl-csv']).default('csv'),
    recipient: text(200),
    recipientType: z.enum(RECIPIENT_TYPES),
    purpose: z.string().trim().min(3).max(500),
    legalBasis: z.enum(LEGAL_BASES),
    /** The purpose the persons' consent must cover; required when the legal basis is consent. */
    consentPurpose: z.enum(CONSENT_PURPOSES).optional(),
    /** Share even the persons without that consent: the reason, sealed and audited. */
    override: overrideBody.optional(),
  })
  .strict()
  .refine((b) => b.legalBasis !== 'consent' || b.consentPurpose !== undefined, {
    message: 'is required when the legal basis is consent',
    path: ['consentPurpose'],
  });
export type TransferRequestInput = z.infer<typeof transferRequestBody>;

export const approvalBody = z
  .object({ decision: z.enum(['approve', 'reject']), note: text(1000).optional() })
  .strict();
export type ApprovalInput = z.infer<typeof approvalBody>;

export const transferRequestView = z.object({
  id: z.uuid(),
  status: z.enum(TRANSFER_REQUEST_STATUSES),
  recipient: z.string(),
  recipientType: z.enum(RECIPIENT_TYPES),
  purpose: z.string(),
  legalBasis: z.enum(LEGAL_BASES),
  consentPurpose: z.enum(CONSENT_PURPOSES).nullable(),
  fields: z.array(z.enum(EXPORT_FIELDS)),
  categories: z.array(z.string()),
  format: z.enum(['csv', 'xlsx', 'hxl-csv']),
  personIds: z.array(z.uuid()),
  /** Persons without the consent when requested (shared only under the override). */
  consentMissing: z.number().int(),
  overrideReason: z.string().nullable(),
  approvalsRequired: z.number().int(),
  approvals: z.array(
    z.object({
      approverId: z.uuid(),
      decision: z.enum(['approved', 'rejected']),
      note: z.string().nullable(),
      decidedAt: z.string(),
    }),
  ),
  requestedBy: z.uuid(),
  requestedAt: z.string(),
  transferId: z.uuid().nullable(),
  downloadedAt: z.string().nullable(),
  version: z.number().int(),
});
export type TransferRequestView = z.infer<typeof transferRequestView>;

export const transferRequestQuery = listQuery.extend({
  status: z.enum(TRANSFER_REQUEST_STATUSES).optional(),
});
export type TransferRequestQuery = z.infer<typeof transferRequestQuery>;

export const transferRequestList = z.object({
  items: z.array(transferRequestView),
  total: z.number().int(),
});

export const downloadFile = z
  .string()
  .describe('The file: CSV, HXL-tagged CSV or XLSX; the transfer id is in X-Transfer-Id');

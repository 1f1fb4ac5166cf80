import { z } from 'zod';

export const auditEventView = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.uuid().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const auditQuery = z.object({
  userId: z.uuid().optional(),
  action: z.string().trim().min(1).max(100).optional(),
  entityType: z.string().trim().min(1).max(100).optional(),
  entityId: z.uuid().optional(),
  /** A day (YYYY-MM-DD, inclusive) or an instant (ISO 8601 with offset; 'to' is exclusive). */
  from: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  to: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'must be a cursor from a previous page')
    .optional(),
});
export type AuditQueryInput = z.infer<typeof auditQuery>;

export const auditPage = z.object({
  items: z.array(auditEventView),
  nextCursor: z.string().nullable(),
});

export const verifyView = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBad: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
});

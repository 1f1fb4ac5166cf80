import { z } from 'zod';
import { isoDate, listQuery } from '../../platform/http/schemas.ts';
import { SUBJECT_REQUEST_KINDS, SUBJECT_REQUEST_STATUSES, VERIFICATION_METHODS } from './rules.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** A request from a person about their own data, once their identity has been verified. */
export const subjectRequestBody = z
  .object({
    personId: z.uuid(),
    kind: z.enum(SUBJECT_REQUEST_KINDS),
    receivedOn: isoDate,
    /** Asked in person: only then may an access export hold whereabouts and document numbers. */
    inPerson: z.boolean().default(false),
    verification: z
      .object({
        method: z.enum(VERIFICATION_METHODS),
        /** Who checked the identity; default the user recording the request. */
        verifiedBy: z.uuid().optional(),
        verifiedOn: isoDate,
        note: text(1000).optional(),
      })
      .strict(),
    /** What to correct or erase, or what the person asked for; sealed at rest. */
    details: text(4000).optional(),
  })
  .strict()
  .refine((b) => b.verification.verifiedOn >= b.receivedOn, {
    message: 'cannot be before the request was received',
    path: ['verification', 'verifiedOn'],
  })
  .refine((b) => !b.verification.method.startsWith('in_person') || b.inPerson, {
    message: 'an in-person verification means the request was made in person (inPerson: true)',
    path: ['inPerson'],
  });
export type SubjectRequestInput = z.infer<typeof subjectRequestBody>;

export const subjectRequestPatch = z
  .object({
    status: z.enum(['in_progress', 'completed', 'refused']),
    /** What was done (corrected fields, erased records); sealed. */
    note: text(4000).optional(),
    /** Why it is refused (a legal ground); required to refuse; sealed. */
    reason: text(2000).optional(),
  })
  .strict()
  .refine((b) => b.status !== 'refused' || b.reason !== undefined, {
    message: 'is required to refuse a request',
    path: ['reason'],
  });
export type SubjectRequestPatch = z.infer<typeof subjectRequestPatch>;

export const subjectRequestView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  kind: z.enum(SUBJECT_REQUEST_KINDS),
  status: z.enum(SUBJECT_REQUEST_STATUSES),
  receivedOn: z.string(),
  /** 30 days after receipt. */
  dueOn: z.string(),
  /** Open and past its due date. */
  overdue: z.boolean(),
  inPerson: z.boolean(),
  verification: z.object({
    method: z.enum(VERIFICATION_METHODS),
    verifiedBy: z.uuid(),
    verifiedOn: z.string(),
    note: z.string().nullable(),
  }),
  details: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  refusalReason: z.string().nullable(),
  exportedAt: z.string().nullable(),
  exportedBy: z.uuid().nullable(),
  createdBy: z.uuid(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.uuid().nullable(),
  version: z.number().int(),
});
export type SubjectRequestView = z.infer<typeof subjectRequestView>;

const flag = z.enum(['true', 'false']).optional();

export const subjectRequestQuery = listQuery.extend({
  status: z.enum(SUBJECT_REQUEST_STATUSES).optional(),
  kind: z.enum(SUBJECT_REQUEST_KINDS).optional(),
  personId: z.uuid().optional(),
  /** Only open requests past their due date. */
  overdue: flag,
  from: isoDate.optional(),
  to: isoDate.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type SubjectRequestQuery = z.infer<typeof subjectRequestQuery>;

export const subjectRequestList = z.object({
  items: z.array(subjectRequestView),
  total: z.number().int(),
});

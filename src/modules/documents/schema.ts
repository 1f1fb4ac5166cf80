import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';

export const DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'birth_certificate',
  'marriage_certificate',
  'refugee_id',
  'asylum_seeker_certificate',
  'residence_permit',
  'travel_document',
  'driving_licence',
  'other',
] as const;

/** Who holds the papers now. A third party holding someone's papers is a protection concern. */
export const HOLDERS = ['person', 'authority', 'third_party', 'agency', 'unknown'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const documentBody = z
  .object({
    type: z.enum(DOCUMENT_TYPES),
    issuer: text(200),
    number: text(100).optional(),
    expiresOn: isoDate.optional(),
    holder: z.enum(HOLDERS),
    holderDetail: text(300).optional(),
  })
  .strict();
export type DocumentInput = z.infer<typeof documentBody>;

export const documentPatchBody = z
  .object({
    expiresOn: isoDate.nullable(),
    holder: z.enum(HOLDERS),
    holderDetail: text(300).nullable(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type DocumentPatch = z.infer<typeof documentPatchBody>;

export const documentParams = z.object({ id: z.uuid(), documentId: z.uuid() });

export const documentView = z.object({
  id: z.uuid(),
  type: z.enum(DOCUMENT_TYPES),
  issuer: z.string(),
  /** Present only for readers allowed to see document numbers. */
  number: z.string().nullable(),
  hasNumber: z.boolean(),
  expiresOn: z.string().nullable(),
  holder: z.enum(HOLDERS),
  holderDetail: z.string().nullable(),
  protectionConcern: z.boolean(),
  recordedAt: z.string(),
  version: z.number().int(),
});
export type DocumentView = z.infer<typeof documentView>;
export const documentList = z.object({ items: z.array(documentView) });

export const matchQuery = z.object({ issuer: text(200), number: text(100) });
export const matchList = z.object({
  items: z.array(z.object({ personId: z.uuid(), type: z.enum(DOCUMENT_TYPES) })),
});

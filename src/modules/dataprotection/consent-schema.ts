import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';
import { CONSENT_PURPOSES, DATA_CATEGORIES } from './categories.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const distinct = <T>(a: readonly T[]) => new Set(a).size === a.length;

export const CONSENT_DECISIONS = ['given', 'refused', 'withdrawn'] as const;
export const CONSENT_METHODS = ['verbal', 'written', 'electronic'] as const;
export const CONSENT_GIVERS = ['person', 'parent_or_guardian', 'legal_representative'] as const;

/** One decision of the person (or their guardian or representative) on one purpose. */
export const consentBody = z
  .object({
    purpose: z.enum(CONSENT_PURPOSES),
    categories: z
      .array(z.enum(DATA_CATEGORIES))
      .min(1)
      .max(DATA_CATEGORIES.length)
      .refine(distinct, 'lists a category twice'),
    decision: z.enum(CONSENT_DECISIONS),
    decidedOn: isoDate,
    /** How it was given: said aloud, signed, or in an electronic form. */
    method: z.enum(CONSENT_METHODS),
    givenBy: z.enum(CONSENT_GIVERS).default('person'),
    /** Where the evidence is (form number, witness); sealed at rest. */
    evidence: text(2000).optional(),
  })
  .strict();
export type ConsentInput = z.infer<typeof consentBody>;

export const consentRecordView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  purpose: z.enum(CONSENT_PURPOSES),
  categories: z.array(z.enum(DATA_CATEGORIES)),
  decision: z.enum(CONSENT_DECISIONS),
  decidedOn: z.string(),
  method: z.enum(CONSENT_METHODS),
  givenBy: z.enum(CONSENT_GIVERS),
  evidence: z.string().nullable(),
  recordedBy: z.uuid(),
  recordedAt: z.string(),
});
export type ConsentRecordView = z.infer<typeof consentRecordView>;

export const consentState = z.object({
  /** Per purpose and category, the decision in force. */
  current: z.array(
    z.object({
      purpose: z.enum(CONSENT_PURPOSES),
      category: z.enum(DATA_CATEGORIES),
      decision: z.enum(CONSENT_DECISIONS),
      decidedOn: z.string(),
      recordId: z.uuid(),
    }),
  ),
  /** Every decision, latest first; nothing is ever overwritten. */
  history: z.array(consentRecordView),
});
export type ConsentState = z.infer<typeof consentState>;

/** Sharing without the consent a purpose needs: only with a reason, audited as an override. */
export const overrideBody = z.object({ reason: text(1000) }).strict();

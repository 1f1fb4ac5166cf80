import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';
import { CONSENT_DECISIONS, CONSENT_GIVERS } from './catalogue.ts';

export const text = (max: number) => z.string().trim().min(1).max(max);

// ----- consent ----------------------------------------------------------------------------------

/** Consent to use (or to share) what the incident records: who decided, when, what. */
export const consentBody = z
  .object({
    decision: z.enum(CONSENT_DECISIONS),
    givenBy: z.enum(CONSENT_GIVERS),
    on: isoDate,
    scope: text(500).optional(),
  })
  .strict();
export type ConsentInput = z.infer<typeof consentBody>;

/** As recorded: the decision, and which user recorded it when. */
export const consentView = z.object({
  decision: z.enum(CONSENT_DECISIONS),
  givenBy: z.enum(CONSENT_GIVERS),
  on: z.string(),
  scope: z.string().nullable(),
  recordedBy: z.uuid(),
  recordedAt: z.string(),
});
export type ConsentView = z.infer<typeof consentView>;

import { z } from 'zod';
import { isoDate, listQuery } from '../../platform/http/schemas.ts';
import {
  consentBody,
  consentOrOverride,
  consentView,
  CONSENT_MESSAGE,
  overrideBody,
} from '../cases/schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const language = z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code');

export const SERVICE_TYPES = [
  'legal_aid',
  'shelter',
  'health',
  'mhpss',
  'education',
  'skills_training',
  'livelihoods',
  'documentation',
  'resettlement',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** What a referral may share: the caseworker picks from this list, nothing else leaves. */
export const SHARE_FIELDS = [
  'names',
  'sex',
  'birthYear',
  'nationalities',
  'languages',
  'specificNeeds',
  'contact',
  'legalStatus',
  'summary',
] as const;
export type ShareField = (typeof SHARE_FIELDS)[number];

export const REFERRAL_STATUSES = [
  'pending',
  'accepted',
  'declined',
  'completed',
  'withdrawn',
] as const;
export const DECLINE_REASONS = [
  'outside_mandate',
  'no_capacity',
  'not_eligible',
  'no_contact',
  'other',
] as const;
export const OUTCOMES = ['delivered', 'partially_delivered', 'not_delivered'] as const;

// ----- the service directory ---------------------------------------------------------------------

const providerContact = z
  .object({
    phone: text(40).optional(),
    email: z.email().max(254).optional(),
    address: text(300).optional(),
    website: z.url().max(300).optional(),
    hours: text(200).optional(),
  })
  .strict();

const distinct = <T>(a: readonly T[]) => new Set(a).size === a.length;

const providerFields = {
  name: text(200),
  organisation: text(200),
  serviceTypes: z
    .array(z.enum(SERVICE_TYPES))
    .min(1)
    .max(SERVICE_TYPES.length)
    .refine(distinct, 'lists a service type twice'),
  /** Sites the provider covers; none: the whole operation. */
  siteIds: z.array(z.uuid()).max(500).refine(distinct, 'lists a site twice'),
  contact: providerContact.nullable(),
  languages: z.array(language).max(20),
  /** The partner agency whose service_partner users receive this provider's referrals. */
  agencyId: z.uuid().nullable(),
  active: z.boolean(),
};

export const providerBody = z
  .object({
    ...providerFields,
    siteIds: providerFields.siteIds.default([]),
    contact: providerFields.contact.optional(),
    languages: providerFields.languages.default([]),
    agencyId: providerFields.agencyId.optional(),
    active: providerFields.active.default(true),
  })
  .strict();
export type ProviderInput = z.infer<typeof providerBody>;

export const providerPatchBody = z
  .object(providerFields)
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type ProviderPatch = z.infer<typeof providerPatchBody>;

export const providerView = z.object({
  id: z.uuid(),
  name: z.string(),
  organisation: z.string(),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)),
  siteIds: z.array(z.uuid()),
  contact: z.record(z.string(), z.string()).nullable(),
  languages: z.array(z.string()),
  agencyId: z.uuid().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ProviderView = z.infer<typeof providerView>;

export const providerQuery = listQuery.extend({
  serviceType: z.enum(SERVICE_TYPES).optional(),
  siteId: z.uuid().optional(),
  language: language.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export type ProviderQuery = z.infer<typeof providerQuery>;
export const providerList = z.object({ items: z.array(providerView), total: z.number().int() });

// ----- referrals ---------------------------------------------------------------------------------

export const referralBody = z
  .object({
    providerId: z.uuid(),
    serviceType: z.enum(SERVICE_TYPES),
    urgency: z.enum(['normal', 'urgent']).default('normal'),
    fields: z.array(z.enum(SHARE_FIELDS)).min(1).max(SHARE_FIELDS.length),
    /** Free text for the provider; shared only when 'summary' is among the fields. */
    summary: text(4000).optional(),
    consent: consentBody.optional(),
    override: overrideBody.optional(),
  })
  .strict()
  .refine(consentOrOverride, { message: CONSENT_MESSAGE, path: ['consent'] })
  .refine((b) => distinct(b.fields), { message: 'lists a field twice', path: ['fields'] })
  .refine((b) => b.fields.includes('summary') === (b.summary !== undefined), {
    message: "give a summary exactly when 'summary' is among the fields",
    path: ['summary'],
  });
export type ReferralInput = z.infer<typeof referralBody>;

const nameView = z.object({
  given: z.string().optional(),
  family: z.string().optional(),
  middle: z.string().optional(),
  script: z.string(),
  use: z.string(),
});

/** The frozen copy of the chosen fields: only the keys chosen are present. */
export const snapshotView = z.object({
  names: z.array(nameView).optional(),
  sex: z.string().optional(),
  birthYear: z.number().int().nullable().optional(),
  nationalities: z.array(z.string()).optional(),
  languages: z.array(z.string()).optional(),
  specificNeeds: z
    .array(
      z.object({ code: z.string(), subCode: z.string().optional(), since: z.string().optional() }),
    )
    .optional(),
  contact: z
    .object({
      phone: z.string().optional(),
      email: z.string().optional(),
      address: z.string().optional(),
    })
    .nullable()
    .optional(),
  legalStatus: z
    .object({ status: z.string(), grantedBy: z.string(), from: z.string() })
    .nullable()
    .optional(),
  summary: z.string().optional(),
});
export type Snapshot = z.infer<typeof snapshotView>;

const outcomeView = z
  .object({
    result: z.enum(OUTCOMES),
    on: z.string(),
    note: z.string().nullable(),
    recordedAt: z.string(),
  })
  .nullable();

/** What the receiving partner sees: the share and its own answers, nothing of the case. */
export const inboxView = z.object({
  id: z.uuid(),
  providerId: z.uuid(),
  serviceType: z.enum(SERVICE_TYPES),
  urgency: z.enum(['normal', 'urgent']),
  status: z.enum(REFERRAL_STATUSES),
  fields: z.array(z.enum(SHARE_FIELDS)),
  /** null once the referral is withdrawn. */
  snapshot: snapshotView.nullable(),
  referredAt: z.string(),
  decidedAt: z.string().nullable(),
  declineReason: z.enum(DECLINE_REASONS).nullable(),
  decisionNote: z.string().nullable(),
  outcome: outcomeView,
  version: z.number().int(),
});
export type InboxView = z.infer<typeof inboxView>;
export const inboxItemSummary = inboxView.omit({ snapshot: true });
export const inboxList = z.object({ items: z.array(inboxItemSummary) });
export const inboxQuery = z.object({ status: z.enum(REFERRAL_STATUSES).optional() });

/** What the referring side sees. */
export const referralView = inboxView.extend({
  caseId: z.uuid(),
  personId: z.uuid(),
  consent: consentView.nullable(),
  overrideReason: z.string().nullable(),
  transferRecordId: z.uuid(),
  createdBy: z.uuid(),
  decidedBy: z.uuid().nullable(),
});
export type ReferralView = z.infer<typeof referralView>;
export const referralList = z.object({ items: z.array(referralView) });

export const decisionBody = z
  .object({
    decision: z.enum(['accepted', 'declined']),
    declineReason: z.enum(DECLINE_REASONS).optional(),
    note: text(2000).optional(),
  })
  .strict()
  .refine((b) => (b.decision === 'declined') === (b.declineReason !== undefined), {
    message: 'a decline needs a declineReason; an acceptance takes none',
    path: ['declineReason'],
  });
export type DecisionInput = z.infer<typeof decisionBody>;

export const outcomeBody = z
  .object({ result: z.enum(OUTCOMES), on: isoDate, note: text(2000).optional() })
  .strict();
export type OutcomeInput = z.infer<typeof outcomeBody>;

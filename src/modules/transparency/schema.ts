import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';
import { currency, iatiIdentifier, money } from '../assistance/schema.ts';
import { INDEPENDENCE_CLASSES, PROGRAMME_TYPES } from '../assistance/indicators.ts';
import { accessReport, cell, dependencyReport, reachedReport } from '../reports/schema.ts';
import { ACTIVITY_STATUS, ORGANISATION_ROLE } from './iati.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const nonEmpty = (b: object) => Object.keys(b).length > 0;

export const PARTY_ROLES = Object.keys(ORGANISATION_ROLE) as (keyof typeof ORGANISATION_ROLE)[];
export const AGREEMENT_STATUSES = Object.keys(ACTIVITY_STATUS) as (keyof typeof ACTIVITY_STATUS)[];
export const TRANSACTION_TYPES = [
  'incoming_commitment',
  'incoming_funds',
  'commitment',
  'disbursement',
  'expenditure',
] as const;

const orgType = z.string().regex(/^\d{2}$/, 'must be an IATI OrganisationType code such as 10');

const party = z.object({
  name: text(200),
  ref: iatiIdentifier.optional(),
  type: orgType.optional(),
  role: z.enum(PARTY_ROLES as [string, ...string[]]),
});

const agreementFields = {
  title: text(300),
  description: text(4000).optional(),
  purpose: text(2000),
  amount: money,
  currency,
  startDate: isoDate,
  endDate: isoDate.optional(),
  status: z.enum(AGREEMENT_STATUSES as [string, ...string[]]).default('implementation'),
  public: z.boolean().default(false),
  recipientCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .optional(),
  parties: z.array(party).min(1).max(30),
  programmeIds: z.array(z.uuid()).max(100).default([]),
};

export const agreementBody = z
  .object({
    /** The agreement's own activity id; with reportingOrg.ref it is the IATI identifier, fixed for ever. */
    reference: iatiIdentifier,
    reportingOrg: z.object({ ref: iatiIdentifier, name: text(200), type: orgType }),
    ...agreementFields,
  })
  .refine((a) => !a.endDate || a.endDate >= a.startDate, {
    message: 'must not be before startDate',
    path: ['endDate'],
  });
export type AgreementInput = z.infer<typeof agreementBody>;

export const agreementPatch = z
  .object({
    ...agreementFields,
    description: text(4000).nullable(),
    endDate: isoDate.nullable(),
    recipientCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .nullable(),
    status: z.enum(AGREEMENT_STATUSES as [string, ...string[]]),
    public: z.boolean(),
    programmeIds: z.array(z.uuid()).max(100),
  })
  .partial()
  .refine(nonEmpty, 'change at least one field');
export type AgreementPatch = z.infer<typeof agreementPatch>;

export const transactionBody = z.object({
  type: z.enum(TRANSACTION_TYPES),
  /** Negative for a reversal. */
  value: z
    .union([
      z.number().min(-999_999_999_999).max(999_999_999_999),
      z.string().regex(/^-?\d{1,14}(\.\d{1,2})?$/, 'must be a decimal number'),
    ])
    .transform((v) => (typeof v === 'number' ? v.toFixed(2) : v)),
  /** Default: the agreement's currency. */
  currency: currency.optional(),
  date: isoDate,
  description: text(1000).optional(),
  providerOrg: text(200).optional(),
  receiverOrg: text(200).optional(),
});
export type TransactionInput = z.infer<typeof transactionBody>;

export const transactionView = z.object({
  id: z.uuid(),
  agreementId: z.uuid(),
  type: z.enum(TRANSACTION_TYPES),
  value: z.string(),
  currency: z.string(),
  date: z.string(),
  description: z.string().nullable(),
  providerOrg: z.string().nullable(),
  receiverOrg: z.string().nullable(),
  recordedAt: z.string(),
});
export type TransactionView = z.infer<typeof transactionView>;

export const agreementView = z.object({
  id: z.uuid(),
  reference: z.string(),
  iatiIdentifier: z.string(),
  reportingOrg: z.object({ ref: z.string(), name: z.string(), type: z.string() }),
  title: z.string(),
  description: z.string().nullable(),
  purpose: z.string(),
  amount: z.string(),
  currency: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  status: z.string(),
  public: z.boolean(),
  recipientCountry: z.string().nullable(),
  parties: z.array(party),
  programmeIds: z.array(z.uuid()),
  transactions: z.array(transactionView),
  createdAt: z.string(),
  version: z.number().int(),
});
export type AgreementView = z.infer<typeof agreementView>;
export const agreementList = z.object({ items: z.array(agreementView) });

// ----- relocation operations -----------------------------------------------------------------

const relocationFields = {
  fromSiteId: z.uuid().optional(),
  fromPlace: text(300).optional(),
  toSiteId: z.uuid().optional(),
  toPlace: text(300).optional(),
  date: isoDate,
  personsCount: z.number().int().min(0).max(10_000_000),
  legalBasis: text(1000),
  managedBy: text(300),
  agreementId: z.uuid().optional(),
  public: z.boolean().default(false),
  notes: text(4000).optional(),
};

export const relocationBody = z
  .object(relocationFields)
  .refine((r) => r.fromSiteId || r.fromPlace, {
    message: 'give fromSiteId or fromPlace',
    path: ['fromPlace'],
  })
  .refine((r) => r.toSiteId || r.toPlace, {
    message: 'give toSiteId or toPlace',
    path: ['toPlace'],
  });
export type RelocationInput = z.infer<typeof relocationBody>;

export const relocationPatch = z
  .object({
    fromSiteId: z.uuid().nullable(),
    fromPlace: text(300).nullable(),
    toSiteId: z.uuid().nullable(),
    toPlace: text(300).nullable(),
    date: isoDate,
    personsCount: z.number().int().min(0).max(10_000_000),
    legalBasis: text(1000),
    managedBy: text(300),
    agreementId: z.uuid().nullable(),
    public: z.boolean(),
    notes: text(4000).nullable(),
  })
  .partial()
  .refine(nonEmpty, 'change at least one field');
export type RelocationPatch = z.infer<typeof relocationPatch>;

export const relocationView = z.object({
  id: z.uuid(),
  fromSiteId: z.uuid().nullable(),
  fromPlace: z.string().nullable(),
  toSiteId: z.uuid().nullable(),
  toPlace: z.string().nullable(),
  date: z.string(),
  personsCount: z.number().int(),
  legalBasis: z.string(),
  managedBy: z.string(),
  agreementId: z.uuid().nullable(),
  public: z.boolean(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type RelocationView = z.infer<typeof relocationView>;
export const relocationList = z.object({ items: z.array(relocationView) });

// ----- exports -------------------------------------------------------------------------------

export const iatiQuery = z.object({
  /** 'public': agreements marked public (what may be published); 'all': every agreement, to review. */
  scope: z.enum(['public', 'all']).default('public'),
  /** 'json': the activities the XML would contain, as a checklist. */
  format: z.enum(['xml', 'json']).default('xml'),
});
export const iatiManifest = z.object({
  generatedAt: z.string(),
  activities: z.array(
    z.object({
      iatiIdentifier: z.string(),
      title: z.string(),
      public: z.boolean(),
      transactions: z.number().int(),
    }),
  ),
});
export const iatiXml = z.string().describe('IATI Activity Standard 2.03 XML');

// ----- the public page -----------------------------------------------------------------------

const month = z.string().regex(/^\d{4}-\d{2}$/);
const publicSite = { siteName: z.string().nullable() };

export const publicQuery = z.object({
  operation: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an operation code'),
});

export const publicView = z.object({
  operation: z.object({ code: z.string(), name: z.string() }),
  /** Months only: nothing finer than a month is published. */
  period: z.object({ from: month, to: month }),
  suppressionThreshold: z.number().int(),
  suppressedLabel: z.string(),
  agreements: z.array(
    z.object({
      iatiIdentifier: z.string(),
      title: z.string(),
      purpose: z.string(),
      amount: z.string(),
      currency: z.string(),
      startMonth: month,
      endMonth: month.nullable(),
      status: z.string(),
      parties: z.array(z.object({ name: z.string(), role: z.string() })),
      programmes: z.array(z.string()),
      transactions: z.array(
        z.object({ type: z.string(), currency: z.string(), total: z.string(), count: z.number() }),
      ),
    }),
  ),
  programmes: z.array(
    z.object({
      name: z.string(),
      type: z.enum(PROGRAMME_TYPES),
      provider: z.string(),
      independenceClass: z.enum(INDEPENDENCE_CLASSES),
      sites: z.array(z.string()),
      startMonth: month,
      endMonth: month.nullable(),
    }),
  ),
  reached: z.object({
    programmeTypes: reachedReport.shape.programmeTypes,
    sites: z.array(z.object({ ...publicSite, byType: z.array(cell), persons: cell })),
  }),
  dependency: z.object({
    threshold: z.number(),
    sites: z.array(dependencyReport.shape.sites.element.omit({ siteId: true })),
    totals: dependencyReport.shape.totals,
  }),
  selfRelianceAccess: z.object({
    sites: z.array(accessReport.shape.sites.element.omit({ siteId: true })),
    totals: accessReport.shape.totals,
  }),
  relocations: z.array(
    z.object({
      month,
      from: z.string(),
      to: z.string(),
      persons: cell,
      legalBasis: z.string(),
      managedBy: z.string(),
    }),
  ),
});
export type PublicView = z.infer<typeof publicView>;

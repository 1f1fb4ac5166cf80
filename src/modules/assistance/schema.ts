import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';
import { SEXES, SPECIFIC_NEEDS } from '../registry/schema.ts';
import { SRI_DOMAINS, SRI_METHOD_IDS } from '../selfreliance/sri.ts';
import { ESSENTIALS, INDEPENDENCE_CLASSES, PROGRAMME_TYPES } from './indicators.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const nonEmpty = (b: object) => Object.keys(b).length > 0;

export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD');
/** IATI identifiers: no spaces or / & | ? (IATI rule). */
export const iatiIdentifier = z
  .string()
  .regex(/^[^\s/&|?]{1,100}$/, 'must not be empty or contain spaces or / & | ?');

/** Money in: a number or a decimal string with at most 2 places; out: a decimal string. */
export const money = z
  .union([
    z.number().min(0).max(999_999_999_999),
    z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'must be a decimal number with at most 2 places'),
  ])
  .transform((v) => (typeof v === 'number' ? v.toFixed(2) : v));
const quantity = z
  .union([
    z.number().gt(0).max(99_999_999_999),
    z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, 'must be a decimal number with at most 3 places'),
  ])
  .transform((v) => (typeof v === 'number' ? String(+v.toFixed(3)) : v))
  .refine((v) => Number(v) > 0, 'must be more than 0');

// ----- settings ------------------------------------------------------------------------------

export const settingsBody = z
  .object({
    dependencyThreshold: z.number().gt(0).lt(1),
    reportingCurrency: currency,
    sriMethod: z.enum(SRI_METHOD_IDS),
    sriMinScored: z.number().int().min(1).max(12),
    sriWeights: z.record(z.enum(SRI_DOMAINS), z.number().min(0).max(1000)).nullable(),
  })
  .strict();
export type SettingsInput = z.infer<typeof settingsBody>;
export const settingsView = settingsBody.extend({ version: z.number().int() });
export type SettingsView = z.infer<typeof settingsView>;

// ----- providers -----------------------------------------------------------------------------

export const ORGANISATION_TYPES = [
  'un_agency',
  'international_ngo',
  'national_ngo',
  'government',
  'community_group',
  'religious_group',
  'private_sector',
  'other',
] as const;

export const providerBody = z.object({
  name: text(200),
  independenceClass: z.enum(INDEPENDENCE_CLASSES),
  organisationType: z.enum(ORGANISATION_TYPES).optional(),
  iatiRef: iatiIdentifier.optional(),
  notes: text(2000).optional(),
});
export type ProviderInput = z.infer<typeof providerBody>;

export const providerPatch = z
  .object({
    name: text(200),
    independenceClass: z.enum(INDEPENDENCE_CLASSES),
    organisationType: z.enum(ORGANISATION_TYPES).nullable(),
    iatiRef: iatiIdentifier.nullable(),
    notes: text(2000).nullable(),
  })
  .partial()
  .refine(nonEmpty, 'change at least one field');
export type ProviderPatch = z.infer<typeof providerPatch>;

export const providerView = z.object({
  id: z.uuid(),
  name: z.string(),
  independenceClass: z.enum(INDEPENDENCE_CLASSES),
  organisationType: z.string().nullable(),
  iatiRef: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ProviderView = z.infer<typeof providerView>;
export const providerList = z.object({ items: z.array(providerView) });

// ----- programmes ----------------------------------------------------------------------------

const nationality = z
  .string()
  .regex(/^([A-Z]{3}|stateless)$/, 'must be an ISO 3166-1 alpha-3 code or "stateless"');

export const eligibilityRule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sex'), in: z.array(z.enum(SEXES)).min(1).max(4) }),
  z
    .object({
      type: z.literal('age'),
      min: z.number().int().min(0).max(130).optional(),
      max: z.number().int().min(0).max(130).optional(),
    })
    .refine((r) => r.min !== undefined || r.max !== undefined, 'give min, max or both')
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
      message: 'must not be below min',
      path: ['max'],
    }),
  z.object({ type: z.literal('nationality'), in: z.array(nationality).min(1).max(50) }),
  z.object({
    type: z.literal('specific_needs'),
    anyOf: z.array(z.enum(SPECIFIC_NEEDS)).min(1).max(11),
  }),
  z.object({ type: z.literal('site'), in: z.array(z.uuid()).min(1).max(200) }),
]);
export const eligibilityCriteria = z.object({ rules: z.array(eligibilityRule).max(20) });

const funder = z.object({ name: text(200), iatiRef: iatiIdentifier.optional() });

const programmeFields = {
  name: text(200),
  type: z.enum(PROGRAMME_TYPES),
  providerId: z.uuid(),
  description: text(4000).optional(),
  funders: z.array(funder).max(20).default([]),
  siteIds: z.array(z.uuid()).max(200).default([]),
  eligibility: eligibilityCriteria.default({ rules: [] }),
  capacity: z.number().int().min(0).max(100_000_000).optional(),
  startDate: isoDate,
  endDate: isoDate.optional(),
};

export const programmeBody = z
  .object(programmeFields)
  .refine((p) => !p.endDate || p.endDate >= p.startDate, {
    message: 'must not be before startDate',
    path: ['endDate'],
  });
export type ProgrammeInput = z.infer<typeof programmeBody>;

export const programmePatch = z
  .object({
    name: text(200),
    providerId: z.uuid(),
    description: text(4000).nullable(),
    funders: z.array(funder).max(20),
    siteIds: z.array(z.uuid()).max(200),
    eligibility: eligibilityCriteria,
    capacity: z.number().int().min(0).max(100_000_000).nullable(),
    startDate: isoDate,
    endDate: isoDate.nullable(),
  })
  .partial()
  .refine(nonEmpty, 'change at least one field');
export type ProgrammePatch = z.infer<typeof programmePatch>;

export const programmeView = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(PROGRAMME_TYPES),
  providerId: z.uuid(),
  providerName: z.string(),
  independenceClass: z.enum(INDEPENDENCE_CLASSES),
  description: z.string().nullable(),
  funders: z.array(z.object({ name: z.string(), iatiRef: z.string().optional() })),
  siteIds: z.array(z.uuid()),
  eligibility: eligibilityCriteria,
  capacity: z.number().int().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ProgrammeView = z.infer<typeof programmeView>;
export const programmeList = z.object({ items: z.array(programmeView) });
export const programmeListQuery = z.object({ type: z.enum(PROGRAMME_TYPES).optional() });

export const eligibilityParams = z.object({ id: z.uuid(), personId: z.uuid() });
export const asOfQuery = z.object({ asOf: isoDate.optional() });
export type EligibilityView = z.infer<typeof eligibilityView>;
export const eligibilityView = z.object({
  programmeId: z.uuid(),
  personId: z.uuid(),
  asOf: z.string(),
  eligible: z.boolean(),
  outcome: z.enum(['eligible', 'not_eligible', 'undetermined']),
  rules: z.array(
    z.object({
      rule: eligibilityRule,
      source: z.enum(['criteria', 'coverage']),
      outcome: z.enum(['pass', 'fail', 'unknown']),
      explanation: z.string(),
    }),
  ),
});

// ----- distributions -------------------------------------------------------------------------

export const DISTRIBUTION_KINDS = ['item', 'cash', 'voucher'] as const;

export const distributionFields = {
  personId: z.uuid().optional(),
  householdId: z.uuid().optional(),
  programmeId: z.uuid(),
  /** Who handed it over; default: the programme's implementing provider. */
  providerId: z.uuid().optional(),
  kind: z.enum(DISTRIBUTION_KINDS),
  item: text(200).optional(),
  quantity: quantity.optional(),
  unit: text(40).optional(),
  value: money.optional(),
  currency: currency.optional(),
  /** The value in the operation's reporting currency, when `currency` is another one. */
  reportingValue: money.optional(),
  distributedOn: isoDate,
  siteId: z.uuid().optional(),
  funder: text(200).optional(),
  agreementId: z.uuid().optional(),
};

export const distributionBody = z.object(distributionFields).superRefine((d, ctx) => {
  const issue = (path: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [path], message });
  if (!d.personId === !d.householdId) issue('personId', 'give either personId or householdId');
  if (d.kind === 'item' && !d.item) issue('item', 'is required for an item');
  if (d.kind === 'cash' && d.value === undefined) issue('value', 'is required for cash');
  if ((d.value !== undefined || d.reportingValue !== undefined) && !d.currency)
    issue('currency', 'is required with a value');
  if (d.quantity !== undefined && !d.unit) issue('unit', 'is required with a quantity');
});
export type DistributionInput = z.infer<typeof distributionBody>;

export const distributionView = z.object({
  id: z.uuid(),
  personId: z.uuid().nullable(),
  householdId: z.uuid().nullable(),
  programmeId: z.uuid(),
  programmeType: z.enum(PROGRAMME_TYPES),
  providerId: z.uuid(),
  independenceClass: z.enum(INDEPENDENCE_CLASSES),
  kind: z.enum(DISTRIBUTION_KINDS),
  item: z.string().nullable(),
  quantity: z.string().nullable(),
  unit: z.string().nullable(),
  value: z.string().nullable(),
  currency: z.string().nullable(),
  reportingValue: z.string().nullable(),
  reportingCurrency: z.string().nullable(),
  distributedOn: z.string(),
  siteId: z.uuid().nullable(),
  funder: z.string().nullable(),
  agreementId: z.uuid().nullable(),
  batchId: z.uuid().nullable(),
  recordedAt: z.string(),
});
export type DistributionView = z.infer<typeof distributionView>;
export const distributionList = z.object({ items: z.array(distributionView) });

const cellValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

/**
 * A distribution list: JSON rows (keys as in a single distribution) or a CSV/XLSX file sent as
 * base64 (headers named like the fields, in any case, with or without underscores).
 */
export const bulkBody = z
  .object({
    dryRun: z.boolean().default(true),
    rows: z
      .array(z.record(z.string().max(100), cellValue))
      .min(1)
      .max(5000)
      .optional(),
    file: z
      .object({
        name: text(200),
        contentBase64: z
          .string()
          .max(1_400_000)
          .regex(/^[A-Za-z0-9+/=\s]+$/, 'must be base64'),
      })
      .optional(),
  })
  .refine((b) => !b.rows !== !b.file, { message: 'send either rows or file', path: ['rows'] });
export type BulkInput = z.infer<typeof bulkBody>;

export const bulkProblem = z.object({
  /** Row number: 1-based in `rows`; as a spreadsheet shows it in a file. */
  row: z.number().int(),
  /** Column letter in a file; null for JSON rows or a whole-row problem. */
  column: z.string().nullable(),
  field: z.string(),
  message: z.string(),
});
export type BulkProblem = z.infer<typeof bulkProblem>;

export const bulkResult = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  source: z.enum(['rows', 'csv', 'xlsx']),
  rows: z.number().int(),
  valid: z.number().int(),
  problems: z.array(bulkProblem),
  batchId: z.uuid().nullable(),
});
export type BulkResult = z.infer<typeof bulkResult>;

// ----- enrolments ----------------------------------------------------------------------------

export const ENROLMENT_STATUSES = ['enrolled', 'completed', 'dropped_out'] as const;

const outcomes = z
  .object({
    completed: z.boolean(),
    certified: z.boolean(),
    employed: z.boolean(),
    businessStarted: z.boolean(),
    monthlyIncome: money,
    incomeCurrency: currency,
    outcomeOn: isoDate,
  })
  .partial()
  .refine((o) => o.monthlyIncome === undefined || o.incomeCurrency !== undefined, {
    message: 'is required with monthlyIncome',
    path: ['incomeCurrency'],
  });

export const enrolmentBody = z
  .object({
    personId: z.uuid(),
    programmeId: z.uuid(),
    enrolledOn: isoDate,
    status: z.enum(ENROLMENT_STATUSES).default('enrolled'),
    endedOn: isoDate.optional(),
    outcomes: outcomes.default({}),
  })
  .refine((e) => !e.endedOn || e.endedOn >= e.enrolledOn, {
    message: 'must not be before enrolledOn',
    path: ['endedOn'],
  });
export type EnrolmentInput = z.infer<typeof enrolmentBody>;

export const enrolmentPatch = z
  .object({
    status: z.enum(ENROLMENT_STATUSES),
    endedOn: isoDate.nullable(),
    outcomes,
  })
  .partial()
  .refine(nonEmpty, 'change at least one field');
export type EnrolmentPatch = z.infer<typeof enrolmentPatch>;

export const enrolmentView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  programmeId: z.uuid(),
  programmeType: z.enum(PROGRAMME_TYPES),
  enrolledOn: z.string(),
  endedOn: z.string().nullable(),
  status: z.enum(ENROLMENT_STATUSES),
  outcomes: z.object({
    completed: z.boolean().nullable(),
    certified: z.boolean().nullable(),
    employed: z.boolean().nullable(),
    businessStarted: z.boolean().nullable(),
    monthlyIncome: z.string().nullable(),
    incomeCurrency: z.string().nullable(),
    outcomeOn: z.string().nullable(),
  }),
  recordedAt: z.string(),
  version: z.number().int(),
});
export type EnrolmentView = z.infer<typeof enrolmentView>;
export const enrolmentList = z.object({ items: z.array(enrolmentView) });

// ----- dependency ----------------------------------------------------------------------------

export const periodQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  threshold: z.coerce.number().gt(0).lt(1).optional(),
});
export type PeriodQuery = z.infer<typeof periodQuery>;

const essentialShare = z.object({ total: z.string(), fromGroupLinked: z.string() });

export const dependencyView = z.object({
  subject: z.enum(['person', 'household']),
  id: z.uuid(),
  from: z.string(),
  to: z.string(),
  threshold: z.number(),
  reportingCurrency: z.string(),
  share: z.number().nullable(),
  flagged: z.boolean(),
  total: z.string(),
  fromGroupLinked: z.string(),
  valued: z.number().int(),
  unvalued: z.number().int(),
  byEssential: z.object(
    Object.fromEntries(ESSENTIALS.map((e) => [e, essentialShare])) as Record<
      (typeof ESSENTIALS)[number],
      typeof essentialShare
    >,
  ),
});
export type DependencyView = z.infer<typeof dependencyView>;

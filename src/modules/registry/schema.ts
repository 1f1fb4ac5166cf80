import { z } from 'zod';

export const SEXES = ['F', 'M', 'X', 'unknown'] as const;
export const SENSITIVITIES = ['normal', 'sensitive', 'restricted'] as const;
/** UNHCR specific-needs codes, top level (shared/reference/standards.md). */
export const SPECIFIC_NEEDS = [
  'CR',
  'SC',
  'WR',
  'ER',
  'SP',
  'DS',
  'SM',
  'FU',
  'LP',
  'TR',
  'SV',
] as const;
export const LEGAL_STATUSES = [
  'refugee_recognised',
  'refugee_mandate',
  'asylum_seeker',
  'humanitarian_admission',
  'temporary_protection',
  'subsidiary_protection',
  'stateless',
  'returnee',
  'other_of_concern',
  'no_status',
] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const personName = z
  .object({
    given: text(100).optional(),
    family: text(100).optional(),
    middle: text(100).optional(),
    script: z
      .string()
      .regex(/^[A-Z][a-z]{3}$/, 'must be an ISO 15924 code such as Latn or Arab')
      .default('Latn'),
    use: z.enum(['primary', 'alias', 'original']).default('primary'),
  })
  .refine((n) => n.given || n.family, 'needs a given or a family name');
export type PersonName = z.infer<typeof personName>;

const isoDate = z.iso.date();
const nationality = z
  .string()
  .regex(/^([A-Z]{3}|stateless)$/, 'must be an ISO 3166-1 alpha-3 code or "stateless"');

export const specificNeed = z.object({
  code: z.enum(SPECIFIC_NEEDS),
  subCode: z
    .string()
    .regex(/^[A-Z]{2}-[A-Z0-9]{1,4}$/, 'must look like SM-CI')
    .optional(),
  since: isoDate.optional(),
});

const contact = z
  .object({
    phone: text(40).optional(),
    email: z.email().max(254).optional(),
    address: text(300).optional(),
  })
  .strict();

const personFields = {
  names: z.array(personName).min(1).max(20),
  sex: z.enum(SEXES),
  birthDate: isoDate.nullable().optional(),
  birthYear: z.number().int().min(1880).max(2200).nullable().optional(),
  birthYearEstimated: z.boolean().default(false),
  nationalities: z.array(nationality).max(5).default([]),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code'))
    .max(10)
    .default([]),
  specificNeeds: z.array(specificNeed).max(30).default([]),
  contact: contact.nullable().optional(),
  registeringAgencyId: z.uuid().nullable().optional(),
  registeredOn: isoDate.optional(),
  sensitivity: z.enum(SENSITIVITIES).default('normal'),
  externalId: text(100).nullable().optional(),
};

export const personCreateBody = z
  .object(personFields)
  .refine((p) => !(p.birthDate && p.birthYear), {
    message: 'give birthDate or birthYear, not both',
    path: ['birthYear'],
  });
export type PersonCreate = z.infer<typeof personCreateBody>;

export const personPatchBody = z
  .object({
    ...personFields,
    birthYearEstimated: z.boolean(),
    nationalities: z.array(nationality).max(5),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code')).max(10),
    specificNeeds: z.array(specificNeed).max(30),
    sensitivity: z.enum(SENSITIVITIES),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type PersonPatch = z.infer<typeof personPatchBody>;

const nameView = z.object({
  given: z.string().optional(),
  family: z.string().optional(),
  middle: z.string().optional(),
  script: z.string(),
  use: z.string(),
});

export const personView = z.object({
  id: z.uuid(),
  names: z.array(nameView),
  sex: z.enum(SEXES),
  birthDate: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  birthYearEstimated: z.boolean(),
  nationalities: z.array(z.string()),
  languages: z.array(z.string()),
  specificNeeds: z.array(specificNeed),
  contact: contact.nullable(),
  registeringAgencyId: z.uuid().nullable(),
  registeredOn: z.string(),
  sensitivity: z.enum(SENSITIVITIES),
  externalId: z.string().nullable(),
  /** Set when this record was merged into another: it remains only as a pointer to it. */
  mergedInto: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PersonView = z.infer<typeof personView>;

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  birthYear: z.coerce.number().int().min(1880).max(2200).optional(),
  sex: z.enum(SEXES).optional(),
  nationality: nationality.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof searchQuery>;

export const searchHit = z.object({
  id: z.uuid(),
  score: z.number(),
  names: z.array(nameView),
  sex: z.enum(SEXES),
  birthYear: z.number().int().nullable(),
  nationalities: z.array(z.string()),
});
export type SearchHit = z.infer<typeof searchHit>;
export const searchResult = z.object({ items: z.array(searchHit) });

const statusCode = z.union([
  z.enum(LEGAL_STATUSES),
  z
    .string()
    .regex(/^x_[a-z0-9_]{1,40}$/, 'must be a standard status or a national one starting with x_'),
]);

export const legalStatusBody = z
  .object({
    status: statusCode,
    grantedBy: z.union([z.enum(['host-state', 'unhcr']), text(200)]),
    basis: text(500).optional(),
    document: text(200).optional(),
    from: isoDate,
    to: isoDate.optional(),
  })
  .refine((s) => !s.to || s.to >= s.from, { message: 'must not be before from', path: ['to'] });
export type LegalStatusInput = z.infer<typeof legalStatusBody>;

export const legalStatusView = z.object({
  id: z.uuid(),
  status: z.string(),
  grantedBy: z.string(),
  basis: z.string().nullable(),
  document: z.string().nullable(),
  from: z.string(),
  to: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.uuid().nullable(),
});
export type LegalStatusView = z.infer<typeof legalStatusView>;
export const legalStatusList = z.object({ items: z.array(legalStatusView) });

import { z } from 'zod';

export const SITE_TYPES = [
  'camp',
  'collective_centre',
  'closed_compound',
  'private_accommodation',
  'urban',
] as const;

/** Can residents leave? Unknown stays null: a guess here would hide a protection fact. */
export const siteAccess = z.object({
  leaveFreely: z.boolean().nullable(),
  walled: z.boolean().nullable(),
  checkpoints: z.boolean().nullable(),
  curfew: z.string().trim().min(1).max(200).nullable(),
  notes: z.string().trim().min(1).max(2000).nullable(),
});

export const siteView = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(SITE_TYPES),
  adm1: z.string().nullable(),
  adm2: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  capacity: z.number().int().nullable(),
  managingEntity: z.string().nullable(),
  country: z.string().nullable(),
  adm3: z.string().nullable(),
  access: siteAccess,
  createdAt: z.string(),
  version: z.number().int(),
});
export type SiteView = z.infer<typeof siteView>;

const text = z.string().trim().min(1).max(200).nullable();

export const siteCreateBody = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(SITE_TYPES),
  adm1: text.optional(),
  adm2: text.optional(),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  capacity: z.number().int().min(0).max(10_000_000).nullable().optional(),
  managingEntity: text.optional(),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code')
    .nullable()
    .optional(),
  adm3: text.optional(),
  access: siteAccess.partial().optional(),
});
export type SiteInput = z.infer<typeof siteCreateBody>;

export const sitePatchBody = siteCreateBody
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');

export const siteList = z.object({ items: z.array(siteView) });

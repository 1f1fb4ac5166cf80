import { z } from 'zod';
import { isoDate, listQuery } from '../../platform/http/schemas.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

/** A move: the open residence ends the day the new one starts. */
export const residenceBody = z
  .object({
    siteId: z.uuid().optional(),
    place: text(300).optional(),
    inTerritory: z.boolean().default(true),
    from: isoDate,
    movedBy: text(200).optional(),
    reason: text(1000).optional(),
  })
  .refine((r) => r.siteId || r.place, { message: 'give a siteId or a place', path: ['siteId'] });
export type ResidenceInput = z.infer<typeof residenceBody>;

export const residenceView = z.object({
  id: z.uuid(),
  siteId: z.uuid().nullable(),
  siteName: z.string().nullable(),
  place: z.string().nullable(),
  inTerritory: z.boolean(),
  from: z.string(),
  to: z.string().nullable(),
  movedBy: z.string().nullable(),
  reason: z.string().nullable(),
  recordedAt: z.string(),
});
export type ResidenceView = z.infer<typeof residenceView>;
export const residenceList = z.object({ items: z.array(residenceView) });

export const residentsQuery = listQuery;
export const residentList = z.object({
  total: z.number().int(),
  items: z.array(
    z.object({
      personId: z.uuid(),
      names: z.array(z.object({ given: z.string().optional(), family: z.string().optional() })),
      sex: z.string(),
      birthYear: z.number().int().nullable(),
      since: z.string(),
    }),
  ),
});

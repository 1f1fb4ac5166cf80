import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';
import { PROGRAMME_TYPES } from '../assistance/indicators.ts';

/** A published count, or a hidden one: { suppressed: true, label: '<5' }. */
export const cell = z.union([
  z.number().int().min(0),
  z.object({ suppressed: z.literal(true), label: z.string() }),
]);

const format = z.enum(['json', 'hxl-csv']).default('json');
const site = { siteId: z.uuid().nullable(), siteName: z.string().nullable() };
const suppression = {
  /** Counts below this are hidden, with whatever would reveal them. */
  suppressionThreshold: z.number().int(),
  suppressedLabel: z.string(),
};

export const dependencyQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  threshold: z.coerce.number().gt(0).lt(1).optional(),
  format,
});
export type DependencyQuery = z.infer<typeof dependencyQuery>;

const dependencyFigures = {
  dependent: cell,
  notDependent: cell,
  assessed: cell,
  share: z.number().nullable(),
};
export const dependencyReport = z.object({
  from: z.string(),
  to: z.string(),
  threshold: z.number(),
  reportingCurrency: z.string(),
  ...suppression,
  sites: z.array(z.object({ ...site, ...dependencyFigures })),
  totals: z.object(dependencyFigures),
});
export type DependencyReport = z.infer<typeof dependencyReport>;

export const accessQuery = z.object({ asOf: isoDate.optional(), format });
export type AccessQuery = z.infer<typeof accessQuery>;

const accessFigures = {
  withAccess: cell,
  withoutAccess: cell,
  workingAge: cell,
  share: z.number().nullable(),
};
export const accessReport = z.object({
  asOf: z.string(),
  windowStart: z.string(),
  ...suppression,
  sites: z.array(z.object({ ...site, ...accessFigures })),
  totals: z.object(accessFigures),
});
export type AccessReport = z.infer<typeof accessReport>;

export const reachedQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), format });
export type ReachedQuery = z.infer<typeof reachedQuery>;

export const reachedReport = z.object({
  from: z.string(),
  to: z.string(),
  ...suppression,
  programmeTypes: z.array(z.enum(PROGRAMME_TYPES)),
  sites: z.array(
    z.object({
      ...site,
      /** Distinct persons reached, per programme type (same order as programmeTypes). */
      byType: z.array(cell),
      /** Distinct persons reached by any programme (not the sum of byType). */
      persons: cell,
    }),
  ),
});
export type ReachedReport = z.infer<typeof reachedReport>;

export const sriQuery = z.object({ siteId: z.uuid().optional(), format });
export type SriQuery = z.infer<typeof sriQuery>;

export const sriReport = z.object({
  method: z.string(),
  minHouseholds: z.number().int(),
  ...suppression,
  sites: z.array(
    z.object({
      ...site,
      households: cell,
      refused: cell,
      average: z.number().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type SriReport = z.infer<typeof sriReport>;

export const csv = z.string().describe('HXL-tagged CSV (hashtag row under the header)');

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

export const populationQuery = z.object({ asOf: isoDate.optional(), format });
export type PopulationQuery = z.infer<typeof populationQuery>;

export const populationReport = z.object({
  asOf: z.string(),
  ...suppression,
  /**
   * The columns: each legal-status kind present (standard ones in their fixed order, then
   * national x_ ones), and null for persons with no status valid on the day (last).
   */
  statuses: z.array(z.string().nullable()),
  /** One row per site of residence on the day; siteId null: no site (last). */
  sites: z.array(
    z.object({
      ...site,
      /** Persons per status, in the order of statuses. */
      byStatus: z.array(cell),
      total: cell,
    }),
  ),
  totals: z.object({ byStatus: z.array(cell), total: cell }),
});
export type PopulationReport = z.infer<typeof populationReport>;

export const sriDistributionQuery = z.object({ format });
export type SriDistributionQuery = z.infer<typeof sriDistributionQuery>;

const sriBin = z.object({
  key: z.string(),
  /** Bounds on the 1–5 domain scale: from ≤ x < to (the last bin includes 5). */
  from: z.number(),
  to: z.number(),
});

export const sriDistributionReport = z.object({
  method: z.string(),
  /** How totals are put in bins (documented in service.ts, SRI_BINS). */
  binning: z.string(),
  minHouseholds: z.number().int(),
  ...suppression,
  bins: z.array(sriBin),
  sites: z.array(
    z.object({
      ...site,
      /** Households whose latest total falls in each bin, in the order of bins. */
      byBin: z.array(cell),
      households: cell,
      /** Households left out because their latest total was refused (too few domains). */
      refused: cell,
    }),
  ),
  totals: z.object({ byBin: z.array(cell), households: cell }),
  /** The operation-wide average per calendar quarter, oldest first (8 quarters). */
  trend: z.array(
    z.object({
      quarter: z.string(),
      from: z.string(),
      to: z.string(),
      households: cell,
      average: z.number().nullable(),
      reason: z.string().nullable(),
    }),
  ),
});
export type SriDistributionReport = z.infer<typeof sriDistributionReport>;

export const csv = z.string().describe('HXL-tagged CSV (hashtag row under the header)');

import { z } from 'zod';
import { cell } from '../reports/schema.ts';
import { isoDate } from '../../platform/http/schemas.ts';
import { ACTS, PERPETRATOR_TYPES } from './catalogue.ts';

export const monitoringQuery = z
  .object({
    siteId: z.uuid().optional(),
    /** Default: one year before `to`. */
    from: isoDate.optional(),
    /** Default: today. */
    to: isoDate.optional(),
    format: z.enum(['json', 'hxl-csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be before from',
    path: ['to'],
  });
export type MonitoringQuery = z.infer<typeof monitoringQuery>;

const figures = {
  /** Incidents (each once). */
  incidents: cell,
  /** Incidents with each act, in the order of acts (an incident with two acts counts in both). */
  byAct: z.array(cell),
  /** Incidents with at least one alleged perpetrator of each type, in perpetratorTypes order. */
  byPerpetratorType: z.array(cell),
  /** Incidents linked to each article, in the order of articles. */
  byArticle: z.array(cell),
};

export const monitoringReport = z.object({
  from: z.string(),
  to: z.string(),
  siteId: z.uuid().nullable(),
  /** Counts below this are hidden, with whatever would reveal them. */
  suppressionThreshold: z.number().int(),
  suppressedLabel: z.string(),
  /** What is counted, in words. */
  counted: z.string(),
  acts: z.array(z.enum(ACTS)),
  perpetratorTypes: z.array(z.enum(PERPETRATOR_TYPES)),
  /** The articles any counted incident is linked to, in catalogue order. */
  articles: z.array(z.string()),
  /** One row per site of the incidents; siteId null: a place that is no site (last). */
  sites: z.array(
    z.object({ siteId: z.uuid().nullable(), siteName: z.string().nullable(), ...figures }),
  ),
  totals: z.object(figures),
});
export type MonitoringReport = z.infer<typeof monitoringReport>;

import { z } from 'zod';
import { listQuery } from '../../platform/http/schemas.ts';
import {
  ACTS,
  DATE_PRECISIONS,
  DEGREES,
  INVOLVEMENT_ROLES,
  PERPETRATOR_TYPES,
  PLACE_PRECISIONS,
  SENSITIVITIES,
  SUBJECTS,
} from './catalogue.ts';
import { isoDate } from '../../platform/http/schemas.ts';
import { consentBody, consentView, text } from './consent-schema.ts';
import { citationView } from './evidence-schema.ts';
import { incidentIssues } from './validation.ts';

// ----- incidents --------------------------------------------------------------------------------

export const involvementBody = z
  .object({
    role: z.enum(INVOLVEMENT_ROLES),
    subject: z.enum(SUBJECTS),
    /** A registered person (subject 'person'). */
    personId: z.uuid().optional(),
    /** The group's or authority's name, or a description of someone not identified. */
    label: text(200).optional(),
    /** Required for an alleged perpetrator, and only for one. */
    perpetratorType: z.enum(PERPETRATOR_TYPES).optional(),
    degree: z.enum(DEGREES).optional(),
  })
  .strict();
export type InvolvementInput = z.infer<typeof involvementBody>;

const whenBody = z
  .object({ from: isoDate, to: isoDate.optional(), precision: z.enum(DATE_PRECISIONS) })
  .strict();
const whereBody = z
  .object({
    siteId: z.uuid().optional(),
    place: text(300).optional(),
    precision: z.enum(PLACE_PRECISIONS),
  })
  .strict();

const incidentFields = {
  acts: z.array(z.enum(ACTS)).min(1).max(ACTS.length),
  /** What the act 'other' was (a category, never a name); required with it. */
  actOther: text(200).optional(),
  description: text(8000),
  when: whenBody,
  where: whereBody,
  involvements: z.array(involvementBody).max(200),
  /** Convention articles as in the rights catalogue: '26', '17(1)', '17(2)(a)'. */
  articles: z.array(z.string().max(20)).max(60),
  sensitivity: z.enum(SENSITIVITIES),
  consentToUse: consentBody.nullable(),
  consentToShare: consentBody.nullable(),
};

export const incidentBody = z
  .object({
    ...incidentFields,
    involvements: incidentFields.involvements.default([]),
    articles: incidentFields.articles.default([]),
    sensitivity: incidentFields.sensitivity.default('normal'),
    consentToUse: incidentFields.consentToUse.optional(),
    consentToShare: incidentFields.consentToShare.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    for (const i of incidentIssues(b)) ctx.addIssue({ code: 'custom', ...i });
  });
export type IncidentInput = z.infer<typeof incidentBody>;

/** Any of the fields; involvements and articles, when given, replace the lists. */
export const incidentPatchBody = z
  .object({ ...incidentFields, actOther: incidentFields.actOther.nullable() })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type IncidentPatch = z.infer<typeof incidentPatchBody>;

export const involvementView = z.object({
  id: z.uuid(),
  role: z.enum(INVOLVEMENT_ROLES),
  subject: z.enum(SUBJECTS),
  personId: z.uuid().nullable(),
  label: z.string().nullable(),
  perpetratorType: z.enum(PERPETRATOR_TYPES).nullable(),
  degree: z.enum(DEGREES).nullable(),
});
export type InvolvementView = z.infer<typeof involvementView>;

export const incidentView = z.object({
  id: z.uuid(),
  acts: z.array(z.enum(ACTS)),
  actOther: z.string().nullable(),
  description: z.string(),
  when: z.object({
    from: z.string(),
    to: z.string().nullable(),
    precision: z.enum(DATE_PRECISIONS),
  }),
  where: z.object({
    siteId: z.uuid().nullable(),
    place: z.string().nullable(),
    precision: z.enum(PLACE_PRECISIONS),
  }),
  involvements: z.array(involvementView),
  articles: z.array(z.string()),
  sensitivity: z.enum(SENSITIVITIES),
  consentToUse: consentView.nullable(),
  consentToShare: consentView.nullable(),
  agencyId: z.uuid().nullable(),
  createdBy: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Citations of this incident carrying at least one flag (duplicate or malformed). */
  flaggedCitations: z.number().int(),
  version: z.number().int(),
});
export type IncidentView = z.infer<typeof incidentView>;

export const incidentDetail = incidentView.extend({ citations: z.array(citationView) });
export type IncidentDetail = z.infer<typeof incidentDetail>;

export const incidentListQuery = listQuery
  .extend({
    siteId: z.uuid().optional(),
    act: z.enum(ACTS).optional(),
    /** Incidents whose date (or range) overlaps from–to. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    sensitivity: z.enum(SENSITIVITIES).optional(),
    personId: z.uuid().optional(),
    article: z.string().max(20).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be before from',
    path: ['to'],
  });
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export const incidentList = z.object({ total: z.number().int(), items: z.array(incidentView) });

export const accessBody = z.object({ userId: z.uuid() }).strict();

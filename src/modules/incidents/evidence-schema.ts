import { z } from 'zod';
import { listQuery } from '../../platform/http/schemas.ts';
import { CREDIBILITY_MAX, CREDIBILITY_MIN, RELIABILITY, SOURCE_KINDS } from './catalogue.ts';
import { CITATION_FLAGS } from './citations.ts';
import { isoDate } from '../../platform/http/schemas.ts';
import { consentBody, consentView, text } from './consent-schema.ts';

// ----- sources ----------------------------------------------------------------------------------

const httpUrl = z.url({ protocol: /^https?$/ }).max(1000);

const sourceFields = {
  kind: z.enum(SOURCE_KINDS),
  /** Describes the source; never names a person of concern. */
  title: text(300),
  /** Author or organisation. */
  author: text(200),
  publishedOn: isoDate,
  url: httpUrl,
  /** Where to find it when it has no URL: a file number, a library shelf mark. */
  reference: text(300),
  /** A (completely reliable) to F (cannot be judged). */
  reliability: z.enum(RELIABILITY),
};
const URL_OR_REFERENCE = 'give a URL or a reference';

export const sourceBody = z
  .object({
    ...sourceFields,
    author: sourceFields.author.optional(),
    publishedOn: sourceFields.publishedOn.optional(),
    url: sourceFields.url.optional(),
    reference: sourceFields.reference.optional(),
    reliability: sourceFields.reliability.default('F'),
  })
  .strict()
  .refine((b) => b.url !== undefined || b.reference !== undefined, {
    message: URL_OR_REFERENCE,
    path: ['url'],
  });
export type SourceInput = z.infer<typeof sourceBody>;

export const sourcePatchBody = z
  .object({
    ...sourceFields,
    author: sourceFields.author.nullable(),
    publishedOn: sourceFields.publishedOn.nullable(),
    url: sourceFields.url.nullable(),
    reference: sourceFields.reference.nullable(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type SourcePatch = z.infer<typeof sourcePatchBody>;
export { URL_OR_REFERENCE };

export const sourceView = z.object({
  id: z.uuid(),
  kind: z.enum(SOURCE_KINDS),
  title: z.string(),
  author: z.string().nullable(),
  publishedOn: z.string().nullable(),
  url: z.string().nullable(),
  reference: z.string().nullable(),
  reliability: z.enum(RELIABILITY),
  createdBy: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type SourceView = z.infer<typeof sourceView>;

export const sourceListQuery = listQuery.extend({
  kind: z.enum(SOURCE_KINDS).optional(),
  reliability: z.enum(RELIABILITY).optional(),
  /** Part of the title or author. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type SourceListQuery = z.infer<typeof sourceListQuery>;
export const sourceList = z.object({ total: z.number().int(), items: z.array(sourceView) });

// ----- citations --------------------------------------------------------------------------------

const credibility = z.number().int().min(CREDIBILITY_MIN).max(CREDIBILITY_MAX);

export const citationBody = z
  .object({
    sourceId: z.uuid(),
    /** The claim the incident makes, as written in the incident. */
    claim: text(2000),
    /** Where in the source: page, paragraph, timestamp. */
    locator: text(200).optional(),
    /** The source's own words. */
    passage: text(4000).optional(),
    /** 1 (confirmed by independent sources) to 6 (truth cannot be judged). */
    credibility,
  })
  .strict();
export type CitationInput = z.infer<typeof citationBody>;

export const citationPatchBody = z
  .object({
    claim: text(2000),
    locator: text(200).nullable(),
    passage: text(4000).nullable(),
    credibility,
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type CitationPatch = z.infer<typeof citationPatchBody>;

export const citationParams = z.object({ id: z.uuid(), citationId: z.uuid() });

export const citationView = z.object({
  id: z.uuid(),
  incidentId: z.uuid(),
  sourceId: z.uuid(),
  sourceTitle: z.string(),
  reliability: z.enum(RELIABILITY),
  claim: z.string(),
  locator: z.string().nullable(),
  passage: z.string().nullable(),
  credibility: z.number().int(),
  /** Reliability and credibility together, e.g. "B2". */
  grade: z.string(),
  flags: z.array(z.enum(CITATION_FLAGS)),
  /** The other citations this one duplicates. */
  duplicates: z.array(z.uuid()),
  createdBy: z.uuid(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type CitationView = z.infer<typeof citationView>;

export const flaggedQuery = listQuery.extend({
  incidentId: z.uuid().optional(),
  flag: z.enum(CITATION_FLAGS).optional(),
});
export type FlaggedQuery = z.infer<typeof flaggedQuery>;
export const citationList = z.object({ total: z.number().int(), items: z.array(citationView) });

// ----- testimonies ------------------------------------------------------------------------------

/** A BCP 47 language tag as used for names: 'fa', 'prs', 'ar', 'sq', 'ckb', 'en-GB'. */
const language = z
  .string()
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, "must be a language code such as 'fa' or 'prs'");

const testimonyFields = {
  /** Who gave it, when registered. */
  personId: z.uuid(),
  statement: text(20_000),
  statementLanguage: language,
  translation: text(20_000),
  translationLanguage: language,
  /** The user who took the statement (default: the caller); reads its text. */
  interviewerId: z.uuid(),
  interpreterName: text(200),
  takenOn: isoDate,
  consent: consentBody.nullable(),
  incidentIds: z.array(z.uuid()).max(50),
};

export const testimonyBody = z
  .object({
    ...testimonyFields,
    personId: testimonyFields.personId.optional(),
    translation: testimonyFields.translation.optional(),
    translationLanguage: testimonyFields.translationLanguage.optional(),
    interviewerId: testimonyFields.interviewerId.optional(),
    interpreterName: testimonyFields.interpreterName.optional(),
    consent: testimonyFields.consent.optional(),
    incidentIds: testimonyFields.incidentIds.default([]),
  })
  .strict()
  .superRefine((b, ctx) => {
    for (const i of translationIssues(b)) ctx.addIssue({ code: 'custom', ...i });
  });
export type TestimonyInput = z.infer<typeof testimonyBody>;

/** A translation comes with its language, in another language than the statement's. */
export function translationIssues(b: {
  statementLanguage: string;
  translation?: string | null | undefined;
  translationLanguage?: string | null | undefined;
}): { path: string[]; message: string }[] {
  if (!b.translation !== !b.translationLanguage)
    return [
      b.translation
        ? { path: ['translationLanguage'], message: 'is required with a translation' }
        : { path: ['translation'], message: 'is required with translationLanguage' },
    ];
  if (b.translationLanguage && b.translationLanguage === b.statementLanguage)
    return [{ path: ['translationLanguage'], message: 'must differ from statementLanguage' }];
  return [];
}

export const testimonyPatchBody = z
  .object({
    ...testimonyFields,
    personId: testimonyFields.personId.nullable(),
    translation: testimonyFields.translation.nullable(),
    translationLanguage: testimonyFields.translationLanguage.nullable(),
    interpreterName: testimonyFields.interpreterName.nullable(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');
export type TestimonyPatch = z.infer<typeof testimonyPatchBody>;

export const testimonyView = z.object({
  id: z.uuid(),
  personId: z.uuid().nullable(),
  statementLanguage: z.string(),
  translationLanguage: z.string().nullable(),
  /** null unless the caller may read the text (protection officers and the interviewer). */
  statement: z.string().nullable(),
  translation: z.string().nullable(),
  /** The text exists but this caller may not read it. */
  textWithheld: z.boolean(),
  interviewerId: z.uuid(),
  interpreterName: z.string().nullable(),
  takenOn: z.string(),
  consent: consentView.nullable(),
  incidentIds: z.array(z.uuid()),
  createdBy: z.uuid(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type TestimonyView = z.infer<typeof testimonyView>;

export const testimonyListQuery = listQuery.extend({
  incidentId: z.uuid().optional(),
  personId: z.uuid().optional(),
});
export type TestimonyListQuery = z.infer<typeof testimonyListQuery>;
/** Lists carry no text: open one testimony to read it (audited). */
export const testimonyList = z.object({ total: z.number().int(), items: z.array(testimonyView) });

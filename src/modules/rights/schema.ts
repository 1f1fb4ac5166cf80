import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas.ts';

const article = z.string().regex(/^\d{1,2}(\(\d\))?(\([a-c]\))?$/, 'must look like 17 or 17(2)(a)');
const statusCode = z
  .string()
  .regex(/^([a-z_]{2,40}|x_[a-z0-9_]{1,40})$/, 'must be a legal status code');

export const hostProfileBody = z
  .object({
    party1951: z.boolean(),
    party1951Date: isoDate.optional(),
    party1967: z.boolean(),
    party1967Date: isoDate.optional(),
    reservations: z
      .array(
        z.object({
          article,
          effect: z.enum(['excluded', 'limited']),
          text: z.string().trim().min(1).max(2000),
        }),
      )
      .max(60),
    statusMeaning: z.record(
      statusCode,
      z.object({
        lawfulPresence: z.boolean(),
        lawfulStay: z.boolean(),
        refugeeStatus: z
          .enum(['recognised', 'pending', 'undetermined', 'not-refugee-determination'])
          .optional(),
      }),
    ),
    interpretation: z.object({
      art13_20_22: z.enum(['J', 'P']),
      art14_16_2: z.enum(['HR', 'LS']),
      art25: z.enum(['P', 'LS']),
      habitualResidenceAs: z.enum(['P', 'LP', 'LS', 'DR']),
      durableResidenceFrom: z.enum(['arrival', 'application', 'recognition']),
    }),
  })
  .strict();
export type HostProfileInput = z.infer<typeof hostProfileBody>;

export const hostProfileView = hostProfileBody.extend({
  catalogueVersion: z.string(),
  version: z.number().int(),
});

export const entitlementsQuery = z.object({ asOf: isoDate.optional() });

const summary = z.object({ en: z.string(), sq: z.string(), ar: z.string(), fa: z.string() });

export const entitlementsView = z.object({
  asOf: z.string(),
  catalogueVersion: z.string(),
  convention: z.object({ binds: z.boolean(), reason: z.string() }),
  attachment: z.object({ level: z.string(), since: z.string().nullable(), reason: z.string() }),
  refugeeStatus: z.string(),
  refugeeStatusReason: z.string(),
  items: z.array(
    z.object({
      article: z.string(),
      title: z.string(),
      summary,
      standard: z.string(),
      comparator: z.string().nullable(),
      attachment: z.string(),
      condition: z.string().nullable(),
      contested: z.boolean(),
      owed: z.enum(['yes', 'if-refugee', 'no', 'reserved']),
      reason: z.string(),
      facts: z.array(z.string()),
    }),
  ),
});

/** Barriers to exercising a right, as observed in monitoring (catalogue; extendable by x_…). */
export const BARRIERS = [
  'movement_restricted_by_site',
  'no_work_permit',
  'documents_withheld',
  'no_documents',
  'language',
  'cost',
  'distance',
  'discrimination',
  'legal_exclusion',
  'administrative_refusal',
  'fear_of_reprisal',
  'lack_of_information',
  'other',
] as const;

export const assessmentBody = z.object({
  article,
  access: z.enum(['full', 'partial', 'none', 'unknown']),
  barriers: z
    .array(z.union([z.enum(BARRIERS), z.string().regex(/^x_[a-z0-9_]{1,40}$/)]))
    .max(20)
    .default([]),
  assessedOn: isoDate,
  method: z.enum(['interview', 'document', 'observation']),
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  siteId: z.uuid().optional(),
  round: z.string().trim().min(1).max(100).optional(),
  note: z.string().trim().min(1).max(4000).optional(),
});
export type AssessmentInput = z.infer<typeof assessmentBody>;

export const assessmentView = assessmentBody.extend({
  id: z.uuid(),
  personId: z.uuid(),
  siteId: z.uuid().nullable(),
  round: z.string().nullable(),
  note: z.string().nullable(),
  assessorId: z.uuid().nullable(),
  recordedAt: z.string(),
});
export type AssessmentView = z.infer<typeof assessmentView>;
export const assessmentList = z.object({ items: z.array(assessmentView) });

export const gapList = z.object({
  asOf: z.string(),
  items: z.array(
    z.object({
      article: z.string(),
      title: z.string(),
      owed: z.enum(['yes', 'if-refugee']),
      access: z.enum(['partial', 'none']),
      barriers: z.array(z.string()),
      assessedOn: z.string(),
      reliability: z.string(),
    }),
  ),
});

export const roundBody = z.object({
  round: z.string().trim().min(1).max(100),
  assessedOn: isoDate,
  method: z.enum(['interview', 'document', 'observation']),
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  entries: z
    .array(
      assessmentBody
        .pick({ article: true, access: true, barriers: true, note: true })
        .extend({ personId: z.uuid() }),
    )
    .min(1)
    .max(5000),
});
export type RoundInput = z.infer<typeof roundBody>;
export const roundResult = z.object({ round: z.string(), recorded: z.number().int() });

export const matrixQuery = z.object({ siteId: z.uuid().optional(), asOf: isoDate.optional() });
const count = z.union([z.number().int(), z.string()]);
export const matrixView = z.object({
  asOf: z.string(),
  /** Counts below the threshold read "<5" (the reader may not see the persons behind them). */
  suppressed: z.boolean(),
  articles: z.array(z.string()),
  sites: z.array(
    z.object({
      siteId: z.uuid().nullable(),
      cells: z.array(
        z.object({
          article: z.string(),
          owed: count,
          full: count,
          partial: count,
          none: count,
          unassessed: count,
          shareWithAccess: z.number().nullable(),
        }),
      ),
    }),
  ),
});

// ----- monitoring rounds from an XLSForm/CSV file, and the trend over rounds -----------------

export const ASSESSMENT_METHODS = ['interview', 'document', 'observation'] as const;
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/**
 * A monitoring round collected in the field (KoboToolbox/ODK with the XLSForm from
 * GET /rights/monitoring-form.xlsx, or a spreadsheet): a CSV or XLSX file sent as base64 in the
 * JSON body. `assessedOn`, `method` and `reliability` fill cells the file leaves empty.
 */
export const roundImportBody = z.object({
  dryRun: z.boolean().default(true),
  round: z.string().trim().min(1).max(100),
  assessedOn: isoDate.optional(),
  method: z.enum(ASSESSMENT_METHODS).optional(),
  reliability: z.enum(RELIABILITY_GRADES).optional(),
  file: z.object({
    name: z.string().trim().min(1).max(200),
    contentBase64: z
      .string()
      .min(1)
      .max(1_400_000)
      .regex(/^[A-Za-z0-9+/=\s]+$/, 'must be base64'),
  }),
});
export type RoundImportInput = z.infer<typeof roundImportBody>;

/** Stable codes of import problems (the web app translates them; `message` is English). */
export const IMPORT_PROBLEMS = [
  'file',
  'no_rows',
  'missing_column',
  'duplicate_column',
  'required',
  'too_long',
  'unknown_person',
  'not_resident',
  'unknown_article',
  'unknown_access',
  'unknown_barrier',
  'unknown_method',
  'unknown_reliability',
  'bad_date',
  'future_date',
  'duplicate_entry',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEMS)[number];

export const importProblem = z.object({
  /** The row as a spreadsheet shows it (the header row for a column problem; 0: whole file). */
  row: z.number().int(),
  /** Column letter; null when the column is missing or the problem is the whole file. */
  column: z.string().nullable(),
  field: z.string(),
  code: z.enum(IMPORT_PROBLEMS),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const roundImportResult = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  round: z.string(),
  source: z.enum(['csv', 'xlsx']).nullable(),
  /** Data rows read. */
  rows: z.number().int(),
  /** Rows without a problem. */
  valid: z.number().int(),
  /** Assessments written (0 on a dry run). */
  recorded: z.number().int(),
  /** Distinct persons among the valid rows. */
  persons: z.number().int(),
  /** At most 1,000, by row. */
  problems: z.array(importProblem),
  /** Headers that are not form fields (Kobo metadata, split select_multiple columns, …). */
  ignoredColumns: z.array(z.string()),
});
export type RoundImportResult = z.infer<typeof roundImportResult>;

export const trendQuery = z.object({
  /** The latest rounds to show. */
  rounds: z.coerce.number().int().min(1).max(50).default(12),
});

export const trendView = z.object({
  siteId: z.uuid(),
  /** Counts below the threshold read "<5" (the reader may not see the persons behind them). */
  suppressed: z.boolean(),
  /** Articles assessed in any of the rounds, in catalogue order. */
  articles: z.array(z.string()),
  /** Oldest first. */
  rounds: z.array(
    z.object({
      round: z.string(),
      /** First and last assessment day of the round. */
      from: z.string(),
      to: z.string(),
      cells: z.array(
        z.object({
          article: z.string(),
          /** Persons owed the right (on the day they were assessed) and assessed in the round. */
          assessed: count,
          full: count,
          partial: count,
          none: count,
          unknown: count,
          /** full ÷ assessed; null when either is hidden or nobody was assessed. */
          shareFull: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type TrendView = z.infer<typeof trendView>;

export const formFile = z.string().describe('The XLSForm workbook (.xlsx)');

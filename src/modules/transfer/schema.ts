import { z } from 'zod';
import { CONSENT_PURPOSES, RECIPIENT_TYPES } from '../dataprotection/categories.ts';
import { EXPORT_FIELDS } from './export-fields.ts';
import { IMPORT_FIELDS } from './mapping.ts';
import { UploadedFile } from './upload.ts';

/** `{ "givenName": "First name", "phone": null }`: field → header; null leaves a field out. */
export const explicitMapping = z.partialRecord(
  z.enum(IMPORT_FIELDS),
  z.string().trim().min(1).max(200).nullable(),
);

const jsonText = z
  .string()
  .max(10_000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"givenName":"First name"}' });
      return z.NEVER;
    }
  });

export const importQuery = z.object({
  /** JSON of the explicit mapping; fields it does not name are recognised automatically. */
  mapping: jsonText.pipe(explicitMapping).optional(),
  /** The file's name, kept in the import record. */
  fileName: z.string().trim().min(1).max(200).optional(),
  /** XLSX: the sheet to read; default the first. */
  sheet: z.string().trim().min(1).max(100).optional(),
});
export type ImportQuery = z.infer<typeof importQuery>;

/**
 * The file: the raw bytes (text/csv or the XLSX media type; scripts with a token), or JSON with
 * the bytes in base64 (browser sessions, whose state changes must be JSON — see README.md).
 */
export const importBody = z.union([
  z
    .object({
      content: z
        .string()
        .min(1)
        .max(140 * 1024 * 1024),
    })
    .strict(),
  z
    .custom<UploadedFile>((v) => v instanceof UploadedFile, 'send the file')
    .meta({ type: 'string', format: 'binary' }),
]);

const problem = z.object({
  row: z.number().int().nullable(),
  column: z.object({ header: z.string(), letter: z.string() }).nullable(),
  field: z.enum(IMPORT_FIELDS).nullable(),
  message: z.string(),
});

export const importSummary = z.object({
  rows: z.number().int(),
  personsCreated: z.number().int(),
  personsUpdated: z.number().int(),
  personsUnchanged: z.number().int(),
  householdsCreated: z.number().int(),
  membersAdded: z.number().int(),
  statusesAdded: z.number().int(),
});

export const importReport = z.object({
  file: z.object({
    name: z.string(),
    format: z.enum(['csv', 'xlsx']).nullable(),
    sheet: z.string().nullable(),
    sha256: z.string(),
    kobo: z.boolean(),
    hxl: z.boolean(),
  }),
  mapping: z.object({
    fields: z.record(
      z.string(),
      z.object({
        header: z.string(),
        letter: z.string(),
        by: z.enum(['explicit', 'hxl', 'header']),
      }),
    ),
    ignored: z.array(z.object({ header: z.string(), letter: z.string() })),
  }),
  /** True when the file has no problem: a commit would write exactly `summary`. */
  valid: z.boolean(),
  /** Every problem, by row and column, up to 10,000; `problemCount` counts them all. */
  problems: z.array(problem),
  problemCount: z.number().int(),
  /** Counts of what the commit writes (dry run: would write). */
  summary: importSummary,
  /** When a file with the same SHA-256 was last imported here. */
  previousImportAt: z.string().nullable(),
});
export type ImportReport = z.infer<typeof importReport>;

const required = (what: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? `is required: ${what}` : undefined,
});

export const exportQuery = z.object({
  format: z.enum(['csv', 'xlsx', 'hxl-csv']).default('csv'),
  /** Comma-separated columns; default every column your role may take. */
  fields: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(EXPORT_FIELDS)).min(1).max(EXPORT_FIELDS.length))
    .optional(),
  purpose: z.string(required('say what the data is for')).trim().min(3).max(500),
  recipient: z.string(required('say who receives the data')).trim().min(2).max(200),
  legalBasis: z.string().trim().min(2).max(200).optional(),
  /** Who receives it; host authorities and law enforcement only through POST /transfer-requests. */
  recipientType: z.enum(RECIPIENT_TYPES).default('unspecified'),
  /** The purpose the persons' consent must cover (data-protection module); then it is checked. */
  consentPurpose: z.enum(CONSENT_PURPOSES).optional(),
  /** Export even the persons without that consent: the reason, sealed and audited. */
  consentOverride: z.string().trim().min(3).max(1000).optional(),
});
export type ExportQuery = z.infer<typeof exportQuery>;

export const exportFile = z
  .string()
  .describe('The file: CSV, HXL-tagged CSV or XLSX; the transfer id is in X-Transfer-Id');

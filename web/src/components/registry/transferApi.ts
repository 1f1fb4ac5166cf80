// Imports and exports of persons (src/modules/transfer): the file goes up as base64 JSON (the
// CSRF rule lets cookie sessions change state only with a JSON body); exports come back as a file.
import { client, dataOf } from '../../api/client';
import type { QueryOf, ResponseOf } from '../../api/types';

export type ImportReport = ResponseOf<'/api/v1/imports/dry-run', 'post'>;
export type ImportProblem = ImportReport['problems'][number];
export type ImportSummary = ImportReport['summary'];
export type ImportField = NonNullable<ImportProblem['field']>;
export type ExportQuery = QueryOf<'/api/v1/exports/persons', 'get'>;
export type ExportFormat = NonNullable<ExportQuery['format']>;

/** Every import field, in the order the server lists them (the type keeps the two in step). */
export const IMPORT_FIELDS = [
  'externalId',
  'givenName',
  'familyName',
  'middleName',
  'nativeGivenName',
  'nativeFamilyName',
  'nativeScript',
  'sex',
  'birthDate',
  'birthYear',
  'birthYearEstimated',
  'nationality',
  'languages',
  'specificNeeds',
  'phone',
  'householdExternalId',
  'relationship',
  'legalStatus',
  'legalStatusGrantedBy',
  'legalStatusFrom',
  'legalStatusTo',
  'sensitivity',
] as const satisfies readonly ImportField[];

// Fails to compile when the server gains an import field this list does not have.
type MissingField = Exclude<ImportField, (typeof IMPORT_FIELDS)[number]>;
const noMissingField: [MissingField] extends [never] ? true : MissingField = true;
void noMissingField;

/** The export columns (src/modules/transfer/export-fields.ts); `phone` needs persons.write. */
export const EXPORT_FIELDS = [
  'asylonId',
  ...IMPORT_FIELDS.filter((f) => f !== 'sensitivity'),
  'sensitivity',
  'registeredOn',
] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'hxl-csv'] as const satisfies readonly ExportFormat[];

/** field → header; null leaves out a field the server would otherwise recognise. */
export type ExplicitMapping = Partial<Record<ImportField, string | null>>;

export interface ImportInput {
  /** The file's bytes in base64. */
  content: string;
  fileName: string;
  sheet?: string;
  mapping?: ExplicitMapping;
}

function importQuery(input: ImportInput): NonNullable<QueryOf<'/api/v1/imports', 'post'>> {
  const query: NonNullable<QueryOf<'/api/v1/imports', 'post'>> = { fileName: input.fileName };
  if (input.sheet) query.sheet = input.sheet;
  if (input.mapping && Object.keys(input.mapping).length > 0)
    query.mapping = JSON.stringify(input.mapping);
  return query;
}

/** What a finished import job holds (`result` is untyped in the document). */
export interface ImportJobResult {
  committed: boolean;
  summary: ImportSummary;
  problemCount: number;
  problems: ImportProblem[];
}

type JobView = ResponseOf<'/api/v1/jobs/{id}', 'get'>;

export function importJobResult(job: JobView): ImportJobResult | null {
  const r = job.result;
  if (!r || typeof r.committed !== 'boolean' || typeof r.summary !== 'object') return null;
  return {
    committed: r.committed,
    summary: r.summary as ImportSummary,
    problemCount: typeof r.problemCount === 'number' ? r.problemCount : 0,
    problems: Array.isArray(r.problems) ? (r.problems as ImportProblem[]) : [],
  };
}

export const transferApi = {
  /** Checks the file without writing: the mapping, every problem and what a commit would do. */
  dryRun: (input: ImportInput) =>
    dataOf(
      client.POST('/api/v1/imports/dry-run', {
        params: { query: importQuery(input) },
        body: { content: input.content },
      }),
    ),
  /** Starts the all-or-nothing import as a job; poll `jobsApi.get`. */
  commit: (input: ImportInput) =>
    dataOf(
      client.POST('/api/v1/imports', {
        params: { query: importQuery(input) },
        body: { content: input.content },
      }),
    ),
  /** The export file, as the server made it (a transfer record is kept for it). */
  exportPersons: async (query: ExportQuery): Promise<Blob> => {
    const { data } = await client.GET('/api/v1/exports/persons', {
      params: { query },
      parseAs: 'blob',
      headers: {
        Accept:
          query.format === 'xlsx'
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'text/csv',
      },
    });
    return data as unknown as Blob;
  },
};

/** A file's bytes in base64, as the import endpoints take them from a browser. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('cannot read the file'));
    reader.readAsDataURL(file);
  });
}

/** Offers a file the server made as a download. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Spreadsheet column letters in order: B before AA. */
export function compareLetters(a: string, b: string): number {
  return a.length - b.length || a.localeCompare(b);
}

/**
 * KoboToolbox (XLSForm) data exports. Kobo names a column after the question's path through its
 * groups, `household/head/given_name` (separator "/", Kobo's default), and adds system columns
 * (`_id`, `_uuid`, `_submission_time`, `_index`, `_parent_index`, `_validation_status`,
 * `meta/instanceID`, `formhub/uuid`, …).
 *
 * select_multiple questions: Kobo writes the answer as space-separated choice names in the
 * question's own column (`needs` = "food shelter") and, when asked to split them, adds one column
 * per choice (`needs/food`, `needs/shelter`) holding 1/0 (older exports: True/False). We keep the
 * question's own column as the answer, flag each split column with `choiceOf` (the question's
 * header) so a mapper can skip it, and read its values as "1", "0" or "" (not asked).
 */

export interface XlsformColumn {
  /** Group path and name: `household/head/given_name` → ["household", "head", "given_name"]. */
  path: string[];
  /** The question name, the last path segment: "given_name". */
  name: string;
  /** A Kobo system column (describes the submission, not an answer). */
  meta: boolean;
}

/** Groups that hold only system fields. */
const SYSTEM_GROUPS = new Set(['meta', 'formhub']);

/**
 * Columns that only a Kobo export has. `_id` alone is not enough (many databases export one).
 * Metadata questions (start, end, today, deviceid, username…) are ordinary form questions whose
 * names the form author chooses, so they are not treated as system columns.
 */
const KOBO_MARKERS = new Set([
  '_uuid',
  '_submission_time',
  '_submission__uuid',
  '_parent_index',
  'meta/instanceID',
  'formhub/uuid',
]);

export function xlsformColumn(header: string): XlsformColumn {
  const path = header
    .split('/')
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '');
  const name = path[path.length - 1] ?? '';
  const meta =
    (path.length === 1 && name.startsWith('_')) || (path.length > 1 && SYSTEM_GROUPS.has(path[0]!));
  return { path, name, meta };
}

/** Whether these headers are those of a Kobo data export (main sheet or repeat sheet). */
export function isKoboExport(headers: readonly string[]): boolean {
  return headers.some((header) => KOBO_MARKERS.has(header));
}

/**
 * The split select_multiple columns: header `question/choice` where `question` is itself a
 * column. Returns column index → the question's header.
 */
export function selectMultipleChoices(headers: readonly string[]): Map<number, string> {
  const present = new Set(headers);
  const choices = new Map<number, string>();
  headers.forEach((header, index) => {
    const slash = header.lastIndexOf('/');
    const question = header.slice(0, slash);
    if (slash > 0 && present.has(question)) choices.set(index, question);
  });
  return choices;
}

const CHOSEN = new Set(['1', 'true']);
const NOT_CHOSEN = new Set(['0', 'false']);

/** A split select_multiple cell as "1", "0" or "" (not asked); anything else is left as it is. */
export function choiceFlag(value: string): string {
  const lower = value.toLowerCase();
  if (CHOSEN.has(lower)) return '1';
  if (NOT_CHOSEN.has(lower)) return '0';
  return value;
}

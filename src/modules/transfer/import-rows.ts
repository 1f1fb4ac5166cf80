/**
 * One file row → a person to create or update, their household membership and a legal status,
 * or the problems that stop it. The registry's own zod schemas (personCreateBody,
 * legalStatusBody) decide what is valid, so an import obeys the same rules as the API. Pure.
 */
import type { z } from 'zod';
import {
  LEGAL_STATUSES,
  legalStatusBody,
  personCreateBody,
  type LegalStatusInput,
  type PersonCreate,
} from '../registry/schema.ts';
import type { ImportField, Problem, ResolvedMapping } from './mapping.ts';
import {
  dateText,
  detectScript,
  grantedBy,
  parseBoolean,
  parseRelationship,
  parseSex,
  splitList,
  statusCode,
  type Relationship,
} from './values.ts';

export interface ImportRecord {
  row: number;
  externalId: string;
  person: PersonCreate;
  /** Whether the row gave a sensitivity (otherwise an existing record keeps its own). */
  sensitivityGiven: boolean;
  household: { externalId: string; relationship: Relationship } | null;
  status: LegalStatusInput | null;
}

type Values = Record<string, string>;

/** Reads one row's problems and record; the record is null when there is any problem. */
export function readRecord(
  row: number,
  values: Values,
  mapping: ResolvedMapping,
): { record: ImportRecord | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const get = (f: ImportField) => {
    const c = mapping.fields[f];
    return c ? unneutralise(values[c.header] ?? '') : '';
  };
  const reported = new Set<ImportField>();
  // One problem per field and row: the first one found is the one to fix.
  const problem = (field: ImportField, message: string) => {
    if (reported.has(field)) return;
    reported.add(field);
    const c = mapping.fields[field];
    problems.push({
      row,
      column: c ? { header: c.header, letter: c.letter } : null,
      field,
      message,
    });
  };

  const externalId = get('externalId');
  if (externalId === '')
    problem(
      'externalId',
      'is required: it lets a second run update the record instead of adding it',
    );
  const { input, nameFields } = personInput(get, problem);
  const parsed = personCreateBody.safeParse(input);
  if (!parsed.success)
    reportIssues(parsed.error, (path) => personField(path, nameFields), get, problem);
  const household = householdOf(get, problem);
  const status = statusOf(get, problem);
  if (problems.length || !parsed.success) return { record: null, problems };
  return {
    record: {
      row,
      externalId,
      person: parsed.data,
      sensitivityGiven: get('sensitivity') !== '',
      household,
      status,
    },
    problems,
  };
}

/**
 * Exports (ours and others') put an apostrophe before a value starting with = + - or @ so that
 * spreadsheets show it as text; on the way back in, the apostrophe goes.
 */
export function unneutralise(value: string): string {
  return /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

type Get = (f: ImportField) => string;
type Report = (field: ImportField, message: string) => void;

/** The API's person body, built from the row; `nameFields` says which columns made names[i]. */
function personInput(get: Get, problem: Report) {
  const names: Record<string, string>[] = [];
  const nameFields: ('primary' | 'native')[] = [];
  const primary = { given: get('givenName'), family: get('familyName'), middle: get('middleName') };
  if (primary.given || primary.family || primary.middle) {
    names.push({ ...present(primary), script: detectScript(Object.values(primary).join('')) });
    nameFields.push('primary');
  }
  const native = { given: get('nativeGivenName'), family: get('nativeFamilyName') };
  if (native.given || native.family) {
    const script = get('nativeScript') || detectScript(native.given + native.family);
    names.push({ ...present(native), script, use: 'original' });
    nameFields.push('native');
  }
  if (!names.length) problem('givenName', 'a given or a family name is required');

  const input: Record<string, unknown> = { names, externalId: get('externalId') || undefined };
  const sex = get('sex');
  if (sex === '') problem('sex', 'is required (F, M, X or unknown)');
  else if (parseSex(sex) === null)
    problem('sex', 'is not one we recognise: write F, M, X or unknown (or female, male…)');
  else input.sex = parseSex(sex);

  const birthDate = dateText(get('birthDate'));
  const birthYear = get('birthYear');
  if (birthDate) input.birthDate = birthDate;
  if (birthYear && !/^\d{4}$/.test(birthYear)) problem('birthYear', 'must be a year such as 1985');
  else if (birthYear && birthDate && !birthDate.startsWith(birthYear))
    problem('birthYear', 'does not match the year of birthDate');
  else if (birthYear && !birthDate) input.birthYear = Number(birthYear);
  const estimated = get('birthYearEstimated');
  if (estimated && parseBoolean(estimated) === null)
    problem('birthYearEstimated', 'must be yes or no (true/false, 1/0)');
  else if (estimated) input.birthYearEstimated = parseBoolean(estimated);

  input.nationalities = splitList(get('nationality')).map((n) =>
    n.toLowerCase() === 'stateless' ? 'stateless' : n.toUpperCase(),
  );
  input.languages = splitList(get('languages')).map((l) => l.toLowerCase());
  input.specificNeeds = splitList(get('specificNeeds')).map((code) => {
    const upper = code.toUpperCase();
    const sub = /^([A-Z]{2})-[A-Z0-9]{1,4}$/.exec(upper);
    return sub ? { code: sub[1], subCode: upper } : { code: upper };
  });
  if (get('phone')) input.contact = { phone: get('phone') };
  const sensitivity = get('sensitivity').toLowerCase();
  if (sensitivity === 'restricted')
    problem('sensitivity', 'an import cannot restrict a record: restrict it in the record itself');
  else if (sensitivity) input.sensitivity = sensitivity;
  return { input, nameFields };
}

function present(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ''));
}

/** The import field behind a path of personCreateBody. */
function personField(path: PropertyKey[], nameFields: ('primary' | 'native')[]): ImportField {
  const [head, index, part] = path;
  if (head === 'names') {
    const native = nameFields[Number(index)] === 'native';
    if (part === 'script') return native ? 'nativeScript' : 'givenName';
    if (part === 'family') return native ? 'nativeFamilyName' : 'familyName';
    if (part === 'middle') return 'middleName';
    return native ? 'nativeGivenName' : 'givenName';
  }
  const fields: Record<string, ImportField> = {
    sex: 'sex',
    birthDate: 'birthDate',
    birthYear: 'birthYear',
    birthYearEstimated: 'birthYearEstimated',
    nationalities: 'nationality',
    languages: 'languages',
    specificNeeds: 'specificNeeds',
    contact: 'phone',
    sensitivity: 'sensitivity',
  };
  return fields[String(head)] ?? 'externalId';
}

/** Zod's issues as field-named messages without the value (it may be personal data). */
function reportIssues(
  error: z.ZodError,
  fieldOf: (path: PropertyKey[]) => ImportField,
  get: Get,
  problem: Report,
) {
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    problem(field, get(field) === '' ? 'is required' : messageOf(issue, field));
  }
}

export function messageOf(issue: z.core.$ZodIssue, field: ImportField): string {
  if (field === 'legalStatus')
    return `must be one of: ${LEGAL_STATUSES.join(', ')}, or a national status starting with x_`;
  switch (issue.code) {
    case 'invalid_union':
      return 'is too long (at most 200 characters)';
    case 'invalid_value':
      return `must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'date' ? 'must be a date written YYYY-MM-DD' : issue.message;
    case 'too_big':
      return issue.origin === 'string'
        ? `is too long (at most ${String(issue.maximum)} characters)`
        : issue.origin === 'array'
          ? `has too many entries (at most ${String(issue.maximum)})`
          : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? 'is required'
        : `must be at least ${String(issue.minimum)}`;
    default:
      return issue.message;
  }
}

function householdOf(get: Get, problem: Report): ImportRecord['household'] {
  const externalId = get('householdExternalId');
  const typed = get('relationship');
  const relationship = typed ? parseRelationship(typed) : null;
  if (typed && !relationship)
    problem(
      'relationship',
      'must be one of: focal_point, spouse, child, parent, sibling, grandchild, grandparent, other_relative, non_relative',
    );
  if (!externalId) {
    if (typed) problem('householdExternalId', 'is required when a relationship is given');
    return null;
  }
  if (externalId.length > 100)
    problem('householdExternalId', 'is too long (at most 100 characters)');
  if (!typed)
    problem(
      'relationship',
      'is required for a member of a household (focal_point for one of them)',
    );
  return relationship ? { externalId, relationship } : null;
}

const STATUS_FIELDS: Record<string, ImportField> = {
  status: 'legalStatus',
  grantedBy: 'legalStatusGrantedBy',
  from: 'legalStatusFrom',
  to: 'legalStatusTo',
};

function statusOf(get: Get, problem: Report): LegalStatusInput | null {
  const raw = {
    status: get('legalStatus'),
    grantedBy: get('legalStatusGrantedBy'),
    from: dateText(get('legalStatusFrom')),
    to: dateText(get('legalStatusTo')),
  };
  if (!Object.values(raw).some((v) => v !== '')) return null;
  const parsed = legalStatusBody.safeParse({
    status: raw.status ? statusCode(raw.status) : undefined,
    grantedBy: raw.grantedBy ? grantedBy(raw.grantedBy) : undefined,
    from: raw.from || undefined,
    to: raw.to || undefined,
  });
  if (parsed.success) return parsed.data;
  reportIssues(
    parsed.error,
    (path) => STATUS_FIELDS[String(path[0])] ?? 'legalStatus',
    get,
    problem,
  );
  return null;
}

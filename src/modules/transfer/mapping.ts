/**
 * Which column of an import file holds which field. Pure: decides from the columns' headers,
 * their HXL hashtags and an explicit mapping; reads no rows. The same names are the export's
 * column headers, so an export imports back without a mapping. README.md lists the synonyms
 * and hashtags.
 */
import type { ColumnInfo } from '../../platform/tabular/index.ts';
import { hxlMatches } from '../../platform/tabular/index.ts';

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
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** What the user says: field → header (null: do not import this field even if recognised). */
export type ExplicitMapping = Partial<Record<ImportField, string | null>>;

export interface MappedColumn {
  header: string;
  letter: string;
  by: 'explicit' | 'hxl' | 'header';
}

export interface ResolvedMapping {
  fields: Partial<Record<ImportField, MappedColumn>>;
  /** Columns that feed no field (Kobo system columns included), for the user to check. */
  ignored: { header: string; letter: string }[];
}

/** One thing wrong, where a spreadsheet user can find it; never quotes a cell's value. */
export interface Problem {
  /** Row number as the spreadsheet shows it; null for the file or the mapping as a whole. */
  row: number | null;
  column: { header: string; letter: string } | null;
  field: ImportField | null;
  message: string;
}

/**
 * The hashtags each field is recognised by, as libhxl patterns (attributes in any order, the
 * column may carry more). Fields are tried most specific pattern first, so `#date+birth+year`
 * goes to birthYear before birthDate's `#date+birth` can take it.
 */
export const HXL_TAGS: Record<ImportField, string[]> = {
  externalId: ['#beneficiary+id', '#x_person+id'],
  givenName: ['#beneficiary+name+given'],
  familyName: ['#beneficiary+name+family'],
  middleName: ['#beneficiary+name+middle'],
  nativeGivenName: ['#beneficiary+name+given+native'],
  nativeFamilyName: ['#beneficiary+name+family+native'],
  nativeScript: ['#x_script+native'],
  sex: ['#x_sex', '#sex'],
  birthDate: ['#date+birth'],
  birthYear: ['#date+birth+year'],
  birthYearEstimated: ['#x_birth+estimated'],
  nationality: ['#country+code+nationality'],
  languages: ['#x_language+code'],
  specificNeeds: ['#x_specific_needs+code'],
  phone: ['#contact+phone'],
  householdExternalId: ['#x_household+id'],
  relationship: ['#x_relationship'],
  legalStatus: ['#x_legal_status+code'],
  legalStatusGrantedBy: ['#x_legal_status+granted_by'],
  legalStatusFrom: ['#x_legal_status+start', '#date+legal_status+start'],
  legalStatusTo: ['#x_legal_status+end', '#date+legal_status+end'],
  sensitivity: ['#x_sensitivity'],
};

/** Header synonyms, compared after `normaliseHeader` (lowercase letters and digits only). */
const SYNONYMS: Record<ImportField, string[]> = {
  externalId: [
    'externalid',
    'personid',
    'individualid',
    'registrationid',
    'referenceid',
    'refid',
    'progresid',
    'id',
  ],
  givenName: ['givenname', 'firstname', 'given', 'forename', 'prenom', 'nombre'],
  familyName: ['familyname', 'lastname', 'surname', 'family', 'nom', 'apellido', 'apellidos'],
  middleName: ['middlename', 'fathername', 'fathersname', 'middle'],
  nativeGivenName: ['nativegivenname', 'givennamenative', 'givennameoriginal', 'givennamelocal'],
  nativeFamilyName: [
    'nativefamilyname',
    'familynamenative',
    'familynameoriginal',
    'familynamelocal',
  ],
  nativeScript: ['nativescript', 'script', 'namescript'],
  sex: ['sex', 'gender', 'sexe', 'sexo'],
  birthDate: ['birthdate', 'dateofbirth', 'dob', 'datenaissance', 'datedenaissance'],
  birthYear: ['birthyear', 'yearofbirth', 'yob', 'anneedenaissance'],
  birthYearEstimated: ['birthyearestimated', 'birthdateestimated', 'dobestimated', 'estimated'],
  nationality: ['nationality', 'nationalities', 'citizenship', 'nationalite'],
  languages: ['languages', 'language', 'langues', 'langue'],
  specificNeeds: ['specificneeds', 'specificneedscodes', 'specificneedcodes', 'sncodes'],
  phone: ['phone', 'phonenumber', 'telephone', 'mobile', 'mobilenumber', 'tel'],
  householdExternalId: [
    'householdexternalid',
    'householdid',
    'hhid',
    'household',
    'familyid',
    'groupid',
  ],
  relationship: [
    'relationship',
    'relationshiptofocalpoint',
    'relationshiptohead',
    'relationtohead',
    'relation',
  ],
  legalStatus: ['legalstatus', 'protectionstatus'],
  legalStatusGrantedBy: ['legalstatusgrantedby', 'statusgrantedby', 'grantedby'],
  legalStatusFrom: ['legalstatusfrom', 'statusfrom', 'legalstatusdate', 'legalstatussince'],
  legalStatusTo: ['legalstatusto', 'statusto', 'legalstatusuntil', 'statusuntil'],
  sensitivity: ['sensitivity'],
};

/** "Date of birth", "date_of_birth", "DateOfBirth", "Prénom" → "dateofbirth", "prenom". */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const columnRef = (c: ColumnInfo) => ({ header: c.header, letter: c.letter });

/** How many attributes a pattern names: more is more specific. */
const specificity = (pattern: string) => pattern.split('+').length;

function byHxl(columns: ColumnInfo[], field: ImportField, free: (c: ColumnInfo) => boolean) {
  for (const pattern of HXL_TAGS[field]) {
    const hits = columns.filter((c) => free(c) && c.hxl && hxlMatches(c.hxl, pattern));
    // The closest fit: the column with the fewest attributes beyond the pattern's.
    hits.sort((a, b) => a.hxl!.attributes.length - b.hxl!.attributes.length);
    if (hits[0]) return hits[0];
  }
  return undefined;
}

function mappingProblem(field: ImportField | null, message: string): Problem {
  return { row: null, column: null, field, message };
}

/**
 * Resolves the mapping: explicit entries first, then HXL hashtags, then header synonyms (a Kobo
 * column by its question name). Kobo system columns and split select_multiple columns are never
 * taken automatically; a Kobo export without an id column uses the submission's `_uuid`.
 */
export function resolveMapping(
  columns: ColumnInfo[],
  explicit: ExplicitMapping = {},
  options: { kobo?: boolean } = {},
): { mapping: ResolvedMapping; problems: Problem[] } {
  const fields: ResolvedMapping['fields'] = {};
  const problems: Problem[] = [];
  const used = new Set<number>();
  const take = (field: ImportField, c: ColumnInfo, by: MappedColumn['by']) => {
    fields[field] = { ...columnRef(c), by };
    used.add(c.index);
  };

  for (const field of IMPORT_FIELDS) {
    const header = explicit[field];
    if (header === undefined || header === null) continue;
    const c =
      columns.find((x) => x.header === header) ??
      columns.find((x) => normaliseHeader(x.header) === normaliseHeader(header));
    if (!c) problems.push(mappingProblem(field, `there is no column "${header}" in the file`));
    else if (used.has(c.index))
      problems.push(mappingProblem(field, `column ${c.letter} is already mapped to another field`));
    else take(field, c, 'explicit');
  }
  const open = (f: ImportField) => !(f in explicit) && !fields[f];
  const free = (c: ColumnInfo) => !used.has(c.index) && !c.meta && c.choiceOf === undefined;

  const byTag = IMPORT_FIELDS.filter(open).sort(
    (a, b) => Math.max(...HXL_TAGS[b].map(specificity)) - Math.max(...HXL_TAGS[a].map(specificity)),
  );
  for (const field of byTag) {
    const c = byHxl(columns, field, free);
    if (c) take(field, c, 'hxl');
  }
  for (const field of IMPORT_FIELDS.filter(open)) {
    for (const synonym of SYNONYMS[field]) {
      const c = columns.find((x) => free(x) && normaliseHeader(x.key) === synonym);
      if (c) {
        take(field, c, 'header');
        break;
      }
    }
  }
  const uuid = columns.find((c) => c.header === '_uuid' && !used.has(c.index));
  if (options.kobo && open('externalId') && uuid) take('externalId', uuid, 'header');

  problems.push(...missingFields(fields));
  const ignored = columns.filter((c) => !used.has(c.index)).map(columnRef);
  return { mapping: { fields, ignored }, problems };
}

function missingFields(fields: ResolvedMapping['fields']): Problem[] {
  const problems: Problem[] = [];
  if (!fields.externalId)
    problems.push(
      mappingProblem(
        'externalId',
        'no column holds an external id. Map one: it lets a second run of the file update the records instead of duplicating them',
      ),
    );
  if (!fields.sex) problems.push(mappingProblem('sex', 'no column holds the sex. Map one'));
  const names = ['givenName', 'familyName', 'nativeGivenName', 'nativeFamilyName'] as const;
  if (!names.some((f) => fields[f]))
    problems.push(mappingProblem('givenName', 'no column holds a given or a family name'));
  const statusParts = ['legalStatusGrantedBy', 'legalStatusFrom', 'legalStatusTo'] as const;
  if (!fields.legalStatus && statusParts.some((f) => fields[f]))
    problems.push(mappingProblem('legalStatus', 'legal-status columns need a legalStatus column'));
  if (!fields.householdExternalId && fields.relationship)
    problems.push(
      mappingProblem('householdExternalId', 'a relationship column needs a household id column'),
    );
  return problems;
}

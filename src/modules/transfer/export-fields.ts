/**
 * What an export may contain: the column catalogue, who may take which column, and one person
 * row as spreadsheet cells. The columns carry the import's field names (and hashtags), so an
 * export imports back without a mapping. Identity-document numbers are not in the catalogue at
 * all; contact details only go to roles that work with the person (persons.write). Pure.
 */
import type { Actor } from '../../platform/access/actor.ts';
import type { WriteColumn, WriteRow } from '../../platform/tabular/index.ts';
import { HXL_TAGS, type ImportField } from './mapping.ts';

export const EXPORT_FIELDS = [
  'asylonId',
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
  'registeredOn',
] as const;
export type ExportField = (typeof EXPORT_FIELDS)[number];

/** Columns that need more than persons.read. */
const NEEDS_WRITE: ReadonlySet<ExportField> = new Set(['phone']);

export function mayExport(actor: Actor, field: ExportField): boolean {
  if (!actor.abilities.has('persons.read')) return false;
  return !NEEDS_WRITE.has(field) || actor.abilities.has('persons.write');
}

/** The fields an actor gets when they name none. */
export function defaultFields(actor: Actor): ExportField[] {
  return EXPORT_FIELDS.filter((f) => mayExport(actor, f));
}

const EXTRA_HXL: Partial<Record<ExportField, string>> = {
  asylonId: '#x_person+asylon_id',
  registeredOn: '#date+registered',
};

export function exportColumns(fields: readonly ExportField[]): WriteColumn[] {
  return fields.map((f) => ({
    header: f,
    hxl: EXTRA_HXL[f] ?? HXL_TAGS[f as ImportField][0],
  }));
}

/** The columns of a person row an export reads (see repository.exportPage). */
export interface ExportSource {
  id: string;
  external_id: string | null;
  names: unknown;
  sex: string;
  birth_date: string | null;
  birth_year: number | null;
  birth_year_estimated: boolean;
  nationalities: string[];
  languages: string[];
  specific_needs: unknown;
  phone: string | null;
  sensitivity: string;
  registered_on: string;
  household_external_id: string | null;
  relationship: string | null;
  status: string | null;
  granted_by: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

interface Name {
  given?: string;
  family?: string;
  middle?: string;
  script?: string;
  use?: string;
}

/** All cells of one person; writeTable writes only the chosen columns. */
export function exportRow(r: ExportSource): WriteRow {
  const names = (r.names as Name[]) ?? [];
  const primary = names.find((n) => n.use === 'primary') ?? names[0];
  const native = names.find((n) => n.use === 'original' && n !== primary);
  const needs = (r.specific_needs as { code: string; subCode?: string }[]) ?? [];
  return {
    asylonId: r.id,
    externalId: r.external_id,
    givenName: primary?.given,
    familyName: primary?.family,
    middleName: primary?.middle,
    nativeGivenName: native?.given,
    nativeFamilyName: native?.family,
    nativeScript: native?.script,
    sex: r.sex,
    birthDate: r.birth_date,
    birthYear: r.birth_date ? null : r.birth_year,
    birthYearEstimated: r.birth_year_estimated ? 'true' : 'false',
    nationality: r.nationalities.join(' '),
    languages: r.languages.join(' '),
    specificNeeds: needs.map((n) => n.subCode ?? n.code).join(' '),
    phone: r.phone,
    householdExternalId: r.household_external_id,
    relationship: r.relationship,
    legalStatus: r.status,
    legalStatusGrantedBy: r.granted_by,
    legalStatusFrom: r.valid_from,
    legalStatusTo: r.valid_to,
    sensitivity: r.sensitivity,
    registeredOn: r.registered_on,
  };
}

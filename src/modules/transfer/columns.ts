/**
 * Import records as the column arrays the repository's batch statements take, with the name
 * keys search and duplicate detection need (registry/names.ts). Pure.
 */
import { encodePartKeys, matchKeys, partKeys, searchText } from '../registry/names.ts';
import type { ImportRecord } from './import-rows.ts';
import type { PersonColumns, StatusColumns } from './repository.ts';

export interface Planned {
  id: string;
  record: ImportRecord;
}

export function personColumns(items: Planned[], create: boolean): PersonColumns {
  const c: PersonColumns = {
    id: [],
    external_id: [],
    names: [],
    name_keys: [],
    name_text: [],
    name_parts: [],
    sex: [],
    birth_date: [],
    birth_year: [],
    birth_year_estimated: [],
    nationalities: [],
    languages: [],
    specific_needs: [],
    contact: [],
    sensitivity: [],
  };
  for (const { id, record } of items) {
    const p = record.person;
    c.id.push(id);
    c.external_id.push(record.externalId);
    c.names.push(JSON.stringify(p.names));
    c.name_keys.push(matchKeys(p.names).join(' '));
    c.name_text.push(searchText(p.names));
    c.name_parts.push(encodePartKeys(partKeys(p.names)));
    c.sex.push(p.sex);
    c.birth_date.push(p.birthDate ?? null);
    c.birth_year.push(p.birthDate ? Number(p.birthDate.slice(0, 4)) : (p.birthYear ?? null));
    c.birth_year_estimated.push(p.birthYearEstimated);
    c.nationalities.push(p.nationalities.join(' '));
    c.languages.push(p.languages.join(' '));
    c.specific_needs.push(JSON.stringify(p.specificNeeds));
    c.contact.push(p.contact ? JSON.stringify(p.contact) : null);
    c.sensitivity.push(create || record.sensitivityGiven ? p.sensitivity : null);
  }
  return c;
}

export function statusColumns(items: { personId: string; record: ImportRecord }[]): StatusColumns {
  const s: StatusColumns = {
    person_id: [],
    status: [],
    granted_by: [],
    valid_from: [],
    valid_to: [],
  };
  for (const { personId, record } of items) {
    s.person_id.push(personId);
    s.status.push(record.status!.status);
    s.granted_by.push(record.status!.grantedBy);
    s.valid_from.push(record.status!.from);
    s.valid_to.push(record.status!.to ?? null);
  }
  return s;
}

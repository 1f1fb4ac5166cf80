import type { LegalStatusRow, PersonRow, SearchRow } from './repository.ts';
import type { LegalStatusView, PersonView, SearchHit } from './schema.ts';

export function presentPerson(r: PersonRow): PersonView {
  return {
    id: r.id,
    names: r.names as PersonView['names'],
    sex: r.sex as PersonView['sex'],
    birthDate: r.birth_date,
    birthYear: r.birth_year,
    birthYearEstimated: r.birth_year_estimated,
    nationalities: r.nationalities,
    languages: r.languages,
    specificNeeds: r.specific_needs as PersonView['specificNeeds'],
    contact: r.contact ?? null,
    registeringAgencyId: r.registering_agency_id,
    registeredOn: r.registered_on,
    sensitivity: r.sensitivity as PersonView['sensitivity'],
    externalId: r.external_id,
    mergedInto: r.merged_into,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

export function presentHit(r: SearchRow): SearchHit {
  return {
    id: r.id,
    score: r.score,
    names: r.names as SearchHit['names'],
    sex: r.sex as SearchHit['sex'],
    birthYear: r.birth_year,
    nationalities: r.nationalities,
  };
}

export function presentLegalStatus(r: LegalStatusRow): LegalStatusView {
  return {
    id: r.id,
    status: r.status,
    grantedBy: r.granted_by,
    basis: r.basis,
    document: r.document,
    from: r.valid_from,
    to: r.valid_to,
    recordedAt: r.recorded_at.toISOString(),
    recordedBy: r.recorded_by,
  };
}

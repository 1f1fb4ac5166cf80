import type { ShareField, Snapshot } from './schema.ts';

/** The person's fields a referral can draw from (as the registry stores them). */
export interface PersonSource {
  names: unknown;
  sex: string;
  birth_year: number | null;
  nationalities: string[];
  languages: string[];
  specific_needs: unknown;
  contact: unknown;
}

export interface LegalStatusSource {
  status: string;
  grantedBy: string;
  from: string;
  to: string | null;
}

/** The status in force on `day`: the latest that started by then and has not ended. */
export function statusOn(
  statuses: readonly LegalStatusSource[],
  day: string,
): Snapshot['legalStatus'] {
  const current = statuses.filter((s) => s.from <= day && (s.to === null || s.to >= day)).at(-1);
  return current
    ? { status: current.status, grantedBy: current.grantedBy, from: current.from }
    : null;
}

/**
 * Exactly the chosen fields, copied at referral time; a field not chosen is not a key of the
 * result, so it cannot reach the partner by any path.
 */
export function buildSnapshot(
  fields: readonly ShareField[],
  person: PersonSource,
  extra: { legalStatus: Snapshot['legalStatus']; summary: string | undefined },
): Snapshot {
  const s: Snapshot = {};
  for (const f of fields) {
    switch (f) {
      case 'names':
        s.names = person.names as Snapshot['names'];
        break;
      case 'sex':
        s.sex = person.sex;
        break;
      case 'birthYear':
        s.birthYear = person.birth_year;
        break;
      case 'nationalities':
        s.nationalities = [...person.nationalities];
        break;
      case 'languages':
        s.languages = [...person.languages];
        break;
      case 'specificNeeds':
        s.specificNeeds = person.specific_needs as Snapshot['specificNeeds'];
        break;
      case 'contact':
        s.contact = (person.contact as Snapshot['contact']) ?? null;
        break;
      case 'legalStatus':
        s.legalStatus = extra.legalStatus;
        break;
      case 'summary':
        s.summary = extra.summary ?? '';
        break;
    }
  }
  return structuredClone(s);
}

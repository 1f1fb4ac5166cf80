// What the incident form holds, and the request bodies made from it (pure).
import type {
  Act,
  ConsentDecision,
  ConsentGiver,
  ConsentRequest,
  ConsentView,
  DatePrecision,
  Degree,
  Incident,
  IncidentPatch,
  IncidentRequest,
  IncidentSensitivity,
  InvolvementRole,
  PerpetratorType,
  PlacePrecision,
  Subject,
} from './api';

export interface InvolvementDraft {
  /** A key for React only; never sent. */
  key: string;
  role: InvolvementRole;
  subject: Subject;
  personId: string;
  label: string;
  perpetratorType: PerpetratorType | '';
  degree: Degree | '';
}

/** Consent to use or to share; decision '' means "not asked yet" (sent as null). */
export interface ConsentDraft {
  decision: ConsentDecision | '';
  givenBy: ConsentGiver;
  on: string;
  scope: string;
}

export interface IncidentDraft {
  acts: Act[];
  actOther: string;
  description: string;
  from: string;
  to: string;
  datePrecision: DatePrecision;
  siteId: string;
  place: string;
  placePrecision: PlacePrecision;
  involvements: InvolvementDraft[];
  articles: string[];
  sensitivity: IncidentSensitivity;
  consentToUse: ConsentDraft;
  consentToShare: ConsentDraft;
}

let nextKey = 0;
export const newKey = (): string => `involvement-${++nextKey}`;

export function emptyInvolvement(role: InvolvementRole = 'victim_survivor'): InvolvementDraft {
  return {
    key: newKey(),
    role,
    subject: 'person',
    personId: '',
    label: '',
    perpetratorType: '',
    degree: '',
  };
}

function consentDraft(c: ConsentView | null): ConsentDraft {
  return c
    ? { decision: c.decision, givenBy: c.givenBy, on: c.on, scope: c.scope ?? '' }
    : { decision: '', givenBy: 'person', on: '', scope: '' };
}

/** A new incident; with a person, they are its first victim or survivor. */
export function emptyDraft(personId?: string): IncidentDraft {
  return {
    acts: [],
    actOther: '',
    description: '',
    from: '',
    to: '',
    datePrecision: 'day',
    siteId: '',
    place: '',
    placePrecision: 'exact',
    involvements: personId ? [{ ...emptyInvolvement(), personId }] : [],
    articles: [],
    sensitivity: 'normal',
    consentToUse: consentDraft(null),
    consentToShare: consentDraft(null),
  };
}

export function draftOf(i: Incident): IncidentDraft {
  return {
    acts: [...i.acts],
    actOther: i.actOther ?? '',
    description: i.description,
    from: i.when.from,
    to: i.when.to ?? '',
    datePrecision: i.when.precision,
    siteId: i.where.siteId ?? '',
    place: i.where.place ?? '',
    placePrecision: i.where.precision,
    involvements: i.involvements.map((v) => ({
      key: newKey(),
      role: v.role,
      subject: v.subject,
      personId: v.personId ?? '',
      label: v.label ?? '',
      perpetratorType: v.perpetratorType ?? '',
      degree: v.degree ?? '',
    })),
    articles: [...i.articles],
    sensitivity: i.sensitivity,
    consentToUse: consentDraft(i.consentToUse),
    consentToShare: consentDraft(i.consentToShare),
  };
}

const part = (value: string) => value.trim() || undefined;

function consentBody(c: ConsentDraft): ConsentRequest | null {
  if (c.decision === '') return null;
  return { decision: c.decision, givenBy: c.givenBy, on: c.on, scope: part(c.scope) };
}

/** The whole incident as a request body; the server names whatever is wrong. */
export function bodyOf(d: IncidentDraft): IncidentRequest {
  return {
    acts: d.acts,
    actOther: d.acts.includes('other') ? part(d.actOther) : undefined,
    description: d.description.trim(),
    when: { from: d.from, to: d.to || undefined, precision: d.datePrecision },
    where: { siteId: d.siteId || undefined, place: part(d.place), precision: d.placePrecision },
    involvements: d.involvements.map((v) => {
      const perpetrator = v.role === 'alleged_perpetrator';
      return {
        role: v.role,
        subject: v.subject,
        personId: v.subject === 'person' ? v.personId || undefined : undefined,
        label: v.subject === 'person' ? undefined : part(v.label),
        perpetratorType: perpetrator ? v.perpetratorType || undefined : undefined,
        degree: perpetrator ? v.degree || undefined : undefined,
      };
    }),
    articles: d.articles,
    sensitivity: d.sensitivity,
    consentToUse: consentBody(d.consentToUse),
    consentToShare: consentBody(d.consentToShare),
  };
}

/** Only what the user changed, compared with the incident as read (lists are sent whole). */
export function changesOf(d: IncidentDraft, incident: Incident): IncidentPatch {
  const next = bodyOf(d);
  const before = bodyOf(draftOf(incident));
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof IncidentRequest)[])
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) body[key] = next[key] ?? null;
  return body;
}

import type { RequestContext } from '../../platform/access/actor.ts';
import { openSecret, sealSecret } from '../../platform/crypto/secret-box.ts';
import type { Platform } from '../../platform/platform.ts';
import { gradeOf, type CitationFlag } from './citations.ts';
import type { ConsentInput, ConsentView } from './consent-schema.ts';
import type { CitationView, SourceView, TestimonyView } from './evidence-schema.ts';
import type { IncidentView, InvolvementView } from './schema.ts';
import type {
  CitationRow,
  IncidentRow,
  InvolvementRow,
  SourceRow,
  TestimonyRow,
} from './tables.ts';

/**
 * Free text about what happened is sealed at rest; the associated data names table, column and
 * row, so a box cannot be moved to another row or column.
 */
export function seal(platform: Platform, text: string, column: string, id: string): Buffer {
  return sealSecret(platform.keys.masterKey, text, `${column}:${id}`);
}

export function unseal(
  platform: Platform,
  box: Buffer | null,
  column: string,
  id: string,
): string | null {
  return box ? openSecret(platform.keys.masterKey, box, `${column}:${id}`).toString('utf8') : null;
}

/** A consent decision as stored: with who recorded it, and when. */
export function consentRecord(ctx: RequestContext, c: ConsentInput | null | undefined) {
  if (!c) return null;
  const record: ConsentView = {
    decision: c.decision,
    givenBy: c.givenBy,
    on: c.on,
    scope: c.scope ?? null,
    recordedBy: ctx.actor.userId,
    recordedAt: ctx.now.toISOString(),
  };
  return JSON.stringify(record);
}

export const consentOf = (stored: unknown): ConsentView | null =>
  stored ? (stored as ConsentView) : null;

export function presentInvolvement(v: InvolvementRow): InvolvementView {
  return {
    id: v.id,
    role: v.role as InvolvementView['role'],
    subject: v.subject as InvolvementView['subject'],
    personId: v.person_id,
    label: v.label,
    perpetratorType: v.perpetrator_type as InvolvementView['perpetratorType'],
    degree: v.degree as InvolvementView['degree'],
  };
}

export function presentIncident(
  platform: Platform,
  r: IncidentRow,
  involvements: readonly InvolvementRow[],
  flaggedCitations: number,
): IncidentView {
  return {
    id: r.id,
    acts: r.acts as IncidentView['acts'],
    actOther: r.act_other,
    description: unseal(platform, r.description_sealed, 'incidents.description', r.id)!,
    when: {
      from: r.occurred_from,
      to: r.occurred_to,
      precision: r.date_precision as IncidentView['when']['precision'],
    },
    where: {
      siteId: r.site_id,
      place: r.place,
      precision: r.place_precision as IncidentView['where']['precision'],
    },
    involvements: involvements.filter((v) => v.incident_id === r.id).map(presentInvolvement),
    articles: r.articles,
    sensitivity: r.sensitivity as IncidentView['sensitivity'],
    consentToUse: consentOf(r.consent_use),
    consentToShare: consentOf(r.consent_share),
    agencyId: r.agency_id,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    flaggedCitations,
    version: r.version,
  };
}

export function presentSource(r: SourceRow): SourceView {
  return {
    id: r.id,
    kind: r.kind as SourceView['kind'],
    title: r.title,
    author: r.author,
    publishedOn: r.published_on,
    url: r.url,
    reference: r.reference,
    reliability: r.reliability as SourceView['reliability'],
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    version: r.version,
  };
}

/** A citation with its source's title and grade, and every flag it carries. */
export function presentCitation(
  platform: Platform,
  c: CitationRow & { source_title: string; reliability: string },
  duplicates: readonly string[],
): CitationView {
  const flags = [...(duplicates.length ? ['duplicate'] : []), ...c.malformed] as CitationFlag[];
  return {
    id: c.id,
    incidentId: c.incident_id,
    sourceId: c.source_id,
    sourceTitle: c.source_title,
    reliability: c.reliability as CitationView['reliability'],
    claim: unseal(platform, c.claim_sealed, 'citations.claim', c.id)!,
    locator: c.locator,
    passage: unseal(platform, c.passage_sealed, 'citations.passage', c.id),
    credibility: c.credibility,
    grade: gradeOf(c.reliability, c.credibility),
    flags,
    duplicates: [...duplicates],
    createdBy: c.created_by,
    createdAt: c.created_at.toISOString(),
    version: c.version,
  };
}

/** A testimony; its text only when `withText` (the policy said so and the read is audited). */
export function presentTestimony(
  platform: Platform,
  t: TestimonyRow,
  incidentIds: readonly string[],
  text: { withText: boolean; readable: boolean },
): TestimonyView {
  return {
    id: t.id,
    personId: t.person_id,
    statementLanguage: t.statement_language,
    translationLanguage: t.translation_language,
    statement: text.withText
      ? unseal(platform, t.statement_sealed, 'testimonies.statement', t.id)
      : null,
    translation: text.withText
      ? unseal(platform, t.translation_sealed, 'testimonies.translation', t.id)
      : null,
    textWithheld: !text.readable,
    interviewerId: t.interviewer_id,
    interpreterName: t.interpreter_name,
    takenOn: t.taken_on,
    consent: consentOf(t.consent),
    incidentIds: [...incidentIds],
    createdBy: t.created_by,
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
    version: t.version,
  };
}

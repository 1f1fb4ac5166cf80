/**
 * The subject-access export: everything about one person, gathered through the modules' own
 * services (their visibility rules, sealing and audit apply), and nothing about anyone else:
 * household membership is the person's own rows, never the other members. Asked remotely, it
 * withholds what could find or expose the person (current residence, contact, whereabouts,
 * document numbers) and, for a restricted record, the protection work around it.
 */
import { z } from 'zod';
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Platform } from '../../platform/platform.ts';
import { personDistributions } from '../assistance/distribution-service.ts';
import { personEnrolments } from '../assistance/enrolment-service.ts';
import { distributionView, enrolmentView } from '../assistance/schema.ts';
import { listNotes } from '../cases/plan-service.ts';
import { caseDetail, noteView } from '../cases/schema.ts';
import { getCase, listCases } from '../cases/service.ts';
import { documentView } from '../documents/schema.ts';
import { listDocuments } from '../documents/service.ts';
import { membershipList } from '../households/schema.ts';
import { membershipsOf } from '../households/service.ts';
import { referralView } from '../referrals/schema.ts';
import { listPersonReferrals } from '../referrals/service.ts';
import { legalStatusView, personView } from '../registry/schema.ts';
import { getPerson, listLegalStatuses } from '../registry/service.ts';
import { residenceView } from '../residences/schema.ts';
import { listResidences } from '../residences/service.ts';
import { requestView as separationView } from '../separation/schema.ts';
import { getWhereabouts, listRequests as separationRequests } from '../separation/service.ts';
import { consentState } from './consent-schema.ts';

/** Sections an export may leave out, and say so. */
export const WITHHELD = [
  'currentResidence',
  'contact',
  'whereabouts',
  'documentNumbers',
  'separation',
  'cases',
  'referrals',
] as const;
export type Withheld = (typeof WITHHELD)[number];

export const accessEntry = z.object({
  at: z.string(),
  actorId: z.uuid().nullable(),
  agency: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
});

export const subjectExport = z.object({
  requestId: z.uuid(),
  personId: z.uuid(),
  generatedAt: z.string(),
  inPerson: z.boolean(),
  /** What this export leaves out, because it was not asked for in person. */
  withheld: z.array(z.enum(WITHHELD)),
  person: personView,
  legalStatuses: z.array(legalStatusView),
  residences: z.array(residenceView),
  whereabouts: z.record(z.string(), z.unknown()).nullable(),
  documents: z.array(documentView),
  /** The person's own memberships: household id, relationship, dates; no other member. */
  households: membershipList.shape.items,
  cases: z.array(z.object({ case: caseDetail, notes: z.array(noteView) })),
  referrals: z.array(referralView),
  separationRequests: z.array(separationView),
  assistance: z.object({
    distributions: z.array(distributionView),
    enrolments: z.array(enrolmentView),
  }),
  consent: consentState,
  /** Who opened or changed the record and the cases about the person. */
  accessLog: z.array(accessEntry),
});
export type SubjectExport = z.infer<typeof subjectExport>;

/** The sections an export holds, as fields of the transfer log (categories.ts). */
export function sectionsOf(e: SubjectExport): string[] {
  const sections = ['person', 'legalStatuses', 'documents', 'households', 'consents', 'accessLog'];
  if (e.residences.length) sections.push('residences');
  if (e.whereabouts) sections.push('whereabouts');
  if (e.cases.length) sections.push('cases');
  if (e.referrals.length) sections.push('referrals');
  if (e.separationRequests.length) sections.push('separation');
  if (e.assistance.distributions.length || e.assistance.enrolments.length)
    sections.push('assistance');
  return sections;
}

export type Gathered = Omit<
  SubjectExport,
  'requestId' | 'generatedAt' | 'consent' | 'accessLog' | 'inPerson'
>;

/**
 * Reads the person's data as the caller, service by service (each its own transaction and
 * audit event). The caller has checked the request and that it may see the person.
 */
export async function gather(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  options: { inPerson: boolean; restricted: boolean },
): Promise<Gathered> {
  const remote = !options.inPerson;
  // A restricted record asked for remotely: the protection work around it stays out too.
  const guarded = remote && options.restricted;
  const withheld: Withheld[] = [];
  if (remote) withheld.push('currentResidence', 'contact', 'whereabouts', 'documentNumbers');
  if (guarded) withheld.push('separation', 'cases', 'referrals');
  if (!guarded && remote) withheld.push('separation');

  const person = await getPerson(platform, ctx, personId);
  const statuses = await listLegalStatuses(platform, ctx, personId);
  const residences = (await listResidences(platform, ctx, personId)).items;
  const documents = (await listDocuments(platform, ctx, personId)).items;
  const households = (await membershipsOf(platform, ctx, personId)).items;
  const cases: Gathered['cases'] = [];
  if (!guarded) {
    const list = await listCases(platform, ctx, { personId, limit: 500, offset: 0 });
    for (const c of list.items.filter((c) => c.personId === personId))
      cases.push({
        case: await getCase(platform, ctx, c.id),
        notes: (await listNotes(platform, ctx, c.id)).items,
      });
  }
  const referrals = guarded ? [] : (await listPersonReferrals(platform, ctx, personId)).items;
  // What a referral shared stays in the export, but not the contact details it carried.
  const shared = remote
    ? referrals.map((r) => {
        if (!r.snapshot) return r;
        const { contact: _contact, ...snapshot } = r.snapshot;
        return { ...r, snapshot };
      })
    : referrals;
  const separation = remote ? [] : (await separationRequests(platform, ctx, personId)).items;
  const whereabouts =
    remote || !options.restricted
      ? null
      : (await getWhereabouts(platform, ctx, personId)).whereabouts;
  return {
    personId,
    withheld,
    person: remote ? { ...person, contact: null } : person,
    legalStatuses: statuses.items,
    // Remotely, only residences that ended: never where the person is now.
    residences: remote
      ? options.restricted
        ? []
        : residences.filter((r) => r.to !== null)
      : residences,
    whereabouts,
    documents: remote ? documents.map((d) => ({ ...d, number: null })) : documents,
    households,
    cases,
    referrals: shared,
    separationRequests: separation,
    assistance: {
      distributions: (await personDistributions(platform, ctx, personId)).items,
      enrolments: (await personEnrolments(platform, ctx, personId)).items,
    },
  };
}

import crypto from 'node:crypto';
import type { RequestContext } from '../../../platform/access/actor.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import { asActor, recordEvent } from '../../../platform/unit-of-work.ts';
import { listAgencies } from '../../agencies/service.ts';
import { getProvider } from '../../referrals/providers-service.ts';
import type { ReferralView } from '../../referrals/schema.ts';
import { listCaseReferrals } from '../../referrals/service.ts';
import { statusOn } from '../../referrals/snapshot.ts';
import { getPerson, listLegalStatuses } from '../../registry/service.ts';
import type { PersonView } from '../../registry/schema.ts';
import { getUser } from '../../users/service.ts';
import * as planRepo from '../plan-repository.ts';
import { presentNote, todayOf } from '../presenter.ts';
import * as repo from '../repository.ts';
import type { CaseDetail } from '../schema.ts';
import { detailOf, loadCase } from '../service.ts';

/**
 * Everything the PDF case summary prints, read with the reader's own rights: the case through
 * loadCase with need 'work' (a case or person the reader may not see is a 404 exactly as for a
 * random id; a case only offered to the reader's agency is a 403, as for its notes), the person
 * through the registry's getPerson (its presenter: whereabouts are not part of it, and the PDF
 * prints no contact field at all), referrals through the referrals service.
 *
 * The download is an export in this code base's sense (SECURITY.md rule 5, and
 * transfer/README.md "Export rules"): a copy of a person's data leaves the system in a file. So
 * it writes a `transfers` row (kind 'export', format 'pdf', recipient the reader, purpose
 * 'case_summary', one record, the field categories printed) and an audit event
 * ('case.summary_downloaded': case, transfer row, request id), both committed before the first
 * byte is sent.
 */

/** What a case summary prints; categories recorded in the transfer row. */
export const SUMMARY_FIELDS = [
  'case',
  'names',
  'sex',
  'birthYear',
  'nationalities',
  'legalStatus',
  'plan',
  'tasks',
  'notes',
  'approvals',
  'transfers',
  'referrals',
  'timeline',
] as const;

export interface SummaryNote {
  authorId: string;
  createdAt: string;
  /** Opened only when printed: a thousand notes are not all held in clear at once. */
  body: () => string;
}

export interface SummaryEvent {
  at: string;
  actorId: string | null;
  kind: string;
  details: Record<string, unknown>;
}

export interface CaseSummary {
  reference: string;
  kase: CaseDetail;
  person: PersonView;
  legalStatus: { status: string; grantedBy: string; from: string } | null;
  notes: SummaryNote[];
  referrals: ReferralView[];
  timeline: SummaryEvent[];
  agencyNames: Map<string, string>;
  providerNames: Map<string, string>;
  reader: { id: string; displayName: string; email: string };
  generatedAt: Date;
  requestId: string;
}

/** The reference printed, used as the file name and as the PDF's title: no personal data. */
export const caseReference = (id: string) => `CASE-${id.slice(0, 8).toUpperCase()}`;

async function providerNames(platform: Platform, ctx: RequestContext, ids: string[]) {
  const names = new Map<string, string>();
  for (const id of new Set(ids)) {
    try {
      names.set(id, (await getProvider(platform, ctx, id)).name);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'not_found')) throw e;
    }
  }
  return names;
}

/** The gate alone (404 as for a random id, 403 while only offered): what a HEAD request gets. */
export async function checkSummary(platform: Platform, ctx: RequestContext, caseId: string) {
  await asActor(platform, ctx, (trx) => loadCase(trx, ctx, caseId, 'work'));
  return caseReference(caseId);
}

/** Loads the summary, records the transfer and the audit event; throws 404/403 before any. */
export async function loadSummary(
  platform: Platform,
  ctx: RequestContext,
  caseId: string,
): Promise<CaseSummary> {
  // The gate first: nothing else is read for a case the reader may not work on.
  const personId = await asActor(
    platform,
    ctx,
    async (trx) => (await loadCase(trx, ctx, caseId, 'work')).row.person_id,
  );
  // Other modules' services open their own transactions (and audit their own reads).
  const person = await getPerson(platform, ctx, personId);
  const statuses = (await listLegalStatuses(platform, ctx, personId)).items;
  const referrals = (await listCaseReferrals(platform, ctx, caseId)).items;
  const reader = await getUser(platform, ctx, ctx.actor.userId);
  const agencies = (await listAgencies(platform, ctx)).items;
  const providers = await providerNames(
    platform,
    ctx,
    referrals.map((r) => r.providerId),
  );
  const transferId = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { row, relation } = await loadCase(trx, ctx, caseId, 'work');
    const kase = await detailOf(platform, trx, ctx, row, relation);
    const notes = await planRepo.notesOf(trx, op, caseId);
    const events = await repo.eventsOf(trx, op, caseId);
    await repo.insertTransferRecord(trx, {
      operation_id: op,
      id: transferId,
      kind: 'export',
      recipient: `user:${ctx.actor.userId}`,
      purpose: 'case_summary',
      legal_basis: null,
      fields: [...SUMMARY_FIELDS],
      record_count: 1,
      format: 'pdf',
      created_by: ctx.actor.userId,
      created_at: ctx.now,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'case.summary_downloaded',
      entityType: 'case',
      entityId: caseId,
      details: { transferRecord: transferId, format: 'pdf', notes: notes.length },
    });
    return {
      reference: caseReference(caseId),
      kase,
      person,
      legalStatus: statusOn(statuses, todayOf(ctx.now)) ?? null,
      notes: notes.map((n) => ({
        authorId: n.author_id,
        createdAt: n.created_at.toISOString(),
        body: () => presentNote(platform, n).body,
      })),
      referrals,
      timeline: events.map((e) => ({
        at: e.at.toISOString(),
        actorId: e.actor_id,
        kind: e.kind,
        details: (e.details ?? {}) as Record<string, unknown>,
      })),
      agencyNames: new Map(agencies.map((a) => [a.id, a.name])),
      providerNames: providers,
      reader: { id: reader.id, displayName: reader.displayName, email: reader.email },
      generatedAt: ctx.now,
      requestId: ctx.requestId,
    };
  });
}

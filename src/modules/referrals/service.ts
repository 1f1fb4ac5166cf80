import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { todayOf } from '../cases/presenter.ts';
import { caseEvent, loadCase, recordTransfer, refuseIfClosed, viewerOf } from '../cases/service.ts';
import { requirePastConsent } from '../cases/transfer-service.ts';
import { notify } from '../notifications/service.ts';
import { listLegalStatuses, loadVisible } from '../registry/service.ts';
import { presentInbox, presentReferral, seal } from './presenter.ts';
import * as repo from './repository.ts';
import type { DecisionInput, OutcomeInput, ReferralInput } from './schema.ts';
import { buildSnapshot, statusOn } from './snapshot.ts';

/**
 * Referrals from a case to a provider of the service directory (SECURITY.md rule 5):
 * - consent (by whom, when, to what) or an override with a reason, audited as such;
 * - exactly the chosen fields are copied, sealed, at referral time, and logged as a transfer;
 * - the partner (service_partner of the provider's agency) sees its inbox and the snapshot,
 *   never the case or the person; every read and every answer is audited;
 * - the referring side is whoever may work on the case (a restricted person's case exists only
 *   for the users named on the person: for anyone else the case is a 404, as for a random id).
 */

/** The referral for the referring side: through its case, 404 as for a missing id otherwise. */
async function loadSent(trx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.findReferral(trx, ctx.actor.operationId, id);
  if (!row) throw notFound();
  try {
    await loadCase(trx, ctx, row.case_id, 'work');
  } catch (e) {
    if (e instanceof AppError && e.code === 'forbidden') throw notFound();
    throw e;
  }
  return row;
}

/** The referral for the receiving partner: only to a provider linked to their agency. */
async function loadReceived(trx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.findReferral(trx, ctx.actor.operationId, id);
  const provider = row && (await repo.findProvider(trx, ctx.actor.operationId, row.provider_id));
  const mine =
    can(ctx.actor, 'referrals.receive') &&
    ctx.actor.agencyId !== null &&
    provider?.agency_id === ctx.actor.agencyId;
  if (!row || !mine) throw notFound();
  return row;
}

export async function createReferral(
  platform: Platform,
  ctx: RequestContext,
  caseId: string,
  input: ReferralInput,
) {
  requirePastConsent(input.consent, ctx.now);
  const personId = await asActor(
    platform,
    ctx,
    async (trx) => (await loadCase(trx, ctx, caseId, 'work')).row.person_id,
  );
  // Read before our transaction (it opens its own), and only when chosen.
  const statuses = input.fields.includes('legalStatus')
    ? (await listLegalStatuses(platform, ctx, personId)).items
    : [];
  const id = crypto.randomUUID();
  const recordId = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { row: kase } = await loadCase(trx, ctx, caseId, 'work');
    refuseIfClosed(kase);
    const { row: person } = await loadVisible(trx, ctx, kase.person_id);
    if (person.sensitivity === 'restricted' && input.fields.includes('contact'))
      throw fieldError(
        'body.fields',
        "a restricted person's contact is whereabouts and is never shared by referral",
      );
    const provider = await repo.findProvider(trx, op, input.providerId);
    if (!provider) throw fieldError('body.providerId', 'does not exist');
    if (!provider.active) throw fieldError('body.providerId', 'is not active');
    if (!provider.service_types.includes(input.serviceType))
      throw fieldError('body.serviceType', 'is not offered by this provider');
    const snapshot = buildSnapshot(input.fields, person, {
      legalStatus: statusOn(statuses, todayOf(ctx.now)),
      summary: input.summary,
    });
    await recordTransfer(trx, ctx, {
      id: recordId,
      kind: 'referral',
      recipient: `service_provider:${provider.id}`,
      purpose: `referral:${input.serviceType}`,
      legalBasis: input.consent ? 'consent' : 'override',
      fields: [...input.fields],
    });
    await repo.insertReferral(trx, {
      operation_id: op,
      id,
      case_id: caseId,
      person_id: kase.person_id,
      provider_id: provider.id,
      service_type: input.serviceType,
      urgency: input.urgency,
      status: 'pending',
      fields: [...input.fields],
      snapshot_sealed: seal(platform, JSON.stringify(snapshot), 'snapshot', id),
      consent: input.consent ? JSON.stringify(input.consent) : null,
      override_reason_sealed: input.override
        ? seal(platform, input.override.reason, 'override_reason', id)
        : null,
      transfer_record_id: recordId,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      decided_by: null,
      decided_at: null,
      decline_reason: null,
      decision_note_sealed: null,
      outcome: null,
      outcome_on: null,
      outcome_note_sealed: null,
      outcome_by: null,
      outcome_at: null,
      updated_at: ctx.now,
    });
    const audit = { entityType: 'referral', entityId: id };
    await caseEvent(
      platform,
      trx,
      ctx,
      caseId,
      'referral.created',
      {
        referral: id,
        provider: provider.id,
        serviceType: input.serviceType,
        fields: [...input.fields],
        consent: Boolean(input.consent),
        transferRecord: recordId,
      },
      audit,
    );
    if (input.override)
      await recordEvent(platform, trx, ctx, {
        action: 'referral.consent_overridden',
        ...audit,
        details: { case: caseId },
      });
    if (provider.agency_id)
      await notify(trx, ctx, await repo.partnersOf(trx, op, provider.agency_id), {
        kind: 'referral_received',
        entityType: 'referral',
        entityId: id,
      });
    return presentReferral(platform, (await repo.findReferral(trx, op, id))!);
  });
}

export function listCaseReferrals(platform: Platform, ctx: RequestContext, caseId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadCase(trx, ctx, caseId, 'work');
    const rows = await repo.referralsOfCase(trx, ctx.actor.operationId, caseId);
    await recordEvent(platform, trx, ctx, {
      action: 'referral.listed',
      entityType: 'case',
      entityId: caseId,
      details: { results: rows.length },
    });
    return { items: rows.map((r) => presentReferral(platform, r)) };
  });
}

/**
 * A person's referrals across their cases, for whoever may read the person and works on those
 * cases (the rule of listCaseReferrals, case by case); a person the actor may not see is a 404
 * exactly as for a random id. One audit event for the list.
 */
export function listPersonReferrals(platform: Platform, ctx: RequestContext, personId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const rows = await repo.referralsOfPerson(trx, viewerOf(ctx.actor), personId);
    await recordEvent(platform, trx, ctx, {
      action: 'referral.listed',
      entityType: 'person',
      entityId: personId,
      details: { results: rows.length },
    });
    return { items: rows.map((r) => presentReferral(platform, r)) };
  });
}

export function getReferral(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, async (trx) => {
    const row = await loadSent(trx, ctx, id);
    await recordEvent(platform, trx, ctx, {
      action: 'referral.viewed',
      entityType: 'referral',
      entityId: id,
    });
    return presentReferral(platform, row);
  });
}

/** Consent withdrawn, or no longer needed: the partner's copy of the fields is erased. */
export function withdrawReferral(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
) {
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const row = await loadSent(trx, ctx, id);
    if (row.status !== 'pending' && row.status !== 'accepted')
      throw fieldError('params.id', `the referral is already ${row.status}`, 'conflict');
    const ok = await repo.updateReferral(trx, op, id, version, {
      status: 'withdrawn',
      snapshot_sealed: null,
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    await caseEvent(
      platform,
      trx,
      ctx,
      row.case_id,
      'referral.withdrawn',
      { referral: id },
      {
        entityType: 'referral',
        entityId: id,
      },
    );
    const provider = await repo.findProvider(trx, op, row.provider_id);
    if (provider?.agency_id)
      await notify(trx, ctx, await repo.partnersOf(trx, op, provider.agency_id), {
        kind: 'referral_withdrawn',
        entityType: 'referral',
        entityId: id,
      });
    return presentReferral(platform, (await repo.findReferral(trx, op, id))!);
  });
}

// ----- answers: the partner's, or the caseworker's for an offline provider -----------------------

async function decide(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  row: repo.ReferralRow,
  version: number,
  input: DecisionInput,
) {
  if (row.status !== 'pending')
    throw fieldError('body.decision', `the referral is already ${row.status}`, 'conflict');
  const ok = await repo.updateReferral(trx, ctx.actor.operationId, row.id, version, {
    status: input.decision,
    decided_by: ctx.actor.userId,
    decided_at: ctx.now,
    decline_reason: input.declineReason ?? null,
    decision_note_sealed: input.note ? seal(platform, input.note, 'decision_note', row.id) : null,
    updated_at: ctx.now,
  });
  if (!ok) throw new AppError('precondition_failed');
  await caseEvent(
    platform,
    trx,
    ctx,
    row.case_id,
    `referral.${input.decision}`,
    { referral: row.id, declineReason: input.declineReason ?? null },
    { entityType: 'referral', entityId: row.id },
  );
  if (row.created_by !== ctx.actor.userId)
    await notify(trx, ctx, [row.created_by], {
      kind: 'referral_updated',
      entityType: 'referral',
      entityId: row.id,
    });
}

async function recordOutcome(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  row: repo.ReferralRow,
  version: number,
  input: OutcomeInput,
) {
  if (row.status !== 'accepted')
    throw fieldError(
      'body.result',
      `an outcome follows an accepted referral; this one is ${row.status}`,
      'conflict',
    );
  if (input.on > todayOf(ctx.now)) throw fieldError('body.on', 'cannot be in the future');
  const ok = await repo.updateReferral(trx, ctx.actor.operationId, row.id, version, {
    status: 'completed',
    outcome: input.result,
    outcome_on: input.on,
    outcome_note_sealed: input.note ? seal(platform, input.note, 'outcome_note', row.id) : null,
    outcome_by: ctx.actor.userId,
    outcome_at: ctx.now,
    updated_at: ctx.now,
  });
  if (!ok) throw new AppError('precondition_failed');
  await caseEvent(
    platform,
    trx,
    ctx,
    row.case_id,
    'referral.outcome_recorded',
    { referral: row.id, outcome: input.result },
    { entityType: 'referral', entityId: row.id },
  );
  if (row.created_by !== ctx.actor.userId)
    await notify(trx, ctx, [row.created_by], {
      kind: 'referral_updated',
      entityType: 'referral',
      entityId: row.id,
    });
}

/** A provider linked to an agency answers in its own inbox; the caseworker answers for the rest. */
async function loadOffline(trx: Tx, ctx: RequestContext, id: string) {
  const row = await loadSent(trx, ctx, id);
  const provider = await repo.findProvider(trx, ctx.actor.operationId, row.provider_id);
  if (provider?.agency_id)
    throw new AppError('conflict', {
      detail: "The provider's agency answers this referral in its own inbox.",
    });
  return row;
}

export function recordDecisionForProvider(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  input: DecisionInput,
) {
  return asActor(platform, ctx, async (trx) => {
    await decide(platform, trx, ctx, await loadOffline(trx, ctx, id), version, input);
    return presentReferral(platform, (await repo.findReferral(trx, ctx.actor.operationId, id))!);
  });
}

export function recordOutcomeForProvider(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  input: OutcomeInput,
) {
  return asActor(platform, ctx, async (trx) => {
    await recordOutcome(platform, trx, ctx, await loadOffline(trx, ctx, id), version, input);
    return presentReferral(platform, (await repo.findReferral(trx, ctx.actor.operationId, id))!);
  });
}

// ----- the partner's inbox -----------------------------------------------------------------------

export function inbox(platform: Platform, ctx: RequestContext, status: string | undefined) {
  return asActor(platform, ctx, async (trx) => {
    const agency = ctx.actor.agencyId;
    const rows = agency ? await repo.inboxOf(trx, ctx.actor.operationId, agency, status) : [];
    await recordEvent(platform, trx, ctx, {
      action: 'referral.inbox_viewed',
      details: { results: rows.length },
    });
    // The list carries no snapshot: each one is opened, and audited, on its own.
    return { items: rows.map((r) => presentInbox(platform, r, false)) };
  });
}

export function received(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, async (trx) => {
    const row = await loadReceived(trx, ctx, id);
    await recordEvent(platform, trx, ctx, {
      action: 'referral.viewed',
      entityType: 'referral',
      entityId: id,
    });
    return presentInbox(platform, row);
  });
}

export function answer(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  input: DecisionInput,
) {
  return asActor(platform, ctx, async (trx) => {
    await decide(platform, trx, ctx, await loadReceived(trx, ctx, id), version, input);
    return presentInbox(platform, (await repo.findReferral(trx, ctx.actor.operationId, id))!);
  });
}

export function outcome(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  input: OutcomeInput,
) {
  return asActor(platform, ctx, async (trx) => {
    await recordOutcome(platform, trx, ctx, await loadReceived(trx, ctx, id), version, input);
    return presentInbox(platform, (await repo.findReferral(trx, ctx.actor.operationId, id))!);
  });
}

import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { notify } from '../notifications/service.ts';
import { loadVisible } from '../registry/service.ts';
import { canReceiveTransfer, canWorkOnCase } from './policy.ts';
import { presentTransfer, seal, todayOf } from './presenter.ts';
import * as repo from './repository.ts';
import type { TransferDecision, TransferInput } from './schema.ts';
import {
  caseEvent,
  factsOf,
  loadCase,
  recordTransfer,
  refuseIfClosed,
  staffActor,
  userSeesPerson,
} from './service.ts';

/** What the receiving agency gets to see once it accepts (the transfer record's categories). */
const SHARED_WITH_RECEIVER = [
  'case',
  'plan',
  'tasks',
  'notes',
  'approvals',
  'referrals',
  'timeline',
];

/** A consent date in the future is a typing error, not a consent. */
export function requirePastConsent(consent: { givenOn: string } | undefined, now: Date): void {
  if (consent && consent.givenOn > todayOf(now))
    throw fieldError('body.consent.givenOn', 'cannot be in the future');
}

/**
 * Offers the case to another agency, with the person's consent (or an override with a reason).
 * A record that is not open to every caseworker (sensitive or restricted) can only be offered
 * to a named user of that agency who already sees it.
 */
export function offerTransfer(
  platform: Platform,
  ctx: RequestContext,
  caseId: string,
  input: TransferInput,
) {
  requirePastConsent(input.consent, ctx.now);
  const id = crypto.randomUUID();
  const recordId = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { row } = await loadCase(trx, ctx, caseId, 'work');
    refuseIfClosed(row);
    if (row.pending_to_agency_id)
      throw fieldError('body.toAgencyId', 'a transfer of this case is already pending', 'conflict');
    if (input.toAgencyId === row.agency_id)
      throw fieldError('body.toAgencyId', "is already the case's agency");
    const { row: person } = await loadVisible(trx, ctx, row.person_id);
    if (person.sensitivity !== 'normal' && !input.toUserId)
      throw fieldError(
        'body.toUserId',
        'is required: this record is open only to named users, so name who receives the case',
      );
    if (input.toUserId) {
      const receiver = await staffActor(trx, ctx, input.toUserId);
      if (!receiver || receiver.agencyId !== input.toAgencyId || !can(receiver, 'cases.manage'))
        throw fieldError('body.toUserId', 'is not an active caseworker of the receiving agency');
      if (!(await userSeesPerson(trx, ctx, receiver, row.person_id)))
        throw fieldError('body.toUserId', "cannot see this person's record; name them on it first");
    }
    await recordTransfer(trx, ctx, {
      id: recordId,
      kind: 'case_transfer',
      recipient: `agency:${input.toAgencyId}`,
      purpose: 'case_management',
      legalBasis: input.consent ? 'consent' : 'override',
      fields: SHARED_WITH_RECEIVER,
    });
    const transfer: repo.TransferRow = {
      operation_id: op,
      id,
      case_id: caseId,
      from_agency_id: row.agency_id,
      to_agency_id: input.toAgencyId,
      to_user_id: input.toUserId ?? null,
      status: 'pending',
      reason_sealed: seal(platform, input.reason, 'case_transfers.reason', id),
      consent: input.consent ? JSON.stringify(input.consent) : null,
      override_reason_sealed: input.override
        ? seal(platform, input.override.reason, 'case_transfers.override', id)
        : null,
      transfer_record_id: recordId,
      requested_by: ctx.actor.userId,
      requested_at: ctx.now,
      decided_by: null,
      decided_at: null,
      decision_note_sealed: null,
      version: 1,
    };
    await repo.insertCaseTransfer(trx, transfer);
    await repo.updateCase(trx, op, caseId, null, {
      pending_to_agency_id: input.toAgencyId,
      pending_to_user_id: input.toUserId ?? null,
      updated_at: ctx.now,
    });
    await caseEvent(platform, trx, ctx, caseId, 'case.transfer_offered', {
      transfer: id,
      toAgency: input.toAgencyId,
      toUser: input.toUserId ?? null,
      consent: Boolean(input.consent),
      transferRecord: recordId,
    });
    if (input.override)
      await recordEvent(platform, trx, ctx, {
        action: 'case.consent_overridden',
        entityType: 'case',
        entityId: caseId,
        details: { transfer: id },
      });
    const receivers = input.toUserId
      ? [input.toUserId]
      : await repo.agencyUsersWithRole(trx, op, input.toAgencyId, 'caseworker');
    await notify(trx, ctx, receivers, {
      kind: 'case_transfer_offered',
      entityType: 'case',
      entityId: caseId,
    });
    return presentTransfer(platform, {
      ...transfer,
      consent: input.consent ?? null,
    });
  });
}

/**
 * The receiving side accepts (the case becomes theirs, assigned to the named receiver or to
 * whoever accepts; the sending agency loses sight of it) or declines; the sending side may
 * cancel while it is pending. Every transfer stays in the case's history.
 */
export function decideTransfer(
  platform: Platform,
  ctx: RequestContext,
  caseId: string,
  transferId: string,
  version: number,
  input: TransferDecision,
) {
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { row } = await loadCase(trx, ctx, caseId, 'see');
    const transfer = (await repo.transfersOf(trx, op, caseId)).find((t) => t.id === transferId);
    if (!transfer) throw notFound();
    const receiving = input.decision !== 'cancelled';
    const allowed = receiving
      ? canReceiveTransfer(ctx.actor, factsOf(row))
      : canWorkOnCase(ctx.actor, factsOf(row));
    if (!allowed) throw new AppError('forbidden');
    if (transfer.status !== 'pending')
      throw fieldError('body.decision', `this transfer is already ${transfer.status}`, 'conflict');
    const changes = {
      status: input.decision,
      decided_by: ctx.actor.userId,
      decided_at: ctx.now,
      decision_note_sealed: input.note
        ? seal(platform, input.note, 'case_transfers.decision_note', transferId)
        : null,
    };
    if (!(await repo.updateCaseTransfer(trx, op, caseId, transferId, version, changes)))
      throw new AppError('precondition_failed');
    await caseEvent(platform, trx, ctx, caseId, `case.transfer_${input.decision}`, {
      transfer: transferId,
      fromAgency: transfer.from_agency_id,
      toAgency: transfer.to_agency_id,
    });
    if (input.decision === 'declined') {
      if (!(await repo.clearDeclinedOffer(trx, op, caseId, transferId, ctx.now)))
        throw new Error('declined offer was not cleared');
    } else {
      await repo.updateCase(trx, op, caseId, null, {
        pending_to_agency_id: null,
        pending_to_user_id: null,
        ...(input.decision === 'accepted'
          ? {
              agency_id: transfer.to_agency_id,
              assigned_to: transfer.to_user_id ?? ctx.actor.userId,
            }
          : {}),
        updated_at: ctx.now,
      });
    }
    if (transfer.requested_by !== ctx.actor.userId)
      await notify(trx, ctx, [transfer.requested_by], {
        kind: 'case_transfer_decided',
        entityType: 'case',
        entityId: caseId,
      });
    // Built from what we wrote: after a decline the receiving side no longer sees the case.
    return presentTransfer(platform, { ...transfer, ...changes, version: transfer.version + 1 });
  });
}

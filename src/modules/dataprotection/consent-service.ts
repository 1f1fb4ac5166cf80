/**
 * Consent records: per person, purpose and data category, each decision a new row (history is
 * never overwritten). Operations that rely on consent ask consentGate before data leaves.
 */
import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { loadVisible } from '../registry/service.ts';
import * as repo from './consent-repository.ts';
import type { ConsentInput, ConsentRecordView, ConsentState } from './consent-schema.ts';
import { currentConsents } from './rules.ts';
import { seal, todayOf, unseal } from './sealing.ts';
import type { ConsentRow } from './tables.ts';

const EVIDENCE = 'consent_records.evidence';

function present(platform: Platform, r: ConsentRow): ConsentRecordView {
  return {
    id: r.id,
    personId: r.person_id,
    purpose: r.purpose as ConsentRecordView['purpose'],
    categories: r.categories as ConsentRecordView['categories'],
    decision: r.decision as ConsentRecordView['decision'],
    decidedOn: r.decided_on,
    method: r.method as ConsentRecordView['method'],
    givenBy: r.given_by as ConsentRecordView['givenBy'],
    evidence: unseal(platform, r.evidence_sealed, EVIDENCE, r.id),
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at.toISOString(),
  };
}

/** The consent state of a person the caller has already been allowed to see. */
export async function consentStateOf(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  personId: string,
): Promise<ConsentState> {
  const rows = await repo.historyOf(trx, ctx.actor.operationId, personId);
  const current = currentConsents(
    rows.map((r) => ({
      id: r.id,
      purpose: r.purpose,
      categories: r.categories,
      decision: r.decision as ConsentRecordView['decision'],
      decidedOn: r.decided_on,
      seq: r.seq,
    })),
  );
  return {
    current: current as ConsentState['current'],
    history: rows.map((r) => present(platform, r)),
  };
}

export function recordConsent(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  input: ConsentInput,
): Promise<ConsentRecordView> {
  if (input.decidedOn > todayOf(ctx.now))
    throw fieldError('body.decidedOn', 'cannot be in the future');
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    await repo.insertConsent(trx, {
      operation_id: ctx.actor.operationId,
      id,
      person_id: personId,
      purpose: input.purpose,
      categories: input.categories,
      decision: input.decision,
      decided_on: input.decidedOn,
      method: input.method,
      given_by: input.givenBy,
      evidence_sealed: input.evidence ? seal(platform, input.evidence, EVIDENCE, id) : null,
      recorded_by: ctx.actor.userId,
      recorded_at: ctx.now,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'consent.recorded',
      entityType: 'person',
      entityId: personId,
      details: {
        record: id,
        purpose: input.purpose,
        decision: input.decision,
        categories: input.categories,
      },
    });
    const rows = await repo.historyOf(trx, ctx.actor.operationId, personId);
    return present(
      platform,
      rows.find((r) => r.id === id)!,
    );
  });
}

export function getConsent(platform: Platform, ctx: RequestContext, personId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    return consentStateOf(platform, trx, ctx, personId);
  });
}

/**
 * Refuses a share when `missing` of its persons lack consent for the purpose, unless an override
 * reason is given (the caller audits it). 409, naming the count and the field to change.
 */
export function consentGate(
  missing: number,
  purpose: string,
  overrideReason: string | undefined,
  field: string,
): void {
  if (missing === 0 || overrideReason) return;
  const persons = missing === 1 ? '1 person has' : `${missing} persons have`;
  throw new AppError('conflict', {
    detail: `${persons} no consent in force for the purpose "${purpose}" and these data categories. Record their consent, leave them out, or give an override with a reason.`,
    errors: [{ field, message: `${persons} no consent for this purpose` }],
  });
}

/** How many of the persons lack consent (chosen persons; exports count in their own SQL). */
export function countLacking(
  trx: Tx,
  ctx: RequestContext,
  personIds: readonly string[],
  purpose: string,
  categories: readonly string[],
): Promise<number> {
  return repo.countLacking(trx, ctx.actor.operationId, personIds, purpose, categories);
}

/** The audit event of a share that went ahead without consent. */
export function recordOverride(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  what: { entityType: string; entityId: string; purpose: string; persons: number },
): Promise<void> {
  return recordEvent(platform, trx, ctx, {
    action: 'consent.overridden',
    entityType: what.entityType,
    entityId: what.entityId,
    details: { purpose: what.purpose, persons: what.persons },
  });
}

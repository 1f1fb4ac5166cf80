/**
 * Subject requests (access, correction, erasure): recorded with the identity check, due in 30
 * days, moved received → in_progress → completed | refused (with a reason). An access request is
 * answered with the export of subject-export.ts, which only a protection officer produces.
 */
import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { loadVisible } from '../registry/service.ts';
import { isActiveUser } from '../users/service.ts';
import { categoriesOf } from './categories.ts';
import { consentStateOf } from './consent-service.ts';
import { insertTransfer } from './officer-repository.ts';
import { canMove, dueOn, isOverdue, type SubjectRequestStatus } from './rules.ts';
import { sealIf, todayOf, unseal } from './sealing.ts';
import { gather, sectionsOf, type SubjectExport } from './subject-export.ts';
import * as repo from './subject-repository.ts';
import type {
  SubjectRequestInput,
  SubjectRequestPatch,
  SubjectRequestQuery,
  SubjectRequestView,
} from './subject-schema.ts';
import type { SubjectRequestRow } from './tables.ts';

const col = (c: string) => `subject_requests.${c}`;

export function presentRequest(
  platform: Platform,
  r: SubjectRequestRow,
  now: Date,
): SubjectRequestView {
  const status = r.status as SubjectRequestStatus;
  return {
    id: r.id,
    personId: r.person_id,
    kind: r.kind as SubjectRequestView['kind'],
    status,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    overdue: isOverdue(status, r.due_on, todayOf(now)),
    inPerson: r.in_person,
    verification: {
      method: r.verification_method as SubjectRequestView['verification']['method'],
      verifiedBy: r.verified_by,
      verifiedOn: r.verified_on,
      note: unseal(platform, r.verification_note_sealed, col('verification_note'), r.id),
    },
    details: unseal(platform, r.details_sealed, col('details'), r.id),
    outcomeNote: unseal(platform, r.outcome_note_sealed, col('outcome_note'), r.id),
    refusalReason: unseal(platform, r.refusal_reason_sealed, col('refusal_reason'), r.id),
    exportedAt: r.exported_at?.toISOString() ?? null,
    exportedBy: r.exported_by,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    closedBy: r.closed_by,
    version: r.version,
  };
}

export function createRequest(platform: Platform, ctx: RequestContext, input: SubjectRequestInput) {
  const today = todayOf(ctx.now);
  if (input.receivedOn > today) throw fieldError('body.receivedOn', 'cannot be in the future');
  if (input.verification.verifiedOn > today)
    throw fieldError('body.verification.verifiedOn', 'cannot be in the future');
  const id = crypto.randomUUID();
  const verifiedBy = input.verification.verifiedBy ?? ctx.actor.userId;
  return asActor(platform, ctx, async (trx) => {
    if (!(await isActiveUser(trx, ctx, verifiedBy)))
      throw fieldError('body.verification.verifiedBy', 'is not an active user of this operation');
    await repo.insertRequest(trx, {
      operation_id: ctx.actor.operationId,
      id,
      person_id: input.personId,
      kind: input.kind,
      status: 'received',
      received_on: input.receivedOn,
      due_on: dueOn(input.receivedOn),
      in_person: input.inPerson,
      verification_method: input.verification.method,
      verified_by: verifiedBy,
      verified_on: input.verification.verifiedOn,
      verification_note_sealed: sealIf(
        platform,
        input.verification.note,
        col('verification_note'),
        id,
      ),
      details_sealed: sealIf(platform, input.details, col('details'), id),
      outcome_note_sealed: null,
      refusal_reason_sealed: null,
      exported_by: null,
      exported_at: null,
      export_transfer_id: null,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
      closed_by: null,
      closed_at: null,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'subject_request.received',
      entityType: 'person',
      entityId: input.personId,
      details: {
        request: id,
        kind: input.kind,
        verification: input.verification.method,
        inPerson: input.inPerson,
      },
    });
    return presentRequest(
      platform,
      (await repo.findRequest(trx, ctx.actor.operationId, id))!,
      ctx.now,
    );
  });
}

export function listRequests(platform: Platform, ctx: RequestContext, q: SubjectRequestQuery) {
  return asActor(platform, ctx, async (trx) => {
    const { rows, total } = await repo.listRequests(trx, ctx.actor.operationId, {
      ...(q.status ? { status: q.status } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.personId ? { personId: q.personId } : {}),
      ...(q.overdue === 'true' ? { overdueOn: todayOf(ctx.now) } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    return { items: rows.map((r) => presentRequest(platform, r, ctx.now)), total };
  });
}

export function getRequest(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, async (trx) => {
    const row = await repo.findRequest(trx, ctx.actor.operationId, id);
    if (!row) throw notFound();
    return presentRequest(platform, row, ctx.now);
  });
}

/** Moves a request on; an access request is completed only once its export was produced. */
export function updateRequest(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: SubjectRequestPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const row = await repo.findRequest(trx, op, id);
    if (!row) throw notFound();
    if (row.version !== version) throw new AppError('precondition_failed');
    const from = row.status as SubjectRequestStatus;
    if (!canMove(from, patch.status))
      throw fieldError('body.status', `cannot go from ${from} to ${patch.status}`, 'conflict');
    if (patch.status === 'completed' && row.kind === 'access' && !row.exported_at)
      throw fieldError('body.status', 'produce the access export before completing', 'conflict');
    const closing = patch.status !== 'in_progress';
    const ok = await repo.updateRequest(trx, op, id, version, {
      status: patch.status,
      updated_at: ctx.now,
      ...(patch.note
        ? { outcome_note_sealed: sealIf(platform, patch.note, col('outcome_note'), id) }
        : {}),
      ...(patch.reason
        ? { refusal_reason_sealed: sealIf(platform, patch.reason, col('refusal_reason'), id) }
        : {}),
      ...(closing ? { closed_at: ctx.now, closed_by: ctx.actor.userId } : {}),
    });
    if (!ok) throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'subject_request.updated',
      entityType: 'person',
      entityId: row.person_id,
      details: { request: id, kind: row.kind, status: patch.status },
    });
    return presentRequest(platform, (await repo.findRequest(trx, op, id))!, ctx.now);
  });
}

/**
 * The access export, produced by someone who may see the person (a protection officer; named on
 * a restricted record). Recorded as a transfer to the data subject and audited; the request
 * moves to in_progress and keeps who exported it and when.
 */
export async function exportForRequest(
  platform: Platform,
  ctx: RequestContext,
  id: string,
): Promise<SubjectExport> {
  const op = ctx.actor.operationId;
  const { row, restricted } = await asActor(platform, ctx, async (trx) => {
    const r = await repo.findRequest(trx, op, id);
    if (!r) throw notFound();
    if (r.kind !== 'access')
      throw new AppError('conflict', { detail: `A ${r.kind} request has no access export.` });
    if (r.status !== 'received' && r.status !== 'in_progress')
      throw new AppError('conflict', { detail: `The request is ${r.status}.` });
    const { row: person } = await loadVisible(trx, ctx, r.person_id);
    return { row: r, restricted: person.sensitivity === 'restricted' };
  });
  const gathered = await gather(platform, ctx, row.person_id, {
    inPerson: row.in_person,
    restricted,
  });
  return asActor(platform, ctx, async (trx) => {
    const result: SubjectExport = {
      ...gathered,
      requestId: id,
      generatedAt: ctx.now.toISOString(),
      inPerson: row.in_person,
      consent: await consentStateOf(platform, trx, ctx, row.person_id),
      accessLog: (
        await repo.accessLogOf(
          trx,
          op,
          row.person_id,
          gathered.cases.map((c) => c.case.id),
        )
      ).map((a) => ({
        at: a.at.toISOString(),
        actorId: a.actor_id,
        agency: a.agency,
        action: a.action,
        entityType: a.entity_type,
      })),
    };
    const transferId = crypto.randomUUID();
    const sections = sectionsOf(result);
    await insertTransfer(trx, {
      operation_id: op,
      id: transferId,
      kind: 'subject_access',
      recipient: 'the data subject',
      purpose: 'subject access request',
      legal_basis: 'data_subject_right',
      fields: sections,
      record_count: 1,
      format: 'json',
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      recipient_type: 'data_subject',
      categories: categoriesOf(sections),
      consent_purpose: null,
      consent_missing: null,
      override_reason_sealed: null,
      request_id: null,
    });
    await repo.updateRequest(trx, op, id, null, {
      status: 'in_progress',
      exported_at: ctx.now,
      exported_by: ctx.actor.userId,
      export_transfer_id: transferId,
      updated_at: ctx.now,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'subject_request.exported',
      entityType: 'person',
      entityId: row.person_id,
      details: {
        request: id,
        transfer: transferId,
        inPerson: row.in_person,
        withheld: result.withheld,
      },
    });
    return result;
  });
}

/**
 * Transfer requests: an export of chosen persons to a named recipient. Host authorities and law
 * enforcement need two approvers other than the requester (transfers.approve); the requester
 * downloads the file once it is approved, and the download is the transfer (the log's row).
 */
import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import { ROLE_ABILITIES, ROLES } from '../../platform/access/roles.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { notify } from '../notifications/service.ts';
import { visiblePersons } from '../registry/service.ts';
import { defaultFields, mayExport, type ExportField } from '../transfer/export-fields.ts';
import type { ExportQuery } from '../transfer/schema.ts';
import { exportPersons } from '../transfer/service.ts';
import { approvalsRequiredFor, categoriesOf } from './categories.ts';
import { consentGate, countLacking, recordOverride } from './consent-service.ts';
import { seal, sealIf, unseal } from './sealing.ts';
import type { ApprovalRow, TransferRequestRow } from './tables.ts';
import * as repo from './transfer-repository.ts';
import type {
  ApprovalInput,
  TransferRequestInput,
  TransferRequestQuery,
  TransferRequestView,
} from './transfer-schema.ts';

const OVERRIDE = 'transfer_requests.override';
const NOTE = 'transfer_approvals.note';
const APPROVER_ROLES = ROLES.filter((r) => ROLE_ABILITIES[r].includes('transfers.approve'));

function present(
  platform: Platform,
  r: TransferRequestRow,
  approvals: readonly ApprovalRow[],
): TransferRequestView {
  return {
    id: r.id,
    status: r.status as TransferRequestView['status'],
    recipient: r.recipient,
    recipientType: r.recipient_type as TransferRequestView['recipientType'],
    purpose: r.purpose,
    legalBasis: r.legal_basis as TransferRequestView['legalBasis'],
    consentPurpose: r.consent_purpose as TransferRequestView['consentPurpose'],
    fields: r.fields as ExportField[],
    categories: r.categories,
    format: r.format as TransferRequestView['format'],
    personIds: r.person_ids,
    consentMissing: r.consent_missing,
    overrideReason: unseal(platform, r.override_reason_sealed, OVERRIDE, r.id),
    approvalsRequired: r.approvals_required,
    approvals: approvals
      .filter((a) => a.request_id === r.id)
      .map((a) => ({
        approverId: a.approver_id,
        decision: a.decision as 'approved' | 'rejected',
        note: unseal(platform, a.note_sealed, NOTE, `${a.request_id}:${a.approver_id}`),
        decidedAt: a.decided_at.toISOString(),
      })),
    requestedBy: r.requested_by,
    requestedAt: r.requested_at.toISOString(),
    transferId: r.transfer_id,
    downloadedAt: r.downloaded_at?.toISOString() ?? null,
    version: r.version,
  };
}

async function view(platform: Platform, trx: Tx, ctx: RequestContext, id: string) {
  const op = ctx.actor.operationId;
  const row = (await repo.findRequest(trx, op, id))!;
  return present(platform, row, await repo.approvalsOf(trx, op, [id]));
}

/** Approvers and the data-protection officer see every request; others only their own. */
const seesAll = (ctx: RequestContext) =>
  can(ctx.actor, 'transfers.approve') || can(ctx.actor, 'dataprotection.read');

export function createRequest(
  platform: Platform,
  ctx: RequestContext,
  input: TransferRequestInput,
) {
  const fields = input.fields ?? defaultFields(ctx.actor);
  const refused = fields.filter((f) => !mayExport(ctx.actor, f));
  if (refused.length)
    throw new AppError('forbidden', {
      errors: [
        { field: 'body.fields', message: `not available to your role: ${refused.join(', ')}` },
      ],
    });
  const id = crypto.randomUUID();
  const categories = categoriesOf(fields);
  const required = approvalsRequiredFor(input.recipientType);
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    // Missing, invisible, restricted and merged-away persons get one answer (no oracle).
    const visible = await visiblePersons(trx, ctx, input.personIds);
    const shareable = await repo.shareableAmong(trx, op, [...visible.keys()]);
    const bad = input.personIds.findIndex((p) => !shareable.has(p));
    if (bad >= 0) throw fieldError(`body.personIds.${bad}`, 'is not a person you may share');
    const missing = input.consentPurpose
      ? await countLacking(trx, ctx, input.personIds, input.consentPurpose, categories)
      : 0;
    if (input.consentPurpose)
      consentGate(missing, input.consentPurpose, input.override?.reason, 'body.consentPurpose');
    await repo.insertRequest(trx, {
      operation_id: op,
      id,
      recipient: input.recipient,
      recipient_type: input.recipientType,
      purpose: input.purpose,
      consent_purpose: input.consentPurpose ?? null,
      legal_basis: input.legalBasis,
      fields,
      categories,
      format: input.format,
      person_ids: input.personIds,
      consent_missing: missing,
      override_reason_sealed:
        missing > 0 ? seal(platform, input.override!.reason, OVERRIDE, id) : null,
      approvals_required: required,
      status: required > 0 ? 'pending' : 'approved',
      requested_by: ctx.actor.userId,
      requested_at: ctx.now,
      transfer_id: null,
      downloaded_at: null,
      updated_at: ctx.now,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'transfer.requested',
      entityType: 'transfer_request',
      entityId: id,
      details: {
        persons: input.personIds.length,
        recipientType: input.recipientType,
        approvalsRequired: required,
        categories,
      },
    });
    if (missing > 0)
      await recordOverride(platform, trx, ctx, {
        entityType: 'transfer_request',
        entityId: id,
        purpose: input.consentPurpose!,
        persons: missing,
      });
    if (required > 0)
      await notify(trx, ctx, await repo.usersWithRoles(trx, op, APPROVER_ROLES, ctx.actor.userId), {
        kind: 'transfer_request_pending',
        entityType: 'transfer_request',
        entityId: id,
      });
    return view(platform, trx, ctx, id);
  });
}

export function listRequests(platform: Platform, ctx: RequestContext, q: TransferRequestQuery) {
  const all = seesAll(ctx);
  if (!all && !can(ctx.actor, 'persons.read')) throw new AppError('forbidden');
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const { rows, total } = await repo.listRequests(trx, op, {
      ...(q.status ? { status: q.status } : {}),
      ...(all ? {} : { requestedBy: ctx.actor.userId }),
      limit: q.limit,
      offset: q.offset,
    });
    const approvals = await repo.approvalsOf(
      trx,
      op,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => present(platform, r, approvals)), total };
  });
}

async function loadRequest(trx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.findRequest(trx, ctx.actor.operationId, id);
  if (!row || (!seesAll(ctx) && row.requested_by !== ctx.actor.userId)) throw notFound();
  return row;
}

export function getRequest(platform: Platform, ctx: RequestContext, id: string) {
  if (!seesAll(ctx) && !can(ctx.actor, 'persons.read')) throw new AppError('forbidden');
  return asActor(platform, ctx, async (trx) => {
    await loadRequest(trx, ctx, id);
    return view(platform, trx, ctx, id);
  });
}

/** One approver's decision. Two approvals open the download; one rejection closes the request. */
export function decide(platform: Platform, ctx: RequestContext, id: string, input: ApprovalInput) {
  return asActor(platform, ctx, async (trx) => {
    const op = ctx.actor.operationId;
    const row = await loadRequest(trx, ctx, id);
    if (row.requested_by === ctx.actor.userId)
      throw new AppError('forbidden', {
        detail: 'The requester cannot approve or reject their own transfer request.',
      });
    if (row.status !== 'pending')
      throw new AppError('conflict', { detail: `The request is ${row.status}, not pending.` });
    const decision = input.decision === 'approve' ? 'approved' : 'rejected';
    const fresh = await repo.insertApproval(trx, {
      operation_id: op,
      request_id: id,
      approver_id: ctx.actor.userId,
      decision,
      note_sealed: sealIf(platform, input.note, NOTE, `${id}:${ctx.actor.userId}`),
      decided_at: ctx.now,
    });
    if (!fresh)
      throw new AppError('conflict', { detail: 'You have already decided on this request.' });
    const approvals = await repo.approvalsOf(trx, op, [id]);
    const approved = approvals.filter((a) => a.decision === 'approved').length;
    const next =
      decision === 'rejected' ? 'rejected' : approved >= row.approvals_required ? 'approved' : null;
    if (
      next &&
      !(await repo.moveRequest(trx, op, id, 'pending', { status: next, updated_at: ctx.now }))
    )
      throw new AppError('conflict', { detail: 'The request was decided meanwhile.' });
    await recordEvent(platform, trx, ctx, {
      action: `transfer.${decision}`,
      entityType: 'transfer_request',
      entityId: id,
      details: { approvals: approved, required: row.approvals_required, status: next ?? 'pending' },
    });
    if (next)
      await notify(trx, ctx, [row.requested_by], {
        kind: 'transfer_request_decided',
        entityType: 'transfer_request',
        entityId: id,
      });
    return view(platform, trx, ctx, id);
  });
}

/**
 * The requester downloads an approved request, once: the export of exactly its persons and
 * fields, recorded in the transfer log with the request's id in the same transaction that marks
 * the request downloaded. Consent is checked again: a withdrawal since the request refuses it.
 */
export async function download(platform: Platform, ctx: RequestContext, id: string) {
  const row = await asActor(platform, ctx, async (trx) => {
    const r = await repo.findRequest(trx, ctx.actor.operationId, id);
    if (!r || r.requested_by !== ctx.actor.userId) throw notFound();
    return r;
  });
  if (row.status === 'pending')
    throw new AppError('conflict', {
      detail: `The request is waiting for approval (${row.approvals_required} approvers needed).`,
    });
  if (row.status !== 'approved')
    throw new AppError('conflict', { detail: `The request is ${row.status}.` });
  const q: ExportQuery = {
    format: row.format as ExportQuery['format'],
    fields: row.fields as ExportField[],
    purpose: row.purpose,
    recipient: row.recipient,
    legalBasis: row.legal_basis,
    recipientType: row.recipient_type as ExportQuery['recipientType'],
    ...(row.consent_purpose
      ? { consentPurpose: row.consent_purpose as NonNullable<ExportQuery['consentPurpose']> }
      : {}),
    ...(row.override_reason_sealed
      ? { consentOverride: unseal(platform, row.override_reason_sealed, OVERRIDE, row.id)! }
      : {}),
  };
  const out = await exportPersons(platform, ctx, q, {
    personIds: row.person_ids,
    requestId: row.id,
    onRecorded: async (trx, transferId) => {
      const moved = await repo.moveRequest(trx, ctx.actor.operationId, id, 'approved', {
        status: 'downloaded',
        transfer_id: transferId,
        downloaded_at: ctx.now,
        updated_at: ctx.now,
      });
      if (!moved) throw new AppError('conflict', { detail: 'The request was downloaded already.' });
    },
  });
  return { ...out, format: q.format };
}

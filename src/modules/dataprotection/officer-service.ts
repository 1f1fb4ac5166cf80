/**
 * The data-protection officer's lists: the transfer log and break-glass readings (subject
 * requests and retention runs are in their own services). Filters apply in SQL; a CSV download is
 * audited, since the list then leaves the system.
 */
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import type { BreakGlassQuery, TransferQuery, TransferView } from './officer-schema.ts';
import * as repo from './officer-repository.ts';
import { unseal } from './sealing.ts';
import type { TransferRow } from './tables.ts';

const DAY_MS = 86_400_000;
const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS);

function presentTransfer(platform: Platform, t: TransferRow): TransferView {
  return {
    id: t.id,
    kind: t.kind,
    recipient: t.recipient,
    recipientType: t.recipient_type ?? 'unspecified',
    purpose: t.purpose,
    legalBasis: t.legal_basis,
    fields: t.fields,
    categories: t.categories ?? [],
    recordCount: t.record_count,
    format: t.format,
    consentPurpose: t.consent_purpose,
    consentMissing: t.consent_missing,
    overrideReason: unseal(platform, t.override_reason_sealed, 'transfers.override', t.id),
    requestId: t.request_id,
    createdBy: t.created_by,
    createdAt: t.created_at.toISOString(),
  };
}

export function listTransfers(platform: Platform, ctx: RequestContext, q: TransferQuery) {
  return asActor(platform, ctx, async (trx) => {
    const { rows, total } = await repo.listTransfers(trx, ctx.actor.operationId, {
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.recipientType ? { recipientType: q.recipientType } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.createdBy ? { createdBy: q.createdBy } : {}),
      ...(q.from ? { from: dayStart(q.from) } : {}),
      ...(q.to ? { to: dayAfter(q.to) } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    return { items: rows.map((t) => presentTransfer(platform, t)), total };
  });
}

export function listBreakGlass(platform: Platform, ctx: RequestContext, q: BreakGlassQuery) {
  return asActor(platform, ctx, async (trx) => {
    const { rows, total } = await repo.listBreakGlass(trx, ctx.actor.operationId, {
      ...(q.userId ? { userId: q.userId } : {}),
      ...(q.personId ? { personId: q.personId } : {}),
      ...(q.from ? { from: dayStart(q.from) } : {}),
      ...(q.to ? { to: dayAfter(q.to) } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    return {
      items: rows.map((r) => ({
        at: r.at.toISOString(),
        userId: r.user_id,
        personId: r.person_id,
        until: r.until,
        reason: r.reason,
        active: r.expires_at !== null && r.expires_at > ctx.now,
      })),
      total,
    };
  });
}

/** The audit event of a list downloaded as CSV: which list and how many rows, no filter text. */
export function recordCsvDownload(
  platform: Platform,
  ctx: RequestContext,
  list: string,
  rows: number,
) {
  return asActor(platform, ctx, (trx) =>
    recordEvent(platform, trx, ctx, {
      action: 'dataprotection.csv_downloaded',
      entityType: 'operation',
      entityId: ctx.actor.operationId,
      details: { list, rows },
    }),
  );
}

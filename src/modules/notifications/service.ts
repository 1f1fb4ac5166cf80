import type { RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import type { Tx } from '../../platform/db/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor } from '../../platform/unit-of-work.ts';
import { isSupervisor } from '../cases/policy.ts';
import { visiblePersons } from '../registry/service.ts';
import * as repo from './repository.ts';

/**
 * In-app notices, inside the caller's transaction. A notice carries a kind and a record id,
 * never a name or whereabouts: the reader opens the record, where access rules apply.
 */
export function notify(
  trx: Tx,
  ctx: RequestContext,
  userIds: readonly string[],
  notice: { kind: string; entityType: string; entityId: string },
): Promise<void> {
  return repo.insertMany(
    trx,
    [...new Set(userIds)].map((userId) => ({
      operation_id: ctx.actor.operationId,
      user_id: userId,
      kind: notice.kind,
      entity_type: notice.entityType,
      entity_id: notice.entityId,
      created_at: ctx.now,
    })),
  );
}

type Row = Awaited<ReturnType<typeof repo.listOwn>>[number];

const idsOf = (rows: readonly Row[], entityType: string) =>
  [...new Set(rows.filter((n) => n.entity_type === entityType).map((n) => n.entity_id!))].filter(
    Boolean,
  );

/**
 * The subject of each notice that needs one to be opened, by notice entity id: a referral's
 * case for those who work on it (never for the receiving partner, who has no case), and a
 * separation request's person for those who may see that person (a restricted record exists
 * only for the users named on it). Ids only, checked now: access may have changed since.
 */
async function subjectsOf(trx: Tx, ctx: RequestContext, rows: readonly Row[]) {
  const subjects = new Map<string, string>();
  const { actor } = ctx;
  const referrals = can(actor, 'cases.read')
    ? await repo.casesOfReferrals(
        trx,
        {
          operationId: actor.operationId,
          userId: actor.userId,
          agencyId: actor.agencyId,
          supervisor: isSupervisor(actor),
        },
        idsOf(rows, 'referral'),
      )
    : [];
  const requests = await repo.personsOfRequests(
    trx,
    actor.operationId,
    idsOf(rows, 'separation_request'),
  );
  const visible = await visiblePersons(trx, ctx, [
    ...referrals.map((r) => r.person_id),
    ...requests.map((r) => r.person_id),
  ]);
  for (const r of referrals) if (visible.has(r.person_id)) subjects.set(r.id, r.case_id);
  for (const r of requests) if (visible.has(r.person_id)) subjects.set(r.id, r.person_id);
  return subjects;
}

export function listMine(platform: Platform, ctx: RequestContext) {
  return asActor(platform, ctx, async (trx) => {
    const rows = await repo.listOwn(trx, ctx.actor.operationId, ctx.actor.userId);
    const subjects = await subjectsOf(trx, ctx, rows);
    return {
      items: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        entityType: n.entity_type,
        entityId: n.entity_id,
        subjectId: (n.entity_id && subjects.get(n.entity_id)) ?? null,
        createdAt: n.created_at.toISOString(),
        readAt: n.read_at?.toISOString() ?? null,
      })),
    };
  });
}

export function markRead(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, async (trx) => {
    if (!(await repo.markRead(trx, ctx.actor.operationId, ctx.actor.userId, id, ctx.now)))
      throw notFound();
    return null;
  });
}

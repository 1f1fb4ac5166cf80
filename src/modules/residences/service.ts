import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { fieldError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { loadVisible, visiblePersons } from '../registry/service.ts';
import { getSite } from '../sites/service.ts';
import * as repo from './repository.ts';
import type { ResidenceInput, ResidenceView } from './schema.ts';

function present(r: repo.ResidenceRow): ResidenceView {
  return {
    id: r.id,
    siteId: r.site_id,
    siteName: r.site_name,
    place: r.place,
    inTerritory: r.in_territory,
    from: r.valid_from,
    to: r.valid_to,
    movedBy: r.moved_by,
    reason: r.reason,
    recordedAt: r.recorded_at.toISOString(),
  };
}

/**
 * Records where a person lives from a date on. The open residence, if any, ends that day:
 * a relocation is a new row, never an overwrite, so the history stays the record.
 */
export function addResidence(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  input: ResidenceInput,
) {
  const operationId = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const open = await repo.currentResidence(trx, operationId, personId);
    if (open && input.from < open.valid_from)
      throw fieldError('body.from', `must not be before the current residence began`);
    if (open) await repo.closeResidence(trx, operationId, open.id, input.from);
    const { id } = await repo.insertResidence(trx, {
      operation_id: operationId,
      person_id: personId,
      site_id: input.siteId ?? null,
      place: input.place ?? null,
      in_territory: input.inTerritory,
      valid_from: input.from,
      moved_by: input.movedBy ?? null,
      reason: input.reason ?? null,
      recorded_at: ctx.now,
      recorded_by: ctx.actor.userId,
    });
    await recordEvent(platform, trx, ctx, {
      action: open ? 'person.relocated' : 'person.residence_added',
      entityType: 'person',
      entityId: personId,
      details: { residence: id, site: input.siteId ?? null },
    });
    return present(
      (await repo.listResidences(trx, operationId, personId)).find((r) => r.id === id)!,
    );
  });
}

export function listResidences(platform: Platform, ctx: RequestContext, personId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const rows = await repo.listResidences(trx, ctx.actor.operationId, personId);
    return { items: rows.map(present) };
  });
}

/** The open residence of a person the actor may see, inside the caller's transaction. */
export async function currentResidenceOf(trx: Tx, ctx: RequestContext, personId: string) {
  await loadVisible(trx, ctx, personId);
  const rows = await repo.listResidences(trx, ctx.actor.operationId, personId);
  const open = rows.find((r) => r.valid_to === null);
  return open ? present(open) : null;
}

/** Who lives on a site now, among the persons the actor may see. */
export async function siteResidents(
  platform: Platform,
  ctx: RequestContext,
  siteId: string,
  page: { limit: number; offset: number },
) {
  await getSite(platform, ctx, siteId);
  return asActor(platform, ctx, async (trx) => {
    const rows = await repo.currentResidents(trx, ctx.actor.operationId, siteId);
    const visible = await visiblePersons(
      trx,
      ctx,
      rows.map((r) => r.person_id),
    );
    const shown = rows.filter((r) => visible.has(r.person_id));
    return {
      total: shown.length,
      items: shown.slice(page.offset, page.offset + page.limit).map((r) => {
        const p = visible.get(r.person_id)!;
        return {
          personId: p.id,
          names: p.names,
          sex: p.sex,
          birthYear: p.birthYear,
          since: r.valid_from,
        };
      }),
    };
  });
}

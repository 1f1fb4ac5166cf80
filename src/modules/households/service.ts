import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { loadVisible, visiblePersons } from '../registry/service.ts';
import * as repo from './repository.ts';
import type { HouseholdCreate, HouseholdView, MemberInput, MemberPatch } from './schema.ts';

type MemberView = HouseholdView['members'][number];

function presentMember(m: repo.MemberRow): MemberView {
  return {
    id: m.id,
    personId: m.person_id,
    relationship: m.relationship as MemberView['relationship'],
    joinedOn: m.joined_on,
    leftOn: m.left_on,
  };
}

/** A person the actor cannot see is reported exactly like one that does not exist. */
async function requirePerson(trx: Tx, ctx: RequestContext, personId: string, field: string) {
  try {
    await loadVisible(trx, ctx, personId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') throw fieldError(field, 'does not exist');
    throw e;
  }
}

/** The household with the members the actor may see; 404 when they may see none. */
async function loadHousehold(trx: Tx, ctx: RequestContext, id: string): Promise<HouseholdView> {
  const row = await repo.findHousehold(trx, ctx.actor.operationId, id);
  if (!row) throw notFound();
  const members = await repo.listMembers(trx, ctx.actor.operationId, id);
  const visible = await visiblePersons(
    trx,
    ctx,
    members.map((m) => m.person_id),
  );
  const shown = members.filter((m) => visible.has(m.person_id));
  if (!shown.length) throw notFound();
  return {
    id: row.id,
    externalId: row.external_id,
    members: shown.map(presentMember),
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

async function insertMember(
  trx: Tx,
  ctx: RequestContext,
  householdId: string,
  m: MemberInput,
  field: string,
) {
  await requirePerson(trx, ctx, m.personId, `${field}.personId`);
  await repo.insertMember(
    trx,
    {
      operation_id: ctx.actor.operationId,
      household_id: householdId,
      person_id: m.personId,
      relationship: m.relationship,
      joined_on: m.joinedOn ?? ctx.now.toISOString().slice(0, 10),
      recorded_at: ctx.now,
      recorded_by: ctx.actor.userId,
    },
    `${field}.personId`,
  );
}

export function createHousehold(platform: Platform, ctx: RequestContext, input: HouseholdCreate) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    await repo.insertHousehold(trx, {
      operation_id: ctx.actor.operationId,
      id,
      external_id: input.externalId ?? null,
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    for (const [i, m] of input.members.entries())
      await insertMember(trx, ctx, id, m, `body.members.${i}`);
    await recordEvent(platform, trx, ctx, {
      action: 'household.created',
      entityType: 'household',
      entityId: id,
      details: { members: input.members.length },
    });
    return loadHousehold(trx, ctx, id);
  });
}

export function getHousehold(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, (trx) => loadHousehold(trx, ctx, id));
}

export function addMember(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  input: MemberInput,
) {
  return asActor(platform, ctx, async (trx) => {
    await loadHousehold(trx, ctx, id);
    if (input.relationship === 'focal_point')
      throw fieldError('body.relationship', 'the household already has a focal point');
    if (!(await repo.touchHousehold(trx, ctx.actor.operationId, id, ctx.now, version)))
      throw new AppError('precondition_failed');
    await insertMember(trx, ctx, id, input, 'body');
    await recordEvent(platform, trx, ctx, {
      action: 'household.member_added',
      entityType: 'household',
      entityId: id,
      details: { relationship: input.relationship },
    });
    return loadHousehold(trx, ctx, id);
  });
}

export function updateMember(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  memberId: string,
  version: number,
  patch: MemberPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const household = await loadHousehold(trx, ctx, id);
    const member = household.members.find((m) => m.id === memberId);
    if (!member) throw notFound();
    if (patch.leftOn && patch.leftOn < member.joinedOn)
      throw fieldError('body.leftOn', 'must not be before the date the member joined');
    if (!(await repo.touchHousehold(trx, ctx.actor.operationId, id, ctx.now, version)))
      throw new AppError('precondition_failed');
    await repo.updateMember(trx, ctx.actor.operationId, id, memberId, {
      ...(patch.relationship ? { relationship: patch.relationship } : {}),
      ...(patch.leftOn ? { left_on: patch.leftOn } : {}),
    });
    await recordEvent(platform, trx, ctx, {
      action: 'household.member_updated',
      entityType: 'household',
      entityId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return loadHousehold(trx, ctx, id);
  });
}

/** Every household a person has belonged to, current one last. */
export function membershipsOf(platform: Platform, ctx: RequestContext, personId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const rows = await repo.membershipsOf(trx, ctx.actor.operationId, personId);
    return { items: rows.map((m) => ({ ...presentMember(m), householdId: m.household_id })) };
  });
}

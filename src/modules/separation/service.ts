import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { openSecret, sealSecret } from '../../platform/crypto/secret-box.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { distributionsOfPerson } from '../assistance/distributions-repository.ts';
import {
  dependencyOf,
  essentialOf,
  type DependencyRow,
  type IndependenceClass,
} from '../assistance/indicators.ts';
import { findProvider } from '../assistance/repository.ts';
import { loadSettings } from '../assistance/service.ts';
import { notify } from '../notifications/service.ts';
import * as registry from '../registry/service.ts';
import { currentResidenceOf } from '../residences/service.ts';
import { isActiveUser } from '../users/service.ts';
import * as repo from './repository.ts';
import type {
  AssistanceDependencyView,
  RequestInput,
  RequestView,
  StepInput,
  StepPatch,
  StepView,
} from './schema.ts';

/** How long a break-glass reading lasts. */
const BREAK_GLASS_HOURS = 4;
/** The window of assistance a safety plan looks at. */
const DEPENDENCY_DAYS = 90;

const reasonAad = (id: string) => `separation_requests.reason:${id}`;
const noteAad = (id: string) => `safety_plan_steps.note:${id}`;

function open(platform: Platform, box: Buffer | null, aad: string): string | null {
  return box ? openSecret(platform.keys.masterKey, box, aad).toString('utf8') : null;
}

function presentStep(platform: Platform, s: repo.StepRow): StepView {
  return {
    id: s.id,
    kind: s.kind as StepView['kind'],
    ownerId: s.owner_id,
    dueOn: s.due_on,
    doneOn: s.done_on,
    note: open(platform, s.note_sealed, noteAad(s.id)),
    version: s.version,
  };
}

/**
 * The person's essentials over the last 90 days by the assistance module's dependency rule
 * (indicators.dependencyOf, with the operation's threshold and reporting currency), and the
 * providers they came from. Called only once the caller has passed the request's access check.
 */
async function assistanceDependency(
  trx: Tx,
  ctx: RequestContext,
  personId: string,
): Promise<AssistanceDependencyView> {
  const op = ctx.actor.operationId;
  const to = ctx.now.toISOString().slice(0, 10);
  const from = new Date(ctx.now.getTime() - DEPENDENCY_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const settings = await loadSettings(trx, op);
  const received = await distributionsOfPerson(trx, op, personId, { from, to });
  const essentials = received.filter((d) => essentialOf(d.programme_type) !== null);
  const result = dependencyOf(
    essentials.map((d): DependencyRow => ({
      essential: essentialOf(d.programme_type)!,
      independenceClass: d.independence_class as IndependenceClass,
      value: d.reporting_currency === settings.reportingCurrency ? d.reporting_value : null,
    })),
    settings.dependencyThreshold,
  );
  const providerIds = [...new Set(essentials.map((d) => d.provider_id))];
  const providers = (await Promise.all(providerIds.map((id) => findProvider(trx, op, id)))).flatMap(
    (p) =>
      p
        ? [{ id: p.id, name: p.name, independence: p.independence_class as IndependenceClass }]
        : [],
  );
  // Group-linked first: those are the ones the plan must replace.
  providers.sort(
    (a, b) =>
      Number(b.independence === 'group_linked_sponsor') -
        Number(a.independence === 'group_linked_sponsor') || a.name.localeCompare(b.name),
  );
  return {
    from,
    to,
    threshold: result.threshold,
    share: result.share,
    flagged: result.flagged,
    groupLinked: providers.some((p) => p.independence === 'group_linked_sponsor'),
    providers,
  };
}

async function present(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  rows: repo.RequestRow[],
): Promise<RequestView[]> {
  const steps = await repo.stepsOf(
    trx,
    ctx.actor.operationId,
    rows.map((r) => r.id),
  );
  const dependencies = new Map<string, AssistanceDependencyView>();
  for (const personId of new Set(rows.map((r) => r.person_id)))
    dependencies.set(personId, await assistanceDependency(trx, ctx, personId));
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    reason: open(platform, r.reason_sealed, reasonAad(r.id))!,
    actingFor: r.acting_for,
    status: r.status as RequestView['status'],
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    steps: steps.filter((s) => s.request_id === r.id).map((s) => presentStep(platform, s)),
    assistanceDependency: dependencies.get(r.person_id)!,
    version: r.version,
  }));
}

/** The request, if its person is visible to the actor; else 404 as for a missing id. */
async function loadRequest(trx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.findRequest(trx, ctx.actor.operationId, id);
  if (!row) throw notFound();
  await registry.loadVisible(trx, ctx, row.person_id);
  return row;
}

/**
 * Records a request to leave a group, household or site. From this moment the person's record
 * is restricted to the users named on it (the requester first), and their current site and
 * contact are whereabouts: sealed, and out of every list.
 */
export function createRequest(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  input: RequestInput,
) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const residence = await currentResidenceOf(trx, ctx, personId);
    await registry.restrictWithWhereabouts(platform, trx, ctx, personId, {
      siteId: residence?.siteId ?? null,
      place: residence?.place ?? null,
      since: residence?.from ?? null,
    });
    await repo.insertRequest(trx, {
      operation_id: ctx.actor.operationId,
      id,
      person_id: personId,
      reason_sealed: sealSecret(platform.keys.masterKey, input.reason, reasonAad(id)),
      acting_for: input.actingFor ?? null,
      status: 'open',
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'separation.requested',
      entityType: 'person',
      entityId: personId,
      details: { request: id, leaving: input.leaving, onBehalf: Boolean(input.actingFor) },
    });
    return (
      await present(platform, trx, ctx, [(await repo.findRequest(trx, ctx.actor.operationId, id))!])
    )[0]!;
  });
}

export function listRequests(platform: Platform, ctx: RequestContext, personId: string) {
  return asActor(platform, ctx, async (trx) => {
    await registry.loadVisible(trx, ctx, personId);
    const rows = await repo.requestsOf(trx, ctx.actor.operationId, personId);
    if (rows.length)
      // The requests carry where the person's assistance came from.
      await recordEvent(platform, trx, ctx, {
        action: 'person.dependency_viewed',
        entityType: 'person',
        entityId: personId,
        details: { via: 'separation_request' },
      });
    return { items: await present(platform, trx, ctx, rows) };
  });
}

export function updateRequest(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  status: RequestView['status'],
) {
  return asActor(platform, ctx, async (trx) => {
    const row = await loadRequest(trx, ctx, id);
    if (
      !(await repo.updateRequest(trx, ctx.actor.operationId, id, version, {
        status,
        updated_at: ctx.now,
      }))
    )
      throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'separation.updated',
      entityType: 'person',
      entityId: row.person_id,
      details: { request: id, status },
    });
    return (
      await present(platform, trx, ctx, [(await repo.findRequest(trx, ctx.actor.operationId, id))!])
    )[0]!;
  });
}

export function addStep(
  platform: Platform,
  ctx: RequestContext,
  requestId: string,
  input: StepInput,
) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    const row = await loadRequest(trx, ctx, requestId);
    await repo.insertStep(trx, {
      operation_id: ctx.actor.operationId,
      id,
      request_id: requestId,
      kind: input.kind,
      owner_id: input.ownerId ?? null,
      due_on: input.dueOn ?? null,
      done_on: null,
      note_sealed: input.note ? sealSecret(platform.keys.masterKey, input.note, noteAad(id)) : null,
      created_at: ctx.now,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'separation.step_added',
      entityType: 'person',
      entityId: row.person_id,
      details: { request: requestId, kind: input.kind },
    });
    if (input.ownerId && input.ownerId !== ctx.actor.userId)
      await notify(trx, ctx, [input.ownerId], {
        kind: 'safety_plan_step',
        entityType: 'separation_request',
        entityId: requestId,
      });
    return (await present(platform, trx, ctx, [row]))[0]!;
  });
}

export function updateStep(
  platform: Platform,
  ctx: RequestContext,
  requestId: string,
  stepId: string,
  version: number,
  patch: StepPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const row = await loadRequest(trx, ctx, requestId);
    const ok = await repo.updateStep(trx, ctx.actor.operationId, requestId, stepId, version, {
      ...(patch.doneOn !== undefined ? { done_on: patch.doneOn } : {}),
      ...(patch.dueOn !== undefined ? { due_on: patch.dueOn } : {}),
      ...(patch.ownerId !== undefined ? { owner_id: patch.ownerId } : {}),
    });
    if (!ok) throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'separation.step_updated',
      entityType: 'person',
      entityId: row.person_id,
      details: { request: requestId, fields: Object.keys(patch).sort() },
    });
    return (await present(platform, trx, ctx, [row]))[0]!;
  });
}

export function getWhereabouts(platform: Platform, ctx: RequestContext, personId: string) {
  return asActor(platform, ctx, async (trx) => {
    const whereabouts = await registry.readWhereabouts(platform, trx, ctx, personId);
    await recordEvent(platform, trx, ctx, {
      action: 'person.whereabouts_viewed',
      entityType: 'person',
      entityId: personId,
    });
    return { whereabouts };
  });
}

export function setWhereabouts(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  whereabouts: Record<string, unknown>,
) {
  return asActor(platform, ctx, async (trx) => {
    await registry.writeWhereabouts(platform, trx, ctx, personId, whereabouts);
    await recordEvent(platform, trx, ctx, {
      action: 'person.whereabouts_changed',
      entityType: 'person',
      entityId: personId,
    });
    return { whereabouts };
  });
}

/** Names another user on a restricted record (they will see it from now on). */
export function nameUser(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  userId: string,
) {
  return asActor(platform, ctx, async (trx) => {
    if (!(await isActiveUser(trx, ctx, userId)))
      throw fieldError('body.userId', 'is not an active user of this operation');
    await registry.nameUserOn(trx, ctx, personId, userId);
    await recordEvent(platform, trx, ctx, {
      action: 'person.access_granted',
      entityType: 'person',
      entityId: personId,
      details: { user: userId },
    });
    await notify(trx, ctx, [userId], {
      kind: 'record_shared',
      entityType: 'person',
      entityId: personId,
    });
    return null;
  });
}

/**
 * A supervisor reads a restricted record without being named: for a few hours, with a reason,
 * audited, and the users named on the record are alerted at once.
 */
export function breakGlass(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  reason: string,
) {
  const until = new Date(ctx.now.getTime() + BREAK_GLASS_HOURS * 3600_000);
  return asActor(platform, ctx, async (trx) => {
    const named = await registry.breakGlass(trx, ctx, personId, reason, until);
    await recordEvent(platform, trx, ctx, {
      action: 'person.break_glass',
      entityType: 'person',
      entityId: personId,
      details: { until: until.toISOString() },
    });
    await notify(
      trx,
      ctx,
      named.filter((u) => u !== ctx.actor.userId),
      { kind: 'break_glass', entityType: 'person', entityId: personId },
    );
    return { expiresAt: until.toISOString() };
  });
}

/**
 * Loading what the actor may see, inside the caller's transaction: the one place the incident
 * and person rules are applied to single records (lists apply them in SQL, tables.ts).
 */
import type { RequestContext } from '../../platform/access/actor.ts';
import { authorizeRecord, can } from '../../platform/access/authorize.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound, type FieldError } from '../../platform/errors.ts';
import { staffActor } from '../cases/service.ts';
import { seesSensitive } from '../registry/policy.ts';
import { visiblePersons } from '../registry/service.ts';
import type { Sensitivity } from './catalogue.ts';
import { canSeeIncident } from './policy.ts';
import * as repo from './repository.ts';
import { fieldOf, type Issue } from './validation.ts';

export const viewerOf = (ctx: RequestContext): repo.Viewer => ({
  operationId: ctx.actor.operationId,
  userId: ctx.actor.userId,
  agencyId: ctx.actor.agencyId,
  seesSensitive: seesSensitive(ctx.actor),
  now: ctx.now,
});

const personIdsOf = (rows: readonly { person_id: string | null }[]) =>
  rows.flatMap((r) => (r.person_id ? [r.person_id] : []));

/**
 * The incident with its involvements when the actor may see it (policy.canSeeIncident: every
 * registered person involved visible, and the incident's own sensitivity); otherwise 404
 * exactly as for an id that does not exist.
 */
export async function loadIncident(trx: Tx, ctx: RequestContext, id: string) {
  const op = ctx.actor.operationId;
  const row = await repo.findIncident(trx, op, id);
  if (!row) throw notFound();
  const involvements = await repo.involvementsOf(trx, op, [id]);
  const persons = personIdsOf(involvements);
  const visible = await visiblePersons(trx, ctx, persons);
  const facts = {
    operationId: row.operation_id,
    sensitivity: row.sensitivity as Sensitivity,
    agencyId: row.agency_id,
    named: await repo.isNamedOn(trx, op, id, ctx.actor.userId),
    personsVisible: persons.every((p) => visible.has(p)),
  };
  authorizeRecord(ctx.actor, facts, canSeeIncident);
  return { row, involvements };
}

/**
 * Every person linked must be one the actor sees: an id they may not see is reported exactly
 * like one that does not exist, naming the field.
 */
export async function requirePersons(
  trx: Tx,
  ctx: RequestContext,
  ids: readonly (string | null | undefined)[],
  field: (index: number) => string,
): Promise<void> {
  const wanted = ids.filter((id): id is string => Boolean(id));
  const visible = await visiblePersons(trx, ctx, wanted);
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    if (id && !visible.has(id)) errors.push({ field: field(i), message: 'does not exist' });
  });
  if (errors.length) throw new AppError('validation_failed', { errors });
}

/** Every incident linked must be one the actor sees (same answer as for a missing one). */
export async function requireIncidents(
  trx: Tx,
  ctx: RequestContext,
  ids: readonly string[],
  field: (index: number) => string,
): Promise<void> {
  const visible = can(ctx.actor, 'incidents.read')
    ? await repo.visibleIncidentIds(trx, viewerOf(ctx), ids)
    : new Set<string>();
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    if (!visible.has(id)) errors.push({ field: field(i), message: 'does not exist' });
  });
  if (errors.length) throw new AppError('validation_failed', { errors });
}

/**
 * Another active user of the operation, as the policies would see them, who holds `ability`;
 * null otherwise.
 */
export async function staffWith(
  trx: Tx,
  ctx: RequestContext,
  userId: string,
  ability: 'incidents.read' | 'testimonies.read',
) {
  const user = await staffActor(trx, ctx, userId);
  return user && can(user, ability) ? user : null;
}

/** A date of what happened may not lie after today (the application's clock). */
export function refuseFuture(
  ctx: RequestContext,
  dates: Record<string, string | null | undefined>,
) {
  const today = ctx.now.toISOString().slice(0, 10);
  for (const [field, d] of Object.entries(dates))
    if (d && d > today) throw fieldError(field, 'is in the future');
}

export function refuseIssues(issues: readonly Issue[]): void {
  if (issues.length)
    throw new AppError('validation_failed', {
      errors: issues.map((i) => ({ field: fieldOf(i), message: i.message })),
    });
}

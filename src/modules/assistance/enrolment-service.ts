import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { loadVisible } from '../registry/service.ts';
import { ENROLMENT_TYPES, type ProgrammeType } from './indicators.ts';
import { presentEnrolment } from './presenter.ts';
import * as erepo from './enrolments-repository.ts';
import * as repo from './repository.ts';
import type { EnrolmentInput, EnrolmentPatch, EnrolmentView } from './schema.ts';

type Outcomes = EnrolmentInput['outcomes'];

function outcomeColumns(o: Outcomes) {
  return {
    ...(o.completed !== undefined ? { completed: o.completed } : {}),
    ...(o.certified !== undefined ? { certified: o.certified } : {}),
    ...(o.employed !== undefined ? { employed: o.employed } : {}),
    ...(o.businessStarted !== undefined ? { business_started: o.businessStarted } : {}),
    ...(o.monthlyIncome !== undefined
      ? { monthly_income: o.monthlyIncome, income_currency: o.incomeCurrency ?? null }
      : {}),
    ...(o.outcomeOn !== undefined ? { outcome_on: o.outcomeOn } : {}),
  };
}

/** An enrolment of a person the actor may see; 404 otherwise, as for one that does not exist. */
async function loadEnrolment(trx: Tx, ctx: RequestContext, id: string): Promise<EnrolmentView> {
  const row = await erepo.findEnrolment(trx, ctx.actor.operationId, id);
  if (!row) throw notFound();
  await loadVisible(trx, ctx, row.person_id);
  return presentEnrolment(row);
}

async function requirePerson(trx: Tx, ctx: RequestContext, personId: string) {
  try {
    await loadVisible(trx, ctx, personId);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found')
      throw fieldError('body.personId', 'does not exist');
    throw e;
  }
}

/** Enrols a person in a training, education or livelihood programme, within its capacity. */
export function enrol(platform: Platform, ctx: RequestContext, input: EnrolmentInput) {
  const id = crypto.randomUUID();
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    await requirePerson(trx, ctx, input.personId);
    await erepo.lockProgramme(trx, op, input.programmeId);
    const programme = await repo.findProgramme(trx, op, input.programmeId);
    if (!programme) throw fieldError('body.programmeId', 'does not exist');
    if (!ENROLMENT_TYPES.includes(programme.type as ProgrammeType))
      throw fieldError('body.programmeId', 'is not a training, education or livelihood programme');
    if (
      input.status === 'enrolled' &&
      programme.capacity !== null &&
      (await erepo.openEnrolments(trx, op, programme.id)) >= programme.capacity
    )
      throw fieldError('body.programmeId', 'is full (capacity reached)', 'conflict');
    await erepo.insertEnrolment(trx, {
      operation_id: op,
      id,
      person_id: input.personId,
      programme_id: input.programmeId,
      enrolled_on: input.enrolledOn,
      ended_on: input.endedOn ?? null,
      status: input.status,
      ...outcomeColumns(input.outcomes),
      recorded_at: ctx.now,
      recorded_by: ctx.actor.userId,
      updated_at: ctx.now,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'enrolment.created',
      entityType: 'person',
      entityId: input.personId,
      details: { enrolment: id, programme: input.programmeId, status: input.status },
    });
    return loadEnrolment(trx, ctx, id);
  });
}

export function getEnrolment(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, (trx) => loadEnrolment(trx, ctx, id));
}

/** Status, end and outcomes (completed, certified, employed, business started, income). */
export function updateEnrolment(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: EnrolmentPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const current = await loadEnrolment(trx, ctx, id);
    const ended = patch.endedOn === undefined ? current.endedOn : patch.endedOn;
    if (ended && ended < current.enrolledOn)
      throw fieldError('body.endedOn', 'must not be before the enrolment date');
    const ok = await erepo.updateEnrolment(trx, ctx.actor.operationId, id, version, {
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.endedOn !== undefined ? { ended_on: patch.endedOn } : {}),
      ...(patch.outcomes ? outcomeColumns(patch.outcomes) : {}),
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'enrolment.updated',
      entityType: 'person',
      entityId: current.personId,
      details: { enrolment: id, fields: Object.keys(patch).sort() },
    });
    return loadEnrolment(trx, ctx, id);
  });
}

export function personEnrolments(platform: Platform, ctx: RequestContext, personId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const rows = await erepo.listEnrolments(trx, ctx.actor.operationId, personId);
    return { items: rows.map(presentEnrolment) };
  });
}

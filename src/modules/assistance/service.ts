import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { loadVisible, visiblePersons } from '../registry/service.ts';
import { validateSriConfig, type SriConfig } from '../selfreliance/sri.ts';
import { evaluateEligibility } from './eligibility.ts';
import { presentProgramme, presentProvider, presentSettings } from './presenter.ts';
import * as repo from './repository.ts';
import type {
  EligibilityView,
  ProgrammeInput,
  ProgrammePatch,
  ProviderInput,
  ProviderPatch,
  SettingsInput,
  SettingsView,
} from './schema.ts';

const today = (ctx: RequestContext) => ctx.now.toISOString().slice(0, 10);

// ----- settings ------------------------------------------------------------------------------

/** The operation's indicator settings, defaults where none are stored (version 0). */
export async function loadSettings(trx: Tx, operationId: string): Promise<SettingsView> {
  return presentSettings(await repo.findSettings(trx, operationId));
}

/** The SRI total configuration the settings describe. */
export function sriConfigOf(s: SettingsView): SriConfig {
  return {
    method: s.sriMethod,
    minScored: s.sriMinScored,
    ...(s.sriMethod === 'weighted-mean-v1' && s.sriWeights ? { weights: s.sriWeights } : {}),
  };
}

export function getSettings(platform: Platform, ctx: RequestContext) {
  return asActor(platform, ctx, (trx) => loadSettings(trx, ctx.actor.operationId));
}

export function saveSettings(
  platform: Platform,
  ctx: RequestContext,
  version: number,
  input: SettingsInput,
) {
  const errors = validateSriConfig({
    method: input.sriMethod,
    minScored: input.sriMinScored,
    ...(input.sriWeights ? { weights: input.sriWeights } : {}),
  });
  if (errors.length) {
    const field = (f: string) =>
      `body.${f
        .replace(/^method/, 'sriMethod')
        .replace(/^minScored/, 'sriMinScored')
        .replace(/^weights/, 'sriWeights')}`;
    throw new AppError('validation_failed', {
      errors: errors.map((e) => ({ field: field(e.field), message: e.message })),
    });
  }
  return asActor(platform, ctx, async (trx) => {
    const ok = await repo.saveSettings(trx, version, {
      operation_id: ctx.actor.operationId,
      dependency_threshold: input.dependencyThreshold,
      reporting_currency: input.reportingCurrency,
      sri_method: input.sriMethod,
      sri_min_scored: input.sriMinScored,
      sri_weights: input.sriWeights ? JSON.stringify(input.sriWeights) : null,
      updated_at: ctx.now,
      updated_by: ctx.actor.userId,
    });
    if (!ok) throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'assistance_settings.updated',
      entityType: 'operation',
      entityId: ctx.actor.operationId,
      details: { sriMethod: input.sriMethod, reportingCurrency: input.reportingCurrency },
    });
    return loadSettings(trx, ctx.actor.operationId);
  });
}

// ----- providers -----------------------------------------------------------------------------

async function loadProvider(trx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.findProvider(trx, ctx.actor.operationId, id);
  if (!row) throw notFound();
  return presentProvider(row);
}

export function createProvider(platform: Platform, ctx: RequestContext, input: ProviderInput) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    await repo.insertProvider(trx, {
      operation_id: ctx.actor.operationId,
      id,
      name: input.name,
      independence_class: input.independenceClass,
      organisation_type: input.organisationType ?? null,
      iati_ref: input.iatiRef ?? null,
      notes: input.notes ?? null,
      created_at: ctx.now,
      created_by: ctx.actor.userId,
      updated_at: ctx.now,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'provider.created',
      entityType: 'provider',
      entityId: id,
      details: { independenceClass: input.independenceClass },
    });
    return loadProvider(trx, ctx, id);
  });
}

export function getProvider(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, (trx) => loadProvider(trx, ctx, id));
}

export function listProviders(platform: Platform, ctx: RequestContext) {
  return asActor(platform, ctx, async (trx) => ({
    items: (await repo.listProviders(trx, ctx.actor.operationId)).map(presentProvider),
  }));
}

export function updateProvider(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: ProviderPatch,
) {
  return asActor(platform, ctx, async (trx) => {
    await loadProvider(trx, ctx, id);
    const ok = await repo.updateProvider(trx, ctx.actor.operationId, id, version, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.independenceClass ? { independence_class: patch.independenceClass } : {}),
      ...(patch.organisationType !== undefined
        ? { organisation_type: patch.organisationType }
        : {}),
      ...(patch.iatiRef !== undefined ? { iati_ref: patch.iatiRef } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'provider.updated',
      entityType: 'provider',
      entityId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return loadProvider(trx, ctx, id);
  });
}

// ----- programmes ----------------------------------------------------------------------------

export async function loadProgramme(trx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.findProgramme(trx, ctx.actor.operationId, id);
  if (!row) throw notFound();
  const sites = await repo.programmeSites(trx, ctx.actor.operationId, [id]);
  return presentProgramme(row, sites.get(id) ?? []);
}

export function createProgramme(platform: Platform, ctx: RequestContext, input: ProgrammeInput) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    await repo.insertProgramme(trx, {
      operation_id: ctx.actor.operationId,
      id,
      name: input.name,
      type: input.type,
      provider_id: input.providerId,
      description: input.description ?? null,
      funders: JSON.stringify(input.funders),
      eligibility: JSON.stringify(input.eligibility),
      capacity: input.capacity ?? null,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      created_at: ctx.now,
      created_by: ctx.actor.userId,
      updated_at: ctx.now,
    });
    await repo.setProgrammeSites(trx, ctx.actor.operationId, id, input.siteIds);
    await recordEvent(platform, trx, ctx, {
      action: 'programme.created',
      entityType: 'programme',
      entityId: id,
      details: { type: input.type, provider: input.providerId },
    });
    return loadProgramme(trx, ctx, id);
  });
}

export function getProgramme(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, (trx) => loadProgramme(trx, ctx, id));
}

/** Programmes with their covered sites, inside the caller's transaction. */
export async function programmesIn(trx: Tx, operationId: string, filter: { type?: string } = {}) {
  const rows = await repo.listProgrammes(trx, operationId, filter);
  const sites = await repo.programmeSites(
    trx,
    operationId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentProgramme(r, sites.get(r.id) ?? []));
}

export function listProgrammes(platform: Platform, ctx: RequestContext, type?: string) {
  return asActor(platform, ctx, async (trx) => ({
    items: await programmesIn(trx, ctx.actor.operationId, type ? { type } : {}),
  }));
}

export function updateProgramme(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: ProgrammePatch,
) {
  return asActor(platform, ctx, async (trx) => {
    const current = await loadProgramme(trx, ctx, id);
    const start = patch.startDate ?? current.startDate;
    const end = patch.endDate === undefined ? current.endDate : patch.endDate;
    if (end && end < start) throw fieldError('body.endDate', 'must not be before startDate');
    const ok = await repo.updateProgramme(trx, ctx.actor.operationId, id, version, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.providerId ? { provider_id: patch.providerId } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.funders ? { funders: JSON.stringify(patch.funders) } : {}),
      ...(patch.eligibility ? { eligibility: JSON.stringify(patch.eligibility) } : {}),
      ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
      ...(patch.startDate ? { start_date: patch.startDate } : {}),
      ...(patch.endDate !== undefined ? { end_date: patch.endDate } : {}),
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    if (patch.siteIds) await repo.setProgrammeSites(trx, ctx.actor.operationId, id, patch.siteIds);
    await recordEvent(platform, trx, ctx, {
      action: 'programme.updated',
      entityType: 'programme',
      entityId: id,
      details: { fields: Object.keys(patch).sort() },
    });
    return loadProgramme(trx, ctx, id);
  });
}

/** Whether a person meets a programme's rules on a date, each rule explained. */
export function explainEligibility(
  platform: Platform,
  ctx: RequestContext,
  programmeId: string,
  personId: string,
  asOf: string | undefined,
) {
  return asActor(platform, ctx, async (trx) => {
    const programme = await loadProgramme(trx, ctx, programmeId);
    const { row } = await loadVisible(trx, ctx, personId);
    const restricted = row.sensitivity === 'restricted';
    const siteId = restricted
      ? null
      : await repo.currentSiteOf(trx, ctx.actor.operationId, personId);
    const ruleSites = programme.eligibility.rules.flatMap((r) => (r.type === 'site' ? r.in : []));
    const names = await repo.siteNames(trx, ctx.actor.operationId, [
      ...programme.siteIds,
      ...ruleSites,
      ...(siteId ? [siteId] : []),
    ]);
    const day = asOf ?? today(ctx);
    const result = evaluateEligibility(
      programme.eligibility,
      {
        sex: row.sex,
        birthDate: row.birth_date,
        birthYear: row.birth_year,
        nationalities: row.nationalities,
        specificNeeds: (row.specific_needs as { code: string }[]).map((n) => n.code),
        siteId,
        siteWithheld: restricted,
      },
      day,
      { coverageSiteIds: programme.siteIds, siteNames: names },
    );
    await recordEvent(platform, trx, ctx, {
      action: 'person.eligibility_viewed',
      entityType: 'person',
      entityId: personId,
      details: { programme: programmeId, outcome: result.outcome },
    });
    // The rules came in through the programme schema, so they fit it on the way out.
    const rules = result.rules as unknown as EligibilityView['rules'];
    return { programmeId, personId, ...result, rules };
  });
}

// ----- households (visibility, shared with selfreliance) -------------------------------------

/**
 * The household's members the actor may see; 404 when none (as households/service.ts does).
 * Inside the caller's transaction.
 */
export async function loadVisibleHousehold(trx: Tx, ctx: RequestContext, householdId: string) {
  if (!can(ctx.actor, 'persons.read')) throw notFound();
  const ids = await repo.householdMemberIds(trx, ctx.actor.operationId, householdId);
  const visible = await visiblePersons(trx, ctx, ids);
  if (!visible.size) throw notFound();
  return [...visible.keys()];
}

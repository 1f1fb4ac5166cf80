import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { loadSettings, loadVisibleHousehold, sriConfigOf } from '../assistance/service.ts';
import * as repo from './repository.ts';
import type { SriInput, SriView } from './schema.ts';
import {
  SRI_DOMAINS,
  sriTotal,
  trend,
  type SriAssessment,
  type SriConfig,
  type SriDomainScores,
} from './sri.ts';

function domainsOf(input: SriInput['domains']): SriDomainScores {
  return Object.fromEntries(SRI_DOMAINS.map((d) => [d, input[d] ?? null]));
}

function present(r: repo.SriRow): SriView {
  return {
    id: r.id,
    householdId: r.household_id,
    assessedOn: r.assessed_on,
    assessor: r.assessor,
    instrumentVersion: r.instrument_version,
    domains: r.domains as SriView['domains'],
    total: {
      method: r.method as SriView['total']['method'],
      value: r.total,
      scoredDomains: r.scored_domains,
      minScored: r.min_scored,
      min: r.total_min,
      max: r.total_max,
      refusal: r.refusal,
    },
    recordedAt: r.recorded_at.toISOString(),
  };
}

const asAssessment = (r: {
  id: string;
  household_id: string;
  assessed_on: string;
  domains: unknown;
}): SriAssessment => ({
  id: r.id,
  householdId: r.household_id,
  assessedOn: r.assessed_on,
  domains: r.domains as SriDomainScores,
});

/**
 * Stores an assessment with its total by the operation's configured method; the row records
 * the method and its settings, so a later change of method never rewrites history.
 */
export function addAssessment(
  platform: Platform,
  ctx: RequestContext,
  householdId: string,
  input: SriInput,
) {
  const id = crypto.randomUUID();
  return asActor(platform, ctx, async (trx) => {
    await loadVisibleHousehold(trx, ctx, householdId);
    const config = sriConfigOf(await loadSettings(trx, ctx.actor.operationId));
    const domains = domainsOf(input.domains);
    const total = sriTotal(domains, config);
    await repo.insertAssessment(trx, {
      operation_id: ctx.actor.operationId,
      id,
      household_id: householdId,
      assessed_on: input.assessedOn,
      assessor: input.assessor ?? null,
      instrument_version: input.instrumentVersion,
      domains: JSON.stringify(domains),
      answers: input.answers ? JSON.stringify(input.answers) : null,
      method: total.method,
      min_scored: config.minScored ?? 6,
      total: total.value,
      total_min: total.value === null ? null : total.min,
      total_max: total.value === null ? null : total.max,
      scored_domains: total.scoredDomains,
      refusal: total.value === null ? total.reason : null,
      recorded_at: ctx.now,
      recorded_by: ctx.actor.userId,
    });
    await recordEvent(platform, trx, ctx, {
      action: 'household.sri_assessed',
      entityType: 'household',
      entityId: householdId,
      details: { assessment: id, method: total.method },
    });
    return present(await repo.findAssessment(trx, ctx.actor.operationId, id));
  });
}

/** The household's assessments as stored, and their totals by today's method over time. */
export function householdTrend(platform: Platform, ctx: RequestContext, householdId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisibleHousehold(trx, ctx, householdId);
    const config = sriConfigOf(await loadSettings(trx, ctx.actor.operationId));
    const rows = await repo.listAssessments(trx, ctx.actor.operationId, householdId);
    const points = trend(rows.map(asAssessment), config).map((p) => ({
      assessmentId: p.assessmentId,
      assessedOn: p.assessedOn,
      value: p.total.value,
      scoredDomains: p.total.scoredDomains,
      change: p.change,
    }));
    await recordEvent(platform, trx, ctx, {
      action: 'household.sri_viewed',
      entityType: 'household',
      entityId: householdId,
    });
    return { householdId, items: rows.map(present), trend: { method: config.method, points } };
  });
}

export interface SiteAssessments {
  siteId: string | null;
  siteName: string | null;
  assessments: SriAssessment[];
}

/** Assessments grouped by household site, and the configuration to total them with (for reports). */
export async function assessmentsBySite(
  trx: Tx,
  operationId: string,
  siteId: string | null,
): Promise<{ config: SriConfig; sites: SiteAssessments[] }> {
  const config = sriConfigOf(await loadSettings(trx, operationId));
  const sites = new Map<string, SiteAssessments>();
  for (const r of await repo.assessmentsBySite(trx, operationId, siteId)) {
    const key = r.site_id ?? '';
    if (!sites.has(key))
      sites.set(key, { siteId: r.site_id, siteName: r.site_name, assessments: [] });
    sites.get(key)!.assessments.push(asAssessment(r));
  }
  return { config, sites: [...sites.values()] };
}

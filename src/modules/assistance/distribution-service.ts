import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import type { RequestContext } from '../../platform/access/actor.ts';
import { can } from '../../platform/access/authorize.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { loadVisible, visiblePersons } from '../registry/service.ts';
import { readDistributionList, type DistributionList, type ListRow } from './bulk.ts';
import * as drepo from './distributions-repository.ts';
import { dependencyOf, essentialOf, periodOf, type IndependenceClass } from './indicators.ts';
import { presentDistribution } from './presenter.ts';
import * as repo from './repository.ts';
import type {
  BulkInput,
  BulkProblem,
  BulkResult,
  DependencyView,
  DistributionInput,
  PeriodQuery,
  SettingsView,
} from './schema.ts';
import { loadSettings, loadVisibleHousehold } from './service.ts';

const today = (ctx: RequestContext) => ctx.now.toISOString().slice(0, 10);

/** The row to store: the provider defaults to the programme's, the value is also kept in the reporting currency. */
function distributionRow(
  ctx: RequestContext,
  d: DistributionInput,
  m: { programmeProvider: string; settings: SettingsView; batchId: string | null },
): Insertable<drepo.DistributionsTable> {
  const inReporting = d.currency === m.settings.reportingCurrency;
  const reportingValue = inReporting ? (d.value ?? null) : (d.reportingValue ?? null);
  return {
    operation_id: ctx.actor.operationId,
    id: crypto.randomUUID(),
    person_id: d.personId ?? null,
    household_id: d.householdId ?? null,
    programme_id: d.programmeId,
    provider_id: d.providerId ?? m.programmeProvider,
    kind: d.kind,
    item: d.item ?? null,
    quantity: d.quantity ?? null,
    unit: d.unit ?? null,
    value: d.value ?? null,
    currency: d.currency ?? null,
    reporting_value: reportingValue,
    reporting_currency: reportingValue === null ? null : m.settings.reportingCurrency,
    distributed_on: d.distributedOn,
    site_id: d.siteId ?? null,
    funder: d.funder ?? null,
    agreement_id: d.agreementId ?? null,
    batch_id: m.batchId,
    recorded_at: ctx.now,
    recorded_by: ctx.actor.userId,
  };
}

/**
 * Every reference of the rows checked in a few queries: programme, provider, site, agreement,
 * and the person or household, which must be one the actor may see (else "does not exist", as
 * for an id that does not exist). Returns each programme's provider for the valid rows.
 */
async function checkReferences(trx: Tx, ctx: RequestContext, rows: readonly ListRow[]) {
  const op = ctx.actor.operationId;
  const ids = (pick: (d: DistributionInput) => string | undefined) => [
    ...new Set(rows.flatMap((r) => pick(r.input) ?? [])),
  ];
  const programmes = new Map(
    (await repo.listProgrammes(trx, op, { ids: ids((d) => d.programmeId) })).map((p) => [
      p.id,
      p.provider_id,
    ]),
  );
  const providers = await repo.existingIds(
    trx,
    'providers',
    op,
    ids((d) => d.providerId),
  );
  const sites = await repo.existingIds(
    trx,
    'sites',
    op,
    ids((d) => d.siteId),
  );
  const agreements = await repo.existingIds(
    trx,
    'funding_agreements',
    op,
    ids((d) => d.agreementId),
  );
  const readsPersons = can(ctx.actor, 'persons.read');
  const persons = readsPersons
    ? await visiblePersons(
        trx,
        ctx,
        ids((d) => d.personId),
      )
    : new Map();
  const members = await repo.membersOfHouseholds(
    trx,
    op,
    ids((d) => d.householdId),
  );
  const seen = readsPersons
    ? await visiblePersons(
        trx,
        ctx,
        members.map((m) => m.person_id),
      )
    : new Map();
  const households = new Set(
    members.filter((m) => seen.has(m.person_id)).map((m) => m.household_id),
  );
  const problems: { row: number; field: string; message: string }[] = [];
  for (const { row, input: d } of rows) {
    const missing = (field: string) => problems.push({ row, field, message: 'does not exist' });
    if (!programmes.has(d.programmeId)) missing('programmeId');
    if (d.providerId && !providers.has(d.providerId)) missing('providerId');
    if (d.siteId && !sites.has(d.siteId)) missing('siteId');
    if (d.agreementId && !agreements.has(d.agreementId)) missing('agreementId');
    if (d.personId && !persons.has(d.personId)) missing('personId');
    if (d.householdId && !households.has(d.householdId)) missing('householdId');
    if (d.distributedOn > today(ctx))
      problems.push({ row, field: 'distributedOn', message: 'must not be in the future' });
  }
  return { programmes, problems };
}

export function recordDistribution(platform: Platform, ctx: RequestContext, d: DistributionInput) {
  return asActor(platform, ctx, async (trx) => {
    const { programmes, problems } = await checkReferences(trx, ctx, [{ row: 1, input: d }]);
    if (problems.length)
      throw new AppError('validation_failed', {
        errors: problems.map((p) => ({ field: `body.${p.field}`, message: p.message })),
      });
    const settings = await loadSettings(trx, ctx.actor.operationId);
    const row = distributionRow(ctx, d, {
      programmeProvider: programmes.get(d.programmeId)!,
      settings,
      batchId: null,
    });
    await drepo.insertDistributions(trx, [row]);
    await recordEvent(platform, trx, ctx, {
      action: 'distribution.recorded',
      entityType: 'distribution',
      entityId: row.id,
      details: {
        person: d.personId ?? null,
        household: d.householdId ?? null,
        programme: d.programmeId,
      },
    });
    return presentDistribution((await drepo.findDistribution(trx, ctx.actor.operationId, row.id))!);
  });
}

function problemsOf(
  list: DistributionList,
  found: { row: number; field: string; message: string }[],
) {
  const located: BulkProblem[] = found.map((p) => ({
    ...p,
    column: list.letters.get(p.field) ?? null,
  }));
  return [...list.problems, ...located].sort((a, b) => a.row - b.row);
}

/** Why a commit was refused, field by field (the dry run gives the same list with columns). */
function refusal(list: DistributionList, problems: BulkProblem[]) {
  const field = (p: BulkProblem) =>
    list.source === 'rows'
      ? `body.rows.${p.row - 1}.${p.field}`
      : `file.row${p.row}${p.column ? `.${p.column}` : ''}.${p.field}`;
  return new AppError('validation_failed', {
    detail: `The distribution list has ${problems.length} problem(s); nothing was recorded.`,
    errors: problems.slice(0, 1000).map((p) => ({ field: field(p), message: p.message })),
  });
}

/**
 * A distribution list: checked whole (dry run), or committed whole — every row or none, in one
 * transaction with one audit event. A commit with any problem is refused and writes nothing.
 */
export async function bulkDistributions(
  platform: Platform,
  ctx: RequestContext,
  input: BulkInput,
): Promise<BulkResult> {
  const list = await readDistributionList(input); // file I/O before the transaction
  return asActor(platform, ctx, async (trx) => {
    const { programmes, problems: found } = await checkReferences(trx, ctx, list.valid);
    const problems = problemsOf(list, found);
    const badRows = new Set(found.map((p) => p.row));
    const result = {
      dryRun: input.dryRun,
      source: list.source,
      rows: list.total,
      valid: list.valid.filter((r) => !badRows.has(r.row)).length,
      problems: problems.slice(0, 1000),
    };
    if (input.dryRun) return { ...result, committed: false, batchId: null };
    if (problems.length || list.total === 0) throw refusal(list, problems);
    const batchId = crypto.randomUUID();
    const settings = await loadSettings(trx, ctx.actor.operationId);
    await drepo.insertBatch(trx, {
      operation_id: ctx.actor.operationId,
      id: batchId,
      source: list.source,
      file_sha256: list.fileSha256,
      rows_total: list.total,
      committed_by: ctx.actor.userId,
      committed_at: ctx.now,
    });
    await drepo.insertDistributions(
      trx,
      list.valid.map(({ input: d }) =>
        distributionRow(ctx, d, {
          programmeProvider: programmes.get(d.programmeId)!,
          settings,
          batchId,
        }),
      ),
    );
    await recordEvent(platform, trx, ctx, {
      action: 'distributions.imported',
      entityType: 'distribution_batch',
      entityId: batchId,
      details: { rows: list.total, source: list.source },
    });
    return { ...result, committed: true, batchId };
  });
}

export function personDistributions(platform: Platform, ctx: RequestContext, personId: string) {
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const rows = await drepo.distributionsOfPerson(trx, ctx.actor.operationId, personId);
    await recordEvent(platform, trx, ctx, {
      action: 'person.assistance_viewed',
      entityType: 'person',
      entityId: personId,
    });
    return { items: rows.map(presentDistribution) };
  });
}

export function householdDistributions(platform: Platform, ctx: RequestContext, id: string) {
  return asActor(platform, ctx, async (trx) => {
    const members = await loadVisibleHousehold(trx, ctx, id);
    const rows = await drepo.distributionsOfHousehold(trx, ctx.actor.operationId, id, members);
    await recordEvent(platform, trx, ctx, {
      action: 'household.assistance_viewed',
      entityType: 'household',
      entityId: id,
    });
    return { items: rows.map(presentDistribution) };
  });
}

function dependencyView(
  subject: DependencyView['subject'],
  id: string,
  rows: drepo.DistributionRow[],
  settings: SettingsView,
  period: { from: string; to: string },
  threshold: number | undefined,
): DependencyView {
  const result = dependencyOf(
    rows.flatMap((r) => {
      const essential = essentialOf(r.programme_type);
      if (!essential) return [];
      const valued = r.reporting_currency === settings.reportingCurrency;
      return [
        {
          essential,
          independenceClass: r.independence_class as IndependenceClass,
          value: valued ? r.reporting_value : null,
        },
      ];
    }),
    threshold ?? settings.dependencyThreshold,
  );
  return { subject, id, ...period, reportingCurrency: settings.reportingCurrency, ...result };
}

function periodFor(ctx: RequestContext, q: PeriodQuery) {
  const period = periodOf(q, today(ctx));
  if (period.from > period.to) throw fieldError('query.from', 'must not be after to');
  return period;
}

/** How much of the person's essentials came from group-linked sponsors in the period. */
export function personDependency(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  q: PeriodQuery,
) {
  const period = periodFor(ctx, q);
  return asActor(platform, ctx, async (trx) => {
    await loadVisible(trx, ctx, personId);
    const settings = await loadSettings(trx, ctx.actor.operationId);
    const rows = await drepo.distributionsOfPerson(trx, ctx.actor.operationId, personId, period);
    await recordEvent(platform, trx, ctx, {
      action: 'person.dependency_viewed',
      entityType: 'person',
      entityId: personId,
    });
    return dependencyView('person', personId, rows, settings, period, q.threshold);
  });
}

/** The same for a household: its own distributions and those of the members the actor sees. */
export function householdDependency(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  q: PeriodQuery,
) {
  const period = periodFor(ctx, q);
  return asActor(platform, ctx, async (trx) => {
    const members = await loadVisibleHousehold(trx, ctx, id);
    const settings = await loadSettings(trx, ctx.actor.operationId);
    const rows = await drepo.distributionsOfHousehold(
      trx,
      ctx.actor.operationId,
      id,
      members,
      period,
    );
    await recordEvent(platform, trx, ctx, {
      action: 'household.dependency_viewed',
      entityType: 'household',
      entityId: id,
    });
    return dependencyView('household', id, rows, settings, period, q.threshold);
  });
}

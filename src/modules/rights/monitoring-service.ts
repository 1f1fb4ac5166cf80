/**
 * Monitoring rounds beyond the web form: the XLSForm for field teams, a round imported from a
 * file (checked whole, then written whole through the same rules as the form: rounds.ts), and
 * the trend of observed access over a site's rounds.
 */
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { seesSensitive } from '../registry/policy.ts';
import { suppressTable, type Cell } from '../reports/suppression.ts';
import { getSite } from '../sites/service.ts';
import { compileProfile } from './engine.ts';
import { FORM_FIELDS } from './form.ts';
import { readRoundFile, type RoundFile } from './import.ts';
import { rightsClass, type OwedMap } from './matrix.ts';
import * as repo from './repository.ts';
import { checkRoundEntries, writeRound, type RoundEntry } from './rounds.ts';
import type { ImportProblem, RoundImportInput, RoundImportResult, TrendView } from './schema.ts';
import { getHostProfile } from './service.ts';
import { trendCounts, type TrendCounts } from './trend.ts';

export { monitoringFormWorkbook } from './form.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Identifier as written → person id: a person id, else an external id. Whether the actor may
 * see the person is checked afterwards with the round's other rules, so a person the actor may
 * not see and a person that does not exist end in the same problem.
 */
async function resolvePersons(trx: Tx, ctx: RequestContext, values: string[]) {
  const distinct = [...new Set(values)];
  const rows = await repo.personsByIdentifier(
    trx,
    ctx.actor.operationId,
    distinct.filter((v) => UUID.test(v)).map((v) => v.toLowerCase()),
    distinct,
  );
  const byId = new Map(rows.map((r) => [r.id, r.id]));
  const byExternal = new Map(rows.flatMap((r) => (r.external_id ? [[r.external_id, r.id]] : [])));
  return new Map(
    distinct.flatMap((v) => {
      const id = (UUID.test(v) ? byId.get(v.toLowerCase()) : undefined) ?? byExternal.get(v);
      return id ? [[v, id] as const] : [];
    }),
  );
}

const byRowAndColumn = (a: ImportProblem, b: ImportProblem) =>
  a.row - b.row || (a.column ?? '').localeCompare(b.column ?? '');

/** Why a commit was refused, cell by cell (the dry run gives the same list). */
function refusal(problems: ImportProblem[]) {
  return new AppError('validation_failed', {
    detail: `The round has ${problems.length} problem(s); nothing was recorded.`,
    errors: problems.slice(0, 1000).map((p) => ({
      field: `file.row${p.row}${p.column ? `.${p.column}` : ''}.${p.field}`,
      message: p.message,
    })),
  });
}

/** The database checks of the well-formed rows: persons, residence, one entry per right. */
async function checkRows(trx: Tx, ctx: RequestContext, siteId: string, file: RoundFile) {
  const ids = await resolvePersons(
    trx,
    ctx,
    file.valid.map((r) => r.person),
  );
  const located = (row: number, field: 'person' | 'article') => ({
    row,
    column: file.letters.get(field) ?? null,
    field: FORM_FIELDS[field],
  });
  const problems: ImportProblem[] = [];
  const candidates: { row: number; entry: RoundEntry }[] = [];
  for (const r of file.valid) {
    const personId = ids.get(r.person);
    if (personId) candidates.push({ row: r.row, entry: { ...r.entry, personId } });
    else
      problems.push({
        ...located(r.row, 'person'),
        code: 'unknown_person',
        message: 'does not exist',
      });
  }
  const found = await checkRoundEntries(
    trx,
    ctx,
    siteId,
    candidates.map((c) => c.entry),
    (i) => `row ${candidates[i]!.row}`,
  );
  for (const p of found)
    problems.push({
      ...located(candidates[p.index]!.row, p.field === 'personId' ? 'person' : 'article'),
      code: p.code,
      message: p.message,
    });
  const bad = new Set(found.map((p) => p.index));
  return { problems, entries: candidates.filter((_, i) => !bad.has(i)).map((c) => c.entry) };
}

/**
 * A monitoring round from a CSV/XLSX file: a dry run (the default) lists every problem by row
 * and column and writes nothing; a commit writes every row in one transaction, or none.
 */
export async function importRound(
  platform: Platform,
  ctx: RequestContext,
  siteId: string,
  input: RoundImportInput,
): Promise<RoundImportResult> {
  await getSite(platform, ctx, siteId);
  const file = await readRoundFile(input, ctx.now.toISOString().slice(0, 10)); // before the transaction
  return asActor(platform, ctx, async (trx) => {
    const checked = await checkRows(trx, ctx, siteId, file);
    const problems = [...file.problems, ...checked.problems].sort(byRowAndColumn);
    const result = {
      dryRun: input.dryRun,
      round: input.round,
      source: file.source,
      rows: file.total,
      valid: checked.entries.length,
      persons: new Set(checked.entries.map((e) => e.personId)).size,
      problems: problems.slice(0, 1000),
      ignoredColumns: file.ignored,
    };
    if (input.dryRun) return { ...result, committed: false, recorded: 0 };
    if (problems.length || checked.entries.length === 0) throw refusal(problems);
    const recorded = await writeRound(platform, trx, ctx, siteId, input.round, checked.entries, {
      kind: file.source ?? 'csv',
      sha256: file.sha256,
    });
    return { ...result, committed: true, recorded };
  });
}

const COUNTS = ['assessed', 'full', 'partial', 'none', 'unknown'] as const;
const showCell = (c: Cell): number | string => (typeof c === 'number' ? c : c.label);

/**
 * Observed access over the site's latest rounds: per round and article, the persons owed the
 * right on the day assessed, by access. Readers who may not see persons get every count through
 * small-cell suppression, as in the rights-gap matrix.
 */
export async function rightsTrend(
  platform: Platform,
  ctx: RequestContext,
  siteId: string,
  q: { rounds: number },
): Promise<TrendView> {
  await getSite(platform, ctx, siteId);
  const evaluate = compileProfile(await getHostProfile(platform, ctx));
  const op = ctx.actor.operationId;
  const { rounds, articles, counts } = await asActor(platform, ctx, async (trx) => {
    const rounds = await repo.siteRounds(trx, op, siteId, q.rounds);
    const rows = await repo.roundAssessments(
      trx,
      op,
      siteId,
      rounds.map((r) => r.round),
    );
    const facts = await repo.factsOf(trx, op, [...new Set(rows.map((r) => r.person_id))]);
    const owed = new Map<string, OwedMap>();
    const owedOn = (personId: string, day: string) => {
      const key = `${personId}|${day}`;
      let map = owed.get(key);
      if (!map)
        owed.set(key, (map = rightsClass(evaluate({ ...facts.get(personId)!, asOf: day })).owed));
      return map;
    };
    const trend = trendCounts(
      rounds.map((r) => r.round),
      rows.map((r) => ({
        round: r.round,
        personId: r.person_id,
        article: r.article,
        access: r.access,
        assessedOn: r.assessed_on,
      })),
      owedOn,
    );
    await recordEvent(platform, trx, ctx, {
      action: 'report.rights_trend',
      entityType: 'site',
      entityId: siteId,
      details: { rounds: rounds.length },
    });
    return { rounds, ...trend };
  });
  const suppress = !seesSensitive(ctx.actor);
  const tables = Object.fromEntries(
    COUNTS.map((k) => {
      const cells = counts.map((row) => row.map((c) => c[k]));
      return [k, suppress ? suppressTable({ cells }).cells : cells];
    }),
  ) as Record<keyof TrendCounts, readonly (readonly Cell[])[]>;
  return {
    siteId,
    suppressed: suppress,
    articles,
    rounds: rounds.map((r, i) => ({
      round: r.round,
      from: r.first_day,
      to: r.last_day,
      cells: articles.map((article, j) => {
        const assessed = tables.assessed[i]![j]!;
        const full = tables.full[i]![j]!;
        return {
          article,
          assessed: showCell(assessed),
          full: showCell(full),
          partial: showCell(tables.partial[i]![j]!),
          none: showCell(tables.none[i]![j]!),
          unknown: showCell(tables.unknown[i]![j]!),
          shareFull:
            typeof assessed === 'number' && typeof full === 'number' && assessed > 0
              ? Math.round((full / assessed) * 1000) / 1000
              : null,
        };
      }),
    })),
  };
}

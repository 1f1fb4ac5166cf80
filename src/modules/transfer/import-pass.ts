/**
 * One pass over an import file: rows are read and checked one by one, and every thousand valid
 * rows are matched against the registry by external id, then written (commit) or counted (dry
 * run). Reading the next thousand overlaps with the database's work on the last. Once any
 * problem is found nothing more is written (the caller rolls the transaction back), but the
 * pass goes on so that every problem is listed.
 */
import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { TabularError, type Table } from '../../platform/tabular/index.ts';
import { seesSensitive } from '../registry/policy.ts';
import { personColumns, statusColumns, type Planned } from './columns.ts';
import { HouseholdTally, type KnownHousehold } from './households.ts';
import { readRecord, type ImportRecord } from './import-rows.ts';
import type { ImportField, Problem, ResolvedMapping } from './mapping.ts';
import * as repo from './repository.ts';
import { parseRelationship } from './values.ts';

export const BATCH_ROWS = 1000;
export const MAX_PROBLEMS = 10_000;

export interface ImportCounts {
  rows: number;
  personsCreated: number;
  personsUpdated: number;
  personsUnchanged: number;
  householdsCreated: number;
  membersAdded: number;
  statusesAdded: number;
}

export interface PassOptions {
  /** Write (inside the caller's one transaction) or only count (dry run). */
  write: boolean;
  batchId: string;
  /** Runs database work: the commit's one transaction, or a short one per batch. */
  inTx: <T>(work: (trx: Tx) => Promise<T>) => Promise<T>;
  onRows?: (rowsDone: number) => void | Promise<void>;
}

interface HouseholdState {
  id: string;
  externalId: string;
  isNew: boolean;
  /** It exists but none of its members is visible to the importer. */
  hidden: boolean;
  known: KnownHousehold | null;
  /** Created (commit) or counted (dry run) already. */
  done: boolean;
}

const REFER = 'is already used by a record you cannot update: refer to the protection focal point';
/** Stands for a focal point the importer cannot see: no row's external id equals it. */
const HIDDEN_FOCAL = '\u0000hidden';

const UPDATE_GROUPS: [repo.UpdateGroup, ImportField[]][] = [
  ['names', ['givenName', 'familyName', 'middleName', 'nativeGivenName', 'nativeFamilyName']],
  ['sex', ['sex']],
  ['birth', ['birthDate', 'birthYear', 'birthYearEstimated']],
  ['nationalities', ['nationality']],
  ['languages', ['languages']],
  ['specificNeeds', ['specificNeeds']],
  ['phone', ['phone']],
  ['sensitivity', ['sensitivity']],
];

export class ImportPass {
  readonly problems: Problem[] = [];
  problemCount = 0;
  readonly counts: ImportCounts = {
    rows: 0,
    personsCreated: 0,
    personsUpdated: 0,
    personsUnchanged: 0,
    householdsCreated: 0,
    membersAdded: 0,
    statusesAdded: 0,
  };
  private readonly seen = new Map<string, number>();
  private readonly tally = new HouseholdTally();
  private readonly households = new Map<string, HouseholdState>();
  private readonly groups: repo.UpdateGroup[];
  private readonly viewer: repo.Viewer;
  private readonly meta: repo.InsertMeta;

  constructor(
    private readonly ctx: RequestContext,
    private readonly mapping: ResolvedMapping,
    private readonly options: PassOptions,
  ) {
    const { actor } = ctx;
    this.groups = UPDATE_GROUPS.filter(([, fs]) => fs.some((f) => mapping.fields[f])).map(
      ([g]) => g,
    );
    this.viewer = { ...actor, seesSensitive: seesSensitive(actor), now: ctx.now };
    this.meta = {
      operationId: actor.operationId,
      agencyId: actor.agencyId,
      userId: actor.userId,
      now: ctx.now,
      today: ctx.now.toISOString().slice(0, 10),
      batchId: options.batchId,
    };
  }

  private get writing(): boolean {
    return this.options.write && this.problemCount === 0;
  }

  private add(p: Problem): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
  }

  private problem(row: number, field: ImportField, message: string): void {
    const c = this.mapping.fields[field];
    this.add({ row, column: c ? { header: c.header, letter: c.letter } : null, field, message });
  }

  async run(table: Table): Promise<void> {
    let batch: ImportRecord[] = [];
    const inFlight = { batch: Promise.resolve() };
    const flush = async () => {
      await inFlight.batch;
      const next = this.flush(batch, this.counts.rows);
      next.catch(() => undefined); // awaited later; no unhandled rejection meanwhile
      inFlight.batch = next;
      batch = [];
    };
    try {
      for await (const { row, values } of table.rows) {
        this.counts.rows++;
        const { record, problems } = readRecord(row, values, this.mapping);
        problems.forEach((p) => this.add(p));
        const first = this.firstSighting(row, values);
        this.countHousehold(row, values);
        if (record && first) {
          batch.push(record);
          if (batch.length >= BATCH_ROWS) await flush();
        }
      }
    } catch (e) {
      if (!(e instanceof TabularError)) throw e;
      const column = table.columns.find((c) => c.letter === e.column);
      this.add({
        row: e.row,
        column: e.column ? { header: column?.header ?? '', letter: e.column } : null,
        field: null,
        message: e.message,
      });
    } finally {
      await table.close();
    }
    await flush();
    await inFlight.batch;
    this.finish();
  }

  private countHousehold(row: number, values: Record<string, string>): void {
    const { householdExternalId: h, relationship: r, externalId: x } = this.mapping.fields;
    if (!h) return;
    const focal = r ? parseRelationship(values[r.header] ?? '') === 'focal_point' : false;
    this.tally.add(row, values[h.header] ?? '', x ? (values[x.header] ?? '') : '', focal);
  }

  /** An external id twice in one file is a problem on its second row. */
  private firstSighting(row: number, values: Record<string, string>): boolean {
    const c = this.mapping.fields.externalId;
    const id = c ? (values[c.header] ?? '') : '';
    if (id === '') return true;
    const first = this.seen.get(id);
    if (first === undefined) {
      this.seen.set(id, row);
      return true;
    }
    this.problem(row, 'externalId', `appears twice: row ${first} has the same external id`);
    return false;
  }

  private async flush(records: ImportRecord[], rowsDone: number): Promise<void> {
    if (records.length) {
      await this.options.inTx(async (trx) => {
        const found = await repo.personsByExternalId(
          trx,
          this.viewer,
          records.map((r) => r.externalId),
        );
        const existing = new Map(found.map((p) => [p.external_id, p]));
        await this.resolveHouseholds(trx, records);
        const plan = this.classify(records, existing);
        if (this.writing) await this.write(trx, plan);
        else if (!this.options.write) await this.count(trx, plan);
      });
    }
    await this.options.onRows?.(rowsDone);
  }

  private async resolveHouseholds(trx: Tx, records: ImportRecord[]): Promise<void> {
    const ids = [...new Set(records.flatMap((r) => (r.household ? [r.household.externalId] : [])))];
    const unknown = ids.filter((id) => !this.households.has(id));
    if (!unknown.length) return;
    for (const h of await repo.householdsByExternalId(trx, this.viewer, unknown)) {
      const focal = h.focal_external_id ?? (h.has_focal ? HIDDEN_FOCAL : null);
      this.households.set(h.external_id, {
        id: h.id,
        externalId: h.external_id,
        isNew: false,
        hidden: h.members > 0 && h.visible_members === 0,
        known: { focalExternalId: focal },
        done: true,
      });
    }
    for (const id of unknown) {
      if (!this.households.has(id))
        this.households.set(id, {
          id: crypto.randomUUID(),
          externalId: id,
          isNew: true,
          hidden: false,
          known: null,
          done: false,
        });
    }
  }

  /** Decides create or update for each record, and what it adds; problems stop a record. */
  private classify(records: ImportRecord[], existing: Map<string, repo.ExistingPerson>) {
    const creates: Planned[] = [];
    const updates: Planned[] = [];
    const members: { household: HouseholdState; personId: string; relationship: string }[] = [];
    const statuses: { personId: string; isNew: boolean; record: ImportRecord }[] = [];
    const mayRecordStatus = this.ctx.actor.abilities.has('legal_status.write');
    for (const record of records) {
      const { row } = record;
      const ex = existing.get(record.externalId);
      const hh = record.household ? this.households.get(record.household.externalId)! : null;
      const before = this.problemCount;
      if (ex && !ex.visible) this.problem(row, 'externalId', REFER);
      else if (ex?.merged)
        this.problem(
          row,
          'externalId',
          'belongs to a record merged into another one: use that one',
        );
      if (record.status && !mayRecordStatus)
        this.problem(row, 'legalStatus', 'your role may not record legal statuses');
      if (hh?.hidden)
        this.problem(
          row,
          'householdExternalId',
          'is already used by a household you cannot see: refer to the protection focal point',
        );
      else if (hh && ex?.household_id && ex.household_id !== hh.id)
        this.problem(
          row,
          'householdExternalId',
          'the person is a current member of another household: move them in the household itself',
        );
      if (this.problemCount > before) continue;
      const planned = { id: ex?.id ?? crypto.randomUUID(), record };
      (ex ? updates : creates).push(planned);
      if (hh && ex?.household_id !== hh.id)
        members.push({
          household: hh,
          personId: planned.id,
          relationship: record.household!.relationship,
        });
      if (record.status) statuses.push({ personId: planned.id, isNew: !ex, record });
    }
    return { creates, updates, members, statuses };
  }

  private async write(trx: Tx, plan: ReturnType<ImportPass['classify']>): Promise<void> {
    const inserted = new Set(
      await repo.insertPersons(trx, this.meta, personColumns(plan.creates, true)),
    );
    for (const { record } of plan.creates)
      if (!inserted.has(record.externalId)) this.problem(record.row, 'externalId', REFER);
    if (!this.writing) return;
    this.counts.personsCreated += inserted.size;
    const changed = await repo.updatePersons(
      trx,
      this.meta,
      this.groups,
      personColumns(plan.updates, false),
    );
    this.counts.personsUpdated += changed;
    this.counts.personsUnchanged += plan.updates.length - changed;
    const fresh = [...new Set(plan.members.map((m) => m.household))].filter((h) => !h.done);
    await repo.insertHouseholds(trx, this.meta, {
      id: fresh.map((h) => h.id),
      external_id: fresh.map((h) => h.externalId),
    });
    fresh.forEach((h) => (h.done = true));
    this.counts.householdsCreated += fresh.length;
    await repo.insertMembers(trx, this.meta, {
      household_id: plan.members.map((m) => m.household.id),
      person_id: plan.members.map((m) => m.personId),
      relationship: plan.members.map((m) => m.relationship),
    });
    this.counts.membersAdded += plan.members.length;
    this.counts.statusesAdded += await repo.insertStatuses(
      trx,
      this.meta,
      statusColumns(plan.statuses),
    );
  }

  private async count(trx: Tx, plan: ReturnType<ImportPass['classify']>): Promise<void> {
    const op = this.meta.operationId;
    this.counts.personsCreated += plan.creates.length;
    const changed = await repo.countChanged(
      trx,
      op,
      this.groups,
      personColumns(plan.updates, false),
    );
    this.counts.personsUpdated += changed;
    this.counts.personsUnchanged += plan.updates.length - changed;
    const fresh = [...new Set(plan.members.map((m) => m.household))].filter((h) => !h.done);
    fresh.forEach((h) => (h.done = true));
    this.counts.householdsCreated += fresh.length;
    this.counts.membersAdded += plan.members.length;
    const old = plan.statuses.filter((s) => !s.isNew);
    this.counts.statusesAdded +=
      plan.statuses.length -
      old.length +
      (await repo.countNewStatuses(trx, op, statusColumns(old)));
  }

  /** The household rule over the whole file, then problems in row order. */
  private finish(): void {
    const known = new Map<string, KnownHousehold>();
    for (const [id, h] of this.households) if (h.known) known.set(id, h.known);
    this.tally.problems(known, this.mapping).forEach((p) => this.add(p));
    this.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  }
}

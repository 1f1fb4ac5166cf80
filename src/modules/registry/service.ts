import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import { authorizeRecord } from '../../platform/access/authorize.ts';
import { inTransaction, type Tx } from '../../platform/db/context.ts';
import { openSecret, sealSecret } from '../../platform/crypto/secret-box.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { encodePartKeys, matchKeys, partKeys, searchText } from './names.ts';
import {
  canChangeSensitivity,
  canSeePerson,
  seesSensitive,
  type PersonAccessFacts,
} from './policy.ts';
import { presentHit, presentLegalStatus, presentPerson } from './presenter.ts';
import * as repo from './repository.ts';
import type {
  LegalStatusInput,
  PersonCreate,
  PersonName,
  PersonPatch,
  PersonView,
  SearchQuery,
} from './schema.ts';

const dbCtx = (ctx: RequestContext) => ({
  operationId: ctx.actor.operationId,
  userId: ctx.actor.userId,
  now: ctx.now,
});

function birthYearOf(p: { birthDate?: string | null; birthYear?: number | null }): number | null {
  return p.birthDate ? Number(p.birthDate.slice(0, 4)) : (p.birthYear ?? null);
}

function nameColumns(names: PersonName[]) {
  return {
    names: JSON.stringify(names),
    name_keys: matchKeys(names),
    name_text: searchText(names),
    name_parts: encodePartKeys(partKeys(names)),
  };
}

/** The row of a new person, matching keys included. */
function personRow(
  input: PersonCreate,
  m: {
    operationId: string;
    id: string;
    agencyId: string | null;
    createdBy: string | null;
    now: Date;
  },
) {
  return {
    operation_id: m.operationId,
    id: m.id,
    ...nameColumns(input.names),
    sex: input.sex,
    birth_date: input.birthDate ?? null,
    birth_year: birthYearOf(input),
    birth_year_estimated: input.birthYearEstimated,
    nationalities: input.nationalities,
    languages: input.languages,
    specific_needs: JSON.stringify(input.specificNeeds),
    contact: input.contact ? JSON.stringify(input.contact) : null,
    registering_agency_id: input.registeringAgencyId ?? m.agencyId,
    registered_on: input.registeredOn ?? m.now.toISOString().slice(0, 10),
    sensitivity: input.sensitivity,
    external_id: input.externalId ?? null,
    created_by: m.createdBy,
    created_at: m.now,
    updated_at: m.now,
  };
}

async function audit(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  action: string,
  id: string,
  details = {},
) {
  await platform.audit.append(trx, {
    operationId: ctx.actor.operationId,
    actorId: ctx.actor.userId,
    action,
    entityType: 'person',
    entityId: id,
    requestId: ctx.requestId,
    details,
    at: ctx.now,
  });
}

/**
 * Loads a person the actor may see, or answers 404 exactly as for an id that does not exist.
 * Other modules call it inside their own transaction before touching a person's history.
 */
export async function loadVisible(trx: Tx, ctx: RequestContext, id: string) {
  const row = await repo.findPerson(trx, ctx.actor.operationId, id);
  const named = row
    ? await repo.isNamedOn(trx, ctx.actor.operationId, id, ctx.actor.userId, ctx.now)
    : false;
  const facts = row && ({ ...factsOf(row), named } satisfies PersonAccessFacts);
  authorizeRecord(ctx.actor, facts, canSeePerson);
  return { row: row!, named };
}

function factsOf(r: repo.PersonRow): Omit<PersonAccessFacts, 'named'> {
  return {
    operationId: r.operation_id,
    sensitivity: r.sensitivity as PersonAccessFacts['sensitivity'],
    registeringAgencyId: r.registering_agency_id,
  };
}

export interface PersonSummary {
  id: string;
  names: PersonName[];
  sex: string;
  birthYear: number | null;
}

/** The persons among `ids` the actor may see, by id (for lists that other modules build). */
export async function visiblePersons(
  trx: Tx,
  ctx: RequestContext,
  ids: readonly string[],
): Promise<Map<string, PersonSummary>> {
  if (!ids.length) return new Map();
  const rows = await repo.visibleSummaries(trx, viewerOf(ctx), [...new Set(ids)]);
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, names: r.names as PersonName[], sex: r.sex, birthYear: r.birth_year },
    ]),
  );
}

function viewerOf(ctx: RequestContext): repo.Viewer {
  return {
    operationId: ctx.actor.operationId,
    userId: ctx.actor.userId,
    agencyId: ctx.actor.agencyId,
    seesSensitive: seesSensitive(ctx.actor),
    now: ctx.now,
  };
}

export async function createPerson(
  platform: Platform,
  ctx: RequestContext,
  input: PersonCreate,
): Promise<PersonView> {
  if (!canChangeSensitivity(ctx.actor, 'normal', input.sensitivity)) {
    throw fieldError(
      'body.sensitivity',
      'only a protection officer may restrict a record',
      'forbidden',
    );
  }
  const id = crypto.randomUUID();
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    await repo.insertPerson(
      trx,
      personRow(input, {
        operationId: ctx.actor.operationId,
        id,
        agencyId: ctx.actor.agencyId,
        createdBy: ctx.actor.userId,
        now: ctx.now,
      }),
    );
    // Whoever restricts a record is named on it, or it would vanish for them too.
    if (input.sensitivity === 'restricted') {
      await repo.grantAccess(
        trx,
        ctx.actor.operationId,
        id,
        ctx.actor.userId,
        ctx.now,
        ctx.actor.userId,
      );
    }
    await audit(platform, trx, ctx, 'person.created', id, { sensitivity: input.sensitivity });
    return presentPerson((await repo.findPerson(trx, ctx.actor.operationId, id))!);
  });
}

export async function getPerson(
  platform: Platform,
  ctx: RequestContext,
  id: string,
): Promise<PersonView> {
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    const { row } = await loadVisible(trx, ctx, id);
    await audit(platform, trx, ctx, 'person.viewed', id);
    return presentPerson(row);
  });
}

export async function updatePerson(
  platform: Platform,
  ctx: RequestContext,
  id: string,
  version: number,
  patch: PersonPatch,
): Promise<PersonView> {
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    const { row } = await loadVisible(trx, ctx, id);
    const to = patch.sensitivity ?? (row.sensitivity as PersonAccessFacts['sensitivity']);
    if (!canChangeSensitivity(ctx.actor, row.sensitivity as PersonAccessFacts['sensitivity'], to)) {
      throw fieldError(
        'body.sensitivity',
        'only a protection officer may change a restriction',
        'forbidden',
      );
    }
    const birth =
      patch.birthDate !== undefined || patch.birthYear !== undefined
        ? { birth_date: patch.birthDate ?? null, birth_year: birthYearOf(patch) }
        : {};
    // Named first: under row-level security a restricted row is out of sight of anyone not named.
    if (to === 'restricted')
      await repo.grantAccess(
        trx,
        ctx.actor.operationId,
        id,
        ctx.actor.userId,
        ctx.now,
        ctx.actor.userId,
      );
    const ok = await repo.updatePerson(trx, ctx.actor.operationId, id, version, {
      ...(patch.names ? nameColumns(patch.names) : {}),
      ...birth,
      ...(patch.sex ? { sex: patch.sex } : {}),
      ...(patch.birthYearEstimated !== undefined
        ? { birth_year_estimated: patch.birthYearEstimated }
        : {}),
      ...(patch.nationalities ? { nationalities: patch.nationalities } : {}),
      ...(patch.languages ? { languages: patch.languages } : {}),
      ...(patch.specificNeeds ? { specific_needs: JSON.stringify(patch.specificNeeds) } : {}),
      ...(patch.contact !== undefined
        ? { contact: patch.contact ? JSON.stringify(patch.contact) : null }
        : {}),
      ...(patch.registeringAgencyId !== undefined
        ? { registering_agency_id: patch.registeringAgencyId }
        : {}),
      ...(patch.registeredOn ? { registered_on: patch.registeredOn } : {}),
      ...(patch.sensitivity ? { sensitivity: patch.sensitivity } : {}),
      ...(patch.externalId !== undefined ? { external_id: patch.externalId } : {}),
      updated_at: ctx.now,
    });
    if (!ok) throw new AppError('precondition_failed');
    await audit(platform, trx, ctx, 'person.updated', id, { fields: Object.keys(patch).sort() });
    return presentPerson((await repo.findPerson(trx, ctx.actor.operationId, id))!);
  });
}

/** Sorted pairs of distinct keys, as name_pairs() builds them in SQL. */
function keyPairs(keys: readonly string[]): string[] {
  const sorted = [...new Set(keys)].sort();
  return sorted.flatMap((a, i) => sorted.slice(i + 1).map((b) => `${a}+${b}`));
}

/**
 * Search narrows first and widens only while results are short of the limit: two name parts
 * and a birth year within one, then two name parts, then — only when nothing shares two — any
 * one name part. Each step's candidates come from an index.
 */
function candidateSteps(keys: string[], birthYear?: number): repo.Candidates[] {
  const pairs = keyPairs(keys);
  if (!pairs.length) return [{ by: 'keys', values: keys }];
  const steps: repo.Candidates[] = [];
  if (birthYear !== undefined)
    steps.push({
      by: 'pairsWithYear',
      values: pairs.flatMap((p) => [-1, 0, 1].map((d) => `${p}@${birthYear + d}`)),
    });
  steps.push({ by: 'pairs', values: pairs }, { by: 'keys', values: keys });
  return steps;
}

export async function searchPersons(platform: Platform, ctx: RequestContext, q: SearchQuery) {
  const names = [{ given: q.q }];
  const keys = matchKeys(names);
  const query = { ...q, keys, text: searchText(names) };
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    const found = new Map<string, repo.SearchRow>();
    for (const step of candidateSteps(keys, q.birthYear)) {
      // One shared name part alone matches a large share of a registry: that widest step runs
      // only when no one shares two.
      if (step.by === 'keys' && found.size > 0) break;
      for (const row of await repo.searchPersons(trx, viewerOf(ctx), step, query))
        found.set(row.id, row);
      if (found.size >= q.limit) break;
    }
    const rows = [...found.values()]
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, q.limit);
    // The query's terms are not recorded: they can be names.
    await platform.audit.append(trx, {
      operationId: ctx.actor.operationId,
      actorId: ctx.actor.userId,
      action: 'person.searched',
      requestId: ctx.requestId,
      details: { results: rows.length },
      at: ctx.now,
    });
    return { items: rows.map(presentHit) };
  });
}

export async function addLegalStatus(
  platform: Platform,
  ctx: RequestContext,
  personId: string,
  input: LegalStatusInput,
) {
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    await loadVisible(trx, ctx, personId);
    const row = await repo.insertLegalStatus(trx, {
      operation_id: ctx.actor.operationId,
      person_id: personId,
      status: input.status,
      granted_by: input.grantedBy,
      basis: input.basis ?? null,
      document: input.document ?? null,
      valid_from: input.from,
      valid_to: input.to ?? null,
      recorded_at: ctx.now,
      recorded_by: ctx.actor.userId,
    });
    await audit(platform, trx, ctx, 'person.legal_status_added', personId, {
      status: input.status,
    });
    return presentLegalStatus(row);
  });
}

export async function listLegalStatuses(platform: Platform, ctx: RequestContext, personId: string) {
  return inTransaction(platform.db, dbCtx(ctx), async (trx) => {
    await loadVisible(trx, ctx, personId);
    const rows = await repo.listLegalStatuses(trx, ctx.actor.operationId, personId);
    return { items: rows.map(presentLegalStatus) };
  });
}

/** Loads demo persons in batches of 1,000, one transaction and one audit event per batch. */
export async function loadDemoPersons(
  platform: Platform,
  operationId: string,
  persons: { key: string; input: PersonCreate }[],
  onProgress: (done: number) => void = () => undefined,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < persons.length; i += 1000) {
    const batch = persons.slice(i, i + 1000);
    const now = platform.now();
    await inTransaction(platform.db, { operationId, userId: null }, async (trx) => {
      const rows = batch.map(({ key, input }) => {
        const id = crypto.randomUUID();
        ids.set(key, id);
        return personRow(input, { operationId, id, agencyId: null, createdBy: null, now });
      });
      await repo.insertPersons(trx, rows);
      await platform.audit.append(trx, {
        operationId,
        actorId: null,
        action: 'person.demo_loaded',
        details: { count: rows.length },
        at: now,
      });
    });
    onProgress(Math.min(i + 1000, persons.length));
  }
  return ids;
}

// ----- restriction and whereabouts (SECURITY.md rules 2 and 3) ------------------------------

const whereaboutsAad = (id: string) => `persons.whereabouts:${id}`;

/**
 * Restricts a record for a separation request, inside the caller's transaction: the actor is
 * named on it first (or it would vanish for them too), then contact and the given current
 * whereabouts are sealed into one encrypted field and the open contact is cleared.
 */
export async function restrictWithWhereabouts(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  personId: string,
  whereabouts: Record<string, unknown>,
): Promise<void> {
  const { row } = await loadVisible(trx, ctx, personId);
  const op = ctx.actor.operationId;
  await repo.grantAccess(trx, op, personId, ctx.actor.userId, ctx.now, ctx.actor.userId);
  const sealed = sealSecret(
    platform.keys.masterKey,
    JSON.stringify({ ...whereabouts, contact: row.contact ?? null }),
    whereaboutsAad(personId),
  );
  await repo.setRestricted(trx, op, personId, sealed, ctx.now);
}

export async function readWhereabouts(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  personId: string,
): Promise<Record<string, unknown> | null> {
  const { row } = await loadVisible(trx, ctx, personId);
  if (!row.whereabouts_sealed) return null;
  const text = openSecret(
    platform.keys.masterKey,
    row.whereabouts_sealed,
    whereaboutsAad(personId),
  );
  return JSON.parse(text.toString('utf8')) as Record<string, unknown>;
}

export async function writeWhereabouts(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  personId: string,
  whereabouts: Record<string, unknown>,
): Promise<void> {
  await loadVisible(trx, ctx, personId);
  const sealed = sealSecret(
    platform.keys.masterKey,
    JSON.stringify(whereabouts),
    whereaboutsAad(personId),
  );
  await repo.setWhereabouts(trx, ctx.actor.operationId, personId, sealed);
}

/** Names another user on a restricted record; only someone who sees it may. */
export async function nameUserOn(trx: Tx, ctx: RequestContext, personId: string, userId: string) {
  await loadVisible(trx, ctx, personId);
  await repo.grantAccess(trx, ctx.actor.operationId, personId, userId, ctx.now, ctx.actor.userId);
}

/**
 * Break-glass: a supervisor reads a restricted record without being named, for `hours`, with a
 * reason. Answers 404 for an id that is not a restricted record, exactly as for one that does
 * not exist. Returns the users named on it, whom the caller alerts.
 */
export async function breakGlass(
  trx: Tx,
  ctx: RequestContext,
  personId: string,
  reason: string,
  until: Date,
): Promise<string[]> {
  if (!(await repo.restrictedPersonExists(trx, ctx.actor.operationId, personId))) throw notFound();
  await repo.grantTemporaryAccess(trx, {
    operationId: ctx.actor.operationId,
    personId,
    userId: ctx.actor.userId,
    now: ctx.now,
    until,
    reason,
  });
  return repo.namedUsers(trx, ctx.actor.operationId, personId);
}

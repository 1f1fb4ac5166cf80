/**
 * A protection-monitoring round on a site, whichever way it arrives (the web form's JSON, or an
 * XLSForm/CSV file): the same checks and the same write, inside the caller's transaction.
 */
import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import type { Platform } from '../../platform/platform.ts';
import { recordEvent } from '../../platform/unit-of-work.ts';
import { visiblePersons } from '../registry/service.ts';
import * as repo from './repository.ts';
import type { AssessmentInput, ImportProblemCode } from './schema.ts';

export interface RoundEntry {
  personId: string;
  article: string;
  access: AssessmentInput['access'];
  barriers: string[];
  assessedOn: string;
  method: AssessmentInput['method'];
  reliability: AssessmentInput['reliability'];
  note: string | null;
}

export interface EntryProblem {
  /** Index into the entries. */
  index: number;
  field: 'personId' | 'article';
  code: ImportProblemCode;
  message: string;
}

/**
 * What stops these entries from being recorded on the site: a person the actor may not see (the
 * same words as a person who does not exist: no existence oracle), a person who did not live on
 * the site on the day assessed, or one person assessed twice for one article in the round.
 */
export async function checkRoundEntries(
  trx: Tx,
  ctx: RequestContext,
  siteId: string,
  entries: readonly Pick<RoundEntry, 'personId' | 'article' | 'assessedOn'>[],
  refer: (index: number) => string = (i) => `entry ${i + 1}`,
): Promise<EntryProblem[]> {
  const visible = await visiblePersons(
    trx,
    ctx,
    entries.map((e) => e.personId),
  );
  const resident = await repo.residentOn(
    trx,
    ctx.actor.operationId,
    siteId,
    entries
      .filter((e) => visible.has(e.personId))
      .map((e) => ({ personId: e.personId, day: e.assessedOn })),
  );
  const problems: EntryProblem[] = [];
  const seen = new Map<string, number>();
  entries.forEach((e, index) => {
    if (!visible.has(e.personId)) {
      problems.push({
        index,
        field: 'personId',
        code: 'unknown_person',
        message: 'does not exist',
      });
      return;
    }
    if (!resident.has(`${e.personId}|${e.assessedOn}`)) {
      problems.push({
        index,
        field: 'personId',
        code: 'not_resident',
        message: 'was not a resident of this site on the day assessed',
      });
      return;
    }
    const key = `${e.personId}|${e.article}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else
      problems.push({
        index,
        field: 'article',
        code: 'duplicate_entry',
        message: `is assessed twice for this person in the round (first in ${refer(first)})`,
      });
  });
  return problems;
}

/** Writes a checked round and its audit event in the caller's transaction. */
export async function writeRound(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  siteId: string,
  round: string,
  entries: readonly RoundEntry[],
  source: { kind: 'form' | 'csv' | 'xlsx'; sha256?: string },
): Promise<number> {
  const rows = await repo.insertAssessments(
    trx,
    entries.map((e) => ({
      operation_id: ctx.actor.operationId,
      id: crypto.randomUUID(),
      person_id: e.personId,
      article: e.article,
      access: e.access,
      barriers: e.barriers,
      assessed_on: e.assessedOn,
      method: e.method,
      reliability: e.reliability,
      site_id: siteId,
      round,
      note: e.note,
      assessor_id: ctx.actor.userId,
      recorded_at: ctx.now,
    })),
  );
  await recordEvent(platform, trx, ctx, {
    action: 'rights.round_recorded',
    entityType: 'site',
    entityId: siteId,
    details: {
      round,
      assessments: rows.length,
      source: source.kind,
      ...(source.sha256 ? { fileSha256: source.sha256 } : {}),
    },
  });
  return rows.length;
}

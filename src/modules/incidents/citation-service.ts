/**
 * Citations: a claim of an incident linked to a passage of a source. Claim and passage are
 * sealed; the flags a citation earns by itself are stored with it, duplicates are found by
 * fingerprint when read (citations.ts).
 */
import crypto from 'node:crypto';
import type { RequestContext } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/context.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { asActor, recordEvent } from '../../platform/unit-of-work.ts';
import { loadIncident, viewerOf } from './access.ts';
import { citationFingerprint, malformedFlags } from './citations.ts';
import * as evidence from './evidence-repository.ts';
import type {
  CitationInput,
  CitationPatch,
  CitationView,
  FlaggedQuery,
} from './evidence-schema.ts';
import { presentCitation, seal, unseal } from './presenter.ts';

/** Each incident's citations, with the duplicates of each among them. */
export async function citationViews(
  platform: Platform,
  trx: Tx,
  operationId: string,
  incidentIds: readonly string[],
): Promise<Map<string, CitationView[]>> {
  const rows = await evidence.citationsOf(trx, operationId, incidentIds);
  return presentWithDuplicates(platform, rows, rows);
}

/** `rows` presented; duplicates are looked for among `pool` (same fingerprint, same incident). */
function presentWithDuplicates(
  platform: Platform,
  rows: readonly evidence.CitationWithSource[],
  pool: readonly evidence.CitationWithSource[],
): Map<string, CitationView[]> {
  const byPrint = new Map<string, string[]>();
  for (const c of pool) {
    const key = `${c.incident_id}:${Buffer.from(c.fingerprint).toString('hex')}`;
    byPrint.set(key, [...(byPrint.get(key) ?? []), c.id]);
  }
  const out = new Map<string, CitationView[]>();
  for (const c of rows) {
    const key = `${c.incident_id}:${Buffer.from(c.fingerprint).toString('hex')}`;
    const duplicates = (byPrint.get(key) ?? []).filter((id) => id !== c.id);
    out.set(c.incident_id, [
      ...(out.get(c.incident_id) ?? []),
      presentCitation(platform, c, duplicates),
    ]);
  }
  return out;
}

async function viewOf(
  platform: Platform,
  trx: Tx,
  ctx: RequestContext,
  incidentId: string,
  id: string,
) {
  const all = await citationViews(platform, trx, ctx.actor.operationId, [incidentId]);
  return (all.get(incidentId) ?? []).find((c) => c.id === id)!;
}

async function requireSource(trx: Tx, ctx: RequestContext, sourceId: string) {
  const source = await evidence.findSource(trx, ctx.actor.operationId, sourceId);
  if (!source) throw fieldError('body.sourceId', 'does not exist');
  return source;
}

export function addCitation(
  platform: Platform,
  ctx: RequestContext,
  incidentId: string,
  input: CitationInput,
) {
  const id = crypto.randomUUID();
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    await loadIncident(trx, ctx, incidentId);
    await requireSource(trx, ctx, input.sourceId);
    const text = {
      claim: input.claim,
      locator: input.locator ?? null,
      passage: input.passage ?? null,
    };
    const malformed = malformedFlags(text);
    await evidence.insertCitation(trx, {
      operation_id: op,
      id,
      incident_id: incidentId,
      source_id: input.sourceId,
      claim_sealed: seal(platform, input.claim, 'citations.claim', id),
      locator: text.locator,
      passage_sealed: text.passage ? seal(platform, text.passage, 'citations.passage', id) : null,
      credibility: input.credibility,
      malformed,
      fingerprint: citationFingerprint(platform.keys.masterKey, { incidentId, ...input, ...text }),
      created_by: ctx.actor.userId,
      created_at: ctx.now,
      updated_at: ctx.now,
    });
    const view = await viewOf(platform, trx, ctx, incidentId, id);
    await recordEvent(platform, trx, ctx, {
      action: 'citation.added',
      entityType: 'incident',
      entityId: incidentId,
      details: { citation: id, source: input.sourceId, flags: view.flags },
    });
    return view;
  });
}

export function updateCitation(
  platform: Platform,
  ctx: RequestContext,
  incidentId: string,
  citationId: string,
  version: number,
  patch: CitationPatch,
) {
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    await loadIncident(trx, ctx, incidentId);
    const row = await evidence.findCitation(trx, op, incidentId, citationId);
    if (!row) throw notFound();
    const text = {
      claim: patch.claim ?? unseal(platform, row.claim_sealed, 'citations.claim', row.id)!,
      locator: patch.locator !== undefined ? patch.locator : row.locator,
      passage:
        patch.passage !== undefined
          ? patch.passage
          : unseal(platform, row.passage_sealed, 'citations.passage', row.id),
    };
    const ok = await evidence.updateCitation(
      trx,
      { operationId: op, id: citationId, version },
      {
        claim_sealed: seal(platform, text.claim, 'citations.claim', row.id),
        locator: text.locator,
        passage_sealed: text.passage
          ? seal(platform, text.passage, 'citations.passage', row.id)
          : null,
        credibility: patch.credibility ?? row.credibility,
        malformed: malformedFlags(text),
        fingerprint: citationFingerprint(platform.keys.masterKey, {
          incidentId,
          sourceId: row.source_id,
          ...text,
        }),
        updated_at: ctx.now,
      },
    );
    if (!ok) throw new AppError('precondition_failed');
    const view = await viewOf(platform, trx, ctx, incidentId, citationId);
    await recordEvent(platform, trx, ctx, {
      action: 'citation.updated',
      entityType: 'incident',
      entityId: incidentId,
      details: { citation: citationId, fields: Object.keys(patch).sort(), flags: view.flags },
    });
    return view;
  });
}

export function deleteCitation(
  platform: Platform,
  ctx: RequestContext,
  incidentId: string,
  citationId: string,
  version: number,
) {
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    await loadIncident(trx, ctx, incidentId);
    if (!(await evidence.findCitation(trx, op, incidentId, citationId))) throw notFound();
    if (!(await evidence.deleteCitation(trx, { operationId: op, id: citationId, version })))
      throw new AppError('precondition_failed');
    await recordEvent(platform, trx, ctx, {
      action: 'citation.deleted',
      entityType: 'incident',
      entityId: incidentId,
      details: { citation: citationId },
    });
  });
}

/** Flagged citations of the incidents the actor sees (SQL-scoped), newest first. */
export function listFlagged(platform: Platform, ctx: RequestContext, q: FlaggedQuery) {
  const op = ctx.actor.operationId;
  return asActor(platform, ctx, async (trx) => {
    const { total, rows } = await evidence.listFlagged(
      trx,
      viewerOf(ctx),
      {
        ...(q.incidentId ? { incidentId: q.incidentId } : {}),
        ...(q.flag ? { flag: q.flag } : {}),
      },
      q,
    );
    // Duplicates are always within one incident: look among the citations of those incidents.
    const pool = await evidence.citationsOf(trx, op, [...new Set(rows.map((r) => r.incident_id))]);
    const views = presentWithDuplicates(platform, rows, pool);
    await recordEvent(platform, trx, ctx, {
      action: 'citation.flagged_listed',
      details: { results: rows.length },
    });
    return { total, items: rows.map((r) => views.get(r.incident_id)!.find((c) => c.id === r.id)!) };
  });
}

import crypto from 'node:crypto';
import { inTransaction } from '../../platform/db/context.ts';
import type { Platform } from '../../platform/platform.ts';
import { demoPersons, type DemoBatch } from '../registry/demo-data.ts';
import { loadDemoPersons } from '../registry/service.ts';
import { DEMO_SITES, demoLives } from './extras.ts';
import * as repo from './repository.ts';

/**
 * Loads a fictional operation: persons (with planted duplicates), sites, where each person
 * lives, their status history and households. Returns the batch and the person ids by key,
 * for ground-truth files and benchmarks.
 */
export async function loadDemo(
  platform: Platform,
  operationId: string,
  options: { persons: number; seed: number; duplicateShare?: number },
  progress: (done: number) => void = () => undefined,
): Promise<{ batch: DemoBatch; ids: Map<string, string> }> {
  const batch = demoPersons(options.persons, options.seed, options.duplicateShare);
  const ids = await loadDemoPersons(platform, operationId, batch.persons, progress);
  const second = new Set(batch.duplicates.map(([, dup]) => dup));
  const single = new Set(batch.persons.flatMap((p, i) => (second.has(p.key) ? [i] : [])));
  const lives = demoLives(batch.persons.length, options.seed, single);
  const scope = { operationId, userId: null };
  const now = platform.now();
  const siteIds = await inTransaction(platform.db, scope, (trx) =>
    repo.upsertSites(trx, operationId, DEMO_SITES),
  );
  for (let start = 0; start < lives.length; start += 5000) {
    const slice = lives.slice(start, start + 5000).map((life, i) => ({
      life,
      personId: ids.get(batch.persons[start + i]!.key)!,
    }));
    const households = new Map<
      number,
      { id: string; members: { personId: string; relationship: string; from: string }[] }
    >();
    for (const { life, personId } of slice) {
      if (!life.household) continue;
      const h = households.get(life.household.key) ?? { id: crypto.randomUUID(), members: [] };
      h.members.push({ personId, relationship: life.household.relationship, from: life.arrived });
      households.set(life.household.key, h);
    }
    await inTransaction(platform.db, scope, async (trx) => {
      await repo.insertResidences(
        trx,
        operationId,
        slice.map(({ life, personId }) => ({
          personId,
          siteId: siteIds[life.site]!,
          from: life.arrived,
        })),
        now,
      );
      await repo.insertStatuses(
        trx,
        operationId,
        slice.flatMap(({ life, personId }) => life.statuses.map((s) => ({ personId, ...s }))),
        now,
      );
      // A household cut by the batch boundary keeps only its members in this batch: the
      // next batch starts a new one. Demo data, so it is documented rather than mended.
      await repo.insertHouseholds(
        trx,
        operationId,
        [...households.values()].filter((h) =>
          h.members.some((m) => m.relationship === 'focal_point'),
        ),
        now,
      );
    });
  }
  return { batch, ids };
}

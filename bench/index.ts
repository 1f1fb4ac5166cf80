// npm run bench — prints the figures the issues ask for. Sizes come from the environment:
//   BENCH_PERSONS (default 20000), BENCH_QUERIES (default 300); DATABASE_URL/DATABASE_OWNER_URL
//   select PostgreSQL (a fresh, empty database), otherwise an in-memory embedded database.
//   BENCH_PARTS picks what runs after the load (default search,dedupe,matrix,engine).
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { generateKeys } from '../src/platform/crypto/keys.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { openPlatform } from '../src/server/platform.ts';
import { defaultOperationId } from '../src/modules/operations/service.ts';
import { loadDemo } from '../src/modules/demo/service.ts';
import { searchPersons } from '../src/modules/registry/service.ts';
import { abilitiesOf } from '../src/platform/access/roles.ts';
import { runBatch } from '../src/modules/duplicates/service.ts';
import { gapMatrix } from '../src/modules/rights/service.ts';
import { benchRightsEngine } from './rights-engine.ts';

const persons = Number(process.env.BENCH_PERSONS ?? 20_000);
const queries = Number(process.env.BENCH_QUERIES ?? 300);
const parts = new Set((process.env.BENCH_PARTS ?? 'search,dedupe,matrix,engine').split(','));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const config = loadConfig({
  ASYLON_DATA_DIR: path.join(os.tmpdir(), 'asylon-bench'),
  LOG_LEVEL: 'silent',
  DATABASE_URL: process.env.DATABASE_URL,
  DATABASE_OWNER_URL: process.env.DATABASE_OWNER_URL,
});
const database = await openDatabase(
  config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl, ownerUrl: config.databaseOwnerUrl }
    : { kind: 'pglite', dataDir: null },
);
const platform = await openPlatform(config, { purpose: 'bench', database, keys: generateKeys() });
const operationId = await defaultOperationId(platform);
const rssStart = process.memoryUsage().rss;

console.log(`registry benchmark on ${database.kind}: ${persons} persons, ${queries} queries`);
let t = performance.now();
const { batch, ids } = await loadDemo(platform, operationId, {
  persons,
  seed: 7,
  duplicateShare: 0.05,
});
const loadSecs = (performance.now() - t) / 1000;
console.log(
  `load: ${(persons / loadSecs).toFixed(0)} persons/s with statuses, residences and households (${loadSecs.toFixed(1)} s)`,
);

// A bulk load leaves the planner without statistics; production runs autovacuum's ANALYZE.
await database.withOwner((owner) => owner.exec('ANALYZE'));

const actor = {
  userId: '00000000-0000-4000-8000-000000000001',
  operationId,
  agencyId: null,
  roles: ['protection_officer' as const],
  abilities: abilitiesOf(['protection_officer']),
  via: 'token' as const,
};
const byKey = new Map(batch.persons.map((p) => [p.key, p.input]));
const pairs = batch.duplicates.slice(0, queries);

for (const withYear of parts.has('search') ? [true, false] : []) {
  const times: number[] = [];
  let found = 0;
  for (const [original, variant] of pairs) {
    const v = byKey.get(variant)!;
    const name = v.names[0]!;
    const q = [name.given, name.middle, name.family].filter(Boolean).join(' ');
    t = performance.now();
    const res = await searchPersons(
      platform,
      { actor, requestId: 'bench', now: new Date() },
      {
        q,
        limit: 10,
        ...(withYear ? { birthYear: v.birthYear ?? Number(v.birthDate!.slice(0, 4)) } : {}),
      },
    );
    times.push(performance.now() - t);
    if (res.items.some((i) => i.id === ids.get(original))) found++;
  }
  times.sort((a, b) => a - b);
  console.log(
    `search ${withYear ? 'name + birth year' : 'name only'}: p50 ${percentile(times, 50).toFixed(1)} ms, ` +
      `p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms; ` +
      `recall of planted variants in top 10: ${((100 * found) / pairs.length).toFixed(1)} % (${found}/${pairs.length})`,
  );
}
// Batch duplicate detection against the planted ground truth.
if (parts.has('dedupe')) {
  t = performance.now();
  const foundPairs = new Set<string>();
  const stats = await runBatch(platform, operationId, null, undefined, (found) =>
    found.forEach((p) => foundPairs.add(`${p.a}|${p.b}`)),
  );
  const dedupeSecs = (performance.now() - t) / 1000;
  const truth = batch.duplicates.map(([a, b]) => [ids.get(a)!, ids.get(b)!].sort().join('|'));
  const hits = truth.filter((k) => foundPairs.has(k)).length;
  console.log(
    `dedupe: ${dedupeSecs.toFixed(1)} s for ${stats.records} persons, ${stats.comparisons} pairs compared, ` +
      `${stats.pairs} proposed; precision ${(hits / Math.max(stats.pairs, 1)).toFixed(4)}, ` +
      `recall ${(hits / Math.max(truth.length, 1)).toFixed(4)} (${hits}/${truth.length} planted)`,
  );
}
// The operation-wide rights-gap matrix: the first run computes each person's rights class (the
// engine over every person, in pages); later runs the same day read the kept classes.
for (const run of parts.has('matrix') ? ['first run', 'classes kept'] : []) {
  // Statistics as autovacuum keeps them (it is off on some test machines): planned on the
  // empty table of the first run, the second run would compare every person with every class.
  if (run === 'classes kept') await database.withOwner((owner) => owner.exec('ANALYZE'));
  t = performance.now();
  const matrix = await gapMatrix(platform, { actor, requestId: 'bench', now: new Date() }, {});
  console.log(
    `rights-gap matrix, ${run}: ${((performance.now() - t) / 1000).toFixed(2)} s for ${persons} persons ` +
      `(${matrix.sites.length} sites × ${matrix.articles.length} articles)`,
  );
}
if (parts.has('engine')) await benchRightsEngine();

console.log(
  `memory: rss grew ${((process.memoryUsage().rss - rssStart) / 1e6).toFixed(0)} MB; ` +
    `peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
await database.close();

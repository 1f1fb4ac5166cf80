import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { onPostgres } from '../helpers/db.ts';
import { prepareEnvironment } from './environment.ts';
import { Fuzzer } from './fuzzer.ts';
import { readRegressions, triage, type Violation } from './regressions.ts';
import { emptyStats, summary } from './stats.ts';

/**
 * The API fuzzer's CI run (SECURITY.md, "fuzzing"): at least 10,000 generated and mutated
 * requests with fixed seeds, as every role and as no one: 0 5xx, 0 response-schema violations,
 * 0 stack traces, 0 canary leaks in responses or logs. The stored regressions replay first;
 * violations that are instances of a known bug (regressions.json, "known": true) are reported,
 * not failed, until the server is fixed. `npm run fuzz` runs longer with other seeds.
 */
const SEEDS = [20260302, 7];
const REQUESTS_PER_SEED = 5_000;

let t: TestApp;
let fuzzer: Fuzzer;
const cases = readRegressions();

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  fuzzer = await Fuzzer.create(await prepareEnvironment(t));
});
afterAll(() => t?.close());

function report(violations: Violation[]): string[] {
  return violations
    .slice(0, Number(process.env.FUZZ_SHOW ?? 20))
    .map(
      (v) =>
        `seed ${v.seed} #${v.index} as ${v.identity}: ${v.operation} [${v.request.kind}] → ${v.status}: ` +
        `${v.problems.join('; ')}\n  request ${JSON.stringify(v.request).slice(0, 600)}\n  response ${v.response.slice(0, 300)}`,
    );
}

describe('stored fuzz regressions', () => {
  for (const c of cases) {
    const title = `${c.id}: as ${c.identity}, ${c.operation} [${c.request.kind}]`;
    if (c.known) {
      it.skip(`KNOWN BUG, skipped until the server is fixed — ${title}: ${c.note ?? c.problems[0]}`, () => {});
      continue;
    }
    it(`replays ${title}`, async (ctx) => {
      if (!fuzzer.applies(c)) ctx.skip(`only on ${c.onlyOn}`);
      expect(await fuzzer.replay(c, emptyStats())).toEqual([]);
    });
  }
});

describe('API fuzzing', () => {
  it('sends ≥ 10,000 generated and mutated requests as every role: 0 violations', async () => {
    const probes = emptyStats();
    const violations: Violation[] = [];
    await fuzzer.learnAccess(probes, violations);
    await fuzzer.growPools(probes, violations);
    violations.push(...(await fuzzer.canaryProbes(probes)));
    const generated = emptyStats();
    for (const seed of SEEDS)
      violations.push(...(await fuzzer.run(seed, REQUESTS_PER_SEED, generated)));
    const { fresh, known } = triage(violations, cases);
    const knownHits = [...known].map(([id, n]) => `${id} ×${n}`).join(', ');
    console.log(
      summary(
        `fuzz on ${onPostgres ? 'PostgreSQL' : 'PGlite'}, seeds ${SEEDS.join(', ')}`,
        generated,
        fuzzer.operations,
      ) +
        `; plus ${probes.requests} access, seeding and canary probes; ` +
        `${fresh.length} new violations; known bugs hit (not failed): ${knownHits || 'none'}`,
    );
    expect(generated.requests).toBeGreaterThanOrEqual(10_000);
    expect(fuzzer.logLeaks()).toEqual([]);
    expect(report(fresh)).toEqual([]);
    // The run reaches the handlers, not only the validators.
    expect(generated.byClass['2xx'] ?? 0).toBeGreaterThan(1_000);
  });
});

// The long API fuzzing run: `npm run fuzz -- --requests 200000 --seed 42`.
// Builds the app on a fresh in-memory embedded database, or with DATABASE_URL (an admin URL, as
// for the tests) on a fresh PostgreSQL database served as the non-owner test role, so row-level
// security binds; seeds it like test/fuzz/api-fuzz.test.ts, replays test/fuzz/regressions.json,
// sends the generated requests, prints every new violation with its seed and index, and appends
// new failing cases to test/fuzz/regressions.json ("known": false until someone triages them:
// fix the server, or report the bug and mark the case known with a `matches` pattern).
//
// Options: --requests N (default 20000)  --seed N (default: from the clock, printed)
//          --replay-only (only replay the stored cases, known ones included, and say which pass)
//          --no-save (do not touch regressions.json)  --verbose (print each violation in full)
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../src/platform/config.ts';
import { generateKeys } from '../src/platform/crypto/keys.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { defaultOperationId } from '../src/modules/operations/service.ts';
import { buildApp } from '../src/server/app.ts';
import { openPlatform } from '../src/server/platform.ts';
import { TestClock, type TestApp } from '../test/helpers/app.ts';
import { adminUrl, APP_ROLE, OWNER_ROLE, urlFor, withAdmin } from '../test/helpers/pg-admin.ts';
import { prepareEnvironment } from '../test/fuzz/environment.ts';
import { Fuzzer } from '../test/fuzz/fuzzer.ts';
import {
  appendRegressions,
  knownBug,
  readRegressions,
  triage,
  type RegressionCase,
  type Violation,
} from '../test/fuzz/regressions.ts';
import { emptyStats, summary } from '../test/fuzz/stats.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    'replay-only': { type: 'boolean', default: false },
    'no-save': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const requests = Number(values.requests);
const seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 2 ** 31;
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(seed)) {
  process.stderr.write(
    'usage: npm run fuzz -- [--requests N] [--seed N] [--replay-only] [--no-save]\n',
  );
  process.exit(64);
}

/** A fresh PostgreSQL database (not named like the suites' ones, which their setup drops). */
async function postgresDatabase() {
  const name = `asylon_fuzz_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin(async (c) => {
    for (const [role, attrs] of [
      [OWNER_ROLE, 'LOGIN NOSUPERUSER CREATEDB'],
      [APP_ROLE, 'LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB'],
    ]) {
      const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (!exists.rowCount) await c.query(`CREATE ROLE ${role} ${attrs}`);
    }
    await c.query(`CREATE DATABASE ${name} OWNER ${OWNER_ROLE}`);
  });
  const database = await openDatabase({
    kind: 'postgres',
    url: urlFor(APP_ROLE, name),
    ownerUrl: urlFor(OWNER_ROLE, name),
  });
  const close = database.close.bind(database);
  database.close = async () => {
    await close();
    await withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  return database;
}

async function fuzzTestApp(): Promise<TestApp> {
  const database = adminUrl()
    ? await postgresDatabase()
    : await openDatabase({ kind: 'pglite', dataDir: null });
  const clock = new TestClock();
  const config = loadConfig({
    ASYLON_DATA_DIR: path.join(os.tmpdir(), 'asylon-fuzz-unused'),
    LOG_LEVEL: 'info',
    ASYLON_LOGIN_RATE_LIMIT: '1000',
  });
  const platform = await openPlatform(config, {
    purpose: 'fuzz',
    database,
    keys: generateKeys(),
    now: clock.now,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = await buildApp(platform, pino({ level: config.logLevel }, sink));
  await app.ready();
  return {
    app,
    platform,
    config,
    clock,
    logs,
    operationId: await defaultOperationId(platform),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

function print(v: Violation): void {
  const where = v.index < 0 ? 'probe' : `--seed ${v.seed} #${v.index}`;
  process.stdout.write(
    `VIOLATION ${where} as ${v.identity}: ${v.operation} [${v.request.kind}] → ${v.status}\n` +
      v.problems.map((p) => `  - ${p}\n`).join('') +
      (values.verbose
        ? `  request  ${JSON.stringify(v.request).slice(0, 2000)}\n  response ${v.response.slice(0, 1000)}\n`
        : ''),
  );
}

/** Replays every stored case (known ones too) and says which still fail. */
async function replayStored(fuzzer: Fuzzer, stored: RegressionCase[]): Promise<number> {
  let stillFailing = 0;
  for (const c of stored) {
    if (!fuzzer.applies(c)) {
      process.stdout.write(`regression ${c.id}: only on ${c.onlyOn}, not replayed here\n`);
      continue;
    }
    const problems = await fuzzer.replay(c, emptyStats());
    if (problems.length) stillFailing++;
    if (problems.length || c.known || values['replay-only'])
      process.stdout.write(
        `regression ${c.id} (${c.known ? 'known bug' : 'not marked known'}) ${c.operation}: ` +
          (problems.length ? `still fails: ${problems[0]}` : 'passes now') +
          (c.known && !problems.length ? ' — set "known": false in regressions.json' : '') +
          '\n',
      );
  }
  process.stdout.write(
    `${stored.length} stored regressions replayed, ${stillFailing} still failing\n`,
  );
  return stored.some((c) => !c.known) && stillFailing ? 1 : 0;
}

/** The long run; returns the exit code. */
async function fuzz(fuzzer: Fuzzer, stored: RegressionCase[]): Promise<number> {
  const live = (v: Violation) => {
    if (!knownBug(v, stored)) print(v);
  };
  const violations: Violation[] = [];
  const probes = emptyStats();
  await fuzzer.learnAccess(probes, violations);
  await fuzzer.growPools(probes, violations);
  violations.push(...(await fuzzer.canaryProbes(probes)));
  violations.forEach(live);
  const sizes = Object.entries(fuzzer.env.pools).map(([k, v]) => `${k} ${v.length}`);
  process.stdout.write(`record pools: ${sizes.join(', ')}\n`);
  const stats = emptyStats();
  const step = Math.max(1000, Math.floor(requests / 20));
  for (let done = 0; done < requests; done += step) {
    // Chunks only for progress reports: plan(seed, index) makes each request, so this is one run.
    const n = Math.min(step, requests - done);
    violations.push(...(await fuzzer.runRange(seed, done, n, stats, live)));
    process.stderr.write(`… ${done + n}/${requests} requests, ${violations.length} violations\n`);
  }
  const leaks = fuzzer.logLeaks();
  leaks.forEach((l) => process.stdout.write(`VIOLATION ${l}\n`));
  process.stdout.write(summary(`fuzz --seed ${seed}`, stats, fuzzer.operations) + '\n');
  const slow = Object.entries(stats.byOperation)
    .sort((a, b) => b[1].ms / b[1].n - a[1].ms / a[1].n)
    .slice(0, 5)
    .map(([k, o]) => `${k} ${(o.ms / o.n).toFixed(1)} ms`);
  process.stdout.write(`slowest operations (mean): ${slow.join(', ')}\n`);
  const never = fuzzer.operations.filter((o) => !stats.byOperation[o.key]?.ok).map((o) => o.key);
  if (never.length)
    process.stdout.write(`operations that never answered 2xx: ${never.join(', ')}\n`);
  const { fresh, known } = triage(violations, stored);
  for (const [id, n] of known) process.stdout.write(`known bug ${id}: hit ${n} times\n`);
  process.stdout.write(
    `${fresh.length} new violations, ${violations.length - fresh.length} instances of known bugs\n`,
  );
  if (!fresh.length && !leaks.length) return 0;
  if (!values['no-save']) {
    const added = appendRegressions(fresh.filter((v) => v.index >= 0));
    process.stdout.write(`${added.length} new cases appended to test/fuzz/regressions.json\n`);
  }
  return 1;
}

const t = await fuzzTestApp();
process.stdout.write(`fuzzing on ${adminUrl() ? 'PostgreSQL' : 'PGlite'}\n`);
let exitCode: number;
try {
  const fuzzer = await Fuzzer.create(await prepareEnvironment(t));
  const stored = readRegressions();
  exitCode = await replayStored(fuzzer, stored);
  if (!values['replay-only']) exitCode = Math.max(exitCode, await fuzz(fuzzer, stored));
} finally {
  await t.close();
}
process.exit(exitCode);

// Rights engine throughput on one core: synthetic, varied persons under a few host profiles.
// Run alone: node bin/run-ts.js bench/rights-engine.ts [n]
import { pathToFileURL } from 'node:url';
import { catalogueFor, INTERPRETATION_DEFAULTS } from '../src/modules/rights/catalogue.ts';
import { compileProfile, DEFAULT_HOST_PROFILE } from '../src/modules/rights/engine.ts';
import type { HostProfile, PersonFacts, StatusFact } from '../src/modules/rights/engine.ts';

const PROFILES: HostProfile[] = [
  DEFAULT_HOST_PROFILE,
  {
    ...DEFAULT_HOST_PROFILE,
    reservations: [
      { article: '17', effect: 'excluded', text: 'wage-earning employment by permit only' },
      { article: '26', effect: 'limited', text: 'residence in designated areas' },
    ],
  },
  { ...DEFAULT_HOST_PROFILE, party1951: false, party1967: false },
  {
    ...DEFAULT_HOST_PROFILE,
    interpretation: {
      ...INTERPRETATION_DEFAULTS,
      art13_20_22: 'P',
      art25: 'LS',
      durableResidenceFrom: 'application',
    },
  },
];

/** Small deterministic generator (mulberry32), so every run evaluates the same persons. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const BASE = Date.UTC(2010, 0, 1);
const date = (days: number) => new Date(BASE + days * DAY).toISOString().slice(0, 10);

/** A status history: often a claim first, then one of the outcomes, sometimes renewed. */
function statuses(rnd: () => number, start: number): StatusFact[] {
  const out: StatusFact[] = [];
  const grant = (status: string, from: number, to: number | null) =>
    out.push({
      status,
      grantedBy: 'host-state',
      from: date(from),
      to: to === null ? null : date(to),
    });
  const outcome = [
    'refugee_recognised',
    'refugee_mandate',
    'humanitarian_admission',
    'temporary_protection',
    'subsidiary_protection',
    'no_status',
    'x_tolerated_stay',
  ][Math.floor(rnd() * 7)]!;
  let day = start;
  if (rnd() < 0.6) {
    const wait = 30 + Math.floor(rnd() * 900);
    grant('asylum_seeker', day, rnd() < 0.8 ? day + wait - 1 : null);
    day += wait;
  }
  if (rnd() < 0.85) grant(outcome, day, rnd() < 0.3 ? day + 365 : null);
  return out;
}

function person(rnd: () => number): PersonFacts {
  const start = Math.floor(rnd() * 5000);
  const border = rnd() < 0.1;
  const move = start + Math.floor(rnd() * 1500);
  return {
    statuses: statuses(rnd, start),
    residences:
      rnd() < 0.1
        ? []
        : [
            { siteId: 'site-1', from: date(start), to: date(move), inTerritory: !border },
            { siteId: 'site-2', from: date(move + 1), to: null, inTerritory: rnd() < 0.95 },
          ],
    arrivalDate: rnd() < 0.5 ? date(start) : null,
    asOf: date(start + Math.floor(rnd() * 2500)),
  };
}

/** Generates n persons, evaluates them (after a short warm-up) and prints the rate. */
export async function benchRightsEngine(n = 200_000): Promise<void> {
  const rnd = random(42);
  const persons = Array.from({ length: n }, () => person(rnd));
  const evaluators = PROFILES.map((p) => compileProfile(p, catalogueFor(p.interpretation)));
  const run = (count: number) => {
    let owed = 0;
    for (let i = 0; i < count; i++) {
      const e = evaluators[i % evaluators.length]!(persons[i]!);
      for (const item of e.items) if (item.owed === 'yes') owed++;
    }
    return owed;
  };
  run(Math.min(n, 10_000));
  const [t, cpu] = [performance.now(), process.cpuUsage()];
  const owed = run(n);
  const ms = performance.now() - t;
  const { user, system } = process.cpuUsage(cpu);
  const cpuMs = (user + system) / 1000;
  const rate = (elapsed: number) => Math.round((n / elapsed) * 1000);
  console.log(
    `rights engine: ${n} persons in ${ms.toFixed(0)} ms = ${rate(ms)} persons/s (one core)` +
      ` [CPU time ${cpuMs.toFixed(0)} ms = ${rate(cpuMs)} persons/s; ${owed} rights owed]`,
  );
  return Promise.resolve();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchRightsEngine(process.argv[2] ? Number(process.argv[2]) : undefined);
}

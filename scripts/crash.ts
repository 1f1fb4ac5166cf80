// npm run test:crash — SIGKILLs Asylon at random moments, round after round, and checks after
// each kill that nothing is half-written and that the audit chain verifies:
//   import         `asylon import` of a large CSV (scripts/crash/import.ts)
//   merges         the server amid many concurrent merges (scripts/crash/merges.ts)
//   distributions  the server amid concurrent distribution-list commits (scripts/crash/distributions.ts)
// CRASH_SCENARIOS=import,merges,distributions (default all), CRASH_ROUNDS (default 10 each),
// CRASH_SEED fixes the draws (kill moments are drawn inside a window that follows the pace
// measured, so they vary with the machine); sizes: CRASH_ROWS, CRASH_MERGES, CRASH_LISTS,
// CRASH_LIST_ROWS. On the embedded database in a temporary folder, or with DATABASE_URL and
// DATABASE_OWNER_URL on an empty PostgreSQL database. Exits 1 on any violation. CRASH_DEBUG=1
// shows the servers' output and every request a kill cut off.
import {
  cleanUp,
  killLeftovers,
  newResult,
  onPostgres,
  seeded,
  type Random,
  type ScenarioResult,
} from './crash/common.ts';
import { distributionsScenario } from './crash/distributions.ts';
import { importScenario } from './crash/import.ts';
import { mergesScenario } from './crash/merges.ts';

type Scenario = (result: ScenarioResult, rounds: number, random: Random) => Promise<void>;
const SCENARIOS: Record<string, Scenario> = {
  import: importScenario,
  merges: mergesScenario,
  distributions: distributionsScenario,
};

const chosen = (process.env.CRASH_SCENARIOS ?? Object.keys(SCENARIOS).join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = chosen.filter((s) => !(s in SCENARIOS));
if (unknown.length || !chosen.length) {
  console.error(
    `CRASH_SCENARIOS: unknown ${unknown.join(', ')}; use ${Object.keys(SCENARIOS).join(', ')}`,
  );
  process.exit(2);
}
const rounds = Number(process.env.CRASH_ROUNDS ?? 10);
const seed = Number(process.env.CRASH_SEED ?? 20261128);
if (!Number.isInteger(rounds) || rounds < 1 || !Number.isInteger(seed)) {
  console.error('CRASH_ROUNDS must be a whole number from 1, CRASH_SEED a whole number');
  process.exit(2);
}

console.log(
  `crash harness on ${onPostgres ? 'postgres' : 'pglite'}: ${chosen.join(', ')}; ${rounds} rounds each; seed ${seed}`,
);
const results: ScenarioResult[] = [];
try {
  for (const [i, name] of chosen.entries()) {
    const result = newResult(name);
    results.push(result);
    try {
      await SCENARIOS[name]!(result, rounds, seeded(seed + i));
    } catch (e) {
      result.violations.push(`the scenario stopped: ${e instanceof Error ? e.stack : String(e)}`);
      await killLeftovers();
    }
  }
} finally {
  await killLeftovers();
  cleanUp();
}

console.log('\nscenario        rounds  kills  finished  violations');
for (const r of results) {
  console.log(
    `${r.name.padEnd(15)} ${String(r.rounds).padStart(6)} ${String(r.kills).padStart(6)} ` +
      `${String(r.finished).padStart(9)} ${String(r.violations.length).padStart(11)}`,
  );
  for (const n of r.notes) console.log(`  ${n}`);
  for (const v of r.violations.slice(0, 50)) console.log(`  VIOLATION ${v}`);
}
const total = results.reduce((n, r) => n + r.violations.length, 0);
console.log(`${total} violations`);
process.exit(total === 0 ? 0 : 1);

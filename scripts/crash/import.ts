// Scenario "import": SIGKILLs `asylon import` at a random moment. After each kill the round's
// persons and its import batch are all there or not at all, and the audit chain verifies.
import fs from 'node:fs';
import path from 'node:path';
import {
  asOwner,
  asylon,
  auditVerifies,
  createUser,
  dataDir,
  killPlanner,
  type Random,
  type ScenarioResult,
} from './common.ts';

const rowsPerRound = Number(process.env.CRASH_ROWS ?? 6000);
const email = 'crash-import@example.org';

async function counts(round: number): Promise<{ persons: number; batches: number }> {
  return asOwner(async (o) => {
    const n = async (q: string) => (await o.query<{ n: number }>(q))[0]!.n;
    return {
      persons: await n(
        `SELECT count(*)::int AS n FROM persons WHERE external_id LIKE 'CRASH-${round}-%'`,
      ),
      batches: await n(
        `SELECT count(*)::int AS n FROM import_batches WHERE file_name = 'crash-${round}.csv'`,
      ),
    };
  });
}

export async function importScenario(
  result: ScenarioResult,
  rounds: number,
  random: Random,
): Promise<void> {
  await createUser(email, ['registration_clerk'], 'a long and boring passphrase 3');
  const planner = killPlanner(random, 12_500);
  console.log(`import: ${rounds} rounds of ${rowsPerRound} rows`);
  for (let round = 1; round <= rounds; round++) {
    result.rounds++;
    const file = path.join(dataDir, `crash-${round}.csv`);
    const lines = ['ID,Given name,Family name,Sex,Date of birth,Nationality'];
    for (let i = 0; i < rowsPerRound; i++) {
      lines.push(`CRASH-${round}-${i},Given${i},Crashtest,${i % 2 ? 'F' : 'M'},1990-01-01,SYR`);
    }
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const started = Date.now();
    const run = asylon(['import', file, '--as', email]);
    const delay = planner.next();
    const timer = setTimeout(() => run.child.kill('SIGKILL'), delay);
    const exit = await run.done;
    clearTimeout(timer);
    const killed = exit.signal === 'SIGKILL';
    if (killed) result.kills++;
    else if (exit.code === 0) {
      result.finished++;
      planner.finishedAfter(Date.now() - started);
    } else result.violations.push(`round ${round}: import failed without a kill: ${run.err()}`);

    const verified = await auditVerifies();
    if (!verified) result.violations.push(`round ${round}: audit verify failed`);
    const c = await counts(round);
    const whole = c.persons === rowsPerRound && c.batches === 1;
    const none = c.persons === 0 && c.batches === 0;
    if (!(whole || none))
      result.violations.push(`round ${round}: ${c.persons} persons and ${c.batches} batches`);
    if (!killed && !whole) result.violations.push(`round ${round}: finished but not all written`);
    console.log(
      `  round ${round}: ${killed ? `killed after ${(delay / 1000).toFixed(1)} s` : 'finished'}; ` +
        `${whole ? 'all' : none ? 'nothing' : 'PART'} written; audit chain ${verified ? 'intact' : 'BROKEN'}`,
    );
  }
}

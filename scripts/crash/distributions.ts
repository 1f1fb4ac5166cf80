// Scenario "distributions": distribution lists (CSV, POST /api/v1/distributions/bulk) are
// checked in a dry run, then several are committed at once and the server is SIGKILLed at a
// random moment during the commits. After each kill every list is recorded whole or not at all
// (see distributions-check.ts) and the audit chain verifies; the next round restarts the server.
import crypto from 'node:crypto';
import {
  asOwner,
  asylonOk,
  auditVerifies,
  createUser,
  killDuring,
  killPlanner,
  startServer,
  type Random,
  type ScenarioResult,
} from './common.ts';
import { checkDistributions, type ListCommit } from './distributions-check.ts';
import { expectStatus, signIn, type Session } from './http.ts';

const listsPerRound = Number(process.env.CRASH_LISTS ?? 4);
const rowsPerList = Number(process.env.CRASH_LIST_ROWS ?? 3000);
const email = 'crash-distributions@example.org';
const password = 'a long and boring passphrase 5';

/** A provider and a food programme to record against, made through the API. */
async function programme(session: Session): Promise<string> {
  const provider = expectStatus<{ id: string }>(
    await session.send('POST', '/api/v1/providers', {
      name: 'Crash harness relief',
      independenceClass: 'independent_humanitarian',
    }),
    201,
    'creating a provider',
  );
  const created = expectStatus<{ id: string }>(
    await session.send('POST', '/api/v1/programmes', {
      name: 'Crash harness food',
      type: 'food',
      providerId: provider.id,
      startDate: '2025-01-01',
    }),
    201,
    'creating a programme',
  );
  return created.id;
}

function csvList(tag: string, programmeId: string, persons: string[], random: Random) {
  const on = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const lines = ['Person ID,Programme ID,Kind,Item,Quantity,Unit,Distributed on'];
  for (let i = 0; i < rowsPerList; i++) {
    const person = persons[Math.floor(random.next() * persons.length)]!;
    lines.push(`${person},${programmeId},item,${tag},${1 + (i % 5)},kit,${on}`);
  }
  const bytes = Buffer.from(lines.join('\r\n') + '\r\n');
  return {
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    file: { name: `${tag}.csv`, contentBase64: bytes.toString('base64') },
  };
}

export async function distributionsScenario(
  result: ScenarioResult,
  rounds: number,
  random: Random,
): Promise<void> {
  await asylonOk(['demo', '--persons', '400', '--seed', '8']);
  await createUser(email, ['programme_officer'], password);
  const persons = (
    await asOwner((o) =>
      o.query<{ id: string }>(
        `SELECT id FROM persons WHERE merged_into IS NULL AND sensitivity = 'normal'
         AND external_id IS NULL ORDER BY id LIMIT 400`,
      ),
    )
  ).map((p) => p.id);
  let programmeId = '';
  {
    const server = await startServer();
    try {
      programmeId = await programme(await signIn(server.base, email, password));
    } finally {
      await server.stop();
    }
  }
  console.log(
    `distributions: ${rounds} rounds of ${listsPerRound} concurrent lists of ${rowsPerList} rows`,
  );
  let planner: ReturnType<typeof killPlanner> | null = null;
  let acknowledged = 0;
  let stored = 0;
  let abandoned = 0;
  let abandonedDone = 0;
  for (let round = 1; round <= rounds; round++) {
    result.rounds++;
    const made = Array.from({ length: listsPerRound }, (_, i) =>
      csvList(`crash ${round}-${i + 1}`, programmeId, persons, random),
    );
    const lists: ListCommit[] = made.map((m, i) => ({
      tag: `crash ${round}-${i + 1}`,
      sha256: m.sha256,
      rows: rowsPerList,
      key: `crash-d-${round}-${i + 1}`,
    }));
    let server;
    try {
      server = await startServer(); // after the setup, the restart on what the kill left
    } catch (e) {
      result.violations.push(`round ${round}: the server did not restart: ${String(e)}`);
      break;
    }
    const session = await signIn(server.base, email, password);
    const dryStarted = Date.now();
    for (const m of made) {
      const dry = expectStatus<{ valid: number; problems: unknown[] }>(
        await session.send('POST', '/api/v1/distributions/bulk', { file: m.file }),
        200,
        'dry run',
      );
      if (dry.valid !== rowsPerList || dry.problems.length)
        throw new Error(`the dry run found problems: ${JSON.stringify(dry.problems.slice(0, 3))}`);
    }
    // The first window: the commits do what the dry runs did, and write.
    planner ??= killPlanner(random, (Date.now() - dryStarted) * 2);
    const delay = planner.next();
    const { results: replies, finishedMs } = await killDuring(
      server,
      made.map((m, i) =>
        session.send(
          'POST',
          '/api/v1/distributions/bulk',
          { file: m.file, dryRun: false },
          { 'idempotency-key': lists[i]!.key },
        ),
      ),
      delay,
    );
    if (finishedMs === null) {
      result.kills++;
      planner.killedAfter(delay, replies.filter((r) => r.status !== 'lost').length, lists.length);
    } else {
      result.finished++;
      planner.finishedAfter(finishedMs);
    }
    const verified = await auditVerifies();
    if (!verified) result.violations.push(`round ${round}: audit verify failed`);
    const check = await asOwner((o) => checkDistributions(o, lists, replies));
    result.violations.push(...check.violations.map((v) => `round ${round}: ${v}`));
    const ok = replies.filter((r) => r.status === 201).length;
    acknowledged += ok;
    stored += check.batches;
    abandoned += check.abandonedKeys;
    abandonedDone += check.abandonedDone;
    console.log(
      `  round ${round}: ${finishedMs === null ? `killed after ${(delay / 1000).toFixed(2)} s` : 'finished'}; ` +
        `${ok} of ${lists.length} lists acknowledged, ${check.batches} stored; ` +
        `${check.violations.length ? `${check.violations.length} VIOLATIONS` : 'whole or absent'}; ` +
        `audit chain ${verified ? 'intact' : 'BROKEN'}`,
    );
  }
  result.notes.push(
    `${acknowledged} lists acknowledged, ${stored} stored whole (${stored * rowsPerList} distributions)`,
  );
  result.notes.push(
    `${abandoned} Idempotency-Keys left claimed with no answer by the kills ` +
      `(${abandonedDone} of them for work that committed); a retry with one is refused as in progress`,
  );
  const server = await startServer().catch((e: unknown) => {
    result.violations.push(`the server did not restart after the last round: ${String(e)}`);
    return null;
  });
  await server?.stop();
}

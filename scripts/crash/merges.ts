// Scenario "merges": a running server takes many merge requests at once (POST /api/v1/merges,
// some absorbed persons asked of two survivors at the same time) and is SIGKILLed at a random
// moment. After each kill every merge is whole or absent (see merges-check.ts) and the audit
// chain verifies; the next round starts by restarting the server on what the kill left.
import fs from 'node:fs';
import path from 'node:path';
import {
  asOwner,
  asylonOk,
  auditVerifies,
  createUser,
  dataDir,
  killDuring,
  killPlanner,
  startServer,
  type Random,
  type ScenarioResult,
} from './common.ts';
import { signIn } from './http.ts';
import { checkMerges, snapshot, type MergeRequest } from './merges-check.ts';

const perRound = Number(process.env.CRASH_MERGES ?? 40);
const email = 'crash-merges@example.org';
const password = 'a long and boring passphrase 4';

interface Candidate {
  id: string;
  member: boolean;
}

/** Persons no merge has touched, normal sensitivity, and whether each is a current household member. */
async function candidates(used: Set<string>): Promise<Candidate[]> {
  const rows = await asOwner((o) =>
    o.query<Candidate>(
      `SELECT p.id, EXISTS (SELECT 1 FROM household_members h WHERE h.operation_id = p.operation_id
                              AND h.person_id = p.id AND h.left_on IS NULL) AS member
       FROM persons p
       WHERE p.merged_into IS NULL AND p.sensitivity = 'normal'
         AND (p.external_id IS NULL OR p.external_id NOT LIKE 'CRASH-%')
         AND NOT EXISTS (SELECT 1 FROM person_merges m WHERE p.id IN (m.survivor_id, m.absorbed_id))
       ORDER BY p.id LIMIT 20000`,
    ),
  );
  return rows.filter((r) => !used.has(r.id));
}

/**
 * Disjoint pairs. Demo persons are nearly all current household members and the merge refuses
 * two of those, so most pairs join a demo person to an imported one (half of them moving the
 * demo person's household membership, statuses and residences); one in ten joins two members
 * and must be refused whole; one absorbed person in ten is also asked of a second survivor.
 */
function plan(round: number, pool: Candidate[], random: Random): MergeRequest[] {
  const members = random.shuffle(pool.filter((c) => c.member)).map((c) => c.id);
  const others = random.shuffle(pool.filter((c) => !c.member)).map((c) => c.id);
  const requests: MergeRequest[] = [];
  const key = () => `crash-m-${round}-${requests.length}`;
  while (requests.length < perRound && members.length >= 2 && others.length >= 3) {
    const r = random.next();
    const [absorbedId, survivorId] =
      r < 0.5
        ? [members.pop()!, others.pop()!]
        : r < 0.8
          ? [others.pop()!, members.pop()!]
          : r < 0.9
            ? [others.pop()!, others.pop()!]
            : [members.pop()!, members.pop()!];
    requests.push({ survivorId, absorbedId, key: key() });
    if (random.next() < 0.1) requests.push({ survivorId: others.pop()!, absorbedId, key: key() });
  }
  if (requests.length < perRound) throw new Error('not enough unmerged persons: load more');
  return random.shuffle(requests);
}

export async function mergesScenario(
  result: ScenarioResult,
  rounds: number,
  random: Random,
): Promise<void> {
  const persons = Math.ceil(rounds * perRound * 1.6) + 50;
  await asylonOk(['demo', '--persons', String(persons), '--seed', '7']);
  await createUser(email, ['registration_clerk'], password);
  // Persons outside any household, to merge with the demo's household members.
  const file = path.join(dataDir, 'merge-pool.csv');
  const lines = ['ID,Given name,Family name,Sex,Date of birth,Nationality'];
  for (let i = 0; i < persons; i++)
    lines.push(`MERGE-${i},Given${i},Mergetest,${i % 2 ? 'F' : 'M'},1985-03-0${1 + (i % 9)},AFG`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  await asylonOk(['import', file, '--as', email]);
  console.log(
    `merges: ${rounds} rounds of ~${perRound} concurrent merges; ${persons} demo and ${persons} imported persons`,
  );
  const planner = killPlanner(random, 3_000);
  const used = new Set<string>();
  let acknowledged = 0;
  let merged = 0;
  let abandoned = 0;
  let abandonedDone = 0;
  let lastLost: { body: unknown; key: string }[] = [];
  for (let round = 1; round <= rounds; round++) {
    result.rounds++;
    const requests = plan(round, await candidates(used), random);
    const ids = [...new Set(requests.flatMap((r) => [r.survivorId, r.absorbedId]))];
    ids.forEach((id) => used.add(id));
    const before = await asOwner((o) => snapshot(o, ids));

    let server;
    try {
      server = await startServer(); // after round 1, the restart on what the kill left
    } catch (e) {
      result.violations.push(`round ${round}: the server did not restart: ${String(e)}`);
      break;
    }
    const session = await signIn(server.base, email, password);
    const bodies = requests.map((r) => ({
      survivorId: r.survivorId,
      absorbedId: r.absorbedId,
      reason: `crash round ${round}`,
    }));
    const delay = planner.next();
    const { results: replies, finishedMs } = await killDuring(
      server,
      requests.map((r, i) =>
        session.send('POST', '/api/v1/merges', bodies[i], { 'idempotency-key': r.key }),
      ),
      delay,
    );
    if (finishedMs === null) {
      result.kills++;
      planner.killedAfter(
        delay,
        replies.filter((r) => r.status !== 'lost').length,
        requests.length,
      );
    } else {
      result.finished++;
      planner.finishedAfter(finishedMs);
    }
    const verified = await auditVerifies();
    if (!verified) result.violations.push(`round ${round}: audit verify failed`);
    const check = await asOwner((o) => checkMerges(o, requests, replies, before));
    result.violations.push(...check.violations.map((v) => `round ${round}: ${v}`));
    const ok = replies.filter((r) => r.status === 201).length;
    const lost = replies.filter((r) => r.status === 'lost').length;
    acknowledged += ok;
    merged += check.merged;
    abandoned += check.abandonedKeys;
    abandonedDone += check.abandonedDone;
    const cutOff = requests.flatMap((r, i) =>
      replies[i]!.status === 'lost' ? [{ body: bodies[i], key: r.key }] : [],
    );
    if (cutOff.length) lastLost = cutOff;
    console.log(
      `  round ${round}: ${finishedMs === null ? `killed after ${(delay / 1000).toFixed(2)} s` : 'finished'}; ` +
        `${requests.length} asked, ${ok} acknowledged, ${lost} cut off, ${check.merged} merges stored; ` +
        `${check.violations.length ? `${check.violations.length} VIOLATIONS` : 'consistent'}; ` +
        `audit chain ${verified ? 'intact' : 'BROKEN'}`,
    );
  }
  result.notes.push(
    `${acknowledged} merges acknowledged, ${merged} stored (acknowledged or committed just before a kill)`,
  );
  result.notes.push(
    `${abandoned} Idempotency-Keys left claimed with no answer by the kills ` +
      `(${abandonedDone} of them for work that committed); a retry with one is refused as in progress`,
  );
  await retryAfterRestart(result, lastLost);
}

/** Restarts once more and retries a request the last kill cut off, with its Idempotency-Key. */
async function retryAfterRestart(result: ScenarioResult, lost: { body: unknown; key: string }[]) {
  const server = await startServer().catch((e: unknown) => {
    result.violations.push(`the server did not restart after the last round: ${String(e)}`);
    return null;
  });
  if (!server) return;
  try {
    const session = await signIn(server.base, email, password);
    const sample = lost[0];
    if (sample) {
      const reply = await session.send('POST', '/api/v1/merges', sample.body, {
        'idempotency-key': sample.key,
      });
      const title = (reply.body as { title?: string } | null)?.title ?? '';
      result.notes.push(
        `retrying a cut-off merge with its key after restart: ${reply.status} ${title}`,
      );
    }
  } finally {
    await server.stop();
  }
}

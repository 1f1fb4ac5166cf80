// What the merges scenario reads as the schema owner: the round's persons before it (history
// rows per table, sensitivity), and afterwards whether every merge is whole or absent.
import type { OwnerSession } from '../../src/platform/db/database.ts';
import { HISTORY_TABLES } from '../../src/modules/duplicates/repository.ts';
import type { Reply } from './http.ts';

export interface MergeRequest {
  survivorId: string;
  absorbedId: string;
  key: string;
}

export interface PersonState {
  mergedInto: string | null;
  sensitivity: string;
  /** History rows per table (legal_statuses, residences, documents, household members). */
  history: Record<string, number>;
  access: number;
}

const STRICTNESS = ['normal', 'sensitive', 'restricted'];

export async function snapshot(o: OwnerSession, ids: string[]) {
  const state = new Map<string, PersonState>();
  const persons = await o.query<{ id: string; merged_into: string | null; sensitivity: string }>(
    'SELECT id, merged_into, sensitivity FROM persons WHERE id = ANY($1::uuid[])',
    [ids],
  );
  for (const p of persons)
    state.set(p.id, {
      mergedInto: p.merged_into,
      sensitivity: p.sensitivity,
      history: {},
      access: 0,
    });
  for (const table of [...HISTORY_TABLES, 'person_access']) {
    const rows = await o.query<{ person_id: string; n: number }>(
      `SELECT person_id, count(*)::int AS n FROM ${table}
       WHERE person_id = ANY($1::uuid[]) GROUP BY person_id`,
      [ids],
    );
    for (const id of ids) {
      const n = rows.find((r) => r.person_id === id)?.n ?? 0;
      const s = state.get(id)!;
      if (table === 'person_access') s.access = n;
      else s.history[table] = n;
    }
  }
  return state;
}

interface MergeRow {
  id: string;
  survivor_id: string;
  absorbed_id: string;
  moved: { rows: Record<string, string[]>; access: string[] };
}

/**
 * Every merge of the round is whole or absent: a person_merges row exists exactly when the
 * absorbed person is marked merged into its survivor, the listed history rows sit with the
 * survivor, the counts add up, two audit events name the merge, and an acknowledged merge is there.
 */
export async function checkMerges(
  o: OwnerSession,
  requests: MergeRequest[],
  replies: Reply[],
  before: Map<string, PersonState>,
): Promise<{ violations: string[]; merged: number; abandonedKeys: number; abandonedDone: number }> {
  const violations: string[] = [];
  const ids = [...before.keys()];
  const after = await snapshot(o, ids);
  const absorbed = [...new Set(requests.map((r) => r.absorbedId))];
  const merges = await o.query<MergeRow>(
    `SELECT id, survivor_id, absorbed_id, moved FROM person_merges
     WHERE absorbed_id = ANY($1::uuid[])`,
    [absorbed],
  );
  for (const a of absorbed) {
    const rows = merges.filter((m) => m.absorbed_id === a);
    const asked = requests.filter((r) => r.absorbedId === a).map((r) => r.survivorId);
    const m = rows[0];
    if (rows.length > 1) violations.push(`${a} was merged ${rows.length} times`);
    if (m && !asked.includes(m.survivor_id)) violations.push(`${a} merged into a stranger`);
    const mark = after.get(a)!.mergedInto;
    if ((m?.survivor_id ?? null) !== mark)
      violations.push(`${a}: merged_into ${mark} but merge row says ${m?.survivor_id ?? 'none'}`);
    for (const table of HISTORY_TABLES) {
      const was = before.get(a)!.history[table]!;
      const now = after.get(a)!.history[table]!;
      if (now !== (m ? 0 : was)) violations.push(`${a}: ${now} ${table} rows, had ${was}`);
      if (m && m.moved.rows[table]?.length !== was)
        violations.push(`merge ${m.id} lists ${m.moved.rows[table]?.length} ${table}, not ${was}`);
    }
    for (const s of asked) {
      const won = m?.survivor_id === s;
      const b = before.get(s)!;
      const n = after.get(s)!;
      for (const table of HISTORY_TABLES) {
        const want = b.history[table]! + (won ? before.get(a)!.history[table]! : 0);
        if (n.history[table] !== want)
          violations.push(`${s}: ${n.history[table]} ${table} rows, expected ${want}`);
      }
      const stricter = won
        ? STRICTNESS[
            Math.max(
              STRICTNESS.indexOf(b.sensitivity),
              STRICTNESS.indexOf(before.get(a)!.sensitivity),
            )
          ]
        : b.sensitivity;
      if (n.sensitivity !== stricter) violations.push(`${s}: sensitivity ${n.sensitivity}`);
      if (won && n.access !== b.access + m.moved.access.length)
        violations.push(`${s}: ${n.access} access rows after merge ${m.id}`);
    }
  }
  for (const m of merges) {
    for (const table of HISTORY_TABLES) {
      const listed = m.moved.rows[table] ?? [];
      if (!listed.length) continue;
      const [{ n }] = (await o.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[]) AND person_id = $2`,
        [listed, m.survivor_id],
      )) as [{ n: number }];
      if (n !== listed.length)
        violations.push(`merge ${m.id}: ${n}/${listed.length} ${table} moved`);
    }
  }
  const events = await o.query<{ merge: string; n: number }>(
    `SELECT details->>'merge' AS merge, count(*)::int AS n FROM audit_events
     WHERE action = 'person.merged' AND entity_id = ANY($1::uuid[]) GROUP BY 1`,
    [ids],
  );
  for (const m of merges) {
    const n = events.find((e) => e.merge === m.id)?.n ?? 0;
    if (n !== 2) violations.push(`merge ${m.id}: ${n} audit events, not 2`);
  }
  if (events.some((e) => !merges.some((m) => m.id === e.merge)))
    violations.push('an audit event names a merge that is not there');
  requests.forEach((r, i) => {
    const reply = replies[i]!;
    if (reply.status === 201) {
      const id = (reply.body as { id?: string }).id;
      if (!merges.some((m) => m.id === id)) violations.push(`acknowledged merge ${id} is missing`);
    } else if (reply.status !== 'lost' && reply.status !== 409)
      violations.push(`merge ${r.key} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  });
  // A stored answer must describe a merge that is there; an answerless claim is abandoned.
  const keys = await o.query<{ key: string; status_code: number | null; response: string | null }>(
    'SELECT key, status_code, response FROM idempotency_keys WHERE key = ANY($1::text[])',
    [requests.map((r) => r.key)],
  );
  for (const k of keys) {
    if (k.status_code !== 201) continue;
    const id = (JSON.parse(k.response ?? '{}') as { id?: string }).id;
    if (!merges.some((m) => m.id === id))
      violations.push(`stored answer names missing merge ${id}`);
  }
  const abandoned = keys.filter((k) => k.status_code === null);
  const done = (key: string) => {
    const r = requests.find((q) => q.key === key)!;
    return merges.some((m) => m.absorbed_id === r.absorbedId && m.survivor_id === r.survivorId);
  };
  return {
    violations,
    merged: merges.length,
    abandonedKeys: abandoned.length,
    abandonedDone: abandoned.filter((k) => done(k.key)).length,
  };
}

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { GENESIS_HASH, canonicalJson, chainNext, computeEventHash, verifyChain } from './chain.ts';
import type { AuditEventBody, AuditEventRecord, Checkpoint, VerifyResult } from './chain.ts';
import { keyIdOf, signCheckpoint, verifyCheckpointSignature } from './checkpoint-signing.ts';

type Body = Omit<AuditEventBody, 'seq'>;

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const attacker = generateKeyPairSync('ed25519');
const keyId = keyIdOf(publicKey);
const verifySignature = (cp: Checkpoint) => verifyCheckpointSignature(publicKey, cp);

const OP = 'op-greece-2025';
const N = 50;

const bodyArb: fc.Arbitrary<Body> = fc.record({
  operationId: fc.constant(OP),
  at: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  actorId: fc.option(fc.uuid(), { nil: null }),
  action: fc.constantFrom('case.create', 'case.update', 'person.view', 'auth.login', 'doc.add'),
  entityType: fc.option(fc.constantFrom('case', 'person', 'document'), { nil: null }),
  entityId: fc.option(fc.uuid(), { nil: null }),
  requestId: fc.option(fc.uuid(), { nil: null }),
  details: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), {
    maxKeys: 4,
  }),
});
const bodiesArb = fc.array(bodyArb, { minLength: N, maxLength: N });
const RUNS = { numRuns: 40 };

function build(bodies: Body[], from: AuditEventRecord | null = null): AuditEventRecord[] {
  const out: AuditEventRecord[] = [];
  let prev = from;
  for (const body of bodies) {
    prev = chainNext(prev, body);
    out.push(prev);
  }
  return out;
}

const headOf = (chain: AuditEventRecord[]) => {
  const last = chain[chain.length - 1]!;
  return { seq: last.seq, hash: last.hash };
};

function checkpointAt(chain: AuditEventRecord[], seq: number, key = privateKey): Checkpoint {
  const e = chain[seq - 1]!;
  return signCheckpoint(key, keyId, { operationId: OP, seq, hash: e.hash, at: e.at });
}

function expectBad(res: VerifyResult, seq: number, reason: string, checked = seq - 1): void {
  expect(res).toEqual({ ok: false, checked, firstBad: { seq, reason } });
}

async function* lazily<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

function reverseKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeysDeep);
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).reverse();
    return Object.fromEntries(entries.map(([k, x]) => [k, reverseKeysDeep(x)]));
  }
  return v;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and adds no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: 'x y', y: 2 }], c: null }, e: true };
    expect(canonicalJson(value)).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":"x y"}]},"b":1,"e":true}');
    expect(canonicalJson({ é: 1, e: 2, z: 3 })).toBe('{"e":2,"z":3,"é":1}');
    expect(canonicalJson('\ud800')).toBe('"\\ud800"');
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(reverseKeysDeep(v))).toBe(canonicalJson(v));
      }),
    );
  });

  it('survives a JSON round trip (as through a jsonb column)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('drops undefined object values and uses toJSON', () => {
    expect(canonicalJson({ a: undefined, b: [{ c: undefined }] })).toBe('{"b":[{}]}');
    expect(canonicalJson({ at: new Date(Date.UTC(2025, 0, 2)) })).toBe(
      '{"at":"2025-01-02T00:00:00.000Z"}',
    );
    expect(canonicalJson(Object.assign(Object.create(null) as object, { b: 2, a: 1 }))).toBe(
      '{"a":1,"b":2}',
    );
  });

  it('throws on values JSON would mangle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad: unknown[] = [
      undefined,
      [1, undefined],
      { f: () => 1 },
      Number.NaN,
      { n: Number.POSITIVE_INFINITY },
      [Number.NEGATIVE_INFINITY],
      1n,
      { s: Symbol('x') },
      new Map([['a', 1]]),
      cyclic,
    ];
    for (const v of bad) expect(() => canonicalJson(v)).toThrow(TypeError);
    // A repeated (not circular) reference is fine.
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });
});

describe('computeEventHash and chainNext', () => {
  const body: Body = {
    operationId: OP,
    at: '2025-03-01T12:00:00.000Z',
    actorId: 'u1',
    action: 'case.create',
    entityType: 'case',
    entityId: 'c1',
    requestId: null,
    details: { b: 2, a: 1 },
  };

  it('hashes prevHash, a newline and the canonical body', () => {
    const first = chainNext(null, body);
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe(GENESIS_HASH);
    const canonical =
      '{"action":"case.create","actorId":"u1","at":"2025-03-01T12:00:00.000Z",' +
      '"details":{"a":1,"b":2},"entityId":"c1","entityType":"case",' +
      `"operationId":"${OP}","requestId":null,"seq":1}`;
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex');
    expect(first.hash).toBe(expected);
    expect(computeEventHash(GENESIS_HASH, first)).toBe(expected);
  });

  it('links each event to the previous one', () => {
    const first = chainNext(null, body);
    const second = chainNext(first, { ...body, action: 'case.update' });
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(second.hash).toBe(computeEventHash(first.hash, second));
    expect(second.hash).not.toBe(computeEventHash(GENESIS_HASH, second));
  });

  it('ignores fields outside the body', () => {
    const extra = { ...body, prevHash: 'x', hash: 'y', seq: 3, note: 'z' };
    expect(chainNext({ seq: 2, hash: 'ab' }, extra)).not.toHaveProperty('note');
    expect(computeEventHash('ab', extra)).toBe(computeEventHash('ab', { ...body, seq: 3 }));
  });
});

describe('verifyChain on intact chains', () => {
  it('accepts a valid chain with its head and signed checkpoints', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodiesArb,
        fc.uniqueArray(fc.integer({ min: 1, max: N }), { maxLength: 5 }),
        async (bodies, cpSeqs) => {
          const chain = build(bodies);
          const checkpoints = cpSeqs.map((s) => checkpointAt(chain, s));
          const res = await verifyChain(lazily(chain), {
            head: headOf(chain),
            checkpoints,
            verifySignature,
          });
          expect(res).toEqual({ ok: true, checked: N, lastSeq: N, lastHash: chain[N - 1]!.hash });
          expect(await verifyChain(chain)).toEqual(res);
        },
      ),
      RUNS,
    );
  });

  it('accepts an empty chain, and head null means empty', async () => {
    const empty = { ok: true, checked: 0, lastSeq: 0, lastHash: GENESIS_HASH };
    expect(await verifyChain([])).toEqual(empty);
    expect(await verifyChain([], { head: null })).toEqual(empty);
    const chain = build(fc.sample(bodyArb, { numRuns: 3, seed: 1 }));
    expectBad(await verifyChain(chain, { head: null }), 1, 'beyond_head');
  });

  it('streams long chains', async () => {
    const template = fc.sample(bodyArb, { numRuns: 1, seed: 2 })[0]!;
    function* generate(): Generator<AuditEventRecord> {
      let prev: AuditEventRecord | null = null;
      for (let i = 0; i < 20_000; i++) {
        prev = chainNext(prev, { ...template, details: { i } });
        yield prev;
      }
    }
    const res = await verifyChain(generate());
    expect(res).toMatchObject({ ok: true, checked: 20_000, lastSeq: 20_000 });
  });

  it('needs a signature check whenever checkpoints are given', async () => {
    const chain = build(fc.sample(bodyArb, { numRuns: 3, seed: 3 }));
    await expect(verifyChain(chain, { checkpoints: [checkpointAt(chain, 2)] })).rejects.toThrow(
      /verifySignature/,
    );
  });

  it('rejects malformed or foreign checkpoints', async () => {
    const chain = build(fc.sample(bodyArb, { numRuns: 5, seed: 4 }));
    const at = (seq: number, operationId = OP) =>
      signCheckpoint(privateKey, keyId, { operationId, seq, hash: chain[1]!.hash, at: 'x' });
    const opts = (cp: Checkpoint) => ({ checkpoints: [cp], verifySignature });
    expectBad(await verifyChain(chain, opts(at(0))), 0, 'bad_checkpoint', 0);
    const foreign = 'checkpoint_operation_mismatch';
    expectBad(await verifyChain(chain, opts(at(2, 'op-other'))), 2, foreign);
    expectBad(await verifyChain(chain, opts(at(9, 'op-other'))), 9, foreign, 5);
    expect(await verifyChain(chain, opts(at(2)))).toMatchObject({ ok: true });
  });

  it('rejects an event from another operation', async () => {
    const bodies = fc.sample(bodyArb, { numRuns: 4, seed: 5 });
    bodies[2] = { ...bodies[2]!, operationId: 'op-other' };
    expectBad(await verifyChain(build(bodies)), 3, 'operation_mismatch');
  });

  it('stops reading at the first bad event', async () => {
    const chain = build(fc.sample(bodyArb, { numRuns: 10, seed: 6 }));
    chain[3] = { ...chain[3]!, action: 'forged' };
    let pulled = 0;
    function* counting(): Generator<AuditEventRecord> {
      for (const e of chain) {
        pulled++;
        yield e;
      }
    }
    expectBad(await verifyChain(counting()), 4, 'hash_mismatch');
    expect(pulled).toBe(4);
  });
});

// Each tamper returns the altered chain; none mutates the original events.
const FIELDS = [
  'operationId',
  'seq',
  'at',
  'actorId',
  'action',
  'entityType',
  'entityId',
  'requestId',
  'details',
  'prevHash',
  'hash',
] as const;

function editField(e: AuditEventRecord, field: (typeof FIELDS)[number]): AuditEventRecord {
  switch (field) {
    case 'seq':
      return { ...e, seq: e.seq + 1000 };
    case 'at':
      return { ...e, at: new Date(Date.parse(e.at) + 1).toISOString() };
    case 'details':
      return { ...e, details: { tampered: e.details } };
    case 'prevHash':
    case 'hash':
      return { ...e, [field]: e[field].replace(/^./, (c) => (c === 'f' ? 'e' : 'f')) };
    default:
      return { ...e, [field]: `${e[field] ?? ''}x` };
  }
}

function rehashed(e: AuditEventRecord): AuditEventRecord {
  return { ...e, hash: computeEventHash(e.prevHash, e) };
}

function rewriteFrom(chain: AuditEventRecord[], k: number): AuditEventRecord[] {
  const suffix = chain.slice(k).map((e, j) => {
    const { seq: _seq, prevHash: _p, hash: _h, ...body } = e;
    return j === 0 ? { ...body, details: { rewritten: body.details } } : body;
  });
  return [...chain.slice(0, k), ...build(suffix, chain[k - 1] ?? null)];
}

describe('verifyChain tamper matrix', () => {
  it('detects an edited field at the edited event', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodiesArb,
        fc.nat(N - 1),
        fc.constantFrom(...FIELDS),
        async (bodies, i, field) => {
          const chain = build(bodies);
          chain[i] = editField(chain[i]!, field);
          const res = await verifyChain(chain);
          expect(res.ok).toBe(false);
          if (!res.ok) expect(res.firstBad.seq).toBe(i + 1);
        },
      ),
      RUNS,
    );
  });

  it('detects an edited and re-hashed event by the next link, or the head for the last', async () => {
    await fc.assert(
      fc.asyncProperty(bodiesArb, fc.nat(N - 1), async (bodies, i) => {
        const chain = build(bodies);
        const head = headOf(chain);
        chain[i] = rehashed({ ...chain[i]!, action: 'forged' });
        if (i < N - 1) expectBad(await verifyChain(chain), i + 2, 'prev_hash_mismatch');
        else expect((await verifyChain(chain)).ok).toBe(true);
        const withHead = await verifyChain(chain, { head });
        if (i < N - 1) expectBad(withHead, i + 2, 'prev_hash_mismatch');
        else expectBad(withHead, N, 'head_mismatch');
      }),
      RUNS,
    );
  });

  it('detects a deleted event, or a deleted last event by the head', async () => {
    await fc.assert(
      fc.asyncProperty(bodiesArb, fc.nat(N - 1), async (bodies, i) => {
        const chain = build(bodies);
        const head = headOf(chain);
        chain.splice(i, 1);
        if (i < N - 1) expectBad(await verifyChain(chain, { head }), i + 1, 'seq_gap');
        else expectBad(await verifyChain(chain, { head }), N, 'head_beyond_tail');
      }),
      RUNS,
    );
  });

  it('detects an inserted event with a plausible link, or an append by the head', async () => {
    await fc.assert(
      fc.asyncProperty(bodiesArb, bodyArb, fc.nat(N), async (bodies, extra, p) => {
        const chain = build(bodies);
        const head = headOf(chain);
        const forged = chainNext(chain[p - 1] ?? null, extra);
        chain.splice(p, 0, forged);
        if (p < N) {
          expectBad(await verifyChain(chain), p + 2, 'seq_unexpected');
        } else {
          expect((await verifyChain(chain)).ok).toBe(true);
          expectBad(await verifyChain(chain, { head }), N + 1, 'beyond_head');
        }
      }),
      RUNS,
    );
  });

  it('detects two swapped events, renumbered or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        bodiesArb,
        fc.uniqueArray(fc.nat(N - 1), { minLength: 2, maxLength: 2 }),
        fc.boolean(),
        async (bodies, pair, renumber) => {
          const [i, j] = pair.sort((a, b) => a - b) as [number, number];
          const chain = build(bodies);
          const a = chain[i]!;
          const b = chain[j]!;
          chain[i] = renumber ? { ...b, seq: a.seq } : b;
          chain[j] = renumber ? { ...a, seq: b.seq } : a;
          const res = await verifyChain(chain);
          expect(res.ok).toBe(false);
          if (!res.ok) expect(res.firstBad.seq).toBe(i + 1);
        },
      ),
      RUNS,
    );
  });

  it('detects a truncated tail by the head or a signed checkpoint beyond it', async () => {
    await fc.assert(
      fc.asyncProperty(bodiesArb, fc.nat(N - 1), fc.nat(), async (bodies, k, r) => {
        const chain = build(bodies);
        const head = headOf(chain);
        const cp = checkpointAt(chain, k + 1 + (r % (N - k)));
        const cut = chain.slice(0, k);
        expect((await verifyChain(cut)).ok).toBe(true);
        expectBad(await verifyChain(cut, { head }), k + 1, 'head_beyond_tail');
        const viaCp = await verifyChain(cut, { checkpoints: [cp], verifySignature });
        expectBad(viaCp, k + 1, 'checkpoint_beyond_tail');
        // A checkpoint forged with another key does not vouch for the shortened chain.
        const forged = signCheckpoint(attacker.privateKey, keyId, { ...cp, seq: k || 1 });
        const res = await verifyChain(cut, { checkpoints: [forged], verifySignature });
        expect(res).toMatchObject({ ok: false, firstBad: { reason: 'bad_signature' } });
      }),
      RUNS,
    );
  });

  it('detects a consistently rewritten suffix by a later checkpoint or the head', async () => {
    await fc.assert(
      fc.asyncProperty(bodiesArb, fc.nat(N - 1), fc.nat(), async (bodies, k, r) => {
        const chain = build(bodies);
        const head = headOf(chain);
        const cpSeq = k + 1 + (r % (N - k));
        const cp = checkpointAt(chain, cpSeq);
        const rewritten = rewriteFrom(chain, k);
        // The links alone cannot tell; that is what checkpoints and the head are for.
        expect((await verifyChain(rewritten)).ok).toBe(true);
        expectBad(await verifyChain(rewritten, { head }), N, 'head_mismatch');
        const viaCp = await verifyChain(rewritten, { checkpoints: [cp], verifySignature });
        expectBad(viaCp, cpSeq, 'checkpoint_mismatch');
        // The attacker re-signing the checkpoint with their own key does not help.
        const resigned = checkpointAt(rewritten, cpSeq, attacker.privateKey);
        const res = await verifyChain(rewritten, { checkpoints: [resigned], verifySignature });
        expectBad(res, cpSeq, 'bad_signature');
        // An honest checkpoint before the rewrite still verifies.
        if (k > 0) {
          const early = checkpointAt(chain, k);
          const ok = await verifyChain(rewritten, { checkpoints: [early], verifySignature });
          expect(ok.ok).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('detects 100 % of tampers at every position with the head and a final checkpoint', async () => {
    const chain = build(fc.sample(bodiesArb, { numRuns: 1, seed: 7 })[0]!);
    const options = {
      head: headOf(chain),
      checkpoints: [checkpointAt(chain, N)],
      verifySignature,
    };
    const extra = fc.sample(bodyArb, { numRuns: 1, seed: 8 })[0]!;
    const tampers: AuditEventRecord[][] = [];
    for (let i = 0; i < N; i++) {
      for (const field of FIELDS)
        tampers.push(chain.map((e, j) => (j === i ? editField(e, field) : e)));
      tampers.push(chain.map((e, j) => (j === i ? rehashed({ ...e, action: 'forged' }) : e)));
      tampers.push(chain.filter((_, j) => j !== i));
      tampers.push(chain.slice(0, i));
      tampers.push(rewriteFrom(chain, i));
      for (let j = i + 1; j < N; j++) {
        const swapped = [...chain];
        [swapped[i], swapped[j]] = [chain[j]!, chain[i]!];
        tampers.push(swapped);
      }
    }
    for (let p = 0; p <= N; p++) {
      const inserted = [...chain];
      inserted.splice(p, 0, chainNext(chain[p - 1] ?? null, extra));
      tampers.push(inserted);
    }
    let detected = 0;
    for (const tampered of tampers) if (!(await verifyChain(tampered, options)).ok) detected++;
    expect(tampers.length).toBeGreaterThan(2000);
    expect(detected).toBe(tampers.length);
    expect((await verifyChain(chain, options)).ok).toBe(true);
  });
});

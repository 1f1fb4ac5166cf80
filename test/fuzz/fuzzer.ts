import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { cookieFrom, send } from '../helpers/app.ts';
import { checkResponse, type Observed } from './checks.ts';
import { IDENTITIES, type FuzzEnvironment, type Identity } from './environment.ts';
import {
  operationsOf,
  requestArb,
  resolvePlaceholders,
  validRequestArb,
  type FuzzRequest,
  type Operation,
} from './requests.ts';
import type { RegressionCase, Violation } from './regressions.ts';
import { count, type RunStats } from './stats.ts';

/**
 * The API fuzzer: reads the OpenAPI document, learns which identity may call what, then sends
 * generated and mutated requests as every role and as no one, checking every response
 * (checks.ts). A request is a pure function of (seed, index), so a failure is reproducible from
 * those two numbers; the concrete request is kept too, as the durable regression case.
 */

/** Relative weights per operation: the costly ones (password hashing, full-chain checks,
 * background jobs, logging a session out) are sampled less so a run stays fast. */
const OPERATION_WEIGHT: Record<string, number> = {
  'POST /api/v1/auth/login': 0.2,
  'POST /api/v1/auth/password': 0.2,
  'POST /api/v1/auth/logout': 0.05,
  'POST /api/v1/setup': 0.3,
  'POST /api/v1/users': 0.3,
  'POST /api/v1/duplicates/jobs': 0.1,
  'GET /api/v1/audit/verify': 0.2,
};
/** Made by prepareEnvironment; the fuzzer does not grow these pools. */
const SEEDED = new Set([
  'POST /api/v1/persons',
  'POST /api/v1/users',
  'POST /api/v1/auth/tokens',
  'POST /api/v1/setup',
  'POST /api/v1/merges',
]);
const GROW_ATTEMPTS = 8;

const LOGOUT = 'POST /api/v1/auth/logout';
const BREAK_GLASS = 'POST /api/v1/persons/{id}/break-glass';

/** Identities the policy refuses still get some traffic: refusals must be clean too. */
const REFUSED_WEIGHT = 0.15;

/** splitmix32: a seed for request `index` of run `seed`. */
export function requestSeed(seed: number, index: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b9) + Math.imul(index + 1, 0x85ebca6b)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

export class Fuzzer {
  readonly operations: Operation[];
  /** Sees every answer (for debugging and for checking the checks). */
  observe?: (op: Operation | undefined, o: Observed) => void;
  private readonly arbs = new Map<string, fc.Arbitrary<FuzzRequest>>();
  private schedule: { op: Operation; identity: Identity; upTo: number; allowed: boolean }[] = [];

  private constructor(
    readonly env: FuzzEnvironment,
    doc: unknown,
  ) {
    this.operations = operationsOf(doc);
  }

  static async create(env: FuzzEnvironment): Promise<Fuzzer> {
    const res = await send(env.t, null, 'GET', '/api/v1/openapi.json');
    if (res.statusCode !== 200) throw new Error(`openapi.json → ${res.statusCode}`);
    return new Fuzzer(env, res.json());
  }

  private arb(op: Operation) {
    let a = this.arbs.get(op.key);
    if (!a) this.arbs.set(op.key, (a = requestArb(op)));
    return a;
  }

  /** Asks every operation once as every identity (like the authorization matrix) and weights
   * the schedule: allowed pairs fully, refused ones a little. */
  async learnAccess(stats: RunStats, violations: Violation[]): Promise<void> {
    let upTo = 0;
    this.schedule = [];
    for (const op of this.operations) {
      const bodyless = op.method === 'GET' || op.method === 'DELETE';
      const request: FuzzRequest = {
        method: op.method,
        url: op.path.replace(/\{\w+\}/g, '{{any.0}}'),
        headers: bodyless ? {} : { 'content-type': 'application/json' },
        kind: 'probe',
        ...(bodyless ? {} : { body: '{}' }),
      };
      // The permission check comes before anything else, so the identities can ask at once.
      const refusals = await Promise.all(
        IDENTITIES.map(async (identity) => {
          if (op.key === LOGOUT) return identity === 'anonymous'; // probing would sign out
          const r = await this.send(identity, request, op, stats);
          violations.push(...r.violations.map((v) => ({ ...v, seed: 0, index: -1 })));
          return r.status === 401 || (r.status === 403 && r.code === 'forbidden');
        }),
      );
      IDENTITIES.forEach((identity, i) => {
        const refused = refusals[i]!;
        upTo += (OPERATION_WEIGHT[op.key] ?? 1) * (refused ? REFUSED_WEIGHT : 1);
        this.schedule.push({ op, identity, upTo, allowed: !refused });
      });
    }
  }

  /**
   * Creates a few records of every kind the seeding did not cover (modules added later), by
   * sending generated valid requests to each creating POST as an identity allowed to call it,
   * so later requests can name records that exist. Deterministic for a given server.
   */
  async growPools(stats: RunStats, violations: Violation[]): Promise<void> {
    const { pools } = this.env;
    const creators = this.operations.filter((op) => {
      const schema = op.responses['201']?.['application/json'];
      return (
        op.method === 'POST' &&
        schema?.properties?.id &&
        !SEEDED.has(op.key) &&
        !op.path.endsWith('}')
      );
    });
    for (let pass = 0; pass < 2; pass++) {
      for (const op of creators) {
        const pool = op.path.split('/').pop()!;
        pools[pool] ??= [];
        const who = this.schedule.filter(
          (e) => e.op === op && e.allowed && e.identity !== 'anonymous',
        );
        if (!who.length) continue;
        for (let i = 0; i < GROW_ATTEMPTS && pools[pool].length < 2; i++) {
          const [request] = fc.sample(validRequestArb(op), {
            seed: requestSeed(pass, i),
            numRuns: 1,
          });
          const identity = who[i % who.length]!.identity;
          const headers = { ...request!.headers };
          delete headers['idempotency-key'];
          const r = await this.send(identity, { ...request!, headers, kind: 'seed' }, op, stats);
          violations.push(...r.violations.map((v) => ({ ...v, seed: 0, index: -1 })));
          if (r.status === 201 && r.id) pools[pool].push(r.id);
        }
      }
    }
  }

  /** The request number `index` of run `seed`: which operation, as whom, with what. */
  plan(seed: number, index: number): { op: Operation; identity: Identity; request: FuzzRequest } {
    const s = requestSeed(seed, index);
    const total = this.schedule[this.schedule.length - 1]!.upTo;
    const x = (s / 2 ** 32) * total;
    let lo = 0;
    let hi = this.schedule.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.schedule[mid]!.upTo > x) hi = mid;
      else lo = mid + 1;
    }
    const slot = this.schedule[lo]!;
    const [request] = fc.sample(this.arb(slot.op), { seed: s ^ 0x5bd1e995, numRuns: 1 });
    return { op: slot.op, identity: slot.identity, request: request! };
  }

  /** Sends one request as `identity`, checks the answer, keeps the sessions alive. */
  async send(identity: Identity, request: FuzzRequest, op: Operation | undefined, stats: RunStats) {
    const { t, pools, cookies, canaries } = this.env;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers))
      headers[k] = resolvePlaceholders(v, pools);
    const cookie = cookies.get(identity);
    if (cookie) headers.cookie = cookie;
    const options: InjectOptions = {
      method: request.method as InjectOptions['method'],
      url: resolvePlaceholders(request.url, pools),
      headers,
      ...(request.body !== undefined ? { payload: resolvePlaceholders(request.body, pools) } : {}),
    };
    const before = t.logs.length;
    const started = performance.now();
    const res = await t.app.inject(options);
    const ms = performance.now() - started;
    const logs = t.logs.slice(before);
    // Mutations change methods and paths: judge the answer by the route that actually ran.
    op = this.routed(logs) ?? (request.method === op?.method ? op : undefined);
    const observed: Observed = {
      method: request.method,
      status: res.statusCode,
      headers: res.headers,
      body: res.body,
      logs,
    };
    this.observe?.(op, observed);
    const problems = checkResponse(observed, op?.responses, canaries);
    let code: string | undefined;
    if (res.statusCode >= 400) {
      try {
        code = (JSON.parse(res.body) as { code?: string }).code;
      } catch {
        code = undefined; // reported by the checks
      }
    }
    count(stats, identity, request, op, res.statusCode, ms);
    const lost = res.statusCode === 401 && code === 'unauthenticated' && !headers.authorization;
    if (await this.keepSession(identity, op, res, lost)) stats.renewed++;
    const violations = problems.length
      ? [
          {
            identity,
            operation: op?.key ?? `${request.method} ${request.url}`,
            request,
            status: res.statusCode,
            response: res.body.slice(0, 2000),
            problems,
          },
        ]
      : [];
    let id: string | undefined;
    if (res.statusCode === 201) {
      try {
        id = (JSON.parse(res.body) as { id?: string }).id;
      } catch {
        id = undefined; // reported by the checks
      }
    }
    return { status: res.statusCode, code, id, violations };
  }

  /** The operation Fastify routed the request to, from its access-log line. */
  private routed(logs: string[]): Operation | undefined {
    for (const line of logs) {
      if (!line.includes('"msg":"request"')) continue;
      const { method, route } = JSON.parse(line) as { method?: string; route?: string };
      if (!method || !route) return undefined;
      const key = `${method} ${route.replace(/:(\w+)/g, '{$1}')}`;
      return this.operations.find((o) => o.key === key);
    }
    return undefined;
  }

  private async keepSession(
    identity: Identity,
    op: Operation | undefined,
    res: Awaited<ReturnType<typeof send>>,
    /** Refused as unauthenticated although no Authorization header was sent. */
    lost: boolean,
  ): Promise<boolean> {
    if (identity === 'anonymous') return false;
    const rotated = cookieFrom(res);
    const signsIn = op?.key === 'POST /api/v1/auth/login' || op?.key === 'POST /api/v1/setup';
    if (rotated && !signsIn) this.env.cookies.set(identity, rotated);
    // Break-glass lets a protection officer read a restricted record, by design: the identity
    // starts over as a fresh user, so the canary checks keep meaning "never seen".
    const brokeGlass = op?.key === BREAK_GLASS && res.statusCode < 300;
    if (brokeGlass) {
      await this.env.renew(identity, true);
      return true;
    }
    const loggedOut = op?.key === LOGOUT && res.statusCode === 204;
    if (loggedOut || lost) {
      const me = await send(
        this.env.t,
        this.env.cookies.get(identity) ?? null,
        'GET',
        '/api/v1/auth/me',
      );
      if (me.statusCode === 401) {
        await this.env.renew(identity, false);
        return true;
      }
    }
    return false;
  }

  /** Runs `requests` generated requests of run `seed`. */
  run(seed: number, requests: number, stats: RunStats, onViolation?: (v: Violation) => void) {
    return this.runRange(seed, 0, requests, stats, onViolation);
  }

  /** Requests `from` … `from + count - 1` of run `seed`. */
  async runRange(
    seed: number,
    from: number,
    count: number,
    stats: RunStats,
    onViolation?: (v: Violation) => void,
  ): Promise<Violation[]> {
    const violations: Violation[] = [];
    const started = performance.now();
    for (let index = from; index < from + count; index++) {
      const { op, identity, request } = this.plan(seed, index);
      const r = await this.send(identity, request, op, stats);
      for (const v of r.violations) {
        const full = { ...v, seed, index };
        violations.push(full);
        onViolation?.(full);
      }
    }
    stats.ms += performance.now() - started;
    return violations;
  }

  /** Targeted probes with the canary strings themselves, as every identity. */
  async canaryProbes(stats: RunStats): Promise<Violation[]> {
    const c = this.env.canaries;
    const id = this.env.canaryPersonId;
    const q = (s: string) => encodeURIComponent(s);
    const gets = [
      ...c.slice(0, 3).map((s) => `/api/v1/persons/search?q=${q(s)}`),
      `/api/v1/documents/matches?issuer=AFG&number=${q(c[7]!)}`,
      `/api/v1/persons/${id}`,
      ...[
        'documents',
        'legal-statuses',
        'residences',
        'households',
        'entitlements',
        'rights-gaps',
        'rights-assessments',
      ].map((sub) => `/api/v1/persons/${id}/${sub}`),
      `/api/v1/households/${this.env.canaryHouseholdId}`,
      '/api/v1/sites/{{sites.0}}/residents',
      `/api/v1/audit/events?entityId=${id}`,
      '/api/v1/duplicates?status=open',
    ];
    const body = JSON.stringify({
      names: [
        { given: c[0], family: c[1] },
        { given: c[2], script: 'Arab' },
      ],
      sex: 'F',
      birthYear: 1991,
    });
    const violations: Violation[] = [];
    for (const identity of IDENTITIES) {
      const requests: FuzzRequest[] = [
        ...gets.map((url) => ({ method: 'GET', url, headers: {}, kind: 'canary' })),
        {
          method: 'POST',
          url: '/api/v1/persons/duplicate-check',
          headers: { 'content-type': 'application/json' },
          body,
          kind: 'canary',
        },
        {
          method: 'PATCH',
          url: `/api/v1/persons/${id}`,
          headers: { 'content-type': 'application/json', 'if-match': '"1"' },
          body: '{"sensitivity":"normal"}',
          kind: 'canary',
        },
      ];
      for (const request of requests) {
        const op = this.operationFor(request);
        const r = await this.send(identity, request, op, stats);
        violations.push(...r.violations.map((v) => ({ ...v, seed: 0, index: -1 })));
      }
    }
    return violations;
  }

  /** The documented operation a concrete request targets, if any. */
  operationFor(request: FuzzRequest): Operation | undefined {
    const path = request.url.split('?')[0]!;
    return this.operations.find(
      (op) =>
        op.method === request.method &&
        new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
    );
  }

  /** Does this stored case apply to the database the fuzzer runs on? */
  applies(c: RegressionCase): boolean {
    return !c.onlyOn || c.onlyOn === this.env.t.platform.database.kind;
  }

  /** Replays a stored case; returns what is still wrong with its answer. */
  async replay(c: RegressionCase, stats: RunStats): Promise<string[]> {
    const op = this.operations.find((o) => o.key === c.operation) ?? this.operationFor(c.request);
    const r = await this.send(c.identity, c.request, op, stats);
    return r.violations.flatMap((v) => v.problems);
  }

  /** Everything in the server log, checked for canaries once more at the end. */
  logLeaks(): string[] {
    const text = this.env.t.logs.join('\n').toLowerCase();
    return this.env.canaries
      .filter((c) => text.includes(c.toLowerCase()))
      .map((c) => `canary ${c} in the server log`);
  }
}

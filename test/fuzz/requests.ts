import fc from 'fast-check';
import { arbitraryFor, type IdSource, type JsonSchema } from './json-schema.ts';
import {
  CONTENT_TYPES,
  edgeNumber,
  edgeString,
  hugeString,
  mutateRaw,
  mutateTree,
  RAW_MUTATIONS,
  randomHeaders,
  serialise,
  treeMutationPlan,
  type Json,
} from './mutations.ts';

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface Operation {
  key: string;
  method: string;
  path: string;
  params: { name: string; in: string; required: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
  bodyRequired: boolean;
  /** Documented status → media type → body schema (null: no content). */
  responses: Record<string, Record<string, JsonSchema> | null>;
}

/** A generated request. Ids are `{{pool.n}}` placeholders, resolved against the seeded pools at
 * send time, so a stored request means the same thing in every fresh environment. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** How it was made: 'valid' or the mutation applied. */
  kind: string;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}
interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

export function operationsOf(doc: unknown): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries((doc as OpenApiDoc).paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const responses: Operation['responses'] = {};
      for (const [status, r] of Object.entries(op.responses ?? {})) {
        const content = Object.entries(r.content ?? {}).map(([type, c]) => [type, c.schema]);
        responses[status] = content.length ? Object.fromEntries(content) : null;
      }
      ops.push({
        key: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase(),
        path,
        params: (op.parameters ?? []).map((p) => ({ ...p, required: p.required ?? false })),
        body: op.requestBody?.content['application/json']?.schema ?? null,
        bodyRequired: op.requestBody?.required ?? false,
        responses,
      });
    }
  }
  return ops;
}

// ----- ids ----------------------------------------------------------------------------------

const FIELD_POOLS: Record<string, string> = {
  personId: 'persons',
  personA: 'persons',
  personB: 'persons',
  survivorId: 'persons',
  absorbedId: 'persons',
  siteId: 'sites',
  agencyId: 'agencies',
  registeringAgencyId: 'agencies',
  userId: 'users',
  householdId: 'households',
};

/** The pool a path parameter draws from: `/persons/{id}` → persons, `{memberId}` → members. */
export function poolForParam(path: string, name: string): string {
  if (name !== 'id') return name.replace(/Id$/, '') + 's';
  const m = new RegExp(`/([\\w-]+)/\\{${name}\\}`).exec(path);
  return m?.[1] ?? 'any';
}

const placeholder = (pool: string) => fc.nat(99).map((n) => `{{${pool}.${n}}}`);

/** `programmeId` → programmes, `personIds` → persons; unknown or empty pools resolve to any id. */
export function poolForField(name: string | undefined): string {
  if (!name) return 'any';
  if (FIELD_POOLS[name]) return FIELD_POOLS[name];
  const m = /([A-Z]?[a-z]+)Ids?$/.exec(name); // fromSiteId → sites
  if (!m) return 'any';
  const noun = m[1]!.toLowerCase();
  return noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

export const ids: IdSource = (name) =>
  fc.oneof(
    { weight: 8, arbitrary: placeholder(poolForField(name)) },
    { weight: 1, arbitrary: placeholder('any') },
    { weight: 1, arbitrary: fc.uuid() },
  );

const pathIds = (pool: string) =>
  fc.oneof(
    { weight: 14, arbitrary: placeholder(pool) },
    { weight: 2, arbitrary: placeholder('any') },
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '00000000-0000-0000-0000-000000000000',
        'ffffffff-ffff-ffff-ffff-ffffffffffff',
      ),
    },
  );

// ----- garbage for the URL ------------------------------------------------------------------

/** Percent-encodes UTF-8 bytes; lone surrogates become U+FFFD, as a client would send them. */
export function encodeSegment(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : '%' + b.toString(16).toUpperCase().padStart(2, '0'),
    )
    .join('');
}

const garbageSegment = fc.oneof(
  edgeString.map(encodeSegment),
  fc.string({ maxLength: 40, unit: 'grapheme' }).map(encodeSegment),
  fc.constantFrom(
    '%ZZ',
    '%',
    '%00',
    '%2F',
    '..',
    '.',
    'a'.repeat(5000),
    '%E2%80%AE',
    '%C0%AF',
    '%FF%FE',
    'null',
    '-1',
    '1e3',
  ),
);

const queryValue = fc.oneof(
  edgeString.map(encodeSegment),
  edgeNumber.map((n) => encodeSegment(String(n))),
  fc.string({ maxLength: 30 }).map(encodeSegment),
  hugeString.map((s) => encodeSegment(s.slice(0, 3000))),
);

// ----- requests -----------------------------------------------------------------------------

const IDEMPOTENT_POST = (op: Operation) => op.method === 'POST';
const URL_MUTATIONS = [
  'garbage-param',
  'trailing-slash',
  'double-slash',
  'garbage-query',
  'repeated-query',
  'unknown-query',
] as const;
const BODY_LESS_METHODS = new Set(['GET', 'HEAD', 'DELETE']);

/** Always the value when required; otherwise now and then left out. */
function maybe<T>(
  arb: fc.Arbitrary<T>,
  required: boolean,
  weight = 1,
): fc.Arbitrary<T | undefined> {
  return required ? arb : fc.option(arb, { freq: weight, nil: undefined });
}

function queryString(entries: [string, string][]): string {
  return entries.length ? '?' + entries.map(([k, v]) => `${k}=${v}`).join('&') : '';
}

function queryArb(op: Operation): fc.Arbitrary<[string, string][]> {
  const params = op.params.filter((p) => p.in === 'query');
  if (!params.length) return fc.constant([]);
  return fc
    .tuple(
      ...params.map((p) =>
        fc.tuple(
          fc.constant(p.name),
          maybe(arbitraryFor(p.schema, { ids, name: p.name }), p.required),
        ),
      ),
    )
    .map((pairs) =>
      pairs
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, encodeSegment(String(v))] as [string, string]),
    );
}

/** A valid request for the operation (as far as the exported schema says). */
function validArb(op: Operation) {
  const pathParams = op.params.filter((p) => p.in === 'path');
  return fc.record({
    path: fc.tuple(...pathParams.map((p) => pathIds(poolForParam(op.path, p.name)))),
    query: queryArb(op),
    body: op.body
      ? maybe(arbitraryFor(op.body, { ids }), op.bodyRequired, 4)
      : fc.constant(undefined),
    version: fc.integer({ min: 0, max: 4 }),
    idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.constantFrom('k1', 'k2')), { freq: 3 }),
  });
}

function build(
  op: Operation,
  v: {
    path: string[];
    query: [string, string][];
    body: unknown;
    version: number;
    idempotencyKey: string | null;
  },
): FuzzRequest {
  let i = 0;
  const url = op.path.replace(/\{\w+\}/g, () => v.path[i++]!) + queryString(v.query);
  const headers: Record<string, string> = {};
  if (!BODY_LESS_METHODS.has(op.method)) headers['content-type'] = 'application/json';
  // Writes to existing records want If-Match (some POSTs too); where unused it is ignored.
  if (op.method !== 'GET' && op.method !== 'HEAD') headers['if-match'] = `"${v.version}"`;
  if (IDEMPOTENT_POST(op) && v.idempotencyKey) headers['idempotency-key'] = v.idempotencyKey;
  const req: FuzzRequest = { method: op.method, url, headers, kind: 'valid' };
  if (v.body !== undefined) req.body = JSON.stringify(v.body);
  return req;
}

type Mutation = (req: FuzzRequest, body: unknown) => fc.Arbitrary<FuzzRequest>;

const MUTATIONS: Record<
  string,
  { weight: number; applies: (op: Operation) => boolean; make: (op: Operation) => Mutation }
> = {
  tree: {
    weight: 6,
    applies: (op) => op.body !== null,
    make: () => (req, body) =>
      treeMutationPlan.map((plan) => {
        const mutated = mutateTree((body ?? {}) as Json, plan);
        return { ...req, body: serialise(mutated), kind: `tree:${plan.kind}` };
      }),
  },
  raw: {
    weight: 3,
    applies: (op) => !BODY_LESS_METHODS.has(op.method),
    make: () => (req) =>
      fc.tuple(fc.constantFrom(...RAW_MUTATIONS), fc.nat()).map(([kind, pick]) => ({
        ...req,
        body: mutateRaw(req.body ?? '{}', kind, pick),
        kind: `raw:${kind}`,
      })),
  },
  'content-type': {
    weight: 1,
    applies: (op) => !BODY_LESS_METHODS.has(op.method),
    make: () => (req) =>
      fc.constantFrom(...CONTENT_TYPES, undefined).map((ct) => {
        const headers = { ...req.headers };
        if (ct === undefined) delete headers['content-type'];
        else headers['content-type'] = ct;
        return { ...req, headers, kind: `content-type:${ct ?? 'none'}` };
      }),
  },
  'no-body': {
    weight: 1,
    applies: (op) => op.bodyRequired,
    make: () => (req) => fc.constant({ ...req, body: undefined, kind: 'no-body' }),
  },
  'get-body': {
    weight: 1,
    applies: (op) => BODY_LESS_METHODS.has(op.method),
    make: () => (req) =>
      fc
        .oneof(
          fc.jsonValue({ maxDepth: 3 }).map((j) => JSON.stringify(j) ?? 'null'),
          hugeString,
        )
        .map((body) => ({
          ...req,
          headers: { ...req.headers, 'content-type': 'application/json' },
          body,
          kind: 'get-body',
        })),
  },
  headers: {
    weight: 2,
    applies: () => true,
    make: () => (req) =>
      randomHeaders.map((h) => ({
        ...req,
        headers: { ...req.headers, ...h },
        kind: `headers:${Object.keys(h).join(',')}`,
      })),
  },
  url: {
    weight: 3,
    applies: () => true,
    make: (op) => (req) =>
      fc
        .tuple(
          fc.constantFrom(...URL_MUTATIONS),
          garbageSegment,
          fc.constantFrom(...op.params.map((p) => p.name), 'zz', '__proto__', 'limit[]'),
          queryValue,
        )
        .map(([kind, garbage, name, value]) => {
          const [path, query = ''] = req.url.split('?') as [string, string?];
          const sep = query ? '&' : '?';
          const segments = path.split('/');
          const idAt = segments.findIndex((s) => s.startsWith('{{') || /^[0-9a-f-]{36}$/.test(s));
          let url = req.url;
          if (kind === 'garbage-param' && idAt >= 0) {
            segments[idAt] = garbage;
            url = segments.join('/') + (query ? '?' + query : '');
          } else if (kind === 'trailing-slash') url = path + '/' + (query ? '?' + query : '');
          else if (kind === 'double-slash') url = req.url.replace('/api/v1/', '/api/v1//');
          else {
            // garbage-query: a known (or odd) name with a garbage value; unknown-query: a name
            // no route declares; repeated-query: the same name twice (an array to the parser).
            const key = kind === 'unknown-query' ? `x_${name}` : name;
            const pair = `${key}=${value}`;
            url = `${req.url}${sep}${pair}${kind === 'repeated-query' ? `&${pair}` : ''}`;
          }
          return { ...req, url, kind: `url:${kind}` };
        }),
  },
  method: {
    weight: 1,
    applies: () => true,
    make: (op) => (req) =>
      fc
        .constantFrom(
          ...['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'].filter(
            (m) => m !== op.method,
          ),
        )
        .map((method) => ({
          ...req,
          method,
          ...(method === 'GET' || method === 'HEAD' ? { body: undefined } : {}),
          kind: `method:${method}`,
        })),
  },
};

/** Only valid requests (for seeding records of every kind). */
export const validRequestArb = (op: Operation): fc.Arbitrary<FuzzRequest> =>
  validArb(op).map((v) => build(op, v));

/** Valid requests (about two in five) and mutated ones, for one operation. */
export function requestArb(op: Operation): fc.Arbitrary<FuzzRequest> {
  const valid = validArb(op).map((v) => ({ v, req: build(op, v) }));
  const mutations = Object.values(MUTATIONS)
    .filter((m) => m.applies(op))
    .map((m) => ({ weight: m.weight, arbitrary: fc.constant(m.make(op)) }));
  return fc
    .tuple(valid, fc.oneof(...mutations), fc.oneof(...mutations), fc.noBias(fc.nat(9)))
    .chain(([{ v, req }, m1, m2, dice]) => {
      if (dice < 4) return fc.constant(req);
      const once = m1(req, v.body);
      // Now and then two mutations at once.
      return dice === 9
        ? once.chain((r) => m2(r, v.body).map((r2) => ({ ...r2, kind: `${r.kind}+${r2.kind}` })))
        : once;
    });
}

/** Resolves `{{pool.n}}` placeholders to the ids seeded in this environment (an unknown or
 * empty pool means any seeded id). */
export function resolvePlaceholders(text: string, pools: Record<string, string[]>): string {
  if (!text.includes('{{')) return text;
  const any = Object.values(pools).flat();
  return text.replace(/\{\{(\w+)\.(\d+)\}\}/g, (whole, pool: string, n: string) => {
    const list = pools[pool]?.length ? pools[pool] : any;
    return list.length ? list[Number(n) % list.length]! : whole;
  });
}

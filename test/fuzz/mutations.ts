import fc from 'fast-check';

/**
 * Ways to break a request: edge values, JSON-tree mutations (applied to a valid body), raw-text
 * mutations (what JSON.stringify cannot produce) and hostile headers.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const EDGE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\t\n\r',
  '\u200f\u202e',
  'abc\u202edcba',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udc00y',
  '\ud83d',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈🇦🇫',
  'زهرا کریمی',
  'ي ك ی ک',
  'مُحَمَّد ـــ',
  '١٩٨٥',
  '۱۳۶۴',
  'e\u0301\u0301\u0301',
  '\ufeffBOM',
  'a\u200d\u200cb',
  '\u{10ffff}',
  "'; DROP TABLE persons; --",
  '%_\\',
  '%s%n%x',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  'a\r\nSet-Cookie: x=1',
  '=HYPERLINK("http://x")',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '{6f1f3c8e-0c1a-4a5e-9b1e-2d3c4b5a6978}',
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '0x10',
  ' 5 ',
  'true',
  'null',
  '2024-02-30',
  '0000-00-00',
  '9999-12-31T23:59:60Z',
];

export const EDGE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e21,
  1880,
  2201,
];

/** Number literals JSON.stringify never writes; JSON.parse turns some into Infinity. */
export const RAW_NUMBERS = ['1e400', '-1e400', '-0', '9007199254740993', '1.0', '0.1e-400', '1E+2'];

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

export const edgeString = fc.constantFrom(...EDGE_STRINGS);
export const edgeNumber = fc.constantFrom(...EDGE_NUMBERS);

/** ~100 KB strings in a few scripts. */
export const hugeString = fc
  .tuple(
    fc.constantFrom('A', 'ز', '😀', 'e\u0301', '\u0000'),
    fc.integer({ min: 20_000, max: 100_000 }),
  )
  .map(([unit, chars]) => unit.repeat(Math.ceil(chars / unit.length)));

export function deepNesting(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? '['.repeat(depth) + ']'.repeat(depth)
    : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

// ----- JSON tree mutations ------------------------------------------------------------------

type Path = (string | number)[];

function paths(value: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function getAt(value: Json, path: Path): Json {
  let v: Json = value;
  for (const p of path) v = (v as Record<string | number, Json>)[p]!;
  return v;
}

function setAt(value: Json, path: Path, replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  const copy = structuredClone(value) as Record<string | number, Json>;
  const parent = getAt(copy as Json, path.slice(0, -1)) as Record<string | number, Json> | Json[];
  const last = path[path.length - 1]!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else (parent as Record<string | number, Json>)[last] = replacement;
  return copy as Json;
}

function wrongTypeFor(v: Json, pick: number): Json {
  const options: Json[] = [
    typeof v === 'string' ? 42 : 'not-the-right-type',
    typeof v === 'boolean' ? 'true' : true,
    Array.isArray(v) ? { 0: 'x' } : [v],
    v !== null && typeof v === 'object' && !Array.isArray(v) ? 'object?' : { value: v },
    typeof v === 'number' ? String(v) : -1,
  ];
  return options[pick % options.length]!;
}

export const TREE_MUTATIONS = [
  'wrong-type',
  'drop-field',
  'extra-field',
  'huge-string',
  'deep-nesting',
  'unicode',
  'edge-number',
  'null',
  'empty',
  'big-array',
] as const;
export type TreeMutation = (typeof TREE_MUTATIONS)[number];

export interface TreeMutationPlan {
  kind: TreeMutation;
  pick: number;
  text: string;
  number: number;
  key: string;
  depth: number;
}

export const treeMutationPlan: fc.Arbitrary<TreeMutationPlan> = fc.record({
  // Unicode edge cases twice as often: they found the most bugs.
  kind: fc.constantFrom(...TREE_MUTATIONS, 'unicode'),
  pick: fc.nat(),
  text: fc.oneof({ weight: 6, arbitrary: edgeString }, { weight: 1, arbitrary: hugeString }),
  number: edgeNumber,
  key: fc.oneof(
    fc.constantFrom(...PROTO_KEYS, 'extra', 'id', 'version', 'operationId', 'sensitivity'),
    fc.string({ maxLength: 10 }),
  ),
  depth: fc.integer({ min: 50, max: 5_000 }),
});

const DEEP = Symbol('deep');

/** Applies one mutation to a copy of `value`. Deep nesting is returned as a marker the caller
 * expands in the JSON text (structuredClone and JSON.stringify would recurse as deep). */
export function mutateTree(
  value: Json,
  plan: TreeMutationPlan,
): { value: Json; deep?: { depth: number; kind: 'array' | 'object' } } {
  const all = paths(value);
  const path = all[plan.pick % all.length]!;
  const here = getAt(value, path);
  const strings = all.filter((p) => typeof getAt(value, p) === 'string');
  const numbers = all.filter((p) => typeof getAt(value, p) === 'number');
  const objects = all.filter((p) => {
    const v = getAt(value, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  switch (plan.kind) {
    case 'wrong-type':
      return { value: setAt(value, path, wrongTypeFor(here, plan.pick)) };
    case 'drop-field':
      return { value: path.length ? setAt(value, path, undefined) : {} };
    case 'extra-field': {
      const target = objects[plan.pick % Math.max(objects.length, 1)];
      if (!target) return { value: [value, plan.key] };
      const obj = { ...(getAt(value, target) as Record<string, Json>) };
      Object.defineProperty(obj, plan.key, {
        value: plan.text.slice(0, 200),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return { value: setAt(value, target, obj) };
    }
    case 'huge-string':
    case 'unicode': {
      const target = strings.length ? strings[plan.pick % strings.length]! : path;
      const text =
        plan.kind === 'huge-string' ? 'ز'.repeat(25_000 + (plan.pick % 75_000)) : plan.text;
      return { value: setAt(value, target, text) };
    }
    case 'edge-number': {
      const target = numbers.length ? numbers[plan.pick % numbers.length]! : path;
      return {
        value: setAt(value, target, plan.pick % 4 === 0 ? String(plan.number) : plan.number),
      };
    }
    case 'null':
      return { value: setAt(value, path, null) };
    case 'empty':
      return { value: setAt(value, path, Array.isArray(here) ? [] : {}) };
    case 'big-array': {
      const arrays = all.filter((p) => Array.isArray(getAt(value, p)));
      const target = arrays.length ? arrays[plan.pick % arrays.length]! : path;
      const item = Array.isArray(getAt(value, target))
        ? ((getAt(value, target) as Json[])[0] ?? 1)
        : here;
      return {
        value: setAt(
          value,
          target,
          Array.from({ length: 200 + (plan.pick % 3000) }, () => item),
        ),
      };
    }
    case 'deep-nesting':
      return {
        value: setAt(value, path, DEEP.description!),
        deep: { depth: plan.depth, kind: plan.pick % 2 ? 'array' : 'object' },
      };
  }
}

/** Serialises a mutated tree, expanding the deep-nesting marker in the text. */
export function serialise(m: {
  value: Json;
  deep?: { depth: number; kind: 'array' | 'object' };
}): string {
  const text = JSON.stringify(m.value) ?? 'null';
  if (!m.deep) return text;
  return text.replace(JSON.stringify(DEEP.description), deepNesting(m.deep.depth, m.deep.kind));
}

// ----- raw text mutations -------------------------------------------------------------------

export const RAW_MUTATIONS = [
  'proto-key',
  'invalid-json',
  'raw-number',
  'duplicate-key',
  'too-large',
  'not-an-object',
] as const;
export type RawMutation = (typeof RAW_MUTATIONS)[number];

const INVALID_JSON: ((t: string) => string)[] = [
  (t) => t.slice(0, Math.max(0, Math.floor(t.length / 2))),
  (t) => t + ',',
  (t) => t + '}',
  (t) => t.replace(/"/g, "'"),
  (t) => '\ufeff' + t,
  () => '',
  () => '{"a":NaN}',
  () => '{"a":undefined}',
  () => '{"a":1,}',
  () => '\u0000',
  (t) => t.replace(/:/, '::'),
  () => '{"a":"\\ud800"}',
  () => '{"a":"\\u0000"}',
];

export function mutateRaw(text: string, kind: RawMutation, pick: number): string {
  const firstBrace = text.indexOf('{');
  switch (kind) {
    case 'proto-key': {
      const key = PROTO_KEYS[pick % 2]!;
      const inject =
        key === '__proto__'
          ? `"__proto__":{"isAdmin":true}`
          : `"constructor":{"prototype":{"isAdmin":true}}`;
      if (firstBrace < 0) return `{${inject}}`;
      const rest = text.slice(firstBrace + 1);
      return text.slice(0, firstBrace + 1) + inject + (rest.startsWith('}') ? '' : ',') + rest;
    }
    case 'invalid-json':
      return INVALID_JSON[pick % INVALID_JSON.length]!(text);
    case 'raw-number': {
      const raw = RAW_NUMBERS[pick % RAW_NUMBERS.length]!;
      return /-?\d+(\.\d+)?([eE][+-]?\d+)?/.test(text)
        ? text.replace(/(?<=[:[,])-?\d+(\.\d+)?([eE][+-]?\d+)?/, raw)
        : `{"n":${raw}}`;
    }
    case 'duplicate-key': {
      const m = /"([^"\\]+)":/.exec(text);
      return m ? text.replace(m[0], `${m[0]}"dup",${m[0]}`) : text;
    }
    case 'too-large':
      return JSON.stringify({ a: 'x'.repeat(1024 * 1024 + (pick % 1000)) });
    case 'not-an-object':
      return ['null', '[]', '"text"', '1', 'true', '[{}]'][pick % 6]!;
  }
}

// ----- headers ------------------------------------------------------------------------------

export const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json-patch+json',
  'APPLICATION/JSON',
  'application/jsonx',
  'application/xml',
  '*/*',
  '',
];

const garbageHeaderValue = fc.oneof(
  edgeString,
  fc.string({ maxLength: 300 }),
  fc.constantFrom('"1"', 'W/"1"', '"2"', '*', '"abc"', '"99999999999"', '"-1"', 'W/', '""'),
);

/** Values a header can carry over HTTP (inject rejects some characters). */
const headerSafe = (s: string) => [...s].filter((c) => c >= ' ' && c <= '~').join('');

export const randomHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      'if-match': garbageHeaderValue,
      'idempotency-key': fc.oneof(
        fc.constantFrom('k1', 'k2', 'same-key', ''),
        fc.uuid(),
        garbageHeaderValue,
      ),
      origin: fc.constantFrom('https://evil.example', 'null', 'http://localhost:80', 'not a url'),
      'sec-fetch-site': fc.constantFrom(
        'cross-site',
        'same-site',
        'same-origin',
        'none',
        'garbage',
      ),
      authorization: fc.constantFrom(
        'Bearer',
        'Bearer x',
        'Basic YTpi',
        'Bearer ' + 'a'.repeat(500),
        'bearer  two words',
      ),
      accept: fc.constantFrom('text/html', 'application/xml', '*/*', 'application/problem+json'),
      'accept-language': garbageHeaderValue,
      'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1'),
      'content-encoding': fc.constantFrom('gzip', 'br', 'identity', 'x-unknown'),
    },
    { requiredKeys: [] },
  )
  .map((h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, headerSafe(v)])));

import { validate, type JsonSchema } from './json-schema.ts';

/** What every response must satisfy, whoever asked and whatever they sent. */

export interface Observed {
  method: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  /** Log lines the server wrote while answering. */
  logs: string[];
}

const STACK_PATTERNS: [RegExp, string][] = [
  [/\n\s+at .+:\d+:\d+/, 'stack frame'],
  [/\bat [^\n"]*\([^\n"]*:\d+:\d+\)/, 'stack frame'],
  [/node_modules/, 'node_modules path'],
  [/\b[A-Z]\w*Error: [^\n"]*(\/|\\)[\w.-]+/, 'error message with a path'],
  [/file:\/\/|\/work\/|\/src\/[\w/-]+\.ts\b|\.ts:\d+/, 'source path'],
  [
    /duplicate key value violates|violates [\w-]+ (key )?constraint|syntax error at or near/i,
    'SQL error',
  ],
  [
    /relation "[^"]+" does not exist|invalid input syntax for type|invalid byte sequence for encoding/i,
    'SQL error',
  ],
  [/\bkysely\b|\bpg-protocol\b/i, 'database internals'],
];

const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'code', 'detail', 'errors', 'requestId']);

function successViolations(
  o: Observed,
  responses: Record<string, Record<string, JsonSchema> | null>,
): string[] {
  const documented = responses[String(o.status)];
  if (documented === undefined) return [`undocumented success status ${o.status}`];
  if (documented === null) return o.body === '' ? [] : [`${o.status} without content has a body`];
  const type = header(o, 'content-type').split(';')[0]!.trim().toLowerCase();
  const schema = documented[type];
  if (!schema)
    return [`${o.status} sent as "${type}", documented as ${Object.keys(documented).join(' or ')}`];
  if (!type.endsWith('json')) return [];
  try {
    return validate(schema, JSON.parse(o.body))
      .slice(0, 5)
      .map((e) => `response schema: ${e}`);
  } catch {
    return [`${o.status} body is not JSON`];
  }
}

function header(o: Observed, name: string): string {
  const v = o.headers[name];
  return Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v);
}

function problemViolations(o: Observed): string[] {
  const v: string[] = [];
  if (!header(o, 'content-type').startsWith('application/problem+json'))
    v.push(
      `error ${o.status} is not application/problem+json (content-type "${header(o, 'content-type')}")`,
    );
  let p: Record<string, unknown>;
  try {
    p = JSON.parse(o.body) as Record<string, unknown>;
  } catch {
    return [...v, `error ${o.status} body is not JSON`];
  }
  if (p === null || typeof p !== 'object' || Array.isArray(p))
    return [...v, 'problem body is not an object'];
  for (const k of Object.keys(p))
    if (!PROBLEM_KEYS.has(k)) v.push(`problem has an unexpected key "${k}"`);
  if (typeof p.code !== 'string' || !p.code) v.push('problem has no code');
  if (typeof p.requestId !== 'string' || !p.requestId) v.push('problem has no requestId');
  if (typeof p.type !== 'string' || typeof p.title !== 'string')
    v.push('problem has no type/title');
  if (p.status !== o.status)
    v.push(`problem status ${String(p.status)} differs from HTTP ${o.status}`);
  if (p.detail !== undefined && typeof p.detail !== 'string')
    v.push('problem detail is not a string');
  if (o.status === 400 && p.code === 'validation_failed') {
    const errors = p.errors as { field?: unknown; message?: unknown }[] | undefined;
    if (!Array.isArray(errors) || errors.length === 0)
      v.push('400 validation_failed without errors[]');
    else
      for (const e of errors) {
        if (typeof e.field !== 'string' || !e.field.trim())
          v.push(`400 error without a field name: ${JSON.stringify(e.field)}`);
        if (typeof e.message !== 'string' || !e.message) v.push('400 error without a message');
      }
  } else if (p.errors !== undefined) {
    if (
      !Array.isArray(p.errors) ||
      p.errors.some((e: { field?: unknown }) => typeof e?.field !== 'string')
    )
      v.push('problem errors[] entries need a field');
  }
  return v;
}

/**
 * Checks one response. `responses` maps the operation's documented statuses to their bodies by
 * media type (null for no content); it is undefined for requests that matched no operation.
 */
export function checkResponse(
  o: Observed,
  responses: Record<string, Record<string, JsonSchema> | null> | undefined,
  canaries: readonly string[],
): string[] {
  const v: string[] = [];
  if (o.status >= 500) v.push(`server error ${o.status}`);
  else if (o.status < 200 || (o.status >= 300 && o.status < 400))
    v.push(`unexpected status ${o.status}`);
  const isHead = o.method === 'HEAD';
  if (o.status >= 400 && !isHead) v.push(...problemViolations(o));
  if (o.status >= 200 && o.status < 300 && !isHead && responses)
    v.push(...successViolations(o, responses));
  for (const [re, what] of STACK_PATTERNS) {
    const m = re.exec(o.body);
    if (m) v.push(`${what} in the body: ${JSON.stringify(m[0].slice(0, 120))}`);
  }
  const everything = (o.body + '\n' + JSON.stringify(o.headers)).toLowerCase();
  for (const c of canaries)
    if (everything.includes(c.toLowerCase())) v.push(`canary ${c} in the response`);
  for (const line of o.logs) {
    const lower = line.toLowerCase();
    for (const c of canaries)
      if (lower.includes(c.toLowerCase())) v.push(`canary ${c} in the log: ${line.slice(0, 300)}`);
    if (/"level":(50|60)/.test(line)) v.push(`error logged: ${line.slice(0, 1200)}`);
  }
  return v;
}

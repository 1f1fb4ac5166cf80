import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkResponse, type Observed } from './checks.ts';
import { arbitraryFor, validate, type JsonSchema } from './json-schema.ts';
import { mutateRaw, mutateTree, serialise, treeMutationPlan, type Json } from './mutations.ts';
import { ids, resolvePlaceholders } from './requests.ts';

// The fuzzer's own checks must be able to fail: each rule is shown one answer that breaks it.

const problem = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    type: 'https://asylon.invalid/problems/not_found',
    title: 'Not found.',
    status: 404,
    code: 'not_found',
    requestId: 'r-1',
    ...over,
  });

const answer = (over: Partial<Observed>): Observed => ({
  method: 'GET',
  status: 404,
  headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  body: problem(),
  logs: [],
  ...over,
});

const person: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    sex: { type: 'string', enum: ['F', 'M'] },
    birthYear: { anyOf: [{ type: 'integer', minimum: 1880 }, { type: 'null' }] },
    names: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 2 },
  },
  required: ['id', 'sex'],
  additionalProperties: false,
};
const responses = { '200': { 'application/json': person } };
const ok = (body: unknown): Observed => ({
  method: 'GET',
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
  logs: [],
});
const valid = { id: '6f1f3c8e-0c1a-4a5e-9b1e-2d3c4b5a6978', sex: 'F', birthYear: null };

describe('fuzzer checks', () => {
  it('pass a clean problem and a conforming success', () => {
    expect(checkResponse(answer({}), undefined, ['Cnry1'])).toEqual([]);
    expect(checkResponse(ok(valid), responses, [])).toEqual([]);
  });

  it('catch a 5xx, a non-problem error, a stack trace and SQL', () => {
    expect(
      checkResponse(answer({ status: 500, body: problem({ status: 500 }) }), undefined, []),
    ).toContain('server error 500');
    const fastify = answer({
      status: 400,
      headers: { 'content-type': 'application/json' },
      body: '{"error":"Bad Request","code":"FST_ERR_BAD_URL","statusCode":400}',
    });
    expect(checkResponse(fastify, undefined, []).join()).toMatch(/not application\/problem\+json/);
    const stack = answer({
      body: problem({ detail: 'TypeError: x\n    at f (/work/main/src/a.ts:3:9)' }),
    });
    expect(checkResponse(stack, undefined, []).join()).toMatch(/stack frame/);
    const sql = answer({
      body: problem({ detail: 'duplicate key value violates unique constraint' }),
    });
    expect(checkResponse(sql, undefined, []).join()).toMatch(/SQL error/);
    const noFields = answer({
      status: 400,
      body: problem({ status: 400, code: 'validation_failed' }),
    });
    expect(checkResponse(noFields, undefined, [])).toContain(
      '400 validation_failed without errors[]',
    );
  });

  it('catch canaries in bodies, headers and logs, and logged errors', () => {
    expect(
      checkResponse(ok({ ...valid, names: ['cnry1a2b'] }), responses, ['Cnry1A2B']).join(),
    ).toMatch(/canary Cnry1A2B in the response/);
    const header = answer({ headers: { ...answer({}).headers, location: '/x/Cnry9' } });
    expect(checkResponse(header, undefined, ['Cnry9']).join()).toMatch(/in the response/);
    const logged = answer({
      logs: ['{"level":30,"msg":"request","q":"Cnry9"}', '{"level":50,"msg":"x"}'],
    });
    const found = checkResponse(logged, undefined, ['Cnry9']).join('\n');
    expect(found).toMatch(/canary Cnry9 in the log/);
    expect(found).toMatch(/error logged/);
  });

  it('catch responses that break their schema or their documented media type', () => {
    const broken = checkResponse(
      ok({ ...valid, sex: 'Q', extra: 1, birthYear: 1.5 }),
      responses,
      [],
    );
    expect(broken.join('\n')).toMatch(/enum[\s\S]*matches no anyOf[\s\S]*extra field/);
    expect(checkResponse(ok({ sex: 'F' }), responses, [])).toEqual([
      'response schema: $: missing required "id"',
    ]);
    const csv = { ...ok(valid), headers: { 'content-type': 'text/csv' }, body: 'a,b' };
    expect(checkResponse(csv, responses, [])).toEqual([
      '200 sent as "text/csv", documented as application/json',
    ]);
    expect(checkResponse({ ...ok(valid), status: 201 }, responses, [])).toEqual([
      'undocumented success status 201',
    ]);
  });

  it('report schema keywords the validator does not understand', () => {
    expect(validate({ type: 'string', $ref: '#/x' } as JsonSchema, 'a')).toEqual([
      '$: schema keyword "$ref" is not understood by the fuzzer',
    ]);
  });

  it('generate values that conform to their schema, and mutations that still serialise', () => {
    const schema = {
      ...person,
      properties: { ...person.properties, id: { type: 'string', format: 'uuid' } },
    };
    fc.assert(
      fc.property(
        arbitraryFor(schema, { ids }),
        treeMutationPlan,
        fc.nat(),
        (value, plan, pick) => {
          const concrete = JSON.parse(
            resolvePlaceholders(JSON.stringify(value), { any: [valid.id] }),
          );
          expect(validate(schema, concrete)).toEqual([]);
          expect(typeof serialise(mutateTree(value as Json, plan))).toBe('string');
          expect(typeof mutateRaw(JSON.stringify(value), 'proto-key', pick)).toBe('string');
        },
      ),
      { seed: 1, numRuns: 200 },
    );
  });
});

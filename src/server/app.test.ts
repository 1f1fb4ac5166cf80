import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, send, signedIn, type TestApp } from '../../test/helpers/app.ts';
import { canonicalJson } from '../platform/audit/chain.ts';
import { sha256 } from '../platform/crypto/tokens.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  admin = await signedIn(t, ['administrator']);
});
afterAll(() => t.close());

describe('HTTP surface', () => {
  it('reports health without sign-in, with a request id and strict headers', async () => {
    const res = await send(t, null, 'GET', '/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: t.platform.database.kind });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('publishes OpenAPI 3.1 generated from the route schemas, and a docs page', async () => {
    const doc = (await send(t, null, 'GET', '/api/v1/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/v1/users'].post.requestBody).toBeDefined();
    const docs = await send(t, null, 'GET', '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('answers errors as problem+json with stable codes and named fields, never a stack', async () => {
    const res = await admin.as('POST', '/api/v1/users', {
      email: 'not-an-email',
      roles: ['nope'],
      displayName: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({
      status: 400,
      code: 'validation_failed',
      type: expect.stringContaining('validation_failed'),
    });
    const fields = (body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(
      expect.arrayContaining(['body.email', 'body.roles.0', 'body.displayName', 'body.password']),
    );
    expect(res.body).not.toMatch(/at .*\.ts:\d+|SELECT|INSERT/);
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('refuses malformed JSON, other media types and bodies over 1 MiB with their own codes', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(bad.json()).toMatchObject({ status: 400, code: 'invalid_json' });
    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.json()).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a'.repeat(1_100_000), password: 'x' }),
    });
    expect(big.json()).toMatchObject({ status: 413, code: 'payload_too_large' });
    const proto = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__":{"x":1}}',
    });
    expect(proto.statusCode).toBe(400);
  });

  it('answers unknown API paths with a problem 404', async () => {
    const res = await send(t, null, 'GET', '/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it('gives a missing and a foreign record the same answer', async () => {
    const missing = await admin.as('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect({ ...missing.json(), requestId: null }).toEqual({
      ...(await admin.as('GET', '/api/v1/sites/00000000-0000-4000-8000-000000000001')).json(),
      requestId: null,
    });
  });
});

describe('optimistic concurrency', () => {
  it('needs If-Match on a change, and refuses a stale ETag with 412, changing nothing', async () => {
    const created = await admin.as('POST', '/api/v1/sites', {
      name: 'North camp',
      type: 'camp',
      capacity: 3000,
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    const etag = (await admin.as('GET', `/api/v1/sites/${id}`)).headers.etag as string;
    expect((await admin.as('PATCH', `/api/v1/sites/${id}`, { capacity: 3100 })).statusCode).toBe(
      428,
    );
    const first = await admin.as(
      'PATCH',
      `/api/v1/sites/${id}`,
      { capacity: 3100 },
      { 'if-match': etag },
    );
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).not.toBe(etag);
    const stale = await admin.as(
      'PATCH',
      `/api/v1/sites/${id}`,
      { capacity: 1 },
      { 'if-match': etag },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('precondition_failed');
    expect((await admin.as('GET', `/api/v1/sites/${id}`)).json().capacity).toBe(3100);
  });

  it('loses no update when two writers race with the same ETag', async () => {
    const { id } = (await admin.as('POST', '/api/v1/agencies', { name: 'Race agency' })).json() as {
      id: string;
    };
    const etag = (await admin.as('GET', '/api/v1/agencies'))
      .json()
      .items.find((a: { id: string }) => a.id === id).version;
    const results = await Promise.all(
      ['One', 'Two', 'Three'].map((n) =>
        admin.as(
          'PATCH',
          `/api/v1/agencies/${id}`,
          { name: `Race ${n}` },
          { 'if-match': `"${etag}"` },
        ),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412, 412]);
  });
});

describe('Idempotency-Key', () => {
  it('creates one resource for retries, replays the answer, and refuses a different body under the same key', async () => {
    const body = { name: 'Idem agency' };
    const key = { 'idempotency-key': 'create-agency-1' };
    const a = await admin.as('POST', '/api/v1/agencies', body, key);
    const b = await admin.as('POST', '/api/v1/agencies', body, key);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(b.headers['idempotent-replayed']).toBe('true');
    const names = (
      (await admin.as('GET', '/api/v1/agencies')).json().items as { name: string }[]
    ).filter((x) => x.name === 'Idem agency');
    expect(names).toHaveLength(1);
    const other = await admin.as('POST', '/api/v1/agencies', { name: 'Other' }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
  });

  it('releases the key when the request failed, so a corrected retry can succeed', async () => {
    const key = { 'idempotency-key': 'create-agency-2' };
    await admin.as('POST', '/api/v1/agencies', { name: 'Taken' });
    expect((await admin.as('POST', '/api/v1/agencies', { name: 'Taken' }, key)).statusCode).toBe(
      409,
    );
    expect((await admin.as('POST', '/api/v1/agencies', { name: 'Taken' }, key)).statusCode).toBe(
      409,
    );
  });
});

describe('Idempotency-Key after a crash', () => {
  it('lets a retry take over a claim left unanswered by a server that died mid-request', async () => {
    const body = { name: 'Agency after a crash' };
    // What a kill between the claim and the answer leaves behind.
    await t.platform.database.withOwner((o) =>
      o.query(
        `INSERT INTO idempotency_keys (operation_id, user_id, key, request_hash, created_at)
         VALUES ($1, $2, 'crashed-1', $3, $4)`,
        [
          t.operationId,
          admin.user.id,
          sha256(`POST /api/v1/agencies\n${canonicalJson(body)}`),
          t.clock.now(),
        ],
      ),
    );
    const key = { 'idempotency-key': 'crashed-1' };
    const early = await admin.as('POST', '/api/v1/agencies', body, key);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('request_in_progress');
    t.clock.advance(11 * 60_000);
    const retry = await admin.as('POST', '/api/v1/agencies', body, key);
    expect(retry.statusCode).toBe(201);
    const replay = await admin.as('POST', '/api/v1/agencies', body, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(retry.json().id);
  });
});

describe('request rate limit', () => {
  it('answers 429 with Retry-After past the limit, per user, and again after the minute', async () => {
    const limited = await createTestApp({
      ASYLON_LOGIN_RATE_LIMIT: '1000',
      ASYLON_API_RATE_LIMIT: '10',
    });
    try {
      // Signing in spends part of each user's budget; then their own requests count.
      const first = await signedIn(limited, ['administrator']);
      const second = await signedIn(limited, ['administrator']);
      const answers: number[] = [];
      for (let i = 0; i < 11 && !answers.includes(429); i++) {
        answers.push((await first.as('GET', '/api/v1/auth/me')).statusCode);
      }
      expect(answers.at(-1)).toBe(429);
      expect(answers.slice(0, -1).every((s) => s === 200)).toBe(true);
      const over = await first.as('GET', '/api/v1/auth/me');
      expect(over.statusCode).toBe(429);
      expect(over.headers['content-type']).toContain('application/problem+json');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(over.json()).toMatchObject({ code: 'rate_limited' });
      expect(over.json().detail).toContain('More than 10 requests in a minute');
      expect((await second.as('GET', '/api/v1/auth/me')).statusCode).toBe(200); // not shared
      limited.clock.advance(60_000);
      expect((await first.as('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

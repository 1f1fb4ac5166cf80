import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookieFrom,
  createTestApp,
  createUser,
  currentCode,
  login,
  send,
  type TestApp,
} from '../../../test/helpers/app.ts';
import { issueSetupToken } from '../setup/service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const loginReq = (email: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: ip,
  });

describe('first-run setup', () => {
  it('creates the first administrator once, with a one-time link', async () => {
    expect((await send(t, null, 'GET', '/api/v1/setup/status')).json()).toEqual({ needed: true });
    const token = (await issueSetupToken(t.platform))!;
    const bad = await send(t, null, 'POST', '/api/v1/setup', {
      token: 'x'.repeat(43),
      email: 'admin@example.org',
      displayName: 'Admin',
      password: 'a long enough passphrase 1',
    });
    expect(bad.statusCode).toBe(404);
    expect(bad.json()).toMatchObject({ code: 'setup_unavailable' });

    const weak = await send(t, null, 'POST', '/api/v1/setup', {
      token,
      email: 'admin@example.org',
      displayName: 'A',
      password: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors).toEqual([
      { field: 'body.password', message: 'must be at least 12 characters' },
    ]);

    const ok = await send(t, null, 'POST', '/api/v1/setup', {
      token,
      email: 'admin@example.org',
      displayName: 'Admin',
      password: 'a long enough passphrase 1',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toEqual({ status: 'mfa_enrolment_required' });
    expect(cookieFrom(ok)).toBeTruthy();

    const again = await send(t, null, 'POST', '/api/v1/setup', {
      token,
      email: 'second@example.org',
      displayName: 'B',
      password: 'a long enough passphrase 2',
    });
    expect(again.statusCode).toBe(404);
    expect((await send(t, null, 'GET', '/api/v1/setup/status')).json()).toEqual({ needed: false });
    expect(await issueSetupToken(t.platform)).toBeNull();
  });
});

describe('sign-in', () => {
  it('answers an unknown account exactly like a wrong password', async () => {
    const user = await createUser(t, ['caseworker']);
    const wrong = await loginReq(user.email, 'not the password at all', '10.0.1.1');
    const unknown = await loginReq('nobody@example.org', 'not the password at all', '10.0.1.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().code).toBe('invalid_credentials');
  });

  it('rate-limits guessing per address and per account, with Retry-After', async () => {
    const user = await createUser(t, ['caseworker']);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await loginReq(user.email, 'wrong password guess', `10.0.2.${i}`)).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await loginReq(user.email, user.password, '10.0.2.99');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    t.clock.advance(16 * 60_000);
    expect((await loginReq(user.email, user.password, '10.0.2.99')).statusCode).toBe(200);
  });

  it('requires TOTP before any data, and a code works only once', async () => {
    const user = await createUser(t, ['administrator']);
    const first = await loginReq(user.email, user.password, '10.0.3.1');
    expect(first.json()).toEqual({ status: 'mfa_enrolment_required' });
    const pending = cookieFrom(first)!;
    const blocked = await send(t, pending, 'GET', '/api/v1/users');
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().code).toBe('mfa_required');

    const enrol = await send(t, pending, 'POST', '/api/v1/auth/totp/enrol');
    expect(enrol.statusCode).toBe(200);
    expect(enrol.json().otpauthUrl).toMatch(/^otpauth:\/\/totp\/Asylon:/);
    user.totpSecret = enrol.json().secret;
    const code = currentCode(t, user);
    const verified = await send(t, pending, 'POST', '/api/v1/auth/totp/verify', { code });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().recoveryCodes).toHaveLength(10);
    const full = cookieFrom(verified)!;
    expect(full).not.toBe(pending); // rotated at the MFA step
    expect((await send(t, pending, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await send(t, full, 'GET', '/api/v1/users')).statusCode).toBe(200);

    // Next sign-in: the same code again is a replay.
    const second = await loginReq(user.email, user.password, '10.0.3.2');
    expect(second.json()).toEqual({ status: 'mfa_required' });
    const replay = await send(t, cookieFrom(second), 'POST', '/api/v1/auth/totp/verify', { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('invalid_mfa_code');
    const fresh = await send(t, cookieFrom(second), 'POST', '/api/v1/auth/totp/verify', {
      code: currentCode(t, user),
    });
    expect(fresh.statusCode).toBe(200);

    // A recovery code works once.
    const rc = verified.json().recoveryCodes[0] as string;
    const third = await loginReq(user.email, user.password, '10.0.3.3');
    expect(
      (await send(t, cookieFrom(third), 'POST', '/api/v1/auth/recovery', { code: rc })).statusCode,
    ).toBe(200);
    const fourth = await loginReq(user.email, user.password, '10.0.3.4');
    expect(
      (await send(t, cookieFrom(fourth), 'POST', '/api/v1/auth/recovery', { code: rc })).statusCode,
    ).toBe(401);
  });
});

describe('sessions', () => {
  it('expire after 15 idle minutes', async () => {
    const user = await createUser(t, ['caseworker']);
    const cookie = await login(t, user);
    t.clock.advance(14 * 60_000);
    expect((await send(t, cookie, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(14 * 60_000);
    expect((await send(t, cookie, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    t.clock.advance(15 * 60_000 + 1000);
    expect((await send(t, cookie, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('expire 12 hours after sign-in however active', async () => {
    const user = await createUser(t, ['caseworker']);
    const cookie = await login(t, user);
    for (let h = 0; h < 12 * 6 - 1; h++) {
      t.clock.advance(10 * 60_000);
      expect((await send(t, cookie, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    }
    t.clock.advance(11 * 60_000);
    expect((await send(t, cookie, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('are revoked by logout, by a password change (other sessions) and by disabling', async () => {
    const user = await createUser(t, ['caseworker']);
    const a = await login(t, user);
    const b = await login(t, user);
    expect((await send(t, a, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await send(t, a, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);

    const c = await login(t, user);
    const changed = await send(t, c, 'POST', '/api/v1/auth/password', {
      currentPassword: user.password,
      newPassword: 'an entirely new passphrase',
    });
    expect(changed.statusCode).toBe(204);
    expect((await send(t, b, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const c2 = cookieFrom(changed)!;
    expect((await send(t, c2, 'GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await send(t, c, 'GET', '/api/v1/auth/me')).statusCode).toBe(401); // rotated

    const admin = await createUser(t, ['administrator']);
    const adminCookie = await login(t, admin);
    const got = await send(t, adminCookie, 'GET', `/api/v1/users/${user.id}`);
    const disabled = await send(
      t,
      adminCookie,
      'PATCH',
      `/api/v1/users/${user.id}`,
      { status: 'disabled' },
      { 'if-match': got.headers.etag as string },
    );
    expect(disabled.statusCode).toBe(200);
    expect((await send(t, c2, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Strict cookie', async () => {
    const user = await createUser(t, ['caseworker']);
    const res = await loginReq(user.email, user.password, '10.0.4.1');
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
  });

  it('refuses a cookie-authenticated change without a JSON body or from another origin', async () => {
    const user = await createUser(t, ['caseworker']);
    const cookie = await login(t, user);
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(form.statusCode).toBe(403);
    const cross = await send(t, cookie, 'POST', '/api/v1/auth/logout', undefined, {
      origin: 'https://evil.example',
    });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().code).toBe('csrf_rejected');
  });
});

describe('personal API tokens', () => {
  it('need a fresh second factor, then work as Bearer with the owner rights until revoked or expired', async () => {
    const admin = await createUser(t, ['administrator']);
    const cookie = await login(t, admin);
    t.clock.advance(11 * 60_000);
    const stale = await send(t, cookie, 'POST', '/api/v1/auth/tokens', { name: 'script', days: 1 });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().code).toBe('fresh_mfa_required');

    const fresh = await login(t, admin);
    const created = await send(t, fresh, 'POST', '/api/v1/auth/tokens', {
      name: 'script',
      days: 1,
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: string };
    const bearer = (url: string) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    expect((await bearer('/api/v1/users')).statusCode).toBe(200);
    expect((await bearer('/api/v1/audit/events')).statusCode).toBe(403); // the owner's rights, no more

    expect((await send(t, fresh, 'DELETE', `/api/v1/auth/tokens/${id}`)).statusCode).toBe(204);
    expect((await bearer('/api/v1/users')).statusCode).toBe(401);

    const again = await send(t, fresh, 'POST', '/api/v1/auth/tokens', { name: 'short', days: 1 });
    const second = again.json().token as string;
    t.clock.advance(86_400_000 + 1000);
    const expired = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${second}` },
    });
    expect(expired.statusCode).toBe(401);
  });
});

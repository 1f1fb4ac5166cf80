import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  cookieFrom,
  createTestApp,
  createUser,
  send,
  type TestApp,
} from '../../../test/helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ ASYLON_MFA_REQUIRED: 'false' });
});
afterAll(() => t.close());

it('signs in without a second factor when the setting turns MFA off, and says so', async () => {
  const user = await createUser(t, ['caseworker']);
  const res = await send(t, null, 'POST', '/api/v1/auth/login', {
    email: user.email,
    password: user.password,
  });
  expect(res.json()).toEqual({ status: 'ok' });
  const me = await send(t, cookieFrom(res), 'GET', '/api/v1/auth/me');
  expect(me.statusCode).toBe(200);
  expect(me.json().warnings).toContain('mfa_disabled');
  expect(me.json().mfa).toMatchObject({ required: false });
});

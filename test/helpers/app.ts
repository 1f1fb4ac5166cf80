import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { loadConfig, type Config } from '../../src/platform/config.ts';
import { generateKeys } from '../../src/platform/crypto/keys.ts';
import { totpAt, totpStep, base32Decode } from '../../src/platform/crypto/totp.ts';
import type { Platform } from '../../src/platform/platform.ts';
import type { Role } from '../../src/platform/access/roles.ts';
import { buildApp } from '../../src/server/app.ts';
import { openPlatform } from '../../src/server/platform.ts';
import { defaultOperationId } from '../../src/modules/operations/service.ts';
import { createUserFromCli } from '../../src/modules/users/service.ts';
import { ensureAgency } from '../../src/modules/agencies/service.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { createTestDatabase } from './db.ts';

/** A clock the tests move by hand. */
export class TestClock {
  constructor(private t = Date.parse('2026-03-02T09:00:00.000Z')) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestApp {
  app: FastifyInstance;
  platform: Platform;
  config: Config;
  clock: TestClock;
  /** Every log line the server wrote, for canary checks. */
  logs: string[];
  operationId: string;
  close(): Promise<void>;
}

export async function createTestApp(
  env: Record<string, string> = {},
  options: { database?: Database } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const clock = new TestClock();
  const config = loadConfig({
    ASYLON_DATA_DIR: path.join(os.tmpdir(), 'asylon-test-unused'),
    LOG_LEVEL: 'info',
    ASYLON_API_RATE_LIMIT: '1000000', // the fuzzer and bulk tests send thousands a minute
    ...env,
  });
  const platform = await openPlatform(config, {
    purpose: 'test',
    database,
    keys: generateKeys(),
    now: clock.now,
    migrate: false,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      if (process.env.TEST_LOGS) process.stderr.write(chunk);
      done();
    },
  });
  const app = await buildApp(platform, pino({ level: config.logLevel }, sink));
  await app.ready();
  return {
    app,
    platform,
    config,
    clock,
    logs,
    operationId: await defaultOperationId(platform),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  roles: Role[];
  totpSecret: string | null;
}

let counter = 0;

/** Creates a user directly through the service (no HTTP), in the default operation. */
export async function createUser(
  t: TestApp,
  roles: Role[],
  options: { agency?: string; email?: string } = {},
): Promise<TestUser> {
  const email = options.email ?? `user${++counter}-${roles[0]}@example.org`;
  const password = `correct horse battery ${counter} staple`;
  const agencyId = options.agency
    ? await ensureAgency(t.platform, t.operationId, options.agency, t.clock.now())
    : null;
  const id = await createUserFromCli(
    t.platform,
    { email, roles, agencyId, password, displayName: `User ${counter}` },
    t.operationId,
  );
  return { id, email, password, roles, totpSecret: null };
}

export function cookieFrom(res: LightMyRequestResponse): string | null {
  const set = res.headers['set-cookie'];
  const list = Array.isArray(set) ? set : set ? [set] : [];
  const c = list
    .map((s) => s.split(';')[0]!)
    .find((s) => s.includes('asylon_session=') && !s.endsWith('='));
  return c ?? null;
}

/** The current TOTP code for a user, moving the clock past the last used step first. */
export function currentCode(t: TestApp, user: TestUser): string {
  t.clock.advance(30_000);
  return totpAt(base32Decode(user.totpSecret!), totpStep(t.clock.now()));
}

/** Signs in through the API, enrolling TOTP the first time; returns the session cookie. */
export async function login(t: TestApp, user: TestUser): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password: user.password },
  });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  let cookie = cookieFrom(res)!;
  const status = (res.json() as { status: string }).status;
  if (status === 'ok') return cookie;
  if (status === 'mfa_enrolment_required') {
    const enrol = await send(t, cookie, 'POST', '/api/v1/auth/totp/enrol');
    user.totpSecret = (enrol.json() as { secret: string }).secret;
  }
  const verify = await send(t, cookie, 'POST', '/api/v1/auth/totp/verify', {
    code: currentCode(t, user),
  });
  if (verify.statusCode !== 200)
    throw new Error(`totp failed: ${verify.statusCode} ${verify.body}`);
  cookie = cookieFrom(verify)!;
  return cookie;
}

/** A request as a browser session would send it (JSON body, same origin). */
export function send(
  t: TestApp,
  cookie: string | null,
  method: InjectOptions['method'],
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
  });
}

/** Signs a new user of these roles in and returns a request function bound to their session. */
export async function signedIn(t: TestApp, roles: Role[], options: { agency?: string } = {}) {
  const user = await createUser(t, roles, options);
  const cookie = await login(t, user);
  const as = (
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ) => send(t, cookie, method, url, payload, headers);
  return { user, cookie, as };
}

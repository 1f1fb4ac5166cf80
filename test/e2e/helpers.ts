import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

// ---------------------------------------------------------------------------------------------
// RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits), written independently of the app's code
// so that the test checks the server against the standard, not against itself.

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_PERIOD_MS = 30_000;

export function base32ToBuffer(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const value = BASE32.indexOf(ch);
    if (value < 0) throw new Error(`not a base32 character: ${JSON.stringify(ch)}`);
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  return Buffer.from(bytes);
}

export function totpStepAt(ms: number): number {
  return Math.floor(ms / TOTP_PERIOD_MS);
}

export function totpCode(secretBase32: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32ToBuffer(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

/**
 * Waits until the clock is in a TOTP step later than `usedStep` (a code is accepted only once)
 * and at least `marginMs` away from the end of that step, then returns the step.
 */
export async function waitForStepAfter(usedStep: number, marginMs = 3_000): Promise<number> {
  for (;;) {
    const now = Date.now();
    const step = totpStepAt(now);
    const left = (step + 1) * TOTP_PERIOD_MS - now;
    if (step > usedStep && left >= marginMs) return step;
    const until = step > usedStep ? left : (usedStep + 1) * TOTP_PERIOD_MS - now;
    await sleep(until + 50);
  }
}

/** The current step, unless it ends within `marginMs` (then the next one, after waiting). */
export async function freshStep(marginMs = 3_000): Promise<number> {
  return waitForStepAfter(-1, marginMs);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------
// The server under test.

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

export interface Server {
  process: ChildProcess;
  baseUrl: string;
  setupUrl: string;
  output: () => string;
}

const BIN = path.resolve('bin/asylon.js');
const WEB_INDEX = path.resolve('web/dist/index.html');

/** Starts `asylon serve` on the embedded database in dataDir and waits for the first-run link. */
export async function startServer(dataDir: string, timeoutMs = 60_000): Promise<Server> {
  if (!fs.existsSync(WEB_INDEX)) {
    throw new Error('web/dist is missing: run `npm run build:web` before `npm run test:e2e`.');
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // A clean configuration: nothing from the caller's ASYLON_* or DATABASE_* settings leaks in.
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('ASYLON_') || key.startsWith('DATABASE_')) continue;
    env[key] = value;
  }
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    ASYLON_PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'warn',
  });
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', String(port), '--data-dir', dataDir],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const server: Server = { process: child, baseUrl, setupUrl: '', output: () => out };

  server.setupUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      child.kill('SIGKILL'); // the caller never gets a handle on it, so it cannot stop it
      reject(new Error(`server did not print a first-run link within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = () => {
      // Up to the end of the line, so that a token split across two chunks is not cut short.
      const match = /(http:\/\/\S+\/setup#token=\S+)\r?\n/.exec(out);
      if (match) {
        cleanup();
        resolve(match[1]!);
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`server exited (code ${code}) before it was ready:\n${out}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout.on('data', onData);
    child.on('exit', onExit);
  });
  return server;
}

/** SIGTERM (graceful shutdown), then SIGKILL if it has not exited in time. */
export async function stopServer(child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Accessibility (axe-core).

const AXE_PATH = path.join(
  path.dirname(createRequire(import.meta.url).resolve('axe-core')),
  'axe.min.js',
);
let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
  targets: string[];
  /** Why the first node fails (for contrast: the ratio and both colours). */
  why: string;
}

/**
 * Runs axe-core in the page. `page.addScriptTag` cannot be used: it injects an inline <script>,
 * which the app's CSP (script-src 'self') rightly blocks. Evaluating the source through the
 * DevTools protocol is not subject to the page's CSP and leaves no violation behind.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= fs.readFileSync(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<AxeResults> } }).axe;
    const results = await axe.run();
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      why: v.nodes[0]?.failureSummary?.split('\n').slice(1).join(' ') ?? '',
    }));
  });
}

/** WCAG failures a page may not have: critical ones and serious ones (such as contrast below AA). */
const BLOCKING = new Set(['critical', 'serious']);

/** Runs axe, prints every violation (with the markup of blocking ones) and fails on a blocking one. */
export async function checkAxe(page: Page, where: string): Promise<void> {
  // A dialog still fading in is half transparent: let every transition end first.
  await page.evaluate(() =>
    Promise.all(
      (
        globalThis as unknown as { document: { getAnimations(): { finished: Promise<unknown> }[] } }
      ).document
        .getAnimations()
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const violations: AxeViolation[] = await runAxe(page);
  const lines = violations.map(
    (v) =>
      `  [${v.impact}] ${v.id} (${v.nodes} node(s)): ${v.help} — ${v.targets.join(', ')}\n    ${v.why}`,
  );
  for (const v of violations.filter((x) => BLOCKING.has(x.impact ?? '')))
    for (const target of v.targets)
      lines.push(
        `    ${await page.evaluate(
          (selector) =>
            (
              globalThis as unknown as {
                document: { querySelector: (s: string) => { outerHTML: string } | null };
              }
            ).document
              .querySelector(selector)
              ?.outerHTML.slice(0, 400),
          target,
        )}`,
      );
  console.log(`axe on the ${where}: ${violations.length} violation(s)\n${lines.join('\n')}`);
  expect(
    violations.filter((v) => BLOCKING.has(v.impact ?? '')),
    `critical or serious accessibility violations on the ${where}`,
  ).toEqual([]);
}

interface AxeResults {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: string[]; failureSummary?: string }[];
  }[];
}

// ---------------------------------------------------------------------------------------------
// Screenshots and dates.

/** Where browser tests leave their screenshots (CI keeps the folder). */
export const ARTIFACTS = path.resolve('artifacts/e2e');

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** A local calendar day, `days` from today, as a date input takes it. */
export function localDay(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// ---------------------------------------------------------------------------------------------
// Seeding through the API, and browser contexts for users signed in that way.

/** A JSON response body, read loosely as tests do. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A user's session against the server under test: JSON in and out, the session cookie kept. */
export class ApiSession {
  cookie = '';
  /** The TOTP secret enrolled for this user, when signed in with enrolment. */
  totpSecret = '';
  userId = '';

  constructor(readonly baseUrl: string) {}

  async call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Json; etag: string | null }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        // The server takes state changes only as JSON (CSRF defence), bodiless ones included.
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: method === 'GET' ? undefined : JSON.stringify(body ?? {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      if (pair?.startsWith('asylon_session=')) this.cookie = pair;
    }
    const text = await response.text();
    let json: Json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: response.status, json, etag: response.headers.get('etag') };
  }

  /** Like `call`, but fails the test on anything other than the expected status. */
  async expect(status: number, method: string, path: string, body?: unknown): Promise<Json> {
    const result = await this.call(method, path, body);
    if (result.status !== status)
      throw new Error(
        `${method} ${path}: expected ${status}, got ${result.status}: ${JSON.stringify(result.json)}`,
      );
    return result.json;
  }

  /** The value of the session cookie (for a browser context). */
  get sessionToken(): string {
    return this.cookie.slice('asylon_session='.length);
  }
}

/** Completes a sign-in that the server answered with `status` (TOTP enrolment if asked). */
async function finishSignIn(session: ApiSession, status: string): Promise<void> {
  if (status === 'mfa_enrolment_required') {
    const enrol = await session.expect(200, 'POST', '/api/v1/auth/totp/enrol');
    session.totpSecret = enrol.secret;
    const step = await freshStep();
    await session.expect(200, 'POST', '/api/v1/auth/totp/verify', {
      code: totpCode(session.totpSecret, step),
    });
  } else if (status !== 'ok') {
    throw new Error(`cannot finish a sign-in in state ${status}`);
  }
  const me = await session.expect(200, 'GET', '/api/v1/auth/me');
  session.userId = me.user.id;
}

/** Runs first-run setup through the API (the token from the printed link) and signs in. */
export async function setupAdministrator(
  server: Server,
  admin: { email: string; displayName: string; password: string },
): Promise<ApiSession> {
  const token = decodeURIComponent(new URL(server.setupUrl).hash.replace(/^#token=/, ''));
  const session = new ApiSession(server.baseUrl);
  const result = await session.expect(201, 'POST', '/api/v1/setup', { ...admin, token });
  await finishSignIn(session, result.status);
  return session;
}

/** Signs a (new) user in through the API, enrolling TOTP when the server asks. */
export async function signInApi(
  baseUrl: string,
  email: string,
  password: string,
): Promise<ApiSession> {
  const session = new ApiSession(baseUrl);
  const result = await session.expect(200, 'POST', '/api/v1/auth/login', { email, password });
  await finishSignIn(session, result.status);
  return session;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface UserPage {
  context: BrowserContext;
  page: Page;
  /** Script errors, CSP violations, server errors and console errors seen so far. */
  errors: string[];
}

/**
 * A browser context already signed in as the API session's user (its session cookie), with
 * script errors, CSP violations, console errors and 5xx responses collected in `errors`.
 */
export async function userPage(
  browser: Browser,
  session: ApiSession,
  options: { locale?: string; step?: () => string } = {},
): Promise<UserPage> {
  const step = options.step ?? (() => '');
  const errors: string[] = [];
  const context = await browser.newContext({
    baseURL: session.baseUrl,
    locale: options.locale ?? 'en-GB',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  await context.addCookies([
    { name: 'asylon_session', value: session.sessionToken, url: session.baseUrl },
  ]);
  await context.exposeBinding('__e2eCspViolation', (_source, text: string) => {
    errors.push(`[${step()}] CSP violation: ${text}`);
  });
  await context.addInitScript(() => {
    const win = globalThis as unknown as {
      __e2eCspViolation: (text: string) => Promise<void>;
      addEventListener: (type: string, listener: (event: Record<string, unknown>) => void) => void;
    };
    win.addEventListener('securitypolicyviolation', (e) => {
      void win.__e2eCspViolation(
        `${String(e.violatedDirective)} blocked ${String(e.blockedURI)} ` +
          `(${String(e.sourceFile)}:${String(e.lineNumber)})`,
      );
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`[${step()}] console.error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`[${step()}] page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500)
      errors.push(`[${step()}] HTTP ${response.status()} from ${response.url()}`);
  });
  return { context, page, errors };
}

// ---------------------------------------------------------------------------------------------
// One browser-test file's world.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserSuite {
  readonly server: Server;
  readonly browser: Browser;
  /** The server's data folder (files a test writes for upload may go there too). */
  readonly dataDir: string;
  /** Every page opened through `page`, closed with the suite. */
  readonly pages: UserPage[];
  /** A signed-in page for the session's user, closed with the suite. */
  page(session: ApiSession, options?: Parameters<typeof userPage>[2]): Promise<UserPage>;
}

/**
 * The real server on a fresh embedded database in a temporary folder, and Chromium, for the
 * tests of one `describe`: started before them, stopped and removed after.
 */
export function browserSuite(name: string): BrowserSuite {
  let dataDir = '';
  let server: Server | undefined;
  let browser: Browser | undefined;
  const pages: UserPage[] = [];
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `asylon-e2e-${name}-`));
    server = await startServer(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    for (const p of pages) await p.context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server.process);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
    get dataDir() {
      return dataDir;
    },
    pages,
    async page(session, options) {
      const p = await userPage(browser!, session, options);
      pages.push(p);
      return p;
    },
  };
}

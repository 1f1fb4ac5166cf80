// End-to-end: a new installation, walked through in a real browser (Chromium via playwright-core)
// against a real server on a fresh embedded database. Screenshots go to artifacts/e2e/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freshStep,
  runAxe,
  startServer,
  stopServer,
  totpCode,
  waitForStepAfter,
  type AxeViolation,
  type Server,
} from './helpers.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve('artifacts/e2e');
const FA = JSON.parse(fs.readFileSync(path.resolve('web/src/locales/fa.json'), 'utf8'));

const ADMIN = {
  email: 'admin@example.org',
  displayName: 'Ada Admin',
  password: 'correct horse battery staple 1',
};
const CASEWORKER = {
  email: 'case.worker@example.org',
  displayName: 'Casey Worker',
  password: 'another long passphrase 2',
};

let dataDir = '';
let server: Server | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;

/** The step being walked, so that a browser error says where it happened. */
let step = 'start';
const browserErrors: string[] = [];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

function checkAxe(where: string, violations: AxeViolation[]): void {
  const lines = violations.map(
    (v) => `  [${v.impact}] ${v.id} (${v.nodes} node(s)): ${v.help} — ${v.targets.join(', ')}`,
  );
  console.log(`axe on the ${where}: ${violations.length} violation(s)\n${lines.join('\n')}`);
  expect(
    violations.filter((v) => v.impact === 'critical'),
    `critical accessibility violations on the ${where}`,
  ).toEqual([]);
}

const documentLanguage = () =>
  page.evaluate<{ lang: string; dir: string }>(
    '({ lang: document.documentElement.lang, dir: document.documentElement.dir })',
  );

describe('first run in the browser', () => {
  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-e2e-'));
    server = await startServer(dataDir);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    context = await browser.newContext({
      baseURL: server.baseUrl,
      locale: 'en-GB',
      viewport: { width: 1280, height: 900 },
    });
    // CSP violations come back through a binding, which the page's CSP does not govern.
    await context.exposeBinding('__e2eCspViolation', (_source, text: string) => {
      browserErrors.push(`[${step}] CSP violation: ${text}`);
    });
    await context.addInitScript(() => {
      // Runs in the page (no DOM types in this project's tsconfig, hence the local shape).
      const win = globalThis as unknown as {
        __e2eCspViolation: (text: string) => Promise<void>;
        addEventListener: (
          type: string,
          listener: (event: Record<string, unknown>) => void,
        ) => void;
      };
      win.addEventListener('securitypolicyviolation', (e) => {
        void win.__e2eCspViolation(
          `${String(e.violatedDirective)} blocked ${String(e.blockedURI)} ` +
            `(${String(e.sourceFile)}:${String(e.lineNumber)})`,
        );
      });
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const { url } = msg.location();
      browserErrors.push(`[${step}] console.error: ${msg.text()} (${url})`);
    });
    page.on('pageerror', (error) => browserErrors.push(`[${step}] page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) {
        browserErrors.push(`[${step}] HTTP ${response.status()} from ${response.url()}`);
      }
    });
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server.process);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('sets up the first administrator, signs in with TOTP, adds a caseworker, speaks Persian', async () => {
    step = 'setup';
    await page.goto(server!.setupUrl);
    await page.getByTestId('setup-email').waitFor();
    // The page drops the one-time token from the address bar once read.
    await expect.poll(() => page.url()).not.toContain('token=');
    await shot('01-setup');
    await page.getByTestId('setup-email').fill(ADMIN.email);
    await page.getByTestId('setup-display-name').fill(ADMIN.displayName);
    await page.getByTestId('setup-password').fill(ADMIN.password);
    await page.getByTestId('setup-password-confirm').fill(ADMIN.password);
    await page.getByTestId('setup-submit').click();

    step = 'totp enrolment';
    await page.getByTestId('totp-qr').waitFor();
    expect(await page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/png/);
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shot('02-totp-enrolment');
    const enrolStep = await freshStep();
    await page.getByTestId('totp-code').fill(totpCode(secret, enrolStep));
    await page.getByTestId('totp-submit').click();

    step = 'recovery codes';
    await page.getByTestId('recovery-codes').waitFor();
    const recoveryCodes = await page.getByTestId('recovery-codes').locator('li').allInnerTexts();
    expect(recoveryCodes.length).toBeGreaterThanOrEqual(5);
    await shot('03-recovery-codes');
    await page.getByTestId('recovery-codes-saved').click();

    step = 'home';
    await page.getByTestId('logout').waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => page.getByTestId('current-user').innerText()).toBe(ADMIN.displayName);
    await shot('04-home');

    step = 'sign out';
    await page.getByTestId('logout').click();
    await page.getByTestId('login-email').waitFor();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await shot('05-login');
    checkAxe('login page', await runAxe(page));

    // A code is accepted once per 30-second step: wait for a step after the enrolment one.
    step = 'sign in';
    await page.getByTestId('login-email').fill(ADMIN.email);
    await page.getByTestId('login-password').fill(ADMIN.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('totp-code').waitFor();
    const loginStep = await waitForStepAfter(enrolStep);
    await page.getByTestId('totp-code').fill(totpCode(secret, loginStep));
    await shot('06-login-totp');
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('logout').waitFor();

    step = 'users';
    await page.getByTestId('nav-users').click();
    await page.getByTestId(`user-row-${ADMIN.email}`).waitFor();
    checkAxe('users page', await runAxe(page));
    await page.getByTestId('user-create').click();
    await page.getByTestId('user-email').fill(CASEWORKER.email);
    await page.getByTestId('user-display-name').fill(CASEWORKER.displayName);
    await page.getByTestId('role-caseworker').check();
    await page.getByTestId('user-password').fill(CASEWORKER.password);
    await shot('07-user-create');
    await page.getByTestId('user-create-submit').click();
    const row = page.getByTestId(`user-row-${CASEWORKER.email}`);
    await row.waitFor();
    expect(await row.innerText()).toContain(CASEWORKER.displayName);
    await shot('08-users');

    step = 'persian';
    expect(await documentLanguage()).toEqual({ lang: 'en', dir: 'ltr' });
    await page.getByTestId('lang-switch').selectOption('fa');
    await expect.poll(documentLanguage).toEqual({ lang: 'fa', dir: 'rtl' });
    await expect.poll(() => page.getByTestId('logout').innerText()).toBe(FA.auth.signOut);
    await shot('09-persian');

    step = 'persian after reload';
    await page.reload();
    await page.getByTestId(`user-row-${CASEWORKER.email}`).waitFor();
    expect(await documentLanguage()).toEqual({ lang: 'fa', dir: 'rtl' });
    expect(await page.getByTestId('lang-switch').inputValue()).toBe('fa');
    expect(await page.getByTestId('logout').innerText()).toBe(FA.auth.signOut);
    await shot('10-persian-after-reload');

    // No script errors, no CSP violations and no server errors anywhere along the way.
    expect(browserErrors).toEqual([]);
  });
});

// End-to-end: a protection officer records a monitoring round on a site and reads the rights-gap
// matrix (site page, operation-wide heat map, HXL download), a person's Rights tab and rights
// card; an analyst sees the same matrix with small counts suppressed. Real server, fresh
// embedded database, Chromium. Screenshots go to artifacts/e2e/.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkAxe,
  setupAdministrator,
  shot,
  signInApi,
  type ApiSession,
  browserSuite,
} from './helpers.ts';

const EN = JSON.parse(fs.readFileSync(path.resolve('web/src/locales/en.json'), 'utf8'));

const ADMIN = {
  email: 'admin@example.org',
  displayName: 'Ada Admin',
  password: 'correct horse battery staple 1',
};
const OFFICER = {
  email: 'protection.officer@example.org',
  displayName: 'Petra Officer',
  password: 'violet harbour compass 3',
};
const ANALYST = {
  email: 'analyst@example.org',
  displayName: 'Anna Analyst',
  password: 'quiet meadow lantern 4',
};
const PHONE = '+355 69 555 0101';

let step = 'start';

describe('site monitoring round and the rights-gap matrix in the browser', () => {
  const suite = browserSuite('rights');

  it('records a round for six residents and reads the gap on the site, the report and the card', async () => {
    step = 'seed';
    const base = suite.server.baseUrl;
    const admin = await setupAdministrator(suite.server, ADMIN);
    const agency = await admin.expect(201, 'POST', '/api/v1/agencies', {
      name: 'Protection Agency',
    });
    await admin.expect(201, 'POST', '/api/v1/users', {
      ...OFFICER,
      roles: ['protection_officer'],
      agencyId: agency.id,
    });
    await admin.expect(201, 'POST', '/api/v1/users', { ...ANALYST, roles: ['analyst'] });
    const site = await admin.expect(201, 'POST', '/api/v1/sites', {
      name: 'Camp Matrix',
      type: 'camp',
    });
    const officer: ApiSession = await signInApi(base, OFFICER.email, OFFICER.password);
    const analyst: ApiSession = await signInApi(base, ANALYST.email, ANALYST.password);

    step = 'administrator reads and saves the host-state profile';
    const ad = await suite.page(admin, { step: () => step });
    await ad.page.goto('/operation/host-profile');
    await ad.page.getByTestId('host-profile-form').waitFor();
    expect(await ad.page.getByTestId('host-party1951').isChecked()).toBe(true);
    await ad.page.getByTestId('host-profile-submit').click();
    await ad.page.getByTestId('host-profile-saved').waitFor();
    await checkAxe(ad.page, 'host-state profile');
    expect(ad.errors).toEqual([]);
    const given = ['Amina', 'Bashir', 'Dilan', 'Farid', 'Hana', 'Karim'];
    for (const name of given) {
      const person = await officer.expect(201, 'POST', '/api/v1/persons', {
        names: [{ given: name, family: 'Monitor' }],
        sex: 'F',
        birthYear: 1990,
        contact: { phone: PHONE },
      });
      await officer.expect(201, 'POST', `/api/v1/persons/${person.id}/legal-statuses`, {
        status: 'refugee_recognised',
        grantedBy: 'host-state',
        from: '2015-01-01',
      });
      await officer.expect(201, 'POST', `/api/v1/persons/${person.id}/residences`, {
        siteId: site.id,
        from: '2020-01-01',
      });
    }

    step = 'site page before the round';
    const po = await suite.page(officer, { step: () => step });
    const { page } = po;
    await page.goto(`/sites/${site.id}`);
    const row26 = page.locator(
      '[data-testid="site-rights-table"] [data-testid="heat-row"][data-article="26"]',
    );
    await row26.waitFor();
    expect(await row26.getByTestId('count-owed').innerText()).toBe('6');
    expect(await row26.getByTestId('count-unassessed').innerText()).toBe('6');

    step = 'record the round';
    await page.getByTestId('round-start').click();
    await page.getByTestId('round-name').fill('2026-Q1');
    await page.getByTestId('round-method').selectOption('interview');
    await page.getByTestId('round-reliability').selectOption('B');
    // One entry set to Art. 26, then a row for every resident for that right.
    await page.getByTestId('round-add-entry').click();
    await page.getByTestId('round-entry-article').first().selectOption('26');
    await page.getByTestId('round-add-all').click();
    const entries = page.getByTestId('round-entry');
    await expect.poll(() => entries.count()).toBe(6);
    for (let i = 0; i < 6; i++)
      expect(await entries.nth(i).getByTestId('round-entry-article').inputValue()).toBe('26');
    await entries.nth(0).getByTestId('round-entry-access').selectOption('full');
    await entries.nth(1).getByTestId('round-entry-access').selectOption('full');
    for (let i = 2; i < 6; i++)
      expect(await entries.nth(i).getByTestId('round-entry-access').inputValue()).toBe('none');
    await entries.nth(2).getByTestId('round-entry-barriers').click();
    await page
      .getByRole('option', { name: EN.rights.barriers.movement_restricted_by_site })
      .click();
    await page.keyboard.press('Escape');
    await shot(page, 'rights-01-round-form');
    await page.getByTestId('round-submit').click();
    await page.getByTestId('round-recorded').waitFor();
    expect(await page.getByTestId('round-recorded').innerText()).toContain('6');

    step = 'site matrix after the round';
    await expect.poll(() => row26.getByTestId('count-full').innerText()).toBe('2');
    expect(await row26.getByTestId('count-owed').innerText()).toBe('6');
    expect(await row26.getByTestId('count-none').innerText()).toBe('4');
    expect(await row26.getByTestId('count-unassessed').innerText()).toBe('0');
    expect(await row26.getByTestId('heat-share').innerText()).toBe('33%');
    expect(await row26.getByTestId('heat-cell').getAttribute('class')).toContain('heat-b20');
    await shot(page, 'rights-02-site-matrix');
    await checkAxe(page, 'site page with the rights matrix');

    step = 'operation-wide heat map';
    await page.getByTestId('nav-rights-gaps').click();
    const cell = page.locator(
      `[data-testid="rights-heat-map"] [data-testid="heat-cell"][data-site="${site.id}"][data-article="26"]`,
    );
    await cell.waitFor();
    expect(await cell.innerText()).toContain('33%');
    expect(await cell.innerText()).toContain('2 of 6');
    // Site names come from the sites list, which may arrive after the matrix.
    await expect
      .poll(() => page.locator(`[data-testid="heat-site"][data-site="${site.id}"]`).innerText())
      .toBe('Camp Matrix');
    await shot(page, 'rights-03-heat-map');
    await checkAxe(page, 'rights-gap report');

    step = 'HXL download';
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('matrix-download').click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]!.split(',')[1]).toBe(EN.rights.export.columns.site);
    expect(lines[1]).toBe(
      '#date,#loc+name,#loc+code,#indicator+code,#indicator+name,#affected+owed,' +
        '#reached+full,#reached+partial,#affected+noaccess,#affected+unassessed,' +
        '#indicator+pct+access',
    );
    const data26 = lines.find((l) => l.includes(`,Camp Matrix,${site.id},26,`));
    expect(data26?.split(',').slice(5)).toEqual(['6', '2', '0', '4', '0', '33.3']);

    step = 'rights tab of a resident without access';
    const residents = await officer.expect(
      200,
      'GET',
      `/api/v1/sites/${site.id}/residents?limit=500`,
    );
    const withoutAccess = residents.items[2].personId as string;
    const withoutAccessName = `${residents.items[2].names[0].given} Monitor`;
    await page.goto(`/persons/${withoutAccess}?tab=rights`);
    const owed26 = page.locator('[data-testid="entitlements-yes"] [data-article="26"]');
    await owed26.waitFor();
    await owed26.getByTestId('entitlement-why').click();
    expect(await owed26.getByTestId('entitlement-reason').innerText()).toContain('owed');
    const gap = page.getByTestId('rights-gap-row');
    await gap.first().waitFor();
    const gapText = await gap.first().innerText();
    expect(gapText).toContain(EN.rights.articles['26']);
    expect(gapText).toContain(EN.rights.access.values.none);
    expect(gapText).toContain(EN.rights.barriers.movement_restricted_by_site);
    expect(await page.getByTestId('assessment-row').count()).toBe(1);
    await shot(page, 'rights-04-rights-tab');
    await checkAxe(page, 'rights tab');

    step = 'rights card';
    await page.getByTestId('rights-card-link').click();
    await page.getByTestId('rights-card').waitFor();
    const card = await page.getByTestId('rights-card').innerText();
    expect(card).toContain(withoutAccessName);
    expect(await page.getByTestId('rights-card-owed').innerText()).toContain(
      EN.rights.articles['26'],
    );
    expect(await page.getByTestId('rights-card-gaps').innerText()).toContain(
      EN.rights.articles['26'],
    );
    expect(card).not.toContain(PHONE);
    expect(card).not.toContain('Camp Matrix');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('logout').isVisible()).toBe(false);
    await shot(page, 'rights-05-rights-card-print');
    await page.emulateMedia({ media: 'screen' });
    await checkAxe(page, 'rights card');
    expect(po.errors).toEqual([]);

    step = 'analyst: suppressed counts';
    const an = await suite.page(analyst, { step: () => step });
    await an.page.goto('/reports/rights-gaps');
    await an.page.getByTestId('matrix-suppressed').waitFor();
    const hidden = an.page.locator(
      `[data-testid="heat-cell"][data-site="${site.id}"][data-article="26"]`,
    );
    expect(await hidden.getByTestId('heat-share').innerText()).toBe('<5');
    expect(await hidden.innerText()).toContain('<5 of 6');
    await shot(an.page, 'rights-06-analyst-suppressed');
    expect(an.errors).toEqual([]);

    step = 'import a round from a CSV file and read the trend';
    // The server's day (UTC): the import refuses a day in the future.
    const today = new Date().toISOString().slice(0, 10);
    const header = 'person,article,access,barriers,method,reliability,assessed_on,note';
    const rows = residents.items.map(
      (r: { personId: string }, i: number) =>
        `${r.personId},26,${i < 5 ? 'full' : 'none'},${i < 5 ? '' : 'cost'},interview,B,${today},`,
    );
    const csv2 = (extra: string[]) => ({
      name: 'round-q2.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from([header, ...rows, ...extra].join('\r\n'), 'utf8'),
    });
    await page.goto(`/sites/${site.id}`);
    await page.getByTestId('round-import-start').click();
    expect(await page.getByTestId('round-form-download').getAttribute('href')).toBe(
      '/api/v1/rights/monitoring-form.xlsx',
    );
    await page.getByTestId('round-import-name').fill('2026-Q2');
    // First with a row for nobody: the problem is listed by row and column, nothing recorded.
    await page
      .getByTestId('round-import-file')
      .setInputFiles(csv2([`${crypto.randomUUID()},26,none,,interview,B,${today},`]));
    await page.getByTestId('round-import-check').click();
    const problem = page.getByTestId('round-import-problem');
    await problem.first().waitFor();
    expect(await problem.count()).toBe(1);
    expect(await problem.first().innerText()).toMatch(/^8\s+A\s+person\s+/);
    expect(await page.getByTestId('round-import-record').count()).toBe(0);
    await shot(page, 'rights-07-import-problems');
    await page.getByTestId('round-import-file').setInputFiles(csv2([]));
    await page.getByTestId('round-import-check').click();
    await page.getByTestId('round-import-summary').waitFor();
    expect(await page.getByTestId('round-import-summary').innerText()).toContain('2026-Q2');
    await page.getByTestId('round-import-record').click();
    await page.getByTestId('round-recorded').waitFor();
    expect(await page.getByTestId('round-recorded').innerText()).toContain('6');

    const share = (round: string) =>
      page
        .locator(
          `[data-testid="rights-trend-table"] [data-testid="trend-row"][data-round="${round}"] ` +
            '[data-testid="trend-cell"][data-article="26"] [data-testid="trend-share"]',
        )
        .innerText();
    await expect.poll(() => share('2026-Q2')).toBe('83%');
    expect(await share('2026-Q1')).toBe('33%');
    const rounds = page.locator('[data-testid="rights-trend-table"] [data-testid="trend-row"]');
    expect(await rounds.evaluateAll((els) => els.map((e) => e.getAttribute('data-round')))).toEqual(
      ['2026-Q1', '2026-Q2'],
    );
    const chart = page.locator('[data-testid="trend-chart"][data-article="26"] svg');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.locator('circle').count()).toBe(2);
    expect(await chart.locator('desc').textContent()).toContain('2026-Q2: 83%');
    await expect.poll(() => row26.getByTestId('count-full').innerText()).toBe('5');
    await page.getByTestId('site-rights-trend').scrollIntoViewIfNeeded();
    await shot(page, 'rights-08-trend');
    await checkAxe(page, 'site page with the rights trend');
    expect(po.errors).toEqual([]);
  });
});

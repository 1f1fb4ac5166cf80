// End-to-end: protection incidents and their evidence in the browser. A protection officer adds
// a graded source to the library, records an incident with two acts, a registered victim and an
// alleged perpetrator group (the server's 400 shown on the field left empty first), adds a
// testimony and reads it back, cites the source twice with the same passage and sees both
// citations flagged as duplicates, meets a 412 when the incident changed under the edit form and
// saves after reloading, finds the incident on the victim's profile, and opens the protection-
// monitoring report, whose small counts read "<5". Real server, fresh embedded database, Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkAxe,
  localDay,
  setupAdministrator,
  shot,
  signInApi,
  browserSuite,
} from './helpers.ts';

const EN = JSON.parse(fs.readFileSync(path.resolve('web/src/locales/incidents/en.json'), 'utf8'));
const BASE_EN = JSON.parse(fs.readFileSync(path.resolve('web/src/locales/en.json'), 'utf8'));

const ADMIN = {
  email: 'admin@example.org',
  displayName: 'Ada Admin',
  password: 'correct horse battery staple 1',
};
const OFFICER = {
  email: 'officer@unhcr.example.org',
  displayName: 'Sami Supervisor',
  password: 'copper lantern meadow 8',
};
const SOURCE = 'Monitoring visit report, North Camp';
const STATEMENT = 'They took our passports when we arrived and said we would not get them back.';
const TRANSLATION = 'Translated: they took our passports on arrival.';
const PASSAGE = 'The guards took all passports on arrival at the compound.';

let step = 'start';

/** Chromium logs every 4xx response as a console error; the refused saves are expected. */
const unexpected = (errors: string[]) =>
  errors.filter(
    (e) => !/Failed to load resource: the server responded with a status of 4(00|12)/.test(e),
  );

const articleLabel = (a: string) =>
  BASE_EN.rights.articleLabel
    .replace('{{article}}', a)
    .replace('{{title}}', BASE_EN.rights.articles[a]);

describe('incidents and evidence in the browser', () => {
  const suite = browserSuite('incidents');

  it('records an incident with a testimony and graded evidence, and reports it suppressed', async () => {
    step = 'seed';
    const base = suite.server.baseUrl;
    const admin = await setupAdministrator(suite.server, ADMIN);
    const unhcr = await admin.expect(201, 'POST', '/api/v1/agencies', { name: 'UNHCR' });
    const site = await admin.expect(201, 'POST', '/api/v1/sites', {
      name: 'North Camp',
      type: 'camp',
    });
    await admin.expect(201, 'POST', '/api/v1/users', {
      ...OFFICER,
      roles: ['protection_officer'],
      agencyId: unhcr.id,
    });
    const officer = await signInApi(base, OFFICER.email, OFFICER.password);
    const victim = await officer.expect(201, 'POST', '/api/v1/persons', {
      names: [{ given: 'Samir', family: 'Haddad' }],
      sex: 'M',
      birthYear: 1985,
    });

    step = 'the officer adds a graded source to the library';
    const po = await suite.page(officer, { step: () => step });
    const page = po.page;
    await page.goto('/');
    await page.getByTestId('nav-sources').click();
    await page.getByTestId('source-create').click();
    await page.getByTestId('source-title').fill(SOURCE);
    await page.getByTestId('source-kind').selectOption('agency_report');
    await page.getByTestId('source-reliability').selectOption('B');
    await page.getByTestId('source-author').fill('Protection Cluster');
    await page.getByTestId('source-url').fill('https://reports.example.org/north-camp-visit');
    await page.getByTestId('source-submit').click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const sourceRows = page.getByTestId('source-row');
    await expect.poll(() => sourceRows.count()).toBe(1);
    expect(
      await sourceRows.first().getByTestId('reliability-badge').getAttribute('data-value'),
    ).toBe('B');
    await shot(page, 'incidents-01-sources');
    await checkAxe(page, 'source library');

    step = 'the officer records an incident; the server names the missing victim';
    await page.getByTestId('nav-incidents').click();
    await page.getByTestId('incident-new').click();
    await page.getByTestId('incident-act-withholding_of_documents').check();
    await page.getByTestId('incident-act-threats_or_coercion').check();
    await page
      .getByTestId('incident-description')
      .fill('Passports taken by the sponsor on arrival.');
    await page.getByTestId('incident-from').fill(localDay(-3));
    await page.getByTestId('incident-site').selectOption(site.id);
    await page.getByTestId('involvement-add').click();
    await page.getByTestId('involvement-add-perpetrator').click();
    await page.getByTestId('involvement-1-label').fill('Compound management');
    await page
      .getByTestId('involvement-1-perpetrator-type')
      .selectOption('sponsor_or_controlling_group');
    await page.getByTestId('incident-articles').click();
    await page.getByRole('option', { name: articleLabel('26') }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('incident-consent-use-decision').selectOption('given');
    await page.getByTestId('incident-submit').click();
    // The victim row has no person yet: the 400 names involvements.0.personId, shown on its field.
    await page.getByTestId('incident-form-error').waitFor();
    const personSelect = page.getByTestId('involvement-0-person');
    expect(await personSelect.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'incidents-02-form-error');
    await checkAxe(page, 'incident form');

    step = 'the victim is found in the registry and the incident recorded';
    await page.getByTestId('involvement-0-search').fill('Haddad');
    await expect.poll(() => personSelect.locator('option').count()).toBeGreaterThan(1);
    await personSelect.selectOption(victim.id);
    await page.getByTestId('incident-submit').click();
    await page.getByTestId('incident-details').waitFor();
    const incidentId = page.url().split('/').pop()!;
    expect(incidentId).toMatch(/^[0-9a-f-]{36}$/);
    const acts = await page
      .getByTestId('incident-acts')
      .locator('[data-act]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-act')));
    expect(acts).toEqual(['withholding_of_documents', 'threats_or_coercion']);
    const involved = page.getByTestId('involvement');
    await expect.poll(() => involved.count()).toBe(2);
    await expect
      .poll(() => involved.first().getByTestId('involvement-person').innerText())
      .toContain('Haddad');
    expect(await page.getByTestId('incident-articles-list').innerText()).toContain(
      articleLabel('26'),
    );

    step = 'a testimony is added and its statement read back';
    await page.getByTestId('testimony-start').click();
    await page.getByTestId('testimony-person').selectOption(victim.id);
    await page.getByTestId('testimony-statement-input').fill(STATEMENT);
    await page.getByTestId('testimony-statement-language').fill('ar');
    await page.getByTestId('testimony-translation-input').fill(TRANSLATION);
    await page.getByTestId('testimony-translation-language').fill('en');
    await page.getByTestId('testimony-interpreter').fill('Interpreter on duty');
    await page.getByTestId('testimony-consent-decision').selectOption('given');
    await page.getByTestId('testimony-submit').click();
    const testimony = page.getByTestId('testimony');
    await expect.poll(() => testimony.count()).toBe(1);
    // Lists carry no text: the statement appears only once the officer opens it (audited).
    expect(await page.getByTestId('incident-testimonies').innerText()).not.toContain(STATEMENT);
    await testimony.first().getByTestId('testimony-read').click();
    await expect
      .poll(() => testimony.first().getByTestId('testimony-statement').innerText())
      .toBe(STATEMENT);
    expect(await testimony.first().getByTestId('testimony-translation').innerText()).toBe(
      TRANSLATION,
    );

    step = 'the source is cited twice with the same passage: both are flagged duplicates';
    const cite = async () => {
      await page.getByTestId('citation-source-select').selectOption({ label: `${SOURCE} (B)` });
      await page.getByTestId('citation-credibility').selectOption('2');
      await page.getByTestId('citation-claim-input').fill('Passports were taken on arrival.');
      await page.getByTestId('citation-locator-input').fill('p. 4');
      await page.getByTestId('citation-passage-input').fill(PASSAGE);
      await page.getByTestId('citation-submit').click();
    };
    const citations = page.getByTestId('citation');
    await cite();
    await expect.poll(() => citations.count()).toBe(1);
    expect(await citations.first().getAttribute('data-flags')).toBe('');
    expect(await citations.first().getByTestId('citation-grade').innerText()).toBe(
      EN.incidents.citations.grade.replace('{{grade}}', 'B2'),
    );
    await cite();
    await expect.poll(() => citations.count()).toBe(2);
    await expect.poll(() => citations.nth(1).getAttribute('data-flags')).toBe('duplicate');
    expect(await citations.first().getAttribute('data-flags')).toBe('duplicate');
    expect(await citations.first().getByTestId('citation-flag').innerText()).toBe(
      EN.incidents.flags.duplicate,
    );
    expect(await page.getByTestId('incident-flagged-count').innerText()).toContain('2');
    await shot(page, 'incidents-03-incident');
    await checkAxe(page, 'incident page');

    step = 'the list shows the incident with its counts';
    await page.getByTestId('nav-incidents').click();
    const rows = page.getByTestId('incident-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByTestId('incident-row-involved').innerText()).toBe('2');
    expect(await rows.first().getByTestId('incident-row-flagged').innerText()).toBe('2');
    await page.getByTestId('incidents-filter-act').selectOption('detention');
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId('incidents-filter-act').selectOption('threats_or_coercion');
    await expect.poll(() => rows.count()).toBe(1);
    await shot(page, 'incidents-04-list');
    await checkAxe(page, 'incidents list');

    step = 'an edit over a stale version gets 412, and saves after reloading';
    await page.goto(`/incidents/${incidentId}/edit`);
    const description = page.getByTestId('incident-description');
    await expect.poll(() => description.inputValue()).toContain('Passports taken');
    const url = `/api/v1/incidents/${incidentId}`;
    const current = await officer.call('GET', url);
    const changed = await officer.call(
      'PATCH',
      url,
      { articles: ['26', '27'] },
      {
        'if-match': current.etag!,
      },
    );
    expect(changed.status).toBe(200);
    await description.fill('Passports and residence cards taken by the sponsor.');
    await page.getByTestId('incident-submit').click();
    await page.getByTestId('incident-conflict').waitFor();
    await page.getByTestId('incident-reload').click();
    await expect.poll(() => description.inputValue()).toContain('Passports taken');
    await description.fill('Passports and residence cards taken by the sponsor.');
    await page.getByTestId('incident-submit').click();
    await page.getByTestId('incident-details').waitFor();
    await expect
      .poll(() => page.getByTestId('incident-description-text').innerText())
      .toContain('residence cards');
    // The other user's change survived: the form had reloaded it before saving.
    expect(await page.getByTestId('incident-articles-list').innerText()).toContain(
      articleLabel('27'),
    );

    step = "the incident is on the victim's profile";
    await page.goto(`/persons/${victim.id}?tab=incidents`);
    await expect.poll(() => page.getByTestId('person-incident-row').count()).toBe(1);

    step = 'the protection-monitoring report hides the small counts';
    await page.getByTestId('nav-protection-monitoring').click();
    const byAct = page.getByTestId('report-by-act');
    await byAct.waitFor();
    const documents = byAct.locator('[data-key="withholding_of_documents"]');
    const cells = documents.getByTestId('report-cell');
    await expect.poll(() => cells.count()).toBeGreaterThan(0);
    expect(await cells.first().innerText()).toBe('<5');
    expect(await cells.first().getAttribute('data-suppressed')).toBe('true');
    expect(await page.getByTestId('report-by-perpetrator').innerText()).toContain(
      EN.incidents.perpetratorTypes.sponsor_or_controlling_group,
    );
    expect(await page.getByTestId('report-by-article').innerText()).toContain(articleLabel('27'));
    const csvHref = await page.getByTestId('report-csv').getAttribute('href');
    expect(csvHref).toContain('format=hxl-csv');
    const csv = await page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('#indicator');
    await shot(page, 'incidents-05-monitoring-report');
    await checkAxe(page, 'protection-monitoring report');
    expect(unexpected(po.errors)).toEqual([]);
  });
});

// End-to-end: a legal-aid lawyer (a caseworker of a legal-aid agency) files a separation request
// for a person registered by another agency. The record becomes restricted: a caseworker of the
// other agency no longer finds it (search) or opens it (direct address). The lawyer builds the
// safety plan, reads the sealed whereabouts and names a colleague, who is notified (kind and
// link only, never a name). A supervisor breaks the glass and the lawyer is alerted. Real
// server, fresh embedded database, Chromium.
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

const EN = JSON.parse(fs.readFileSync(path.resolve('web/src/locales/en.json'), 'utf8'));

const ADMIN = {
  email: 'admin@example.org',
  displayName: 'Ada Admin',
  password: 'correct horse battery staple 1',
};
const LAWYER = {
  email: 'lawyer@legal-aid.example.org',
  displayName: 'Leyla Lawyer',
  password: 'amber river keystone 5',
};
const COLLEAGUE = {
  email: 'paralegal@legal-aid.example.org',
  displayName: 'Pavel Paralegal',
  password: 'granite willow beacon 6',
};
const SUPERVISOR = {
  email: 'supervisor@relief.example.org',
  displayName: 'Sami Supervisor',
  password: 'copper lantern meadow 8',
};
const OTHER = {
  email: 'caseworker@relief.example.org',
  displayName: 'Rita Relief',
  password: 'silver orchard pebble 7',
};
const PARTNER = {
  email: 'intake@bar.example.org',
  displayName: 'Bora Bar',
  password: 'violet harbour summit 9',
};
const PERSON = { given: 'Zarifa', family: 'Haidari' };
const PHONE = '+355 68 555 0199';

let step = 'start';

/** Chromium logs every 4xx response as a console error; these 404s are what the test expects. */
const unexpected = (errors: string[]) =>
  errors.filter(
    (e) => !/Failed to load resource: the server responded with a status of 404/.test(e),
  );

describe('separation request in the browser', () => {
  const suite = browserSuite('separation');

  it('restricts the record to the lawyer, hides it from another agency, builds a safety plan, refers to legal aid', async () => {
    step = 'seed';
    const base = suite.server.baseUrl;
    const admin = await setupAdministrator(suite.server, ADMIN);
    const legalAid = await admin.expect(201, 'POST', '/api/v1/agencies', {
      name: 'Legal Aid Clinic',
    });
    const relief = await admin.expect(201, 'POST', '/api/v1/agencies', { name: 'Relief Agency' });
    for (const [user, agency] of [
      [LAWYER, legalAid],
      [COLLEAGUE, legalAid],
      [OTHER, relief],
    ] as const)
      await admin.expect(201, 'POST', '/api/v1/users', {
        ...user,
        roles: ['caseworker'],
        agencyId: agency.id,
      });
    await admin.expect(201, 'POST', '/api/v1/users', {
      ...SUPERVISOR,
      roles: ['protection_officer'],
      agencyId: relief.id,
    });
    const site = await admin.expect(201, 'POST', '/api/v1/sites', {
      name: 'Camp North',
      type: 'camp',
    });
    const lawyer = await signInApi(base, LAWYER.email, LAWYER.password);
    const colleague = await signInApi(base, COLLEAGUE.email, COLLEAGUE.password);
    const other = await signInApi(base, OTHER.email, OTHER.password);
    const supervisor = await signInApi(base, SUPERVISOR.email, SUPERVISOR.password);
    // Registered by the other agency: a normal record every caseworker sees.
    const person = await other.expect(201, 'POST', '/api/v1/persons', {
      names: [PERSON],
      sex: 'F',
      birthYear: 1994,
      contact: { phone: PHONE },
    });
    await other.expect(201, 'POST', `/api/v1/persons/${person.id}/residences`, {
      siteId: site.id,
      from: '2024-05-01',
    });
    expect(
      (await other.expect(200, 'GET', `/api/v1/persons/search?q=${PERSON.given}`)).items,
    ).toHaveLength(1);

    step = 'lawyer finds the person';
    const lw = await suite.page(lawyer, { step: () => step });
    const page = lw.page;
    await page.goto('/persons');
    await page.getByTestId('person-search').fill(PERSON.given);
    await page.getByTestId('person-row').first().getByRole('link').click();
    await page.getByTestId('person-header').waitFor();

    step = 'lawyer files the separation request';
    await page.getByTestId('tab-protection').click();
    await page.getByTestId('separation-warning').waitFor();
    expect(await page.getByTestId('separation-warning').innerText()).toContain(
      EN.protection.request.warningTitle,
    );
    await page.getByTestId('separation-reason').fill('Wants to leave the family group; afraid.');
    await page.getByTestId('separation-acting-for').fill('Lawyer');
    await page.getByTestId('separation-leaving').selectOption('household');
    expect(await page.getByTestId('separation-submit').isDisabled()).toBe(true);
    await page.getByTestId('separation-understood').check();
    await shot(page, 'separation-01-form');
    await checkAxe(page, 'separation request form');
    await page.getByTestId('separation-submit').click();
    await page.getByTestId('separation-request').waitFor();
    expect(await page.getByTestId('separation-status').innerText()).toBe(
      EN.protection.statuses.open,
    );
    await expect
      .poll(() => page.getByTestId('person-sensitivity-badge').innerText())
      .toMatch(new RegExp(EN.persons.sensitivities.restricted, 'i'));
    expect(new URL(page.url()).searchParams.get('tab')).toBe('protection');

    step = 'safety plan';
    await page.getByTestId('step-add').click();
    await page.getByTestId('step-kind').selectOption('legal_aid_referral');
    await page.getByTestId('step-owner').selectOption('me');
    await page.getByTestId('step-due').fill(localDay(-1));
    await page.getByTestId('step-submit').click();
    const steps = page.getByTestId('safety-plan-step');
    await expect.poll(() => steps.count()).toBe(1);
    await steps.first().getByTestId('step-overdue').waitFor();
    expect(await page.getByTestId('safety-plan-overdue').innerText()).toContain('1');
    expect(await steps.first().innerText()).toContain(EN.protection.steps.ownerYou);
    // A second step, owned by a colleague named by user id.
    await page.getByTestId('step-add').click();
    await page.getByTestId('step-kind').selectOption('independent_accommodation');
    await page.getByTestId('step-owner').selectOption('other');
    await page.getByTestId('step-owner-id').fill(colleague.userId);
    await page.getByTestId('step-due').fill(localDay(14));
    await page.getByTestId('step-submit').click();
    await expect.poll(() => steps.count()).toBe(2);
    // The overdue one is done now.
    await steps.first().getByTestId('step-mark-done').click();
    await steps.first().getByTestId('step-done').waitFor();
    await expect.poll(() => page.getByTestId('step-overdue').count()).toBe(0);

    step = 'whereabouts';
    await page.getByTestId('whereabouts-toggle').click();
    await page.getByTestId('whereabouts-view').waitFor();
    await expect
      .poll(() => page.getByTestId('whereabouts-view').innerText())
      .toContain('Camp North');
    expect(await page.getByTestId('whereabouts-view').innerText()).toContain(PHONE);

    step = 'share with a colleague';
    await page.getByTestId('share-user-id').fill(colleague.userId);
    await page.getByTestId('share-submit').click();
    await page.getByTestId('share-done').waitFor();
    await shot(page, 'separation-02-protection-tab');
    await checkAxe(page, 'protection tab after filing');
    expect(unexpected(lw.errors)).toEqual([]);

    step = 'another agency no longer finds the record';
    const ow = await suite.page(other, { step: () => step });
    await ow.page.goto('/persons');
    await ow.page.getByTestId('person-search').fill(PERSON.given);
    await ow.page.getByTestId('persons-table').waitFor();
    await expect
      .poll(() => ow.page.getByTestId('persons-table').innerText())
      .toContain(EN.persons.noMatches);
    expect(await ow.page.getByTestId('person-row').count()).toBe(0);
    await ow.page.goto(`/persons/${person.id}`);
    await ow.page.getByTestId('person-not-found').waitFor();
    expect(await ow.page.getByTestId('person-not-found').innerText()).toContain(
      EN.persons.notFound,
    );
    expect(await ow.page.getByText(PERSON.family).count()).toBe(0);
    await shot(ow.page, 'separation-03-other-agency-not-found');
    expect((await other.call('GET', `/api/v1/persons/${person.id}`)).status).toBe(404);
    expect(unexpected(ow.errors)).toEqual([]);

    step = 'the colleague is notified and opens the record';
    const cw = await suite.page(colleague, { step: () => step });
    await cw.page.goto('/');
    const bell = cw.page.getByTestId('notifications-bell');
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('2');
    await bell.click();
    const list = cw.page.getByTestId('notifications-list');
    await list.getByTestId('notification').first().waitFor();
    const text = await list.innerText();
    expect(text).toContain(EN.notifications.kinds.record_shared);
    expect(text).toContain(EN.notifications.kinds.safety_plan_step);
    expect(text).not.toContain(PERSON.given);
    expect(text).not.toContain(PERSON.family);
    await shot(cw.page, 'separation-04-notifications');
    await checkAxe(cw.page, 'notifications');
    await list.getByTestId('notification-open').first().click();
    await cw.page.getByTestId('separation-request').waitFor();
    expect(await cw.page.getByTestId('person-header').innerText()).toContain(PERSON.given);
    await expect.poll(() => bell.getAttribute('data-unread')).toBe('1');
    expect(unexpected(cw.errors)).toEqual([]);

    step = 'a supervisor breaks the glass; the named users are alerted';
    const sv = await suite.page(supervisor, { step: () => step });
    await sv.page.goto(`/persons/${person.id}`);
    await sv.page.getByTestId('person-not-found').waitFor();
    await sv.page.getByTestId('break-glass-reason').fill('Imminent risk reported by the hotline.');
    await sv.page.getByTestId('break-glass-submit').click();
    await sv.page.getByTestId('person-header').waitFor();
    expect(await sv.page.getByTestId('person-header').innerText()).toContain(PERSON.given);
    expect(unexpected(sv.errors)).toEqual([]);
    await page.reload();
    await page.getByTestId('notifications-bell').click();
    await expect
      .poll(() => page.getByTestId('notifications-list').innerText())
      .toContain(EN.notifications.kinds.break_glass);

    step = 'the lawyer refers the person to legal aid, sharing only the chosen fields';
    const bar = await admin.expect(201, 'POST', '/api/v1/agencies', { name: 'Bar Association' });
    await admin.expect(201, 'POST', '/api/v1/users', {
      ...PARTNER,
      roles: ['service_partner'],
      agencyId: bar.id,
    });
    await admin.expect(201, 'POST', '/api/v1/service-providers', {
      name: 'Bar Legal Clinic',
      organisation: 'Bar Association',
      serviceTypes: ['legal_aid'],
      languages: ['fa'],
      agencyId: bar.id,
    });
    await lawyer.expect(201, 'POST', '/api/v1/cases', {
      personId: person.id,
      category: 'separation',
    });
    await page.goto(`/persons/${person.id}?tab=cases`);
    await page.getByTestId('person-case-row').waitFor();
    await page.getByTestId('referral-start').click();
    // The record is restricted: its contact is whereabouts now and is never offered.
    await page.getByTestId('referral-contact-withheld').waitFor();
    expect(await page.getByTestId('referral-field-contact').count()).toBe(0);
    await page.getByTestId('referral-service-type').selectOption('legal_aid');
    const provider = page.getByTestId('referral-provider');
    await expect.poll(() => provider.count()).toBe(1);
    await provider.first().check();
    await page.getByTestId('referral-consent-given-by').selectOption('person');
    await page.getByTestId('referral-consent-given-on').fill(localDay(-1));
    await page.getByTestId('referral-consent-scope').fill('Legal aid to leave the group');
    await page.getByTestId('referral-submit').click();
    await expect.poll(() => page.getByTestId('referral-card').count()).toBe(1);
    expect(unexpected(lw.errors)).toEqual([]);

    step = 'the partner sees only the chosen fields and records the outcome';
    const partner = await signInApi(base, PARTNER.email, PARTNER.password);
    const pw = await suite.page(partner, { step: () => step });
    await pw.page.goto('/referral-inbox');
    const rows = pw.page.getByTestId('inbox-row');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByTestId('inbox-open').click();
    await pw.page.getByTestId('inbox-snapshot').waitFor();
    expect(await pw.page.getByTestId('inbox-snapshot').innerText()).toContain(PERSON.family);
    const seen = await pw.page.locator('body').innerText();
    for (const hidden of [PHONE, 'Camp North']) expect(seen).not.toContain(hidden);
    await checkAxe(pw.page, 'partner inbox, restricted person');
    await pw.page.getByTestId('inbox-decision-form-accept').click();
    await pw.page.getByTestId('inbox-outcome-form').waitFor();
    await pw.page.getByTestId('inbox-outcome-form-result').selectOption('delivered');
    await pw.page.getByTestId('inbox-outcome-form-note').fill('Representation agreed');
    await pw.page.getByTestId('inbox-outcome-form-submit').click();
    await pw.page.getByTestId('inbox-outcome').waitFor();
    expect(pw.errors).toEqual([]);
    await page.reload();
    await expect
      .poll(() =>
        page
          .getByTestId('referral-card')
          .first()
          .getByTestId('referral-status')
          .getAttribute('data-status'),
      )
      .toBe('completed');
  });
});

// End-to-end: case management and referrals in the browser. An administrator adds a legal-aid
// provider to the service directory, linked to a partner agency. A caseworker opens a case for a
// person, builds the plan (a goal and an overdue action, seen first on "My tasks"), moves the case
// through the workflow — an illegal move and a move without an approved plan are refused with a
// clear message — and a supervisor approves the plan. The caseworker refers the person to the
// legal-aid service with consent, sharing only chosen fields. The partner signs in, sees only
// that snapshot in the inbox (never the person's contact, nationality or birth year), accepts it
// and records the outcome, which the caseworker then sees. For a restricted person the referral
// form never offers the contact field. Real server, fresh embedded database, Chromium.
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

const EN = JSON.parse(fs.readFileSync(path.resolve('web/src/locales/cases/en.json'), 'utf8'));

const ADMIN = {
  email: 'admin@example.org',
  displayName: 'Ada Admin',
  password: 'correct horse battery staple 1',
};
const CASEWORKER = {
  email: 'caseworker@camp.example.org',
  displayName: 'Cara Caseworker',
  password: 'amber river keystone 5',
};
const SUPERVISOR = {
  email: 'officer@unhcr.example.org',
  displayName: 'Sami Supervisor',
  password: 'copper lantern meadow 8',
};
const PARTNER = {
  email: 'intake@legal-aid.example.org',
  displayName: 'Lena Lawyer',
  password: 'granite willow beacon 6',
};
const PERSON = { given: 'Nadia', family: 'Rahimi' };
// Values the partner must never see: not among the fields chosen for the referral.
const PHONE = '+355 68 555 0142';
const NATIONALITY = 'AFG';
const BIRTH_YEAR = 1994;
const SUMMARY = 'Needs advice on her humanitarian admission renewal.';
const PROVIDER = 'Legal Aid Clinic';

let step = 'start';

/** Chromium logs every 4xx response as a console error; the refused moves and workflow are expected. */
const unexpected = (errors: string[]) =>
  errors.filter(
    (e) => !/Failed to load resource: the server responded with a status of 40[09]/.test(e),
  );

describe('cases and referrals in the browser', () => {
  const suite = browserSuite('cases');

  it('runs a case, refers the person with chosen fields, and the partner answers', async () => {
    step = 'seed';
    const base = suite.server.baseUrl;
    const admin = await setupAdministrator(suite.server, ADMIN);
    const camp = await admin.expect(201, 'POST', '/api/v1/agencies', { name: 'Camp Services' });
    const unhcr = await admin.expect(201, 'POST', '/api/v1/agencies', { name: 'UNHCR' });
    const legal = await admin.expect(201, 'POST', '/api/v1/agencies', {
      name: 'Legal Aid Partner',
    });
    for (const [user, roles, agency] of [
      [CASEWORKER, ['caseworker'], camp],
      [SUPERVISOR, ['protection_officer'], unhcr],
      [PARTNER, ['service_partner'], legal],
    ] as const)
      await admin.expect(201, 'POST', '/api/v1/users', { ...user, roles, agencyId: agency.id });
    const caseworker = await signInApi(base, CASEWORKER.email, CASEWORKER.password);
    const supervisor = await signInApi(base, SUPERVISOR.email, SUPERVISOR.password);
    const partner = await signInApi(base, PARTNER.email, PARTNER.password);
    const person = await caseworker.expect(201, 'POST', '/api/v1/persons', {
      names: [PERSON],
      sex: 'F',
      birthYear: BIRTH_YEAR,
      nationalities: [NATIONALITY],
      languages: ['fa'],
      contact: { phone: PHONE },
    });

    step = 'administrator adds the legal-aid provider to the directory';
    const ad = await suite.page(admin, { step: () => step });
    await ad.page.goto('/services');
    await ad.page.getByTestId('provider-create').click();
    await ad.page.getByTestId('provider-name').fill(PROVIDER);
    await ad.page.getByTestId('provider-organisation').fill('Bar Association');
    await ad.page.getByTestId('provider-type-legal_aid').check();
    await ad.page.getByTestId('provider-type-documentation').check();
    await ad.page.getByTestId('provider-languages').fill('fa, en');
    await ad.page.getByTestId('provider-contact-phone').fill('+355 4 000 000');
    await ad.page.getByTestId('provider-agency').selectOption(legal.id);
    await ad.page.getByTestId('provider-submit').click();
    // The dialog closes on success; axe must see the page, not the dialog fading out.
    await expect.poll(() => ad.page.getByRole('dialog').count()).toBe(0);
    const providerRows = ad.page.getByTestId('provider-row');
    await expect.poll(() => providerRows.count()).toBe(1);
    expect(await providerRows.first().innerText()).toContain('Legal Aid Partner');
    await shot(ad.page, 'cases-01-service-directory');
    await checkAxe(ad.page, 'service directory');

    step = 'administrator reads the case workflow; a state without a way out is refused';
    await ad.page.goto('/operation');
    await ad.page.getByTestId('workflow-table').waitFor();
    await expect.poll(() => ad.page.getByTestId('workflow-open-assessment').isChecked()).toBe(true);
    await ad.page.getByTestId('workflow-assessment-plan').uncheck();
    await ad.page.getByTestId('workflow-assessment-closed').uncheck();
    await ad.page.getByTestId('workflow-submit').click();
    await ad.page.getByTestId('workflow-problem-assessment').waitFor();
    await checkAxe(ad.page, 'case workflow editor');
    expect(unexpected(ad.errors)).toEqual([]);

    step = 'caseworker opens a case from the person profile';
    const cw = await suite.page(caseworker, { step: () => step });
    const page = cw.page;
    await page.goto(`/persons/${person.id}`);
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('person-cases-empty').waitFor();
    await page.getByTestId('case-open').click();
    await page.getByTestId('case-open-category').selectOption('legal');
    await page.getByTestId('case-open-priority').selectOption('high');
    await page.getByTestId('case-open-submit').click();
    await page.getByTestId('case-state-panel').waitFor();
    expect(page.url()).toMatch(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').pop()!;
    expect(await page.getByTestId('case-state').innerText()).toBe(EN.cases.states.open);
    expect(await page.getByTestId('case-person-link').innerText()).toContain(PERSON.family);
    expect(await page.getByTestId('case-assignee').innerText()).toBe(EN.cases.you);
    // Colleagues who may take the case are offered by name, the supervisor among them.
    await expect
      .poll(() => page.getByTestId('case-assign-to').locator('option').allInnerTexts())
      .toContain(SUPERVISOR.displayName);

    step = 'an illegal move is refused clearly';
    // From "open" only assessment and closing are allowed; closing needs an approved request.
    expect(await page.getByTestId('case-move-implementation').count()).toBe(0);
    await page.getByTestId('case-move-closed').click();
    const refused = page.getByTestId('case-move-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain(
      EN.cases.workflow.refused.replace('{{state}}', EN.cases.states.closed),
    );
    expect(await refused.innerText()).toMatch(/closure request approved by a supervisor/);
    expect(await page.getByTestId('case-state').innerText()).toBe(EN.cases.states.open);

    step = 'the plan: a goal and an overdue action';
    await page.getByTestId('goal-description').fill('Renew humanitarian admission');
    await page.getByTestId('goal-target').fill(localDay(60));
    await page.getByTestId('goal-submit').click();
    await expect.poll(() => page.getByTestId('case-goal').count()).toBe(1);
    await page.getByTestId('task-kind').selectOption('action');
    await page.getByTestId('task-goal').selectOption({ index: 1 });
    await page.getByTestId('task-title').fill('Collect the expired permit');
    await page.getByTestId('task-due').fill(localDay(-2));
    await page.getByTestId('task-submit').click();
    const goalTasks = page.getByTestId('case-goal').first().getByTestId('case-task');
    await expect.poll(() => goalTasks.count()).toBe(1);
    await goalTasks.first().getByTestId('case-task-overdue').waitFor();
    // A follow-up not tied to a goal, due later.
    await page.getByTestId('task-kind').selectOption('follow_up');
    await page.getByTestId('task-title').fill('Call back after the appointment');
    await page.getByTestId('task-due').fill(localDay(10));
    await page.getByTestId('task-submit').click();
    await expect.poll(() => page.getByTestId('case-task').count()).toBe(2);

    step = 'moving through the workflow; implementation needs the approved plan';
    await page.getByTestId('case-move-assessment').click();
    await expect
      .poll(() => page.getByTestId('case-state').innerText())
      .toBe(EN.cases.states.assessment);
    await page.getByTestId('case-move-plan').click();
    await expect.poll(() => page.getByTestId('case-state').innerText()).toBe(EN.cases.states.plan);
    await page.getByTestId('case-move-implementation').click();
    await page.getByTestId('case-move-refused').waitFor();
    expect(await page.getByTestId('case-move-refused').innerText()).toMatch(
      /approved by a supervisor/,
    );
    await page.getByTestId('case-tab-approvals').click();
    await page.getByTestId('approval-kind').selectOption('plan');
    await page.getByTestId('approval-note').fill('Plan agreed with the person.');
    await page.getByTestId('approval-submit').click();
    const approval = page.getByTestId('case-approval');
    await expect.poll(() => approval.count()).toBe(1);
    expect(await approval.first().getAttribute('data-status')).toBe('pending');
    // A caseworker does not decide approvals.
    expect(await page.getByTestId('case-approval-approve').count()).toBe(0);
    await shot(page, 'cases-02-approvals');
    await checkAxe(page, 'case approvals');

    step = 'the supervisor approves the plan';
    const sv = await suite.page(supervisor, { step: () => step });
    await sv.page.goto('/cases?view=pendingApproval');
    await expect.poll(() => sv.page.getByTestId('case-row').count()).toBe(1);
    await sv.page.getByTestId('case-link').first().click();
    await sv.page.getByTestId('case-tab-approvals').click();
    await sv.page.getByTestId('case-approval-note').fill('Sound plan.');
    await sv.page.getByTestId('case-approval-approve').click();
    await expect
      .poll(() => sv.page.getByTestId('case-approval').first().getAttribute('data-status'))
      .toBe('approved');
    expect(sv.errors).toEqual([]);

    step = 'implementation starts; the overdue action comes first on My tasks';
    await page.reload();
    await page.getByTestId('case-move-implementation').click();
    await expect
      .poll(() => page.getByTestId('case-state').innerText())
      .toBe(EN.cases.states.implementation);
    await page.getByTestId('nav-my-tasks').click();
    const myTasks = page.getByTestId('my-task');
    await expect.poll(() => myTasks.count()).toBe(2);
    expect(await myTasks.first().getAttribute('data-overdue')).toBe('true');
    expect(await myTasks.first().getByTestId('my-task-title').innerText()).toBe(
      'Collect the expired permit',
    );
    expect(await myTasks.nth(1).getAttribute('data-overdue')).toBeNull();
    expect(await page.getByTestId('my-tasks-overdue').innerText()).toContain('1');
    await shot(page, 'cases-03-my-tasks');
    await checkAxe(page, 'my tasks');
    await myTasks.first().getByTestId('my-task-done').click();
    await expect.poll(() => myTasks.count()).toBe(1);
    expect(await page.getByTestId('my-tasks-overdue').count()).toBe(0);

    step = 'the timeline records the moves and the approval';
    await page.goto(`/cases/${caseId}?tab=timeline`);
    const entries = page.getByTestId('timeline-entry');
    await expect.poll(() => entries.count()).toBeGreaterThan(5);
    const kinds = await entries.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds).toEqual(
      expect.arrayContaining([
        'case.opened',
        'case.status_changed',
        'case.goal_added',
        'case.task_added',
        'case.approval_requested',
        'case.approval_decided',
      ]),
    );

    step = 'the caseworker refers the person to legal aid with consent';
    await page.goto(`/persons/${person.id}?tab=cases`);
    await page.getByTestId('referral-start').click();
    await page.getByTestId('referral-service-type').selectOption('legal_aid');
    const providerChoice = page.getByTestId('referral-provider');
    await expect.poll(() => providerChoice.count()).toBe(1);
    await providerChoice.first().check();
    // Names are chosen by default; add languages and a summary; leave contact and the rest out.
    expect(await page.getByTestId('referral-field-names').isChecked()).toBe(true);
    expect(await page.getByTestId('referral-field-contact').isChecked()).toBe(false);
    await page.getByTestId('referral-field-languages').check();
    await page.getByTestId('referral-field-summary').check();
    await page.getByTestId('referral-summary').fill(SUMMARY);
    await page.getByTestId('referral-urgency').selectOption('urgent');
    expect(await page.getByTestId('referral-submit').isDisabled()).toBe(true);
    await page.getByTestId('referral-consent-given-by').selectOption('person');
    await page.getByTestId('referral-consent-given-on').fill(localDay(-1));
    await page.getByTestId('referral-consent-scope').fill('Legal aid for status renewal');
    await shot(page, 'cases-04-referral-form');
    await checkAxe(page, 'referral form');
    await page.getByTestId('referral-submit').click();
    const card = page.getByTestId('referral-card');
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.first().getByTestId('referral-status').getAttribute('data-status')).toBe(
      'pending',
    );
    expect(await card.first().getByTestId('referral-fields').innerText()).toBe(
      [
        EN.cases.referrals.fields.names,
        EN.cases.referrals.fields.languages,
        EN.cases.referrals.fields.summary,
      ].join(', '),
    );
    expect(await card.first().innerText()).toContain(PROVIDER);
    expect(unexpected(cw.errors)).toEqual([]);

    step = 'the partner sees only the snapshot, accepts and records the outcome';
    const pw = await suite.page(partner, { step: () => step });
    await pw.page.goto('/');
    expect(await pw.page.getByTestId('nav-cases').count()).toBe(0);
    expect(await pw.page.getByTestId('nav-my-tasks').count()).toBe(0);
    await pw.page.getByTestId('nav-referral-inbox').click();
    const rows = pw.page.getByTestId('inbox-row');
    await expect.poll(() => rows.count()).toBe(1);
    // The list carries no personal data at all.
    expect(await pw.page.getByTestId('inbox-table').innerText()).not.toContain(PERSON.family);
    await rows.first().getByTestId('inbox-open').click();
    const snapshot = pw.page.getByTestId('inbox-snapshot');
    await snapshot.waitFor();
    const shared = await snapshot.innerText();
    expect(shared).toContain(PERSON.given);
    expect(shared).toContain(PERSON.family);
    expect(shared).toContain('fa');
    expect(shared).toContain(SUMMARY);
    const detail = await pw.page.getByTestId('inbox-detail').innerText();
    for (const hidden of [
      PHONE,
      NATIONALITY,
      String(BIRTH_YEAR),
      EN.cases.referrals.fields.contact,
    ])
      expect(detail).not.toContain(hidden);
    expect(await pw.page.locator('body').innerText()).not.toContain(PHONE);
    await shot(pw.page, 'cases-05-partner-inbox');
    await checkAxe(pw.page, 'partner inbox');
    await pw.page.getByTestId('inbox-decision-form-note').fill('Appointment on Thursday');
    await pw.page.getByTestId('inbox-decision-form-accept').click();
    await pw.page.getByTestId('inbox-outcome-form').waitFor();
    await pw.page.getByTestId('inbox-outcome-form-result').selectOption('delivered');
    await pw.page.getByTestId('inbox-outcome-form-note').fill('Renewal filed');
    await pw.page.getByTestId('inbox-outcome-form-submit').click();
    await pw.page.getByTestId('inbox-outcome').waitFor();
    expect(await pw.page.getByTestId('inbox-outcome').innerText()).toContain(
      EN.cases.referrals.outcomes.delivered,
    );
    expect(
      await pw.page
        .getByTestId('inbox-detail')
        .getByTestId('referral-status')
        .getAttribute('data-status'),
    ).toBe('completed');
    // The partner cannot open the case or the person.
    await pw.page.goto(`/cases/${caseId}`);
    await pw.page.getByTestId('access-denied').waitFor();
    expect(pw.errors).toEqual([]);

    step = 'the caseworker sees the outcome';
    await page.reload();
    await expect
      .poll(() => card.first().getByTestId('referral-status').getAttribute('data-status'))
      .toBe('completed');
    const outcome = await card.first().getByTestId('referral-outcome').innerText();
    expect(outcome).toContain(EN.cases.referrals.outcomes.delivered);
    expect(outcome).toContain('Renewal filed');
    expect(await card.first().getByTestId('referral-decision').innerText()).toContain(
      'Appointment on Thursday',
    );
    await shot(page, 'cases-06-referral-outcome');
    await page.goto(`/cases/${caseId}?tab=timeline`);
    await expect
      .poll(() =>
        page
          .getByTestId('timeline-entry')
          .evaluateAll((r) => r.map((e) => e.getAttribute('data-kind'))),
      )
      .toEqual(
        expect.arrayContaining([
          'referral.created',
          'referral.accepted',
          'referral.outcome_recorded',
        ]),
      );
    expect(unexpected(cw.errors)).toEqual([]);

    step = "a restricted person's contact is never offered for a referral";
    const restricted = await supervisor.expect(201, 'POST', '/api/v1/persons', {
      names: [{ given: 'Leyla', family: 'Karimi' }],
      sex: 'F',
      birthYear: 1992,
      sensitivity: 'restricted',
      contact: { phone: '+355 69 000 1111' },
    });
    await supervisor.expect(201, 'POST', '/api/v1/cases', {
      personId: restricted.id,
      category: 'separation',
    });
    await sv.page.goto(`/persons/${restricted.id}?tab=cases`);
    await sv.page.getByTestId('person-case-row').waitFor();
    await sv.page.getByTestId('referral-start').click();
    await sv.page.getByTestId('referral-contact-withheld').waitFor();
    expect(await sv.page.getByTestId('referral-field-names').count()).toBe(1);
    expect(await sv.page.getByTestId('referral-field-contact').count()).toBe(0);
    expect(sv.errors).toEqual([]);
  });
});

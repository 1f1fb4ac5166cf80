// End-to-end: the data-protection officer's screen and consent on the person profile. A protection
// officer exports the registry to a partner; the data-protection officer sees that transfer in the
// log (and downloads it as CSV), records an access request with its identity check, moves it on,
// and completes it once a protection officer has produced the access export from the link; runs a
// retention preview and a confirmed run; places a legal hold. A protection officer records a
// consent decision on the person. A transfer to a host authority waits for two approvers (the
// data-protection officer and a second protection officer) before the requester downloads it.
// Real server, fresh embedded database, Chromium.
import fs from 'node:fs';
import { type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkAxe, setupAdministrator, shot, signInApi, browserSuite } from './helpers.ts';

const ADMIN = {
  email: 'admin@example.org',
  displayName: 'Ada Admin',
  password: 'correct horse battery staple 1',
};
const DPO = {
  email: 'dpo@unhcr.example.org',
  displayName: 'Dara Officer',
  password: 'silver meadow compass 3',
};
const PO1 = {
  email: 'officer1@unhcr.example.org',
  displayName: 'Pia Protection',
  password: 'copper lantern meadow 8',
};
const PO2 = {
  email: 'officer2@unhcr.example.org',
  displayName: 'Paul Protection',
  password: 'harbour violet timber 2',
};
const PARTNER = 'Partner NGO for legal aid';
const AUTHORITY = 'Ministry of Interior, asylum department';

let step = 'start';

async function downloaded(page: Page, click: () => Promise<void>) {
  const downloading = page.waitForEvent('download');
  await click();
  const download = await downloading;
  return {
    name: download.suggestedFilename(),
    text: fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, ''),
  };
}

describe('the data-protection officer in the browser', () => {
  const suite = browserSuite('dpo');

  it('logs transfers, tracks requests, runs retention, holds, consents and two approvals', async () => {
    step = 'seed';
    const base = suite.server.baseUrl;
    const admin = await setupAdministrator(suite.server, ADMIN);
    const unhcr = await admin.expect(201, 'POST', '/api/v1/agencies', { name: 'UNHCR' });
    for (const [user, roles, agencyId] of [
      [DPO, ['data_protection_officer'], null],
      [PO1, ['protection_officer'], unhcr.id],
      [PO2, ['protection_officer'], unhcr.id],
    ] as const)
      await admin.expect(201, 'POST', '/api/v1/users', { ...user, roles, agencyId });
    const dpo = await signInApi(base, DPO.email, DPO.password);
    const po1 = await signInApi(base, PO1.email, PO1.password);
    const po2 = await signInApi(base, PO2.email, PO2.password);
    const person = await po1.expect(201, 'POST', '/api/v1/persons', {
      names: [{ given: 'Leyla', family: 'Karimi' }],
      sex: 'F',
      birthYear: 1991,
    });
    const query = new URLSearchParams({
      purpose: 'legal aid caseload',
      recipient: PARTNER,
      recipientType: 'partner_agency',
      format: 'csv',
    });
    const exported = await po1.call(
      'GET',
      `/api/v1/exports/persons?${query.toString()}`,
      undefined,
      {
        accept: 'text/csv',
      },
    );
    expect(exported.status, String(exported.json)).toBe(200);

    // --- the transfer log ---------------------------------------------------------------------
    step = 'transfer log';
    const d = await suite.page(dpo, { step: () => step });
    const page = d.page;
    await page.goto('/');
    await page.getByTestId('nav-data-protection').click();
    await page.waitForURL('**/data-protection');
    // No registry and no transfer-request page for the officer: the tab is on this screen.
    expect(await page.getByTestId('nav-persons').count()).toBe(0);
    expect(await page.getByTestId('nav-transfer-requests').count()).toBe(0);
    const rows = page.getByTestId('transfer-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-kind')).toBe('export');
    expect(await rows.first().innerText()).toContain(PARTNER);
    await page.getByTestId('transfers-kind').selectOption('referral');
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId('transfers-kind').selectOption('export');
    await page.getByTestId('transfers-recipient-type').selectOption('partner_agency');
    await expect.poll(() => rows.count()).toBe(1);
    const csv = await downloaded(page, () => page.getByTestId('transfers-csv').click());
    expect(csv.name).toMatch(/^transfers-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.text).toContain(PARTNER);
    expect(csv.text).not.toContain('Karimi'); // the log names the recipient, never the persons
    await checkAxe(page, 'transfer log');
    await shot(page, 'dpo-01-transfers');

    // --- a subject-access request ---------------------------------------------------------------
    step = 'subject request';
    await page.getByTestId('dpo-tab-subject').click();
    await page.getByTestId('subject-new').click();
    await page.getByTestId('subject-person').fill(person.id);
    await page.getByTestId('subject-kind').selectOption('access');
    await page.getByTestId('subject-method').selectOption('in_person_document');
    expect(await page.getByTestId('subject-in-person').isChecked()).toBe(true);
    await page.getByTestId('subject-verification-note').fill('Passport seen at the field office');
    await checkAxe(page, 'subject request form');
    await page.getByTestId('subject-submit').click();
    const detail = page.getByTestId('subject-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('subject-status').getAttribute('data-status')).toBe('received');
    await expect.poll(() => page.getByTestId('subject-row').count()).toBe(1);
    const requestId = (await page.getByTestId('subject-row').getAttribute('data-id'))!;
    // The officer cannot produce the export: a link for a protection officer instead.
    expect(await detail.getByTestId('access-link').innerText()).toContain(
      `/access-export/${requestId}`,
    );
    await page.getByTestId('subject-move-in_progress').click();
    await expect
      .poll(() => detail.getByTestId('subject-status').getAttribute('data-status'))
      .toBe('in_progress');
    expect(await page.getByTestId('subject-move-completed').isDisabled()).toBe(true);
    await checkAxe(page, 'subject request detail');
    await shot(page, 'dpo-02-subject-request');

    step = 'access export by a protection officer';
    const p1 = await suite.page(po1, { step: () => step });
    await p1.page.goto(`/access-export/${requestId}`);
    const file = await downloaded(p1.page, () => p1.page.getByTestId('access-export').click());
    const answer = JSON.parse(file.text);
    expect(answer.personId).toBe(person.id);
    expect(answer.withheld).toEqual([]); // asked in person: nothing held back
    await p1.page.getByTestId('access-export-done').waitFor();
    await checkAxe(p1.page, 'access export');

    step = 'complete the request';
    await page.reload();
    await page.getByTestId('subject-open').click();
    await page.getByTestId('subject-move-text').fill('Export handed over in person');
    await page.getByTestId('subject-move-completed').click();
    await expect
      .poll(() => page.getByTestId('subject-row').getAttribute('data-status'))
      .toBe('completed');
    const done = await dpo.expect(
      200,
      'GET',
      `/api/v1/data-protection/subject-requests/${requestId}`,
    );
    expect(done).toMatchObject({
      status: 'completed',
      outcomeNote: 'Export handed over in person',
    });
    expect(done.exportedAt).not.toBeNull();

    // --- retention ------------------------------------------------------------------------------
    step = 'retention preview';
    await page.getByTestId('dpo-tab-retention').click();
    await expect.poll(() => page.getByTestId('retention-row').count()).toBe(8);
    await page.getByTestId('retention-preview').click();
    const sessions = page.locator(
      '[data-testid="retention-row"][data-category="expired_sessions"]',
    );
    await expect.poll(() => sessions.getByTestId('retention-would-delete').innerText()).toBe('0');
    const departed = page.locator(
      '[data-testid="retention-row"][data-category="departed_persons"]',
    );
    expect(await departed.getByTestId('retention-would-delete').innerText()).toBe('Off');
    await checkAxe(page, 'retention');

    step = 'retention run';
    await page.getByTestId('retention-run').click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByTestId('retention-run-confirm').isDisabled()).toBe(true);
    await page.getByTestId('retention-understood').check();
    await checkAxe(page, 'retention confirmation');
    await page.getByTestId('retention-run-confirm').click();
    await page.getByTestId('retention-done').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);
    await shot(page, 'dpo-03-retention');

    // --- a legal hold ---------------------------------------------------------------------------
    step = 'legal hold';
    await page.getByTestId('dpo-tab-holds').click();
    await page.getByTestId('hold-person-id').fill(person.id);
    await page.getByTestId('hold-reason').fill('Pending court case on the residence permit');
    await page.getByTestId('hold-submit').click();
    const hold = page.getByTestId('hold-row');
    await expect.poll(() => hold.count()).toBe(1);
    expect(await hold.getByTestId('hold-person').getAttribute('data-id')).toBe(person.id);
    expect(await hold.getAttribute('data-active')).toBe('true');
    await checkAxe(page, 'legal holds');
    await shot(page, 'dpo-04-legal-holds');

    step = 'break-glass accesses';
    await page.getByTestId('dpo-tab-breakGlass').click();
    await page.getByTestId('break-glass-table').waitFor();
    await checkAxe(page, 'break-glass accesses');

    // --- consent on the person profile -----------------------------------------------------------
    step = 'consent';
    await p1.page.goto(`/persons/${person.id}`);
    await p1.page.getByTestId('tab-consent').click();
    await p1.page.getByTestId('consent-new').click();
    await p1.page.getByTestId('consent-purpose').selectOption('referral');
    await p1.page.getByTestId('consent-category-identity').check();
    await p1.page.getByTestId('consent-category-contact').check();
    await p1.page.getByTestId('consent-decision').selectOption('given');
    await p1.page.getByTestId('consent-method').selectOption('written');
    await p1.page.getByTestId('consent-evidence').fill('Signed form R-17');
    await checkAxe(p1.page, 'consent form');
    await p1.page.getByTestId('consent-submit').click();
    await expect.poll(() => p1.page.getByTestId('consent-history-row').count()).toBe(1);
    const current = p1.page.getByTestId('consent-current-row');
    expect(await current.count()).toBe(2);
    expect(await current.first().getAttribute('data-decision')).toBe('given');
    const state = await po1.expect(200, 'GET', `/api/v1/persons/${person.id}/consents`);
    expect(state.history[0]).toMatchObject({
      purpose: 'referral',
      categories: ['identity', 'contact'],
      decision: 'given',
      evidence: 'Signed form R-17',
    });
    await checkAxe(p1.page, 'consent tab');
    await shot(p1.page, 'dpo-05-consent');

    // --- two approvers for a host authority --------------------------------------------------------
    step = 'transfer request';
    const request = await po1.expect(201, 'POST', '/api/v1/transfer-requests', {
      personIds: [person.id],
      fields: ['externalId', 'givenName', 'familyName'],
      recipient: AUTHORITY,
      recipientType: 'host_authority',
      purpose: 'status determination file',
      legalBasis: 'legal_obligation',
    });
    expect(request.status).toBe('pending');
    await page.getByTestId('dpo-tab-requests').click();
    const row = page.locator(`[data-testid="request-row"][data-id="${request.id}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('pending');
    await page.getByTestId('request-note').fill('Legal basis checked');
    await page.getByTestId('request-approve').click();
    await expect.poll(() => row.getByTestId('request-approvals').innerText()).toBe('1 of 2');
    expect(await row.getAttribute('data-status')).toBe('pending');
    expect(await page.getByTestId('request-approve').count()).toBe(0);
    await checkAxe(page, 'transfer requests');
    await shot(page, 'dpo-06-transfer-requests');

    step = 'second approver';
    const p2 = await suite.page(po2, { step: () => step });
    await p2.page.goto('/');
    await p2.page.getByTestId('nav-transfer-requests').click();
    await p2.page.waitForURL('**/transfer-requests');
    const row2 = p2.page.locator(`[data-testid="request-row"][data-id="${request.id}"]`);
    await expect.poll(() => row2.getAttribute('data-status')).toBe('pending');
    await p2.page.getByTestId('request-approve').click();
    await expect.poll(() => row2.getAttribute('data-status')).toBe('approved');
    // Only the requester downloads.
    expect(await p2.page.getByTestId('request-download').count()).toBe(0);

    step = 'requester downloads';
    await p1.page.goto('/transfer-requests');
    const row1 = p1.page.locator(`[data-testid="request-row"][data-id="${request.id}"]`);
    await expect.poll(() => row1.getAttribute('data-status')).toBe('approved');
    // The requester is an approver too, but never of their own request.
    expect(await p1.page.getByTestId('request-approve').count()).toBe(0);
    await checkAxe(p1.page, 'transfer request ready to download');
    const sent = await downloaded(p1.page, () => p1.page.getByTestId('request-download').click());
    expect(sent.name).toBe('transfer.csv');
    expect(sent.text).toContain('Karimi');
    await expect.poll(() => row1.getAttribute('data-status')).toBe('downloaded');
    const log = await dpo.expect(200, 'GET', '/api/v1/data-protection/transfers?kind=export');
    expect(log.items.map((t: { recipient: string }) => t.recipient).sort()).toEqual(
      [AUTHORITY, PARTNER].sort(),
    );

    for (const p of suite.pages) expect(p.errors, p.errors.join('\n')).toEqual([]);
  });
});

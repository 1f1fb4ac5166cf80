// End-to-end: a registration clerk imports persons from a CSV file in the browser. The dry run
// shows the one bad row by row and column and nothing is written; the clerk fixes the file,
// checks it again and imports it, following the job to the end; the persons are in the registry.
// The clerk edits a name (a concurrent change first gives "someone changed this record"), and
// exports the registry as CSV with a purpose and a recipient. Real server, fresh embedded
// database, Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAxe, setupAdministrator, shot, signInApi, browserSuite } from './helpers.ts';

const EN = JSON.parse(
  fs.readFileSync(path.resolve('web/src/locales/registry/en.json'), 'utf8'),
).registry;

const ADMIN = {
  email: 'admin@example.org',
  displayName: 'Ada Admin',
  password: 'correct horse battery staple 1',
};
const CLERK = {
  email: 'clerk@relief.example.org',
  displayName: 'Clara Clerk',
  password: 'maple harbour lantern 4',
};

const HEADER = 'ID,Given name,Family name,Sex,Date of birth,Nationality';
const ROWS = [
  'IMP-1,Amina,Haddad,F,1985-03-02,SYR',
  'IMP-2,Omar,Haddad,M,1983-07-19,SYR',
  'IMP-3,Reza,Karimi,M,1990-01-01,AFG',
];
/** Row 3 of the file (the second person) has a date of birth that does not exist. */
const BAD_ROWS = ROWS.map((row, i) => (i === 1 ? 'IMP-2,Omar,Haddad,M,1983-13-40,SYR' : row));

/** The export's columns for a user with persons.write (src/modules/transfer/export-fields.ts). */
const EXPORT_HEADER = [
  'asylonId',
  'externalId',
  'givenName',
  'familyName',
  'middleName',
  'nativeGivenName',
  'nativeFamilyName',
  'nativeScript',
  'sex',
  'birthDate',
  'birthYear',
  'birthYearEstimated',
  'nationality',
  'languages',
  'specificNeeds',
  'phone',
  'householdExternalId',
  'relationship',
  'legalStatus',
  'legalStatusGrantedBy',
  'legalStatusFrom',
  'legalStatusTo',
  'sensitivity',
  'registeredOn',
];

let step = 'start';

/** Chromium logs 4xx responses as console errors: the 400 and 412 here are what the test expects. */
const unexpected = (errors: string[]) =>
  errors.filter(
    (e) => !/Failed to load resource: the server responded with a status of 4(00|09|12)/.test(e),
  );

function writeCsv(dir: string, name: string, rows: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [HEADER, ...rows].join('\n') + '\n');
  return file;
}

describe('import, edit and export of persons in the browser', () => {
  const suite = browserSuite('registry-import');

  it('imports a checked file, edits a person with If-Match, exports CSV', async () => {
    step = 'seed';
    const base = suite.server.baseUrl;
    const admin = await setupAdministrator(suite.server, ADMIN);
    const agency = await admin.expect(201, 'POST', '/api/v1/agencies', { name: 'Relief Agency' });
    await admin.expect(201, 'POST', '/api/v1/users', {
      ...CLERK,
      roles: ['registration_clerk'],
      agencyId: agency.id,
    });
    const clerk = await signInApi(base, CLERK.email, CLERK.password);
    const user = await suite.page(clerk, { step: () => step });
    const { page } = user;

    // --- the wizard, from the persons list --------------------------------------------------
    step = 'open import';
    await page.goto('/persons');
    await page.getByTestId('person-import').click();
    await page.waitForURL('**/persons/import');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe(EN.import.title);

    step = 'dry run with a bad row';
    await page
      .locator('input[type="file"]')
      .setInputFiles(writeCsv(suite.dataDir, 'persons-bad.csv', BAD_ROWS));
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-invalid').waitFor();
    // The automatic mapping, one select per column.
    expect(await page.getByTestId('import-mapping-row').count()).toBe(6);
    expect(await page.getByTestId('import-map-A').inputValue()).toBe('externalId');
    expect(await page.getByTestId('import-map-E').inputValue()).toBe('birthDate');
    // The problem names the spreadsheet row (header is row 1) and the column.
    const problems = page.getByTestId('import-problem');
    expect(await problems.count()).toBe(1);
    expect(await page.getByTestId('import-problem-row').first().textContent()).toBe('3');
    const column = await page.getByTestId('import-problem-column').first().textContent();
    expect(column).toContain('E');
    expect(column).toContain('Date of birth');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await checkAxe(page, 'import wizard with problems');
    await shot(page, 'registry-import-problems');
    // The dry run wrote nothing.
    const none = await clerk.expect(200, 'GET', '/api/v1/persons/search?q=Haddad');
    expect(none.items).toHaveLength(0);

    step = 'change the mapping';
    // Leaving a column out makes the last check stale: the import waits for a new check.
    await page.getByTestId('import-map-F').selectOption('');
    await page.getByTestId('import-stale').waitFor();
    await page.getByTestId('import-map-F').selectOption('nationality');

    step = 'dry run of the fixed file';
    await page
      .locator('input[type="file"]')
      .setInputFiles(writeCsv(suite.dataDir, 'persons.csv', ROWS));
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-valid').waitFor();
    expect(await page.getByTestId('import-problem').count()).toBe(0);
    expect(
      await page
        .getByTestId('import-plan')
        .getByTestId('import-count-personsCreated')
        .textContent(),
    ).toBe('Persons created: 3');

    step = 'commit';
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(
      await page
        .getByTestId('import-counts')
        .getByTestId('import-count-personsCreated')
        .textContent(),
    ).toBe('Persons created: 3');
    await shot(page, 'registry-import-done');

    step = 'persons in the list';
    await page.getByTestId('import-to-persons').click();
    await page.waitForURL('**/persons');
    await page.getByTestId('person-search').fill('Haddad');
    await expect.poll(() => page.getByTestId('person-row').count()).toBe(2);
    await page.getByTestId('person-search').fill('Karimi');
    await expect.poll(() => page.getByTestId('person-row').count()).toBe(1);
    await page.getByTestId('person-search').fill('Amina');
    // The list keeps the previous results while the next search runs: wait for Amina's row.
    await expect
      .poll(() => page.getByTestId('person-row').allTextContents())
      .toEqual([expect.stringContaining('Amina Haddad')]);

    // --- edit, with a concurrent change in between -------------------------------------------
    step = 'edit';
    await page.getByTestId('person-row').getByRole('link').click();
    await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
    const personId = page.url().split('/').pop()!;
    await page.getByTestId('person-header').waitFor();
    await page.getByTestId('person-edit').click();
    await page.getByTestId('edit-given').fill('Aminah');
    await checkAxe(page, 'person edit form');

    // Someone else saves the record meanwhile: the form's ETag is now stale.
    const current = await clerk.call('GET', `/api/v1/persons/${personId}`);
    expect(current.status).toBe(200);
    const other = await clerk.call(
      'PATCH',
      `/api/v1/persons/${personId}`,
      { languages: ['ar'] },
      { 'if-match': current.etag! },
    );
    expect(other.status, JSON.stringify(other.json)).toBe(200);

    step = 'edit conflict';
    await page.getByTestId('person-edit-save').click();
    await page.getByTestId('person-edit-conflict').waitFor();
    expect(await page.getByTestId('person-edit-conflict').textContent()).toContain(
      EN.edit.conflict,
    );
    await shot(page, 'registry-edit-conflict');
    await page.getByTestId('person-edit-reload').click();
    await page.getByTestId('person-edit-conflict').waitFor({ state: 'detached' });
    // The reloaded form shows the other change, and the name as it is now.
    expect(await page.getByTestId('edit-given').inputValue()).toBe('Amina');
    expect(await page.getByTestId('edit-languages').inputValue()).toBe('');
    expect(await page.getByTestId('edit-languages').locator('..').textContent()).toContain('ar');

    step = 'edit saved';
    await page.getByTestId('edit-given').fill('Aminah');
    await page.getByTestId('person-edit-save').click();
    await page.getByTestId('person-edit-form').waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('person-header').getByRole('heading').textContent())
      .toBe('Aminah Haddad');
    const saved = await clerk.expect(200, 'GET', `/api/v1/persons/${personId}`);
    expect(saved.names[0].given).toBe('Aminah');
    expect(saved.languages).toEqual(['ar']);
    expect(saved.version).toBe(current.json.version + 2);

    // --- export -------------------------------------------------------------------------------
    step = 'export without a purpose';
    await page.goto('/persons');
    await page.getByTestId('person-export').click();
    await page.getByTestId('export-recipient').fill('Partner NGO');
    await page.getByTestId('export-submit').click();
    await expect
      .poll(() => page.getByTestId('export-purpose').getAttribute('aria-invalid'))
      .toBe('true');
    expect(await page.getByTestId('export-recipient').getAttribute('aria-invalid')).not.toBe(
      'true',
    );
    await checkAxe(page, 'export dialog');

    step = 'export';
    await page.getByTestId('export-purpose').fill('Monthly food distribution planning');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-submit').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('persons.csv');
    const text = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/).filter(Boolean);
    expect(lines[0]).toBe(EXPORT_HEADER.join(','));
    expect(lines).toHaveLength(4);
    expect(text).toContain('Aminah');
    expect(text).not.toContain('Amina,');
    await page.getByTestId('export-done').waitFor();

    step = 'export that needs consent: refused, then overridden with a reason';
    await page.getByTestId('export-consent-purpose').selectOption('data_sharing_with_partners');
    await page.getByTestId('export-submit').click();
    await page.getByTestId('export-consent-override').waitFor();
    expect(await page.getByTestId('export-consent-purpose').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await checkAxe(page, 'export dialog asking for a consent override');
    await page.getByTestId('export-consent-override').fill('Urgent relocation, consent pending');
    const overridden = page.waitForEvent('download');
    await page.getByTestId('export-submit').click();
    expect((await overridden).suggestedFilename()).toBe('persons.csv');

    expect(unexpected(user.errors), user.errors.join('\n')).toEqual([]);
  });
});

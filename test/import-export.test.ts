import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTokenForEmail } from '../src/modules/tokens/service.ts';
import { inTransaction, type Tx } from '../src/platform/db/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { openTable, writeTable, type WriteColumn } from '../src/platform/tabular/index.ts';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';
import { onPostgres } from './helpers/db.ts';

// Imports (dry run, all-or-nothing commit, idempotent re-runs, CSV/XLSX/HXL/Kobo) and exports
// (only visible records and permitted columns, formulas neutralised, a transfer record).

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let clerk: Session;
let caseworker: Session;
let protection: Session;
let programme: Session;
let dir: string;

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Agency A' });
  caseworker = await signedIn(t, ['caseworker'], { agency: 'Agency B' });
  protection = await signedIn(t, ['protection_officer'], { agency: 'Agency C' });
  programme = await signedIn(t, ['programme_officer'], { agency: 'Agency A' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-import-test-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const asSystem = <T>(work: (trx: Tx) => Promise<T>) =>
  inTransaction(t.platform.db, { operationId: t.operationId, userId: null }, work);

async function countPersons(prefix: string): Promise<number> {
  const { rows } = await asSystem((trx) =>
    sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM persons WHERE external_id LIKE ${prefix + '%'}`.execute(trx),
  );
  return rows[0]!.n;
}

/** A file written with the tabular writer: headers (and HXL tags) and rows of text. */
async function file(
  name: string,
  format: 'csv' | 'xlsx' | 'hxl-csv',
  columns: (string | WriteColumn)[],
  rows: string[][],
): Promise<string> {
  const cols = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
  const target = path.join(dir, name);
  await writeTable(
    target,
    { format, columns: cols },
    rows.map((r) => Object.fromEntries(cols.map((c, i) => [c.header, r[i] ?? '']))),
  );
  return target;
}

/** Uploads a file as a browser does (base64 JSON under the session cookie). */
function upload(s: Session, url: string, filePath: string, mapping?: Record<string, unknown>) {
  const q = new URLSearchParams({ fileName: path.basename(filePath) });
  if (mapping) q.set('mapping', JSON.stringify(mapping));
  return s.as('POST', `${url}?${q.toString()}`, {
    content: fs.readFileSync(filePath).toString('base64'),
  });
}

interface ImportReport {
  valid: boolean;
  problems: {
    row: number | null;
    column: { letter: string; header: string } | null;
    field: string;
    message: string;
  }[];
  problemCount: number;
  summary: Record<string, number>;
  mapping: { fields: Record<string, { header: string; by: string }> };
  previousImportAt: string | null;
}

async function dryRun(s: Session, filePath: string, mapping?: Record<string, unknown>) {
  const res = await upload(s, '/api/v1/imports/dry-run', filePath, mapping);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportReport;
}

/** Commits through the job API and waits for the job; returns its result. */
async function commit(s: Session, filePath: string, mapping?: Record<string, unknown>) {
  const res = await upload(s, '/api/v1/imports', filePath, mapping);
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as string;
  for (let i = 0; i < 600; i++) {
    const job = (await s.as('GET', `/api/v1/jobs/${id}`)).json();
    if (job.status === 'done')
      return job.result as ImportReport & { committed: boolean; batchId: string };
    if (job.status === 'failed') throw new Error(`import job failed: ${job.error}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('import job did not finish');
}

const HEADERS = [
  'ID',
  'Given name',
  'Family name',
  'Sex',
  'Date of birth',
  'Nationality',
  'Household',
  'Relationship',
  'Legal status',
  'Status granted by',
  'Status from',
  'Phone',
];

const GOOD = [
  [
    'G-1',
    'Amina',
    'Haddad',
    'female',
    '1985-03-02',
    'SYR',
    'GH-1',
    'head',
    'asylum_seeker',
    'host-state',
    '2024-01-10',
    '+30 691 000 0001',
  ],
  ['G-2', 'Omar', 'Haddad', 'M', '1983-07-19', 'SYR', 'GH-1', 'husband', '', '', '', ''],
  ['G-3', 'Lina', 'Haddad', 'F', '2015-11-30', 'SYR', 'GH-1', 'daughter', '', '', '', ''],
  [
    'G-4',
    'Reza',
    'Karimi',
    'M',
    '1990-01-01',
    'AFG; IRN',
    'GH-2',
    'focal_point',
    'refugee_recognised',
    'UNHCR',
    '2023-05-05',
    '',
  ],
  ['G-5', 'Zahra', 'Karimi', 'ذكر', '', '', 'GH-2', 'child', '', '', '', ''],
  [
    'G-6',
    'Yonas',
    'Tesfaye',
    'M',
    '1979-09-09',
    'ERI',
    '',
    '',
    'refugee_mandate',
    'unhcr',
    '2022-02-02',
    '',
  ],
];

describe('import: dry run', () => {
  it('lists every problem by row and column, and writes nothing', async () => {
    const bad = await file(
      'bad.csv',
      'csv',
      [...HEADERS, 'Sensitivity'],
      [
        ['B-1', 'Amina', 'Haddad', 'F', '1985-03-02', 'SYR', 'BH-1', 'head', '', '', '', '', ''],
        [
          'B-2',
          'Omar',
          'Haddad',
          'M',
          '1988-13-40',
          'SYR',
          'BH-1',
          'focal point',
          '',
          '',
          '',
          '',
          '',
        ],
        ['', 'Sara', 'Haddad', 'F', '2001-01-01', 'SYR', '', '', '', '', '', '', ''],
        ['B-4', 'Lina', 'Ali', 'wombat', '2001-01-01', '', '', '', '', '', '', '', ''],
        ['B-5', 'Ali', '', 'M', '', 'SY', '', '', '', '', '', '', ''],
        ['B-6', 'Hana', 'Saleh', 'F', '', '', '', '', '', '', '', '', 'restricted'],
        ['B-1', 'Amina', 'Haddad', 'F', '1985-03-02', 'SYR', '', '', '', '', '', '', ''],
        ['B-8', 'Karim', 'Saleh', 'M', '', '', 'BH-2', 'son', '', '', '', '', ''],
        ['B-9', 'Nour', 'Saleh', 'F', '', '', '', '', 'refugee', '', '2020-01-01', '', ''],
        ['B-10', '', '', 'F', '', '', '', '', '', '', '', '', ''],
      ],
    );
    const report = await dryRun(clerk, bad);
    expect(report.valid).toBe(false);
    const found = report.problems.map(
      (p) => `${p.row} ${p.column?.letter ?? '-'} ${p.field}: ${p.message}`,
    );
    expect(found).toEqual([
      '2 H relationship: the household of this row has 2 focal points: exactly one member may be focal_point',
      '3 E birthDate: must be a date written YYYY-MM-DD',
      '3 H relationship: the household of this row has 2 focal points: exactly one member may be focal_point',
      '4 A externalId: is required: it lets a second run update the record instead of adding it',
      '5 D sex: is not one we recognise: write F, M, X or unknown (or female, male…)',
      '6 F nationality: must be an ISO 3166-1 alpha-3 code or "stateless"',
      '7 M sensitivity: an import cannot restrict a record: restrict it in the record itself',
      '8 A externalId: appears twice: row 2 has the same external id',
      '9 H relationship: the household of this row has no focal point: give exactly one member the relationship focal_point',
      expect.stringMatching(
        /^10 I legalStatus: must be one of: refugee_recognised, .*starting with x_$/,
      ),
      '10 J legalStatusGrantedBy: is required',
      '11 B givenName: a given or a family name is required',
    ]);
    expect(report.problemCount).toBe(12);
    expect(report.problems[1]!.column).toEqual({ header: 'Date of birth', letter: 'E' });
    // No cell value in any message (values can be personal data).
    expect(JSON.stringify(report.problems)).not.toMatch(/Omar|wombat|1988-13-40|\bSY\b/);
    expect(await countPersons('B-')).toBe(0);
  });

  it('says which column feeds which field, and refuses a mapping to a missing column', async () => {
    const good = await file('mapping.csv', 'csv', HEADERS, GOOD.slice(0, 1));
    const report = await dryRun(clerk, good);
    expect(report.mapping.fields.givenName).toMatchObject({ header: 'Given name', by: 'header' });
    expect(report.mapping.fields.birthDate).toMatchObject({ header: 'Date of birth' });
    const wrong = await dryRun(clerk, good, { givenName: 'Prénom' });
    expect(wrong.problems).toEqual([
      {
        row: null,
        column: null,
        field: 'givenName',
        message: 'there is no column "Prénom" in the file',
      },
    ]);
    const bad = await upload(clerk, '/api/v1/imports/dry-run', good, { nickname: 'Given name' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^query\.mapping/);
  });
});

describe('import: commit', () => {
  let goodFile: string;

  it('creates persons, households and legal statuses in one go', async () => {
    goodFile = await file('good.csv', 'csv', HEADERS, GOOD);
    const check = await dryRun(clerk, goodFile);
    expect(check.problems).toEqual([]);
    expect(check.summary).toMatchObject({
      rows: 6,
      personsCreated: 6,
      householdsCreated: 2,
      membersAdded: 5,
      statusesAdded: 3,
    });
    expect(await countPersons('G-')).toBe(0);

    const result = await commit(clerk, goodFile);
    expect(result.committed).toBe(true);
    expect(result.summary).toEqual({
      rows: 6,
      personsCreated: 6,
      personsUpdated: 0,
      personsUnchanged: 0,
      householdsCreated: 2,
      membersAdded: 5,
      statusesAdded: 3,
    });
    const persons = await asSystem(
      async (trx) =>
        (
          await sql<{
            external_id: string;
            sex: string;
            nationalities: string[];
            import_batch_id: string;
            contact: unknown;
            birth_year: number | null;
          }>`
          SELECT external_id, sex, nationalities, import_batch_id, contact, birth_year FROM persons
          WHERE external_id LIKE 'G-%' ORDER BY external_id`.execute(trx)
        ).rows,
    );
    expect(persons.map((p) => p.sex)).toEqual(['F', 'M', 'F', 'M', 'M', 'M']);
    expect(persons[3]!.nationalities).toEqual(['AFG', 'IRN']);
    expect(persons[0]!.contact).toEqual({ phone: '+30 691 000 0001' });
    expect(persons[0]!.birth_year).toBe(1985);
    expect(new Set(persons.map((p) => p.import_batch_id))).toEqual(new Set([result.batchId]));
    const households = await asSystem(
      async (trx) =>
        (
          await sql<{ hh: string; ext: string; relationship: string }>`
          SELECT h.external_id AS hh, p.external_id AS ext, m.relationship FROM household_members m
          JOIN households h ON h.id = m.household_id JOIN persons p ON p.id = m.person_id
          WHERE p.external_id LIKE 'G-%' ORDER BY p.external_id`.execute(trx)
        ).rows,
    );
    expect(households).toEqual([
      { hh: 'GH-1', ext: 'G-1', relationship: 'focal_point' },
      { hh: 'GH-1', ext: 'G-2', relationship: 'spouse' },
      { hh: 'GH-1', ext: 'G-3', relationship: 'child' },
      { hh: 'GH-2', ext: 'G-4', relationship: 'focal_point' },
      { hh: 'GH-2', ext: 'G-5', relationship: 'child' },
    ]);
    const [batch] = await asSystem(
      async (trx) =>
        (
          await sql<
            Record<string, unknown>
          >`SELECT * FROM import_batches WHERE id = ${result.batchId}`.execute(trx)
        ).rows,
    );
    expect(batch).toMatchObject({
      file_name: 'good.csv',
      format: 'csv',
      rows_total: 6,
      persons_created: 6,
      households_created: 2,
      statuses_added: 3,
    });
    expect(batch!.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    const events = await asSystem(
      async (trx) =>
        (
          await sql<{ details: Record<string, unknown> }>`
          SELECT details FROM audit_events WHERE action = 'persons.imported' AND entity_id = ${result.batchId}`.execute(
            trx,
          )
        ).rows,
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ personsCreated: 6, rows: 6 });
    expect(JSON.stringify(events[0])).not.toMatch(/Amina|Haddad|good\.csv/);
  });

  it('is idempotent: the same file again creates nothing, a changed row updates one person', async () => {
    const again = await dryRun(clerk, goodFile);
    expect(again.previousImportAt).not.toBeNull();
    expect(again.summary).toMatchObject({
      personsCreated: 0,
      personsUpdated: 0,
      personsUnchanged: 6,
      householdsCreated: 0,
      membersAdded: 0,
      statusesAdded: 0,
    });
    const result = await commit(clerk, goodFile);
    expect(result.summary).toMatchObject({
      personsCreated: 0,
      personsUpdated: 0,
      householdsCreated: 0,
      statusesAdded: 0,
    });
    expect(await countPersons('G-')).toBe(6);

    const changed = GOOD.map((r) => [...r]);
    changed[1]![4] = '1983-07-20';
    const result2 = await commit(clerk, await file('good-2.csv', 'csv', HEADERS, changed));
    expect(result2.summary).toMatchObject({
      personsCreated: 0,
      personsUpdated: 1,
      personsUnchanged: 5,
    });
    expect(await countPersons('G-')).toBe(6);
  });

  it('commits nothing when one row is bad', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => [
      `ONE-${i}`,
      `Name${i}`,
      'Family',
      i % 2 ? 'F' : 'M',
      '1990-01-01',
      'SYR',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    rows[1400]![4] = '1990-02-31';
    const result = await commit(clerk, await file('one-bad.csv', 'csv', HEADERS, rows));
    expect(result.committed).toBe(false);
    expect(result.problems).toEqual([
      {
        row: 1402,
        column: { header: 'Date of birth', letter: 'E' },
        field: 'birthDate',
        message: 'must be a date written YYYY-MM-DD',
      },
    ]);
    expect(await countPersons('ONE-')).toBe(0);
  });

  it('refuses an external id held by a record the importer may not see, and writes nothing', async () => {
    const hidden = await caseworker.as('POST', '/api/v1/persons', {
      names: [{ given: 'Hidden', family: 'Person' }],
      sex: 'F',
      sensitivity: 'sensitive',
      externalId: 'SEC-1',
    });
    expect(hidden.statusCode).toBe(201);
    const f = await file(
      'clash.csv',
      'csv',
      ['ID', 'Given name', 'Sex'],
      [
        ['SEC-0', 'New', 'M'],
        ['SEC-1', 'Other', 'F'],
      ],
    );
    const report = await dryRun(clerk, f);
    expect(report.problems).toEqual([
      {
        row: 3,
        column: { header: 'ID', letter: 'A' },
        field: 'externalId',
        message:
          'is already used by a record you cannot update: refer to the protection focal point',
      },
    ]);
    expect((await commit(clerk, f)).committed).toBe(false);
    expect(await countPersons('SEC-0')).toBe(0);
  });

  it('accepts the raw file from a script with a personal API token', async () => {
    const token = await createApiTokenForEmail(t.platform, clerk.user.email, 1, 'test');
    const f = await file(
      'raw.csv',
      'csv',
      ['person_id', 'first_name', 'last_name', 'gender'],
      [['RAW-1', 'Sami', 'Nasser', 'male']],
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/dry-run?fileName=raw.csv',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
      payload: fs.readFileSync(f),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().summary.personsCreated).toBe(1);
    // A browser session may not send a raw body (CSRF: state changes are JSON).
    const csrf = await clerk.as('POST', '/api/v1/imports/dry-run', undefined, {
      'content-type': 'text/csv',
    });
    expect(csrf.statusCode).toBe(403);
  });
});

describe('import: other formats', () => {
  it('reads an XLSX workbook', async () => {
    const f = await file(
      'people.xlsx',
      'xlsx',
      ['Registration ID', 'First name', 'Surname', 'Gender', 'DOB', 'Languages'],
      [
        ['X-1', 'Dilan', 'Baran', 'Female', '1999-04-04', 'ku ar'],
        ['X-2', 'Rojin', 'Baran', 'F', '2001-05-05', 'ku'],
      ],
    );
    const result = await commit(clerk, f);
    expect(result.problems).toEqual([]);
    expect(result.summary.personsCreated).toBe(2);
    const [p] = await asSystem(
      async (trx) =>
        (
          await sql<{
            languages: string[];
            birth_date: string;
          }>`SELECT languages, birth_date FROM persons WHERE external_id = 'X-1'`.execute(trx)
        ).rows,
    );
    expect(p).toEqual({ languages: ['ku', 'ar'], birth_date: '1999-04-04' });
  });

  it('reads an HXL-tagged CSV by its hashtags, whatever the headers say', async () => {
    const f = await file(
      'hxl.csv',
      'hxl-csv',
      [
        { header: 'Col 1', hxl: '#beneficiary +id' },
        { header: 'Col 2', hxl: '#beneficiary +name +given' },
        { header: 'Col 3', hxl: '#beneficiary +name +family' },
        { header: 'Col 4', hxl: '#x_sex' },
        { header: 'Col 5', hxl: '#date +birth +year' },
        { header: 'Col 6', hxl: '#country +code +nationality' },
        { header: 'Col 7', hxl: '#beneficiary +name +given +native' },
      ],
      [['H-1', 'Mohammad', 'Hosseini', 'm', '1970', 'AFG', 'محمد']],
    );
    const report = await dryRun(clerk, f);
    expect(report.problems).toEqual([]);
    expect(report.mapping.fields.birthYear).toMatchObject({ header: 'Col 5', by: 'hxl' });
    expect(report.mapping.fields.nativeGivenName).toMatchObject({ header: 'Col 7', by: 'hxl' });
    expect((await commit(clerk, f)).summary.personsCreated).toBe(1);
    const [p] = await asSystem(
      async (trx) =>
        (
          await sql<{
            names: unknown;
            birth_year: number;
          }>`SELECT names, birth_year FROM persons WHERE external_id = 'H-1'`.execute(trx)
        ).rows,
    );
    expect(p!.birth_year).toBe(1970);
    expect(p!.names).toEqual([
      { given: 'Mohammad', family: 'Hosseini', script: 'Latn', use: 'primary' },
      { given: 'محمد', script: 'Arab', use: 'original' },
    ]);
  });

  it('reads a KoboToolbox export: questions by name, system columns skipped, _uuid as the id', async () => {
    const f = await file(
      'kobo.csv',
      'csv',
      [
        'start',
        'household/head/given_name',
        'household/head/family_name',
        'household/head/sex',
        'household/head/needs',
        'household/head/needs/SM',
        'household/head/needs/DS',
        '_id',
        '_uuid',
        '_submission_time',
      ],
      [
        [
          '2024-01-01',
          'Faduma',
          'Warsame',
          'female',
          'SM DS',
          '1',
          '1',
          '17',
          'k-uuid-1',
          '2024-01-01T10:00:00',
        ],
      ],
    );
    const report = await dryRun(clerk, f, { specificNeeds: 'household/head/needs' });
    expect(report.problems).toEqual([]);
    expect(report.mapping.fields.externalId).toMatchObject({ header: '_uuid' });
    expect(report.mapping.fields.givenName).toMatchObject({ header: 'household/head/given_name' });
    expect(
      (await commit(clerk, f, { specificNeeds: 'household/head/needs' })).summary.personsCreated,
    ).toBe(1);
    const [p] = await asSystem(
      async (trx) =>
        (
          await sql<{
            specific_needs: unknown;
            sex: string;
          }>`SELECT specific_needs, sex FROM persons WHERE external_id = 'k-uuid-1'`.execute(trx)
        ).rows,
    );
    expect(p).toEqual({ specific_needs: [{ code: 'SM' }, { code: 'DS' }], sex: 'F' });
  });
});

describe('export', () => {
  const exportUrl = (q: Record<string, string>) =>
    `/api/v1/exports/persons?${new URLSearchParams({ purpose: 'food distribution list', recipient: 'WFP field office', ...q }).toString()}`;

  async function rowsOf(body: Buffer, ext: string) {
    const target = path.join(dir, `export-${Math.random()}.${ext}`);
    fs.writeFileSync(target, body);
    const table = await openTable(target);
    const rows: Record<string, string>[] = [];
    for await (const r of table.rows) rows.push({ ...r.values });
    return { headers: table.headers, hxl: table.hxlTags, rows };
  }

  beforeAll(async () => {
    const reg = async (s: Session, body: Record<string, unknown>) => {
      const res = await s.as('POST', '/api/v1/persons', { sex: 'F', ...body });
      expect(res.statusCode, res.body).toBe(201);
    };
    await reg(clerk, {
      names: [{ given: '=HYPERLINK("http://x")', family: 'Formula' }],
      externalId: 'E-FORMULA',
      contact: { phone: '+30 1' },
    });
    await reg(caseworker, {
      names: [{ given: 'Sensitive', family: 'OfAgencyB' }],
      externalId: 'E-SENSITIVE',
      sensitivity: 'sensitive',
    });
    await reg(protection, {
      names: [{ given: 'Restricted', family: 'Person' }],
      externalId: 'E-RESTRICTED',
      sensitivity: 'restricted',
    });
  });

  it('takes only records the user may see, neutralises formulas and records the transfer', async () => {
    const res = await clerk.as('GET', exportUrl({ format: 'csv' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const { headers, rows } = await rowsOf(res.rawPayload, 'csv');
    expect(headers).toContain('phone');
    expect(headers).not.toContain('documents');
    const ids = rows.map((r) => r.externalId);
    expect(ids).toContain('E-FORMULA');
    expect(ids).toContain('G-1');
    expect(ids).not.toContain('E-SENSITIVE');
    expect(ids).not.toContain('E-RESTRICTED');
    expect(res.body).not.toMatch(/Restricted|OfAgencyB/);
    const formula = rows.find((r) => r.externalId === 'E-FORMULA')!;
    expect(formula.givenName).toBe(`'=HYPERLINK("http://x")`);
    expect(formula.phone).toBe(`'+30 1`);

    const transferId = res.headers['x-transfer-id'] as string;
    const [transfer] = await asSystem(
      async (trx) =>
        (
          await sql<
            Record<string, unknown>
          >`SELECT * FROM transfers WHERE id = ${transferId}`.execute(trx)
        ).rows,
    );
    expect(transfer).toMatchObject({
      kind: 'export',
      recipient: 'WFP field office',
      purpose: 'food distribution list',
      format: 'csv',
      record_count: rows.length,
      created_by: clerk.user.id,
    });
    expect(transfer!.fields).toContain('phone');
    const [event] = await asSystem(
      async (trx) =>
        (
          await sql<{
            details: Record<string, unknown>;
          }>`SELECT details FROM audit_events WHERE action = 'persons.exported' AND entity_id = ${transferId}`.execute(
            trx,
          )
        ).rows,
    );
    expect(event!.details).toMatchObject({ records: rows.length, format: 'csv' });
    expect(JSON.stringify(event)).not.toMatch(/WFP|food/);
  });

  it('never exports a restricted record, even to a user named on it', async () => {
    const res = await protection.as('GET', exportUrl({ fields: 'externalId,givenName' }));
    const { headers, rows } = await rowsOf(res.rawPayload, 'csv');
    expect(headers).toEqual(['externalId', 'givenName']);
    const ids = rows.map((r) => r.externalId);
    expect(ids).toContain('E-SENSITIVE'); // protection officers see sensitive records
    expect(ids).not.toContain('E-RESTRICTED');
  });

  it('leaves out columns the role may not take, and refuses them when asked by name', async () => {
    const res = await programme.as('GET', exportUrl({ format: 'hxl-csv' }));
    expect(res.statusCode).toBe(200);
    const { headers, hxl, rows } = await rowsOf(res.rawPayload, 'csv');
    expect(headers).not.toContain('phone');
    expect(hxl).toContain('#beneficiary+name+given');
    expect(res.body).not.toContain('+30 1');
    expect(rows.length).toBeGreaterThan(5);
    const asked = await programme.as('GET', exportUrl({ fields: 'externalId,phone' }));
    expect(asked.statusCode).toBe(403);
    expect(asked.json().errors).toEqual([
      { field: 'query.fields', message: 'not available to your role: phone' },
    ]);
  });

  it('writes XLSX, and an export imports back unchanged', async () => {
    const res = await clerk.as('GET', exportUrl({ format: 'xlsx' }));
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const target = path.join(dir, 'roundtrip.xlsx');
    fs.writeFileSync(target, res.rawPayload);
    const report = await dryRun(clerk, target);
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({
      personsCreated: 0,
      personsUpdated: 0,
      statusesAdded: 0,
    });
    expect(report.summary.personsUnchanged).toBe(report.summary.rows);
  });

  it('needs a purpose and a recipient', async () => {
    const res = await clerk.as('GET', '/api/v1/exports/persons?format=csv');
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['query.purpose', 'query.recipient']);
  });
});

describe.runIf(!onPostgres)('the import and export commands, and a killed import', () => {
  const BIN = path.resolve('bin/asylon.js');
  let dataDir: string;

  function asylon(args: string[], input = '') {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ASYLON_DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end(input);
    const done = new Promise<{
      code: number | null;
      signal: string | null;
      stdout: string;
      stderr: string;
    }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
    return { child, done, stdout: () => stdout };
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-import-cli-'));
    const created = await asylon(
      [
        'users',
        'create',
        '--email',
        'clerk@example.org',
        '--role',
        'registration_clerk',
        '--password-stdin',
      ],
      'a long enough passphrase 1\n',
    ).done;
    expect(created.code, created.stderr).toBe(0);
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('lists the problems by row and column and exits 65; imports and exports a good file', async () => {
    const bad = await file('cli-bad.csv', 'csv', HEADERS, [
      GOOD[0]!,
      ['C-2', 'Omar', 'Haddad', 'M', '1983-02-30', 'SYR', 'GH-1', 'spouse', '', '', '', ''],
    ]);
    const check = await asylon(['import', bad, '--as', 'clerk@example.org', '--dry-run']).done;
    expect(check.code).toBe(65);
    expect(check.stderr).toContain(
      'row 3, column E (Date of birth): birthDate: must be a date written YYYY-MM-DD',
    );
    expect(check.stderr).toContain('1 problems in 2 rows: nothing was imported.');
    const usage = await asylon(['import', bad]).done;
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain('--as EMAIL is required');

    const good = await asylon([
      'import',
      await file('cli-good.csv', 'csv', HEADERS, GOOD),
      '--as',
      'clerk@example.org',
    ]).done;
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(
      /Imported 6 rows in .* 6 persons created, 0 updated, 0 unchanged; 2 households/,
    );

    const out = path.join(dir, 'cli-export.xlsx');
    const noPurpose = await asylon([
      'export',
      '--as',
      'clerk@example.org',
      '--out',
      out,
      '--recipient',
      'UNHCR',
    ]).done;
    expect(noPurpose.code).toBe(64);
    expect(noPurpose.stderr).toContain('--purpose: is required');
    const exported = await asylon([
      'export',
      '--as',
      'clerk@example.org',
      '--out',
      out,
      '--purpose',
      'verification',
      '--recipient',
      'UNHCR',
    ]).done;
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(
      /^Exported 6 persons to .*cli-export\.xlsx \(xlsx\); transfer [0-9a-f-]{36} recorded\./,
    );
    const table = await openTable(out);
    expect(table.headers).toContain('phone');
    await table.close();
  });

  it('leaves no trace of an import killed halfway, and the database opens and verifies', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [
      `KILL-${i}`,
      `Given${i}`,
      'Family',
      i % 2 ? 'F' : 'M',
      '1990-01-01',
      'SYR',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    const big = await file('kill.csv', 'csv', HEADERS, rows);
    const run = asylon(['import', big, '--as', 'clerk@example.org']);
    // Non-interactive output prints a line every 10,000 rows: half the file is written by then.
    for (let i = 0; i < 1200 && !run.stdout().includes('10000 rows'); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(run.stdout()).toContain('10000 rows');
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout).not.toContain('Imported');

    const verify = await asylon(['audit', 'verify']).done;
    expect(verify.code, verify.stderr).toBe(0);
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const count = async (q: string) =>
        (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.raw(q)}`.execute(
            database.db,
          )
        ).rows[0]!.n;
      expect(await count(`persons WHERE external_id LIKE 'KILL-%'`)).toBe(0);
      expect(await count(`import_batches WHERE file_name = 'kill.csv'`)).toBe(0);
      expect(await count(`audit_events WHERE action = 'persons.imported'`)).toBe(1); // the good file's
    } finally {
      await database.close();
    }
    // The same file again, to the end.
    const again = await asylon(['import', big, '--as', 'clerk@example.org']).done;
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('20000 persons created');
  });
});

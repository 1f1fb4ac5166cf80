import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BARRIERS } from '../src/modules/rights/schema.ts';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';

// The test clock reads 2026-03-02.
let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let admin: Session;
let clerk: Session;
let officer: Session;
let hider: Session;
let analyst: Session;
let site = '';
let elsewhere = '';
/** Six recognised refugees living on the site, external ids IMP-1 … IMP-6. */
const residents: string[] = [];
/** Lives on the site, no legal status: not owed Art. 26 (lawful stay). */
let unowed = '';
/** Lives on another site. */
let outsider = '';
/** Restricted, named only on `hider`; lives on the site; external id SECRET-1. */
let restricted = '';

const HEADER = 'person,article,access,barriers,method,reliability,assessed_on,note';
const csvFile = (lines: string[], name = 'round.csv') => ({
  name,
  contentBase64: Buffer.from(lines.join('\r\n'), 'utf8').toString('base64'),
});
const importUrl = (siteId = site) => `/api/v1/sites/${siteId}/monitoring-rounds/import`;

async function person(
  by: Session,
  externalId: string | null,
  siteId: string,
  status: string | null,
  extra: Record<string, unknown> = {},
) {
  const res = await by.as('POST', '/api/v1/persons', {
    names: [{ given: 'Rana', family: 'Monitor' }],
    sex: 'F',
    birthYear: 1988,
    ...(externalId ? { externalId } : {}),
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  if (status)
    await by.as('POST', `/api/v1/persons/${id}/legal-statuses`, {
      status,
      grantedBy: 'host-state',
      from: '2015-01-01',
    });
  const moved = await by.as('POST', `/api/v1/persons/${id}/residences`, {
    siteId,
    from: '2020-01-01',
  });
  expect(moved.statusCode).toBe(201);
  return id;
}

async function assessmentsOf(id: string) {
  return (await officer.as('GET', `/api/v1/persons/${id}/rights-assessments`)).json().items as {
    round: string | null;
    article: string;
    access: string;
    barriers: string[];
    method: string;
    reliability: string;
    assessedOn: string;
    siteId: string | null;
    note: string | null;
  }[];
}

async function auditActions(): Promise<string[]> {
  const rows = await t.platform.database.withOwner((o) =>
    o.query<{ action: string }>(`SELECT action FROM audit_events ORDER BY seq`),
  );
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  admin = await signedIn(t, ['administrator']);
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Agency A' });
  officer = await signedIn(t, ['protection_officer'], { agency: 'Agency P' });
  hider = await signedIn(t, ['protection_officer'], { agency: 'Agency H' });
  analyst = await signedIn(t, ['analyst']);
  site = (await admin.as('POST', '/api/v1/sites', { name: 'Camp Import', type: 'camp' })).json().id;
  elsewhere = (await admin.as('POST', '/api/v1/sites', { name: 'Town', type: 'urban' })).json().id;
  for (let i = 1; i <= 6; i++)
    residents.push(await person(clerk, `IMP-${i}`, site, 'refugee_recognised'));
  unowed = await person(clerk, 'IMP-7', site, null);
  outsider = await person(clerk, 'IMP-8', elsewhere, 'refugee_recognised');
  restricted = await person(hider, 'SECRET-1', site, 'refugee_recognised', {
    sensitivity: 'restricted',
  });
});
afterAll(() => t.close());

describe('the XLSForm workbook', () => {
  it('has the survey, choices and settings sheets, and imports back through its own column names', async () => {
    const res = await officer.as('GET', '/api/v1/rights/monitoring-form.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['survey', 'choices', 'settings']);
    const rows = (name: string) => {
      const ws = book.getWorksheet(name)!;
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      const out: Record<string, string>[] = [];
      ws.eachRow((row, n) => {
        if (n === 1) return;
        const cells = (row.values as (string | number | undefined)[]).slice(1);
        out.push(Object.fromEntries(header.map((h, i) => [h, String(cells[i] ?? '')])));
      });
      return { header, out };
    };

    const survey = rows('survey');
    expect(survey.header).toEqual(
      expect.arrayContaining(['type', 'name', 'label::English (en)', 'label::العربية (ar)']),
    );
    expect(survey.out.map((q) => [q.type, q.name])).toEqual([
      ['text', 'person'],
      ['select_one article', 'article'],
      ['select_one access', 'access'],
      ['select_multiple barrier', 'barriers'],
      ['select_one method', 'method'],
      ['select_one reliability', 'reliability'],
      ['date', 'assessed_on'],
      ['text', 'note'],
    ]);
    expect(survey.out.find((q) => q.name === 'person')!.required).toBe('yes');
    expect(survey.out.every((q) => q['label::فارسی (fa)'] !== '')).toBe(true);

    const choices = rows('choices');
    expect(choices.header).toEqual(expect.arrayContaining(['list_name', 'name']));
    const list = (name: string) =>
      choices.out.filter((c) => c.list_name === name).map((c) => c.name);
    expect(list('access')).toEqual(['full', 'partial', 'none', 'unknown']);
    expect(list('barrier')).toEqual([...BARRIERS]);
    expect(list('method')).toEqual(['interview', 'document', 'observation']);
    expect(list('reliability')).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(list('article')).toEqual(expect.arrayContaining(['3', '17(1)', '17(2)(a)', '26', '33']));
    expect(list('article')).not.toContain('5'); // a savings clause owes nothing by itself
    // Every list a question names exists.
    for (const q of survey.out.filter((x) => x.type?.startsWith('select_')))
      expect(list(q.type!.split(' ')[1]!).length).toBeGreaterThan(0);

    const settings = rows('settings').out[0]!;
    expect(settings.form_id).toBe('asylon_rights_monitoring');
    expect(settings.version).toMatch(/1951/);

    // A spreadsheet with the form's question names as headers imports as it is.
    const header = survey.out.map((q) => q.name).join(',');
    const lines = [
      header,
      `IMP-1,26,full,,interview,B,2026-01-15,`,
      `${residents[1]},26,none,movement_restricted_by_site cost,observation,C,2026-01-15,"at the gate, twice"`,
    ];
    const dry = await officer.as('POST', importUrl(), {
      round: 'Form check',
      file: csvFile(lines),
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      committed: false,
      source: 'csv',
      rows: 2,
      valid: 2,
      persons: 2,
      recorded: 0,
      problems: [],
      ignoredColumns: [],
    });
    expect(await assessmentsOf(residents[0]!)).toEqual([]); // a dry run writes nothing
  });
});

describe('a round from a file', () => {
  it('lists every problem by row and column, the same for a hidden person as for none, and commits nothing while any remains', async () => {
    const random = crypto.randomUUID();
    const lines = [
      `${HEADER},start`,
      `IMP-1,26,full,,interview,B,2026-02-01,,2026-02-01T08:00`, // 2: fine
      `${random},26,none,,interview,B,2026-02-01,,`, // 3: nobody
      `SECRET-1,26,none,,interview,B,2026-02-01,,`, // 4: restricted, by external id
      `${restricted},26,none,,interview,B,2026-02-01,,`, // 5: restricted, by id
      `NOBODY-9,26,none,,interview,B,2026-02-01,,`, // 6: no such external id
      `IMP-8,26,none,,interview,B,2026-02-01,,`, // 7: lives elsewhere
      `IMP-2,99,sometimes,,interview,B,2026-02-01,,`, // 8: article and access
      `IMP-3,26,none,bribery cost,survey,Z,2026-02-30,,`, // 9: barrier, method, grade, date
      `IMP-4,26,none,,interview,B,2027-01-01,,`, // 10: future
      `${residents[0]},26,partial,,interview,B,2026-02-01,,`, // 11: IMP-1 again (by id)
      `,26,none,,interview,B,2026-02-01,,`, // 12: no person
    ];
    const dry = await officer.as('POST', importUrl(), {
      round: '2026-02 checks',
      file: csvFile(lines),
    });
    expect(dry.statusCode).toBe(200);
    const body = dry.json();
    expect(body).toMatchObject({ rows: 11, valid: 1, committed: false, ignoredColumns: ['start'] });
    const got = body.problems.map(
      (p: { row: number; column: string; code: string }) => `${p.row}${p.column}:${p.code}`,
    );
    expect(got).toEqual([
      '3A:unknown_person',
      '4A:unknown_person',
      '5A:unknown_person',
      '6A:unknown_person',
      '7A:not_resident',
      '8B:unknown_article',
      '8C:unknown_access',
      '9D:unknown_barrier',
      '9E:unknown_method',
      '9F:unknown_reliability',
      '9G:bad_date',
      '10G:future_date',
      '11B:duplicate_entry',
      '12A:required',
    ]);
    // No oracle: a restricted person reads exactly like a random id or an unknown external id.
    const strip = ({ row: _row, ...rest }: { row: number }) => rest;
    const [nobody, byExternal, byId, unknownExternal] = body.problems.slice(0, 4).map(strip);
    expect(byExternal).toEqual(nobody);
    expect(byId).toEqual(nobody);
    expect(unknownExternal).toEqual(nobody);
    expect(nobody).toEqual({
      column: 'A',
      field: 'person',
      code: 'unknown_person',
      message: 'does not exist',
    });
    expect(body.problems[12].message).toContain('row 2');
    expect(JSON.stringify(body)).not.toContain('SECRET-1');

    // A commit with any problem writes nothing, not even the good row.
    const before = await auditActions();
    const refused = await officer.as('POST', importUrl(), {
      round: '2026-02 checks',
      file: csvFile(lines),
      dryRun: false,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toEqual({
      field: 'file.row3.A.person',
      message: 'does not exist',
    });
    expect(refused.json().errors).toHaveLength(14);
    expect(await assessmentsOf(residents[0]!)).toEqual([]);
    const after = await auditActions();
    expect(after.slice(before.length)).not.toContain('rights.round_recorded');
  });

  it('reports missing columns once, at the header, and takes defaults from the request', async () => {
    const missing = await officer.as('POST', importUrl(), {
      round: 'No columns',
      file: csvFile(['person,access', 'IMP-1,full']),
    });
    expect(
      missing
        .json()
        .problems.map((p: { row: number; field: string; code: string }) => [
          p.row,
          p.field,
          p.code,
        ]),
    ).toEqual([
      [1, 'article', 'missing_column'],
      [1, 'method', 'missing_column'],
      [1, 'reliability', 'missing_column'],
      [1, 'assessed_on', 'missing_column'],
    ]);
    const filled = await officer.as('POST', importUrl(), {
      round: 'No columns',
      method: 'document',
      reliability: 'A',
      assessedOn: '2026-01-10',
      file: csvFile(['person,article,access', 'IMP-1,26,full']),
    });
    expect(filled.json()).toMatchObject({ valid: 1, problems: [] });
    const empty = await officer.as('POST', importUrl(), {
      round: 'Empty',
      file: csvFile([HEADER]),
      dryRun: false,
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].message).toBe('has no data rows');
    const notAFile = await officer.as('POST', importUrl(), {
      round: 'Broken',
      file: {
        name: 'x.xls',
        contentBase64: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 1]).toString('base64'),
      },
    });
    expect(notAFile.statusCode).toBe(200);
    expect(notAFile.json().problems[0]).toMatchObject({ field: 'file', code: 'file' });
    // Whatever the bytes, a problem to show, never a server error.
    const junk = [
      crypto.randomBytes(2000),
      Buffer.concat([Buffer.from('PK\u0003\u0004'), crypto.randomBytes(500)]),
      Buffer.from('\ufeffperson,article', 'utf16le').swap16(),
      Buffer.from('person,article,access\r\n"IMP-1,26,full'),
    ];
    for (const bytes of junk) {
      const res = await officer.as('POST', importUrl(), {
        round: 'Junk',
        file: { name: 'junk', contentBase64: bytes.toString('base64') },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().problems.length).toBeGreaterThan(0);
      expect(res.json().valid).toBe(0);
    }
    const noRound = await officer.as('POST', importUrl(), { file: csvFile([HEADER]) });
    expect(noRound.statusCode).toBe(400);
    expect(noRound.json().errors[0].field).toBe('body.round');
    const noSite = await officer.as('POST', importUrl(crypto.randomUUID()), {
      round: 'x',
      file: csvFile([HEADER]),
    });
    expect(noSite.statusCode).toBe(404);
  });

  it('reads a Kobo export workbook (group prefixes, metadata, split choices) and records it whole', async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Rights monitoring');
    ws.addRow([
      'start',
      'grp/person',
      'grp/article',
      'grp/access',
      'grp/barriers',
      'grp/barriers/cost',
      'grp/barriers/language',
      'grp/method',
      'grp/reliability',
      'grp/assessed_on',
      'grp/note',
      '_id',
      '_uuid',
      '_submission_time',
    ]);
    const day = new Date(Date.UTC(2026, 0, 20));
    residents.forEach((id, i) =>
      ws.addRow([
        '2026-01-20T08:00:00',
        i % 2 ? id : `IMP-${i + 1}`,
        '26',
        i < 2 ? 'full' : 'none',
        i < 2 ? '' : 'cost language',
        i < 2 ? 0 : 1,
        i < 2 ? 0 : 1,
        'interview',
        'B',
        day,
        '',
        i + 1,
        crypto.randomUUID(),
        '2026-01-21T10:00:00',
      ]),
    );
    ws.addRow([
      '2026-01-20T08:00:00',
      'IMP-7',
      '26',
      'none',
      '',
      0,
      0,
      'interview',
      'B',
      day,
      '',
      7,
      crypto.randomUUID(),
      '2026-01-21T10:00:00',
    ]);
    const file = {
      name: 'kobo.xlsx',
      contentBase64: Buffer.from(await book.xlsx.writeBuffer()).toString('base64'),
    };
    const dry = await officer.as('POST', importUrl(), { round: '2026-01', file });
    expect(dry.json()).toMatchObject({
      source: 'xlsx',
      rows: 7,
      valid: 7,
      persons: 7,
      problems: [],
    });
    expect(dry.json().ignoredColumns).toEqual([
      'start',
      'grp/barriers/cost',
      'grp/barriers/language',
      '_id',
      '_uuid',
      '_submission_time',
    ]);
    const done = await officer.as('POST', importUrl(), { round: '2026-01', file, dryRun: false });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ committed: true, recorded: 7 });
    const [a] = await assessmentsOf(residents[3]!);
    expect(a).toMatchObject({
      round: '2026-01',
      article: '26',
      access: 'none',
      barriers: ['cost', 'language'],
      method: 'interview',
      reliability: 'B',
      assessedOn: '2026-01-20',
      siteId: site,
      note: null,
    });
    expect((await auditActions()).at(-1)).toBe('rights.round_recorded');
  });

  it('applies the same residence rule to the web form round', async () => {
    const res = await officer.as('POST', `/api/v1/sites/${site}/monitoring-rounds`, {
      round: 'Form',
      assessedOn: '2026-02-01',
      method: 'interview',
      reliability: 'B',
      entries: [
        { personId: residents[0], article: '26', access: 'full' },
        { personId: outsider, article: '26', access: 'none' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        field: 'body.entries.1.personId',
        message: 'was not a resident of this site on the day assessed',
      },
    ]);
  });
});

describe('the trend over monitoring rounds', () => {
  it('counts owed persons by access per round, and suppresses small counts for readers who may not see them', async () => {
    // Round 2026-01 (Kobo import above): 2 full, 4 none of 6 owed; IMP-7 is not owed Art. 26.
    const owes = (
      await officer.as('GET', `/api/v1/persons/${unowed}/entitlements?asOf=2026-01-20`)
    ).json();
    expect(owes.items.find((i: { article: string }) => i.article === '26').owed).toBe('no');
    const second = [
      HEADER,
      ...residents.map(
        (id, i) =>
          `${id},26,${i < 5 ? 'full' : 'partial'},${i < 5 ? '' : 'cost'},interview,A,2026-02-20,`,
      ),
      `IMP-1,17,none,no_work_permit,interview,A,2026-02-20,`,
    ];
    const done = await officer.as('POST', importUrl(), {
      round: '2026-02',
      file: csvFile(second),
      dryRun: false,
    });
    expect(done.statusCode).toBe(201);

    const trend = await officer.as('GET', `/api/v1/sites/${site}/rights-trend`);
    expect(trend.statusCode).toBe(200);
    const body = trend.json();
    expect(body.suppressed).toBe(false);
    expect(body.articles).toEqual(['17', '26']);
    expect(body.rounds.map((r: { round: string }) => r.round)).toEqual(['2026-01', '2026-02']);
    expect(body.rounds[0]).toMatchObject({ from: '2026-01-20', to: '2026-01-20' });
    const cell = (r: number, article: string) =>
      body.rounds[r].cells.find((c: { article: string }) => c.article === article);
    expect(cell(0, '26')).toEqual({
      article: '26',
      assessed: 6,
      full: 2,
      partial: 0,
      none: 4,
      unknown: 0,
      shareFull: 0.333,
    });
    expect(cell(1, '26')).toMatchObject({ assessed: 6, full: 5, partial: 1, shareFull: 0.833 });
    // "17" speaks for its paragraphs, 17(1) among them, which a recognised refugee is owed.
    expect(cell(1, '17')).toMatchObject({ assessed: 1, none: 1, shareFull: 0 });
    expect(cell(0, '17')).toMatchObject({ assessed: 0, shareFull: null });

    const latest = (await officer.as('GET', `/api/v1/sites/${site}/rights-trend?rounds=1`)).json();
    expect(latest.rounds.map((r: { round: string }) => r.round)).toEqual(['2026-02']);

    const hidden = (await analyst.as('GET', `/api/v1/sites/${site}/rights-trend`)).json();
    expect(hidden.suppressed).toBe(true);
    const hiddenCell = (r: number, article: string) =>
      hidden.rounds[r].cells.find((c: { article: string }) => c.article === article);
    expect(hiddenCell(0, '26')).toMatchObject({
      assessed: 6,
      full: '<5',
      none: '<5',
      shareFull: null,
    });
    expect(hiddenCell(1, '26')).toMatchObject({ full: 5, partial: '<5' });
    expect(JSON.stringify(hidden)).not.toMatch(/"full":2\b/);

    const bad = await officer.as('GET', `/api/v1/sites/${site}/rights-trend?rounds=0`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.rounds');
    const none = await analyst.as('GET', `/api/v1/sites/${crypto.randomUUID()}/rights-trend`);
    expect(none.statusCode).toBe(404);
  });
});

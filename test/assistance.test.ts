import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { inTransaction } from '../src/platform/db/context.ts';
import { writeTable } from '../src/platform/tabular/index.ts';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';
import { onPostgres } from './helpers/db.ts';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let officer: Session; // programme officer
let clerk: Session;
let caseworker: Session;
let analyst: Session;
let admin: Session;

const ids = {
  compound: '',
  camp: '',
  sponsor: '',
  ngo: '',
  sponsorFood: '',
  ngoFood: '',
  ngoCash: '',
  training: '',
};
/** Persons at the compound (fed by the group's sponsor) and at the camp (fed by an NGO). */
const compound: string[] = [];
const camp: string[] = [];
let household = '';

const M = { suppressed: true, label: '<5' };

async function person(body: Record<string, unknown>, siteId: string | null): Promise<string> {
  const res = await clerk.as('POST', '/api/v1/persons', {
    names: [{ given: 'Test', family: 'Person' }],
    sex: 'F',
    birthYear: 1990,
    registeredOn: '2020-01-01',
    ...body,
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  if (siteId)
    expect(
      (
        await clerk.as('POST', `/api/v1/persons/${id}/residences`, {
          siteId,
          from: '2021-01-01',
        })
      ).statusCode,
    ).toBe(201);
  return id;
}

function created(res: { statusCode: number; json(): unknown; body: string }): string {
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

function food(personId: string, programmeId: string, value: string, on = '2026-01-15') {
  return {
    personId,
    programmeId,
    kind: 'item',
    item: 'food basket',
    quantity: 1,
    unit: 'basket',
    value,
    currency: 'USD',
    distributedOn: on,
  };
}

/** Every published count is 0, at least 5, or hidden. */
function noSmallCounts(report: unknown): string[] {
  const bad: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 5) bad.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) if (k !== 'share') walk(x, `${path}.${k}`);
  };
  const r = report as { sites: unknown; totals?: unknown };
  walk(r.sites, 'sites');
  walk(r.totals, 'totals');
  return bad;
}

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  officer = await signedIn(t, ['programme_officer']);
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Agency A' });
  caseworker = await signedIn(t, ['caseworker'], { agency: 'Agency A' });
  analyst = await signedIn(t, ['analyst']);
  admin = await signedIn(t, ['administrator']);
  ids.compound = created(
    await admin.as('POST', '/api/v1/sites', { name: 'Compound A', type: 'closed_compound' }),
  );
  ids.camp = created(await admin.as('POST', '/api/v1/sites', { name: 'Camp B', type: 'camp' }));
  for (let i = 0; i < 3; i++) compound.push(await person({ sex: i ? 'M' : 'F' }, ids.compound));
  for (let i = 0; i < 7; i++)
    camp.push(
      await person(
        i === 0
          ? { birthDate: '1990-05-01', birthYear: undefined, specificNeeds: [{ code: 'WR' }] }
          : { sex: 'M', birthYear: 1985 + i },
        ids.camp,
      ),
    );
  household = created(
    await clerk.as('POST', '/api/v1/households', {
      members: [
        { personId: compound[0], relationship: 'focal_point', joinedOn: '2021-01-01' },
        { personId: compound[1], relationship: 'spouse', joinedOn: '2021-01-01' },
      ],
    }),
  );
});
afterAll(() => t.close());

describe('providers and programmes', () => {
  it('creates providers with an independence class', async () => {
    ids.sponsor = created(
      await officer.as('POST', '/api/v1/providers', {
        name: 'Leadership Welfare Office',
        independenceClass: 'group_linked_sponsor',
        organisationType: 'community_group',
      }),
    );
    ids.ngo = created(
      await officer.as('POST', '/api/v1/providers', {
        name: 'Relief NGO',
        independenceClass: 'independent_humanitarian',
      }),
    );
    const dup = await officer.as('POST', '/api/v1/providers', {
      name: 'relief ngo',
      independenceClass: 'host_state_service',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].field).toBe('body.name');
    const refused = await caseworker.as('POST', '/api/v1/providers', {
      name: 'X',
      independenceClass: 'host_state_service',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('creates, reads and edits a programme with If-Match', async () => {
    const res = await officer.as('POST', '/api/v1/programmes', {
      name: 'Compound food',
      type: 'food',
      providerId: ids.sponsor,
      funders: [{ name: 'Donor State' }],
      siteIds: [ids.compound],
      startDate: '2025-01-01',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    ids.sponsorFood = res.json().id;
    expect(res.json()).toMatchObject({
      providerName: 'Leadership Welfare Office',
      independenceClass: 'group_linked_sponsor',
      siteIds: [ids.compound],
      eligibility: { rules: [] },
    });
    const url = `/api/v1/programmes/${ids.sponsorFood}`;
    expect((await officer.as('PATCH', url, { capacity: 500 })).statusCode).toBe(428);
    expect(
      (await officer.as('PATCH', url, { capacity: 500 }, { 'if-match': '"7"' })).statusCode,
    ).toBe(412);
    const edited = await officer.as(
      'PATCH',
      url,
      { capacity: 500, endDate: '2024-01-01' },
      { 'if-match': '"1"' },
    );
    expect(edited.statusCode).toBe(400);
    expect(edited.json().errors[0].field).toBe('body.endDate');
    const ok = await officer.as(
      'PATCH',
      url,
      { capacity: 500, siteIds: [] },
      { 'if-match': '"1"' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ capacity: 500, siteIds: [], version: 2 });
    expect((await caseworker.as('GET', url)).json().version).toBe(2);
    expect(
      (await officer.as('PATCH', url, { capacity: 1 }, { 'if-match': '"1"' })).statusCode,
    ).toBe(412);
    expect(
      (await caseworker.as('PATCH', url, { capacity: 1 }, { 'if-match': '"2"' })).statusCode,
    ).toBe(403);

    ids.ngoFood = created(
      await officer.as('POST', '/api/v1/programmes', {
        name: 'NGO food',
        type: 'food',
        providerId: ids.ngo,
        startDate: '2025-01-01',
      }),
    );
    ids.ngoCash = created(
      await officer.as('POST', '/api/v1/programmes', {
        name: 'NGO cash',
        type: 'cash_grant',
        providerId: ids.ngo,
        startDate: '2025-01-01',
      }),
    );
    const list = (await caseworker.as('GET', '/api/v1/programmes?type=food')).json().items;
    expect(list.map((p: { name: string }) => p.name)).toEqual(['Compound food', 'NGO food']);
  });

  it('explains eligibility rule by rule', async () => {
    ids.training = created(
      await officer.as('POST', '/api/v1/programmes', {
        name: 'Tailoring course',
        type: 'skills_training',
        providerId: ids.ngo,
        siteIds: [ids.camp],
        capacity: 20,
        startDate: '2025-06-01',
        eligibility: {
          rules: [
            { type: 'sex', in: ['F'] },
            { type: 'age', min: 18, max: 59 },
            { type: 'specific_needs', anyOf: ['WR', 'SP'] },
          ],
        },
      }),
    );
    const woman = await caseworker.as(
      'GET',
      `/api/v1/programmes/${ids.training}/eligibility/${camp[0]}?asOf=2026-03-02`,
    );
    expect(woman.statusCode).toBe(200);
    expect(woman.json()).toMatchObject({ eligible: true, outcome: 'eligible' });
    expect(woman.json().rules.map((r: { explanation: string }) => r.explanation)).toEqual([
      'sex F is one of F',
      'age 35 on 2026-03-02 (born 1990-05-01) is within 18–59',
      'specific need WR is one of WR, SP',
      'current site Camp B is one of Camp B',
    ]);
    const man = (
      await caseworker.as('GET', `/api/v1/programmes/${ids.training}/eligibility/${camp[1]}`)
    ).json();
    expect(man.outcome).toBe('not_eligible');
    expect(man.rules.filter((r: { outcome: string }) => r.outcome === 'fail')).toHaveLength(2);
    const elsewhere = (
      await caseworker.as('GET', `/api/v1/programmes/${ids.training}/eligibility/${compound[0]}`)
    ).json();
    expect(elsewhere.rules.at(-1)).toMatchObject({ source: 'coverage', outcome: 'fail' });
    const bad = await officer.as('POST', '/api/v1/programmes', {
      name: 'Bad rules',
      type: 'education',
      providerId: ids.ngo,
      startDate: '2025-01-01',
      eligibility: { rules: [{ type: 'age', min: 30, max: 20 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.eligibility.rules.0.max');
  });
});

describe('distributions', () => {
  it('records one, once per Idempotency-Key, and lists it for the person and household members', async () => {
    const body = food(compound[0]!, ids.sponsorFood, '80.00');
    const key = { 'idempotency-key': 'dist-1' };
    const first = await officer.as('POST', '/api/v1/distributions', body, key);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      providerId: ids.sponsor,
      independenceClass: 'group_linked_sponsor',
      reportingValue: '80.00',
      reportingCurrency: 'USD',
    });
    const again = await officer.as('POST', '/api/v1/distributions', body, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(
      created(
        await officer.as('POST', '/api/v1/distributions', {
          ...food(compound[0]!, ids.ngoFood, '20.00'),
          householdId: undefined,
        }),
      ),
    ).toBeTruthy();
    // A household distribution counts for each member.
    created(
      await officer.as('POST', '/api/v1/distributions', {
        householdId: household,
        programmeId: ids.sponsorFood,
        kind: 'cash',
        value: 50,
        currency: 'USD',
        distributedOn: '2026-02-01',
      }),
    );
    const mine = (
      await caseworker.as('GET', `/api/v1/persons/${compound[0]}/distributions`)
    ).json();
    expect(mine.items).toHaveLength(3);
    const spouse = (
      await caseworker.as('GET', `/api/v1/persons/${compound[1]}/distributions`)
    ).json();
    expect(spouse.items.map((d: { householdId: string }) => d.householdId)).toEqual([household]);
    expect(
      (await analyst.as('GET', `/api/v1/persons/${compound[0]}/distributions`)).statusCode,
    ).toBe(403);
    expect(
      (await caseworker.as('POST', '/api/v1/distributions', food(camp[0]!, ids.ngoFood, '1')))
        .statusCode,
    ).toBe(403);
    const both = await officer.as('POST', '/api/v1/distributions', {
      ...food(camp[0]!, ids.ngoFood, '1'),
      householdId: household,
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].field).toBe('body.personId');
  });

  it('checks a distribution list (dry run), refuses to commit it with problems, then commits it whole', async () => {
    const count = async () =>
      (await caseworker.as('GET', `/api/v1/persons/${camp[1]}/distributions`)).json().items.length;
    const before = await count();
    const rows = camp.map((p) => food(p, ids.ngoFood, '30.00'));
    const broken = [
      ...rows,
      { ...food('00000000-0000-4000-8000-000000000001', ids.ngoFood, '5'), kind: 'cash' },
      { ...food(camp[1]!, ids.ngoFood, '5'), currency: undefined, distributedOn: '2099-01-01' },
      { ...food(camp[1]!, ids.ngoFood, '5'), colour: 'blue' },
    ];
    const dry = await officer.as('POST', '/api/v1/distributions/bulk', { rows: broken });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, committed: false, rows: 10, valid: 7 });
    expect(dry.json().problems).toEqual([
      { row: 8, column: null, field: 'personId', message: 'does not exist' },
      { row: 9, column: null, field: 'currency', message: 'is required with a value' },
      { row: 10, column: null, field: 'colour', message: 'is not a distribution field' },
    ]);
    const refused = await officer.as('POST', '/api/v1/distributions/bulk', {
      rows: broken,
      dryRun: false,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.rows.7.personId',
      'body.rows.8.currency',
      'body.rows.9.colour',
    ]);
    expect(await count()).toBe(before);

    const done = await officer.as('POST', '/api/v1/distributions/bulk', { rows, dryRun: false });
    expect(done.statusCode).toBe(201);
    expect(done.json()).toMatchObject({ committed: true, rows: 7, valid: 7, problems: [] });
    expect(await count()).toBe(before + 1);
    const listed = (await caseworker.as('GET', `/api/v1/persons/${camp[1]}/distributions`)).json();
    expect(listed.items[0].batchId).toBe(done.json().batchId);
  });

  it('reads a CSV distribution list and names problems by row and column letter', async () => {
    const csv = [
      'person_id,programme_id,kind,item,value,currency,distributed_on,colour',
      `${camp[2]},${ids.ngoCash},cash,,25,USD,2026-01-20,`,
      `${camp[3]},${ids.ngoFood},item,,10,USD,2026-01-20,`,
    ].join('\r\n');
    const res = await officer.as('POST', '/api/v1/distributions/bulk', {
      file: { name: 'list.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ source: 'csv', rows: 2, valid: 1 });
    expect(res.json().problems).toEqual([
      { row: 1, column: 'H', field: 'colour', message: 'is not a distribution field' },
      { row: 3, column: 'D', field: 'item', message: 'is required for an item' },
    ]);
  });
});

async function xlsxBase64(rows: Record<string, string | number>[]): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const columns = Object.keys(rows[0]!).map((header) => ({ header }));
  await writeTable(out, { format: 'xlsx', columns }, rows);
  return Buffer.concat(chunks).toString('base64');
}

describe('distribution lists in XLSX', () => {
  it('checks and commits a workbook', async () => {
    const contentBase64 = await xlsxBase64([
      {
        'Person ID': camp[4]!,
        'Programme ID': ids.ngoCash,
        Kind: 'cash',
        Value: 12.5,
        Currency: 'USD',
        'Distributed on': '2026-02-10',
      },
    ]);
    const file = { name: 'list.xlsx', contentBase64 };
    const dry = await officer.as('POST', '/api/v1/distributions/bulk', { file });
    expect(dry.json()).toMatchObject({ source: 'xlsx', rows: 1, valid: 1, problems: [] });
    const done = await officer.as('POST', '/api/v1/distributions/bulk', { file, dryRun: false });
    expect(done.statusCode).toBe(201);
    const listed = (await caseworker.as('GET', `/api/v1/persons/${camp[4]}/distributions`)).json();
    expect(listed.items[0]).toMatchObject({
      kind: 'cash',
      value: '12.50',
      batchId: done.json().batchId,
    });
  });
});

describe('dependency', () => {
  it('flags a person whose food came mostly from a group-linked sponsor', async () => {
    // compound[0]: 80 sponsor food + 20 NGO food + 50 sponsor cash (household) = 130/150.
    const res = await caseworker.as(
      'GET',
      `/api/v1/persons/${compound[0]}/dependency?from=2026-01-01&to=2026-02-28`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      subject: 'person',
      flagged: true,
      total: '150.00',
      fromGroupLinked: '130.00',
      threshold: 0.5,
      byEssential: { food: { total: '150.00', fromGroupLinked: '130.00' } },
    });
    expect(res.json().share).toBeCloseTo(130 / 150);
    const onlyFood = (
      await caseworker.as(
        'GET',
        `/api/v1/persons/${compound[0]}/dependency?from=2026-01-01&to=2026-01-31&threshold=0.9`,
      )
    ).json();
    expect(onlyFood).toMatchObject({ share: 0.8, flagged: false, threshold: 0.9 });
    const fedByNgo = (await caseworker.as('GET', `/api/v1/persons/${camp[1]}/dependency`)).json();
    expect(fedByNgo).toMatchObject({ share: 0, flagged: false });
    const hh = (await caseworker.as('GET', `/api/v1/households/${household}/dependency`)).json();
    expect(hh).toMatchObject({ subject: 'household', flagged: true });
  });

  it('aggregates per site with every count below 5 suppressed', async () => {
    // Two more compound residents fed by the sponsor only.
    for (const p of compound.slice(1))
      created(await officer.as('POST', '/api/v1/distributions', food(p, ids.sponsorFood, '40')));
    const res = await analyst.as('GET', '/api/v1/reports/dependency?from=2026-01-01&to=2026-03-01');
    expect(res.statusCode).toBe(200);
    const report = res.json();
    const site = (name: string) =>
      report.sites.find((s: { siteName: string }) => s.siteName === name);
    expect(site('Compound A')).toMatchObject({ dependent: M, assessed: M, share: null });
    expect(site('Camp B')).toBeDefined();
    expect(noSmallCounts(report)).toEqual([]);
    expect(report).toMatchObject({ suppressionThreshold: 5, suppressedLabel: '<5' });

    const csv = await analyst.as(
      'GET',
      '/api/v1/reports/dependency?from=2026-01-01&format=hxl-csv',
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toContain('#loc+name');
    expect(lines[1]).toContain('#indicator+num+x_dependent');
    const compoundLine = lines.find((l) => l.startsWith('Compound A'))!;
    expect(compoundLine).toContain('<5');
    expect((await caseworker.as('GET', '/api/v1/reports/dependency')).statusCode).toBe(403);
  });

  it('reports access to training or livelihoods per site, suppressed', async () => {
    const enrolled = await officer.as('POST', '/api/v1/enrolments', {
      personId: camp[0],
      programmeId: ids.training,
      enrolledOn: '2025-09-01',
    });
    expect(enrolled.statusCode).toBe(201);
    const again = await officer.as('POST', '/api/v1/enrolments', {
      personId: camp[0],
      programmeId: ids.training,
      enrolledOn: '2025-10-01',
    });
    expect(again.statusCode).toBe(409);
    const notTraining = await officer.as('POST', '/api/v1/enrolments', {
      personId: camp[1],
      programmeId: ids.ngoFood,
      enrolledOn: '2025-10-01',
    });
    expect(notTraining.json().errors[0].field).toBe('body.programmeId');
    const id = enrolled.json().id as string;
    const outcome = await officer.as(
      'PATCH',
      `/api/v1/enrolments/${id}`,
      {
        status: 'completed',
        endedOn: '2026-01-31',
        outcomes: {
          completed: true,
          certified: true,
          employed: true,
          monthlyIncome: 220,
          incomeCurrency: 'USD',
        },
      },
      { 'if-match': enrolled.headers.etag as string },
    );
    expect(outcome.statusCode).toBe(200);
    expect(outcome.json()).toMatchObject({
      status: 'completed',
      outcomes: { certified: true, employed: true, monthlyIncome: '220.00' },
      version: 2,
    });
    const report = (
      await analyst.as('GET', '/api/v1/reports/self-reliance-access?asOf=2026-03-01')
    ).json();
    const campRow = report.sites.find((s: { siteName: string }) => s.siteName === 'Camp B');
    expect(campRow).toMatchObject({ withAccess: M, share: null });
    expect(noSmallCounts(report)).toEqual([]);
    const list = (await caseworker.as('GET', `/api/v1/persons/${camp[0]}/enrolments`)).json();
    expect(list.items).toHaveLength(1);
  });
});

describe('self-reliance index', () => {
  const domains = {
    housing: 2,
    food: 3,
    education: null,
    healthcare: 4,
    health_status: 4,
    safety: 2,
    employment: 1,
    financial_resources: 2,
    assistance: 1,
    debt: 3,
    savings: 1,
    social_capital: 3,
  };

  it('stores each total with the method that produced it, and gives the trend', async () => {
    const first = await caseworker.as('POST', `/api/v1/households/${household}/sri-assessments`, {
      assessedOn: '2025-06-01',
      assessor: 'Enumerator 7',
      instrumentVersion: '2.0',
      domains,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().total).toMatchObject({ method: 'mean-scored-v1', scoredDomains: 11 });
    expect(first.json().total.value).toBeCloseTo(26 / 11);
    expect(first.json().domains.education).toBeNull();

    const settings = await officer.as('GET', '/api/v1/operations/current/assistance-settings');
    expect(settings.json()).toMatchObject({ sriMethod: 'mean-scored-v1', version: 0 });
    const { version: _v, ...body } = settings.json();
    const saved = await officer.as(
      'PUT',
      '/api/v1/operations/current/assistance-settings',
      { ...body, sriMethod: 'sum-scored-v1' },
      { 'if-match': settings.headers.etag as string },
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);

    const second = await caseworker.as('POST', `/api/v1/households/${household}/sri-assessments`, {
      assessedOn: '2026-02-01',
      instrumentVersion: '2.0',
      domains: { ...domains, employment: 3, savings: 2 },
    });
    expect(second.json().total).toMatchObject({ method: 'sum-scored-v1', value: 29 });
    const trend = (
      await caseworker.as('GET', `/api/v1/households/${household}/sri-assessments`)
    ).json();
    expect(trend.items.map((i: { total: { method: string } }) => i.total.method)).toEqual([
      'mean-scored-v1',
      'sum-scored-v1',
    ]);
    expect(trend.trend.method).toBe('sum-scored-v1');
    expect(
      trend.trend.points.map((p: { value: number; change: number | null }) => [p.value, p.change]),
    ).toEqual([
      [26, null],
      [29, 3],
    ]);
    const badScore = await caseworker.as(
      'POST',
      `/api/v1/households/${household}/sri-assessments`,
      {
        assessedOn: '2026-02-01',
        instrumentVersion: '2.0',
        domains: { food: 6 },
      },
    );
    expect(badScore.json().errors[0].field).toBe('body.domains.food');
    expect(
      (
        await analyst.as('POST', `/api/v1/households/${household}/sri-assessments`, {
          assessedOn: '2026-02-01',
          instrumentVersion: '2.0',
          domains,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses a site average below 5 households and hides their count', async () => {
    const res = await analyst.as('GET', `/api/v1/reports/sri?siteId=${ids.compound}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ method: 'sum-scored-v1', minHouseholds: 5 });
    expect(res.json().sites).toEqual([
      expect.objectContaining({
        siteName: 'Compound A',
        households: M,
        average: null,
        reason: 'too_few_households',
      }),
    ]);
  });
});

describe('restricted records', () => {
  let restricted = '';
  let named = '';

  beforeAll(async () => {
    const protection = await signedIn(t, ['protection_officer']);
    named = protection.user.id;
    const safe = created(
      await admin.as('POST', '/api/v1/sites', { name: 'Safe Site', type: 'urban' }),
    );
    const res = await protection.as('POST', '/api/v1/persons', {
      names: [{ given: 'Hidden', family: 'Person' }],
      sex: 'F',
      birthYear: 1990,
      registeredOn: '2020-01-01',
      sensitivity: 'restricted',
    });
    restricted = res.json().id;
    await protection.as('POST', `/api/v1/persons/${restricted}/residences`, {
      siteId: safe,
      from: '2021-01-01',
    });
    // Written past every application check, as a bug or a direct import might.
    await t.platform.database.withOwner((o) =>
      o.query(
        `INSERT INTO distributions (operation_id, person_id, programme_id, provider_id, kind, value, currency,
           reporting_value, reporting_currency, distributed_on, site_id, recorded_at)
         VALUES ($1, $2, $3, $4, 'cash', 10, 'USD', 10, 'USD', '2026-01-20', $5, now())`,
        [t.operationId, restricted, ids.sponsorFood, ids.sponsor, safe],
      ),
    );
  });

  it('cannot be given assistance or read by anyone not named on them', async () => {
    const res = await officer.as(
      'POST',
      '/api/v1/distributions',
      food(restricted, ids.ngoFood, '5'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toEqual({ field: 'body.personId', message: 'does not exist' });
    expect(
      (await officer.as('GET', `/api/v1/persons/${restricted}/distributions`)).statusCode,
    ).toBe(404);
  });

  it('is left out of every aggregate, whoever asks', async () => {
    const reached = (await analyst.as('GET', '/api/v1/reports/reached?from=2026-01-01')).json();
    expect(reached.sites.map((s: { siteName: string }) => s.siteName)).not.toContain('Safe Site');
    const dependency = (
      await analyst.as('GET', '/api/v1/reports/dependency?from=2026-01-01')
    ).json();
    expect(dependency.sites.map((s: { siteName: string }) => s.siteName)).not.toContain(
      'Safe Site',
    );
  });

  it.runIf(onPostgres)(
    'is hidden by row-level security from a query that skips the checks',
    async () => {
      const count = (userId: string) =>
        inTransaction(t.platform.db, { operationId: t.operationId, userId }, async (trx) => {
          const { rows } = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM distributions WHERE person_id = ${restricted}`.execute(
            trx,
          );
          return rows[0]!.n;
        });
      expect(await count(officer.user.id)).toBe(0);
      expect(await count(named)).toBe(1);
    },
  );
});

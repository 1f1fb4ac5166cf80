import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';

// The population (legal status × site) and SRI distribution reports on a small operation,
// through the API as an analyst sees them: every count suppressed, with complementary
// suppression against the totals, and restricted persons never counted.

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let clerk: Session;
let caseworker: Session;
let protection: Session;
let analyst: Session;
let admin: Session;
let north = '';
let south = '';
const northPersons: string[] = [];

const M = { suppressed: true, label: '<5' };
type Cell = number | typeof M;

function created(res: { statusCode: number; json(): unknown; body: string }): string {
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

async function person(
  as: Session,
  opts: {
    site?: string;
    status?: string;
    statusTo?: string;
    sensitivity?: 'restricted';
    movedIn?: string;
  },
): Promise<string> {
  const id = created(
    await as.as('POST', '/api/v1/persons', {
      names: [{ given: 'Test', family: 'Person' }],
      sex: 'F',
      birthYear: 1990,
      registeredOn: '2020-01-01',
      ...(opts.sensitivity ? { sensitivity: opts.sensitivity } : {}),
    }),
  );
  if (opts.site)
    created(
      await as.as('POST', `/api/v1/persons/${id}/residences`, {
        siteId: opts.site,
        from: opts.movedIn ?? '2021-01-01',
      }),
    );
  if (opts.status)
    created(
      await as.as('POST', `/api/v1/persons/${id}/legal-statuses`, {
        status: opts.status,
        grantedBy: 'host-state',
        from: '2021-02-01',
        ...(opts.statusTo ? { to: opts.statusTo } : {}),
      }),
    );
  return id;
}

async function many(n: number, opts: Parameters<typeof person>[1], into?: string[]) {
  for (let i = 0; i < n; i++) {
    const id = await person(clerk, opts);
    into?.push(id);
  }
}

interface Population {
  asOf: string;
  statuses: (string | null)[];
  sites: { siteId: string | null; siteName: string | null; byStatus: Cell[]; total: Cell }[];
  totals: { byStatus: Cell[]; total: Cell };
}

/** The table with its margins as a grid: rows then the totals row; each row's total last. */
function grid(r: Population): Cell[][] {
  return [...r.sites.map((s) => [...s.byStatus, s.total]), [...r.totals.byStatus, r.totals.total]];
}

const hidden = (c: Cell) => typeof c !== 'number';

/**
 * Lines (rows and columns, margins included) where exactly one figure is hidden: that figure
 * would follow from the others by addition.
 */
function recoverable(g: Cell[][]): string[] {
  const bad: string[] = [];
  g.forEach((row, i) => {
    if (row.filter(hidden).length === 1) bad.push(`row ${i}`);
  });
  for (let j = 0; j < g[0]!.length; j++) {
    if (g.filter((row) => hidden(row[j]!)).length === 1) bad.push(`column ${j}`);
  }
  return bad;
}

const smallShown = (g: Cell[][]) => g.flat().filter((c) => typeof c === 'number' && c > 0 && c < 5);

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Agency A' });
  caseworker = await signedIn(t, ['caseworker'], { agency: 'Agency A' });
  protection = await signedIn(t, ['protection_officer']);
  analyst = await signedIn(t, ['analyst']);
  admin = await signedIn(t, ['administrator']);
  north = created(await admin.as('POST', '/api/v1/sites', { name: 'North Camp', type: 'camp' }));
  south = created(await admin.as('POST', '/api/v1/sites', { name: 'South Town', type: 'urban' }));
  // North: 12 asylum seekers, 6 recognised refugees, 2 without status (one whose status ended).
  await many(12, { site: north, status: 'asylum_seeker' }, northPersons);
  await many(6, { site: north, status: 'refugee_recognised' }, northPersons);
  await many(1, { site: north });
  await many(1, { site: north, status: 'asylum_seeker', statusTo: '2025-06-30' });
  // South: 7 asylum seekers, 3 recognised refugees (one moved in only in 2026).
  await many(7, { site: south, status: 'asylum_seeker' });
  await many(2, { site: south, status: 'refugee_recognised' });
  await many(1, { site: south, status: 'refugee_recognised', movedIn: '2026-02-01' });
  // No site: 6 asylum seekers.
  await many(6, { status: 'asylum_seeker' });
}, 120_000);
afterAll(() => t.close());

describe('GET /reports/population', () => {
  it('counts persons by status and site on the day, with totals, no status and no site', async () => {
    const res = await analyst.as('GET', '/api/v1/reports/population?asOf=2026-03-01');
    expect(res.statusCode).toBe(200);
    const r = res.json() as Population;
    expect(r).toMatchObject({ asOf: '2026-03-01', suppressionThreshold: 5, suppressedLabel: '<5' });
    expect(r.statuses).toEqual(['refugee_recognised', 'asylum_seeker', null]);
    expect(r.sites.map((s) => s.siteName)).toEqual(['North Camp', 'South Town', null]);
    // Raw: North [6, 12, 2] = 20; South [3, 7, 0] = 10; no site [0, 6, 0] = 6; totals [9, 25, 2] = 36.
    // The 2 and the 3 are hidden; so are the two cells that would give them away (North's 6 and
    // South's 0 alone would leave one hidden cell per row), and the column totals of both.
    expect(grid(r)).toEqual([
      [M, 12, M, 20],
      [M, 7, M, 10],
      [0, 6, 0, 6],
      [M, 25, M, 36],
    ]);
    // Whatever is published matches the raw table.
    const raw = [
      [6, 12, 2, 20],
      [3, 7, 0, 10],
      [0, 6, 0, 6],
      [9, 25, 2, 36],
    ];
    grid(r).forEach((row, i) =>
      row.forEach((c, j) => {
        if (!hidden(c)) expect(c, `cell ${i},${j}`).toBe(raw[i]![j]);
      }),
    );
  });

  it('hides small counts and enough others that none can be recovered from the totals', async () => {
    const r = (await analyst.as('GET', '/api/v1/reports/population?asOf=2026-03-01')).json();
    const g = grid(r as Population);
    expect(smallShown(g)).toEqual([]);
    expect(recoverable(g)).toEqual([]);
    // North's 2 without status is hidden, so another figure of North's row and of the
    // no-status column is hidden too.
    expect(g[0]!.filter(hidden).length).toBeGreaterThanOrEqual(2);
    expect(g.filter((row) => hidden(row[2]!)).length).toBeGreaterThanOrEqual(2);
    // Protection officers get the same suppressed figures (every report, every reader).
    const po = (await protection.as('GET', '/api/v1/reports/population?asOf=2026-03-01')).json();
    expect(po).toEqual(r);
  });

  it('follows the day: statuses and residences valid on asOf only', async () => {
    const r = (await analyst.as('GET', '/api/v1/reports/population?asOf=2025-01-01')).json();
    const g = grid(r as Population);
    // The status ending 2025-06-30 still counts (North: 13 asylum seekers, 1 without status);
    // South's late mover has no site yet. Raw: North [6, 13, 1] = 20; South [2, 7, 0] = 9;
    // no site [1, 6, 0] = 7; totals [9, 26, 1] = 36.
    expect(r.sites.map((s: { siteName: string | null }) => s.siteName)).toEqual([
      'North Camp',
      'South Town',
      null,
    ]);
    const raw = [
      [6, 13, 1, 20],
      [2, 7, 0, 9],
      [1, 6, 0, 7],
      [9, 26, 1, 36],
    ];
    g.forEach((row, i) =>
      row.forEach((c, j) => {
        if (!hidden(c)) expect(c, `cell ${i},${j}`).toBe(raw[i]![j]);
      }),
    );
    expect(r.sites[0].total).toBe(20);
    expect(r.totals.total).toBe(36);
    expect(smallShown(g)).toEqual([]);
    expect(recoverable(g)).toEqual([]);
    // Before anyone was registered: an empty table.
    const empty = (await analyst.as('GET', '/api/v1/reports/population?asOf=2019-12-31')).json();
    expect(empty).toMatchObject({ statuses: [], sites: [], totals: { byStatus: [], total: 0 } });
  });

  it('never counts a restricted person, whoever asks', async () => {
    const before = (await analyst.as('GET', '/api/v1/reports/population?asOf=2026-03-01')).json();
    const hiddenSite = created(
      await admin.as('POST', '/api/v1/sites', { name: 'Safe House', type: 'urban' }),
    );
    for (const site of [north, hiddenSite])
      for (let i = 0; i < 6; i++)
        await person(protection, { site, status: 'stateless', sensitivity: 'restricted' });
    for (const as of [analyst, protection]) {
      const r = (await as.as('GET', '/api/v1/reports/population?asOf=2026-03-01')).json();
      expect(r).toEqual(before);
      expect(r.statuses).not.toContain('stateless');
      expect(r.sites.map((s: { siteName: string }) => s.siteName)).not.toContain('Safe House');
    }
  });

  it('exports the table as HXL-tagged CSV, audited', async () => {
    const res = await analyst.as(
      'GET',
      '/api/v1/reports/population?asOf=2026-03-01&format=hxl-csv',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('population.hxl.csv');
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Site,Site id,As of,Persons: refugee_recognised,Persons: asylum_seeker,Persons: no status,Persons (all statuses)',
    );
    expect(lines[1]).toBe(
      '#loc+name,#loc+code,#date+reported,#population+ind+x_refugee_recognised,#population+ind+x_asylum_seeker,#population+ind+x_no_status,#population+ind+total',
    );
    expect(lines[2]).toBe(`North Camp,${north},2026-03-01,<5,12,<5,20`);
    expect(lines.find((l) => l.startsWith('(all sites)'))).toMatch(/,36$/);
    expect(
      lines.filter((l) => /(^|,)[1-4](,|$)/.test(l.replace(/^[^,]*,[^,]*,[^,]*,/, ''))),
    ).toEqual([]);
    const rows = await t.platform.database.withOwner((o) =>
      o.query<{ details: { report: string } }>(
        `SELECT details FROM audit_events WHERE action = 'report.exported' ORDER BY seq DESC LIMIT 1`,
      ),
    );
    expect(rows[0]?.details.report).toBe('population');
  });

  it('refuses a bad asOf naming the field, and readers without reports.read', async () => {
    for (const asOf of ['2026-13-01', 'yesterday', '2026-02-30', '0000-01-01', '1899-12-31']) {
      const res = await analyst.as('GET', `/api/v1/reports/population?asOf=${asOf}`);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['query.asOf']);
    }
    const bad = await analyst.as('GET', '/api/v1/reports/population?format=xlsx');
    expect(bad.json().errors[0].field).toBe('query.format');
    expect((await caseworker.as('GET', '/api/v1/reports/population')).statusCode).toBe(403);
    expect((await clerk.as('GET', '/api/v1/reports/population')).statusCode).toBe(403);
  });
});

describe('GET /reports/sri-distribution', () => {
  const all = (score: number) =>
    Object.fromEntries(
      [
        'housing',
        'food',
        'education',
        'healthcare',
        'health_status',
        'safety',
        'employment',
        'financial_resources',
        'assistance',
        'debt',
        'savings',
        'social_capital',
      ].map((d) => [d, score]),
    );

  beforeAll(async () => {
    const households: string[] = [];
    for (let i = 0; i < 7; i++)
      households.push(
        created(
          await clerk.as('POST', '/api/v1/households', {
            members: [
              { personId: northPersons[i], relationship: 'focal_point', joinedOn: '2021-01-01' },
            ],
          }),
        ),
      );
    const assess = async (h: string, assessedOn: string, domains: Record<string, unknown>) =>
      created(
        await caseworker.as('POST', `/api/v1/households/${h}/sri-assessments`, {
          assessedOn,
          instrumentVersion: '2.0',
          domains,
        }),
      );
    // Household 0 was at 5 in 2025, at 3 now: only its latest total is binned.
    await assess(households[0]!, '2025-11-01', all(5));
    for (const h of households.slice(0, 5)) await assess(h, '2026-02-01', all(3));
    await assess(households[5]!, '2026-02-10', all(1));
    // Too few scored domains: refused.
    await assess(households[6]!, '2026-02-10', { food: 2, housing: 2 });
  }, 60_000);

  it('bins latest totals per site with suppressed totals, and an 8-quarter trend', async () => {
    const res = await analyst.as('GET', '/api/v1/reports/sri-distribution');
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ method: 'mean-scored-v1', minHouseholds: 5, suppressedLabel: '<5' });
    expect(r.bins.map((b: { key: string }) => b.key)).toEqual(['1-2', '2-3', '3-4', '4-5']);
    expect(r.sites).toHaveLength(1);
    const site = r.sites[0];
    expect(site).toMatchObject({ siteName: 'North Camp', refused: M });
    // Raw bins [1, 0, 5, 0], 6 households: the 1 is hidden, and so is another figure of the row.
    expect(site.byBin[0]).toEqual(M);
    expect(site.byBin[1]).toBe(0);
    const row = [...site.byBin, site.households];
    expect(row.filter(hidden).length).toBeGreaterThanOrEqual(2);
    const g = [row, [...r.totals.byBin, r.totals.households]];
    expect(recoverable(g)).toEqual([]);
    expect(smallShown(g)).toEqual([]);

    expect(r.trend.map((q: { quarter: string }) => q.quarter)).toEqual([
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
    ]);
    // 2026-Q1: six households with a total, (5 × 3 + 1) / 6; the refused one is left out.
    expect(r.trend[7]).toMatchObject({
      from: '2026-01-01',
      to: '2026-03-31',
      households: 6,
      average: 2.67,
      reason: null,
    });
    // 2025-Q4: one household, its average not published and its count hidden.
    expect(r.trend[6]).toMatchObject({
      households: M,
      average: null,
      reason: 'too_few_households',
    });
    expect(r.trend[0]).toMatchObject({ households: 0, average: null });
  });

  it('exports the bins as HXL-tagged CSV', async () => {
    const res = await analyst.as('GET', '/api/v1/reports/sri-distribution?format=hxl-csv');
    expect(res.statusCode).toBe(200);
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1]).toBe(
      '#loc+name,#loc+code,#population+hh+x_sri_1_2,#population+hh+x_sri_2_3,#population+hh+x_sri_3_4,#population+hh+x_sri_4_5,#population+hh+x_sri_assessed,#x_sri_method',
    );
    expect(lines[2]).toMatch(/^North Camp,[^,]+,<5,0,/);
    expect((await clerk.as('GET', '/api/v1/reports/sri-distribution')).statusCode).toBe(403);
  });
});

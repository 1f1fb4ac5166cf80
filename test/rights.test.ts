import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let clerk: Session;
let caseworker: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Agency A' });
  caseworker = await signedIn(t, ['caseworker'], { agency: 'Agency A' });
  admin = await signedIn(t, ['administrator']);
});
afterAll(() => t.close());

type Item = { article: string; owed: string; reason: string };
const owedOf = (items: Item[], article: string) => items.find((i) => i.article === article)?.owed;

async function personWithStatus(status: string, from: string) {
  const id = (
    await clerk.as('POST', '/api/v1/persons', {
      names: [{ given: 'Omid', family: 'Sadeghi' }],
      sex: 'M',
      birthYear: 1980,
    })
  ).json().id as string;
  await clerk.as('POST', `/api/v1/persons/${id}/residences`, { place: 'Tirana', from });
  await clerk.as('POST', `/api/v1/persons/${id}/legal-statuses`, {
    status,
    grantedBy: 'host-state',
    from,
  });
  return id;
}

describe('entitlements', () => {
  it('owes a humanitarian admission lawful-stay rights if a refugee, and durable-residence ones after three years', async () => {
    const id = await personWithStatus('humanitarian_admission', '2016-05-03');
    const early = await caseworker.as('GET', `/api/v1/persons/${id}/entitlements?asOf=2017-01-01`);
    expect(early.statusCode).toBe(200);
    const body = early.json();
    expect(body.attachment.level).toBe('LS');
    expect(body.attachment.reason).toContain('2016-05-03');
    expect(owedOf(body.items, '17(1)')).toBe('if-refugee');
    expect(owedOf(body.items, '17(2)(a)')).toBe('no');
    const later = (
      await caseworker.as('GET', `/api/v1/persons/${id}/entitlements?asOf=2020-01-01`)
    ).json();
    expect(owedOf(later.items, '17(2)(a)')).toBe('if-refugee');
    expect(later.items.find((i: Item) => i.article === '33').summary.fa).toBeTruthy();
  });

  it("follows the operation's host profile: a reservation on Art. 17, edited with If-Match and audited", async () => {
    const id = await personWithStatus('refugee_recognised', '2015-01-01');
    expect(
      owedOf((await clerk.as('GET', `/api/v1/persons/${id}/entitlements`)).json().items, '17(1)'),
    ).toBe('yes');
    const current = await admin.as('GET', '/api/v1/operations/current/host-profile');
    expect(current.json().version).toBe(0);
    const { version: _v, catalogueVersion: _c, ...profile } = current.json();
    const reserved = {
      ...profile,
      reservations: [
        { article: '17', effect: 'excluded', text: 'Wage-earning employment reserved.' },
      ],
    };
    expect(
      (await admin.as('PUT', '/api/v1/operations/current/host-profile', reserved)).statusCode,
    ).toBe(428);
    const saved = await admin.as('PUT', '/api/v1/operations/current/host-profile', reserved, {
      'if-match': current.headers.etag as string,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);
    const after = (await clerk.as('GET', `/api/v1/persons/${id}/entitlements`)).json();
    expect(owedOf(after.items, '17(1)')).toBe('reserved');
    expect(owedOf(after.items, '18')).toBe('yes');
    const bad = await admin.as(
      'PUT',
      '/api/v1/operations/current/host-profile',
      { ...profile, interpretation: { ...profile.interpretation, art25: 'J' } },
      { 'if-match': saved.headers.etag as string },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.interpretation.art25');
  });
});

describe('rights assessments and the gap', () => {
  it('lists owed rights that are not accessible, with their barriers', async () => {
    const id = await personWithStatus('refugee_recognised', '2018-01-01');
    const a = await caseworker.as('POST', `/api/v1/persons/${id}/rights-assessments`, {
      article: '26',
      access: 'none',
      barriers: ['movement_restricted_by_site'],
      assessedOn: '2024-05-01',
      method: 'interview',
      reliability: 'B',
    });
    expect(a.statusCode).toBe(201);
    await caseworker.as('POST', `/api/v1/persons/${id}/rights-assessments`, {
      article: '22(1)',
      access: 'full',
      assessedOn: '2024-05-01',
      method: 'document',
      reliability: 'A',
    });
    const gaps = (
      await caseworker.as('GET', `/api/v1/persons/${id}/rights-gaps?asOf=2024-06-01`)
    ).json();
    expect(gaps.items).toEqual([
      expect.objectContaining({
        article: '26',
        owed: 'yes',
        access: 'none',
        barriers: ['movement_restricted_by_site'],
      }),
    ]);
    const refused = await clerk.as('POST', `/api/v1/persons/${id}/rights-assessments`, {
      article: '26',
      access: 'sometimes',
      assessedOn: '2024-05-01',
      method: 'interview',
      reliability: 'B',
    });
    expect(refused.statusCode).toBe(403);
    const invalid = await caseworker.as('POST', `/api/v1/persons/${id}/rights-assessments`, {
      article: '26',
      access: 'sometimes',
      assessedOn: '2024-05-01',
      method: 'interview',
      reliability: 'B',
    });
    expect(invalid.json().errors[0].field).toBe('body.access');
  });
});

describe('monitoring rounds and the rights-gap matrix', () => {
  it('records a round all-or-nothing and counts owed persons and access per site and article', async () => {
    const officer = await signedIn(t, ['protection_officer'], { agency: 'Agency P' });
    const analyst = await signedIn(t, ['analyst']);
    const site = (
      await admin.as('POST', '/api/v1/sites', { name: 'Camp Matrix', type: 'camp' })
    ).json().id as string;
    const persons: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await personWithStatus('refugee_recognised', '2015-01-01');
      await clerk.as('POST', `/api/v1/persons/${id}/residences`, {
        siteId: site,
        from: '2020-01-01',
      });
      persons.push(id);
    }
    const entry = (personId: string, access: string) => ({
      personId,
      article: '26',
      access,
      barriers: access === 'full' ? [] : ['movement_restricted_by_site'],
    });
    const round = {
      round: '2026-Q1',
      assessedOn: '2026-03-01',
      method: 'interview',
      reliability: 'B',
      entries: persons.map((p, i) => entry(p, i < 2 ? 'full' : 'none')),
    };
    const bad = await officer.as('POST', `/api/v1/sites/${site}/monitoring-rounds`, {
      ...round,
      entries: [...round.entries, entry('00000000-0000-4000-8000-000000000000', 'none')],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.entries.6.personId');
    const ok = await officer.as('POST', `/api/v1/sites/${site}/monitoring-rounds`, round);
    expect(ok.json()).toEqual({ round: '2026-Q1', recorded: 6 });

    const matrix = (
      await officer.as('GET', `/api/v1/reports/rights-gaps?siteId=${site}&asOf=2026-03-02`)
    ).json();
    expect(matrix.suppressed).toBe(false);
    const cell = matrix.sites[0].cells.find((c: { article: string }) => c.article === '26');
    expect(cell).toMatchObject({
      owed: 6,
      full: 2,
      none: 4,
      unassessed: 0,
      shareWithAccess: 0.333,
    });
    // An analyst sees no person, so small counts are hidden (and enough others to protect them).
    const forAnalyst = (
      await analyst.as('GET', `/api/v1/reports/rights-gaps?siteId=${site}&asOf=2026-03-02`)
    ).json();
    const hidden = forAnalyst.sites[0].cells.find((c: { article: string }) => c.article === '26');
    expect(forAnalyst.suppressed).toBe(true);
    expect(hidden.full).toBe('<5');
    expect(hidden.owed).toBe(6);
    // A move forgets the person's cached rights class: the next matrix counts them elsewhere.
    const other = (await admin.as('POST', '/api/v1/sites', { name: 'Town', type: 'urban' })).json();
    await clerk.as('POST', `/api/v1/persons/${persons[0]}/residences`, {
      siteId: other.id,
      from: '2026-01-15',
    });
    const moved = (
      await officer.as('GET', `/api/v1/reports/rights-gaps?siteId=${site}&asOf=2026-03-02`)
    ).json();
    expect(moved.sites[0].cells.find((c: { article: string }) => c.article === '26').owed).toBe(5);
  });

  it('keeps the whole operation’s matrix exact as people and statuses change, evaluating only the changed', async () => {
    const officer = await signedIn(t, ['protection_officer'], { agency: 'Agency P' });
    const site = (
      await admin.as('POST', '/api/v1/sites', { name: 'Camp Whole', type: 'camp' })
    ).json().id as string;
    const lastEvaluated = async () => {
      const [row] = await t.platform.database.withOwner((o) =>
        o.query<{ details: { evaluated: number } }>(
          `SELECT details FROM audit_events WHERE action = 'report.rights_gaps'
           ORDER BY at DESC, seq DESC LIMIT 1`,
        ),
      );
      return row!.details.evaluated;
    };
    const owedHere = async () => {
      const m = (await officer.as('GET', '/api/v1/reports/rights-gaps?asOf=2026-03-02')).json();
      const row = m.sites.find((r: { siteId: string | null }) => r.siteId === site);
      return row?.cells.find((c: { article: string }) => c.article === '26')?.owed ?? 0;
    };
    const atSite = async () => {
      const id = await personWithStatus('refugee_recognised', '2015-01-01');
      await clerk.as('POST', `/api/v1/persons/${id}/residences`, {
        siteId: site,
        from: '2020-01-01',
      });
      return id;
    };
    const [a] = [await atSite(), await atSite(), await atSite()];
    expect(await owedHere()).toBe(3);
    expect(await owedHere()).toBe(3);
    expect(await lastEvaluated()).toBe(0); // nothing changed: no person evaluated again
    await atSite();
    expect(await owedHere()).toBe(4);
    expect(await lastEvaluated()).toBe(1); // only the new person
    // A move forgets the class: the person is counted at their new site.
    const town = (
      await admin.as('POST', '/api/v1/sites', { name: 'Town 2', type: 'urban' })
    ).json();
    await clerk.as('POST', `/api/v1/persons/${a}/residences`, {
      siteId: town.id,
      from: '2026-01-15',
    });
    expect(await owedHere()).toBe(3);
    expect(await lastEvaluated()).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction, type Tx } from '../src/platform/db/context.ts';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';

// Households, residence history, identity documents and site access: the registry's records
// around a person, each visible exactly when the person is.

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let clerk: Session;
let caseworker: Session;
let protection: Session;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Agency A' });
  caseworker = await signedIn(t, ['caseworker'], { agency: 'Agency B' });
  protection = await signedIn(t, ['protection_officer'], { agency: 'Agency C' });
  admin = await signedIn(t, ['administrator']);
});
afterAll(() => t.close());

const asSystem = <T>(work: (trx: Tx) => Promise<T>) =>
  inTransaction(t.platform.db, { operationId: t.operationId, userId: null }, work);

async function register(by: Session, given: string, over: Record<string, unknown> = {}) {
  const res = await by.as('POST', '/api/v1/persons', {
    names: [{ given, family: 'Rahimi' }],
    sex: 'F',
    birthYear: 1985,
    ...over,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('households', () => {
  it('groups members around one focal point and keeps who left and when', async () => {
    const [head, child] = [await register(clerk, 'Zahra'), await register(clerk, 'Sara')];
    const created = await clerk.as('POST', '/api/v1/households', {
      externalId: 'HH-1',
      members: [
        { personId: head, relationship: 'focal_point', joinedOn: '2020-01-01' },
        { personId: child, relationship: 'child', joinedOn: '2020-01-01' },
      ],
    });
    expect(created.statusCode).toBe(201);
    const hh = created.json();
    expect(hh.members.map((m: { relationship: string }) => m.relationship)).toEqual([
      'focal_point',
      'child',
    ]);
    const member = hh.members[1].id as string;
    const left = await clerk.as(
      'PATCH',
      `/api/v1/households/${hh.id}/members/${member}`,
      { leftOn: '2024-06-01' },
      { 'if-match': created.headers.etag as string },
    );
    expect(left.statusCode).toBe(200);
    expect(left.json().members[1].leftOn).toBe('2024-06-01');
    const stale = await clerk.as(
      'PATCH',
      `/api/v1/households/${hh.id}/members/${member}`,
      { relationship: 'sibling' },
      { 'if-match': created.headers.etag as string },
    );
    expect(stale.statusCode).toBe(412);
    const history = await caseworker.as('GET', `/api/v1/persons/${child}/households`);
    expect(history.json().items).toMatchObject([{ householdId: hh.id, leftOn: '2024-06-01' }]);
  });

  it('refuses a second focal point, a duplicate member and a current member of another household', async () => {
    const [a, b] = [await register(clerk, 'Leila'), await register(clerk, 'Nasrin')];
    const two = await clerk.as('POST', '/api/v1/households', {
      members: [
        { personId: a, relationship: 'focal_point' },
        { personId: b, relationship: 'focal_point' },
      ],
    });
    expect(two.statusCode).toBe(400);
    expect(two.json().errors[0].field).toBe('body.members');
    await clerk.as('POST', '/api/v1/households', {
      members: [{ personId: a, relationship: 'focal_point' }],
    });
    const again = await clerk.as('POST', '/api/v1/households', {
      members: [
        { personId: b, relationship: 'focal_point' },
        { personId: a, relationship: 'spouse' },
      ],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('body.members.1.personId');
    // Nothing half-written: b is in no household after the refusal.
    expect((await clerk.as('GET', `/api/v1/persons/${b}/households`)).json().items).toEqual([]);
  });

  it('leaves out members the reader may not see, without counting them', async () => {
    const head = await register(clerk, 'Maryam');
    const hidden = await register(protection, 'Shirin', { sensitivity: 'restricted' });
    const res = await protection.as('POST', '/api/v1/households', {
      members: [
        { personId: head, relationship: 'focal_point' },
        { personId: hidden, relationship: 'spouse' },
      ],
    });
    expect(res.statusCode).toBe(201);
    const seen = await caseworker.as('GET', `/api/v1/households/${res.json().id}`);
    expect(seen.statusCode).toBe(200);
    expect(JSON.stringify(seen.json())).not.toContain(hidden);
    expect(seen.json().members).toHaveLength(1);
    // A caseworker cannot add the hidden person anywhere: it does not exist for them.
    const add = await caseworker.as('POST', '/api/v1/households', {
      members: [{ personId: hidden, relationship: 'focal_point' }],
    });
    expect(add.statusCode).toBe(400);
    expect(add.json().errors[0]).toEqual({
      field: 'body.members.0.personId',
      message: 'does not exist',
    });
  });
});

describe('sites and residence history', () => {
  it('records access conditions and relocations without overwriting the past', async () => {
    const site = await admin.as('POST', '/api/v1/sites', {
      name: 'Compound North',
      type: 'closed_compound',
      country: 'ALB',
      access: { leaveFreely: false, walled: true, checkpoints: true, curfew: '20:00–06:00' },
    });
    expect(site.statusCode).toBe(201);
    expect(site.json().access).toEqual({
      leaveFreely: false,
      walled: true,
      checkpoints: true,
      curfew: '20:00–06:00',
      notes: null,
    });
    const other = await admin.as('POST', '/api/v1/sites', { name: 'Town flat', type: 'urban' });
    const p = await register(clerk, 'Fatemeh');
    const first = await clerk.as('POST', `/api/v1/persons/${p}/residences`, {
      siteId: site.json().id,
      from: '2019-03-01',
      movedBy: 'site management',
    });
    expect(first.statusCode).toBe(201);
    const back = await clerk.as('POST', `/api/v1/persons/${p}/residences`, {
      siteId: other.json().id,
      from: '2019-01-01',
    });
    expect(back.statusCode).toBe(400);
    expect(back.json().errors[0].field).toBe('body.from');
    await clerk.as('POST', `/api/v1/persons/${p}/residences`, {
      siteId: other.json().id,
      from: '2023-07-15',
      movedBy: 'legal aid partner',
      reason: 'separation from the group',
    });
    const history = (await caseworker.as('GET', `/api/v1/persons/${p}/residences`)).json().items;
    expect(history).toMatchObject([
      { siteName: 'Compound North', from: '2019-03-01', to: '2023-07-15' },
      { siteName: 'Town flat', from: '2023-07-15', to: null, reason: 'separation from the group' },
    ]);
    const residents = await caseworker.as('GET', `/api/v1/sites/${other.json().id}/residents`);
    expect(residents.json()).toMatchObject({ total: 1, items: [{ personId: p }] });
    const empty = await caseworker.as('GET', `/api/v1/sites/${site.json().id}/residents`);
    expect(empty.json().total).toBe(0);
    const unknownSite = await clerk.as('POST', `/api/v1/persons/${p}/residences`, {
      siteId: '00000000-0000-4000-8000-000000000000',
      from: '2024-01-01',
    });
    expect(unknownSite.statusCode).toBe(400);
    expect(unknownSite.json().errors[0].field).toBe('body.siteId');
  });
});

describe('identity documents', () => {
  it('matches numbers however written, reads them back only to those allowed, flags third-party holders', async () => {
    const p = await register(clerk, 'Roya');
    const added = await clerk.as('POST', `/api/v1/persons/${p}/documents`, {
      type: 'passport',
      issuer: 'AFG',
      number: 'P 123-4567',
      holder: 'third_party',
      holderDetail: 'employer',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      number: 'P 123-4567',
      hasNumber: true,
      protectionConcern: true,
    });
    const asCaseworker = (await caseworker.as('GET', `/api/v1/persons/${p}/documents`)).json();
    expect(asCaseworker.items[0]).toMatchObject({ number: null, hasNumber: true });
    expect(JSON.stringify(asCaseworker)).not.toContain('4567');
    const match = await caseworker.as(
      'GET',
      '/api/v1/documents/matches?issuer=afg&number=p1234567',
    );
    expect(match.json().items).toEqual([{ personId: p, type: 'passport' }]);
    const none = await caseworker.as('GET', '/api/v1/documents/matches?issuer=IRN&number=P1234567');
    expect(none.json().items).toEqual([]);
    const events = await asSystem((trx) =>
      trx.selectFrom('audit_events').select('action').where('entity_id', '=', p).execute(),
    );
    expect(events.map((e) => e.action)).toContain('document.held_by_third_party');
    const returned = await clerk.as(
      'PATCH',
      `/api/v1/persons/${p}/documents/${added.json().id}`,
      { holder: 'person', holderDetail: null },
      { 'if-match': added.headers.etag as string },
    );
    expect(returned.json()).toMatchObject({ holder: 'person', protectionConcern: false });
    const raw = await asSystem((trx) =>
      trx
        .selectFrom('identity_documents' as never)
        .selectAll()
        .execute(),
    );
    expect(raw).toHaveLength(1);
    expect(JSON.stringify(raw)).not.toContain('4567');
  });
});

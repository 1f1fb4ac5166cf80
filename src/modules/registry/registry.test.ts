import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let clerk: Session;
let caseworkerA: Session;
let caseworkerB: Session;
let protection: Session;
let protection2: Session;
let analyst: Session;

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Agency A' });
  caseworkerA = await signedIn(t, ['caseworker'], { agency: 'Agency A' });
  caseworkerB = await signedIn(t, ['caseworker'], { agency: 'Agency B' });
  protection = await signedIn(t, ['protection_officer'], { agency: 'Agency C' });
  protection2 = await signedIn(t, ['protection_officer'], { agency: 'Agency C' });
  analyst = await signedIn(t, ['analyst']);
});
afterAll(() => t.close());

const person = (over: Record<string, unknown> = {}) => ({
  names: [
    { given: 'Mohammad', family: 'Hosseini', script: 'Latn', use: 'primary' },
    { given: 'محمد', family: 'حسینی', script: 'Arab', use: 'original' },
  ],
  sex: 'M',
  birthYear: 1990,
  birthYearEstimated: true,
  nationalities: ['AFG'],
  languages: ['fa'],
  ...over,
});

const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });

describe('persons', () => {
  it('registers, reads and changes a person with optimistic concurrency', async () => {
    const created = await clerk.as(
      'POST',
      '/api/v1/persons',
      person({ specificNeeds: [{ code: 'SM' }] }),
    );
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    const got = await clerk.as('GET', `/api/v1/persons/${id}`);
    expect(got.json()).toMatchObject({
      id,
      sex: 'M',
      birthYear: 1990,
      nationalities: ['AFG'],
      sensitivity: 'normal',
    });
    const etag = got.headers.etag as string;
    const changed = await clerk.as(
      'PATCH',
      `/api/v1/persons/${id}`,
      { languages: ['fa', 'ps'] },
      { 'if-match': etag },
    );
    expect(changed.statusCode).toBe(200);
    expect(
      (await clerk.as('PATCH', `/api/v1/persons/${id}`, { languages: [] }, { 'if-match': etag }))
        .statusCode,
    ).toBe(412);
    expect((await clerk.as('GET', `/api/v1/persons/${id}`)).json().languages).toEqual(['fa', 'ps']);
  });

  it('names every invalid field', async () => {
    const res = await clerk.as('POST', '/api/v1/persons', {
      names: [{ script: 'Latn' }],
      sex: 'male',
      birthDate: '1990-01-01',
      birthYear: 1990,
      nationalities: ['XX'],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.names.0', 'body.sex', 'body.nationalities.0']),
    );
    const both = await clerk.as('POST', '/api/v1/persons', person({ birthDate: '1990-01-01' }));
    expect(both.json().errors).toEqual([
      { field: 'body.birthYear', message: 'give birthDate or birthYear, not both' },
    ]);
  });

  it('keeps the legal-status history: statuses never overwrite each other', async () => {
    const { id } = (await clerk.as('POST', '/api/v1/persons', person())).json();
    const a = await clerk.as('POST', `/api/v1/persons/${id}/legal-statuses`, {
      status: 'asylum_seeker',
      grantedBy: 'host-state',
      from: '2016-05-03',
      to: '2017-01-31',
    });
    expect(a.statusCode).toBe(201);
    const b = await clerk.as('POST', `/api/v1/persons/${id}/legal-statuses`, {
      status: 'humanitarian_admission',
      grantedBy: 'host-state',
      basis: 'Decree 12/2017',
      from: '2017-02-01',
    });
    expect(b.statusCode).toBe(201);
    const bad = await clerk.as('POST', `/api/v1/persons/${id}/legal-statuses`, {
      status: 'refugee',
      grantedBy: 'unhcr',
      from: '2020-01-02',
      to: '2020-01-01',
    });
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.status', 'body.to']);
    const list = (await caseworkerA.as('GET', `/api/v1/persons/${id}/legal-statuses`)).json();
    expect(list.items.map((s: { status: string }) => s.status)).toEqual([
      'asylum_seeker',
      'humanitarian_admission',
    ]);
    expect(list.items[1]).toMatchObject({
      grantedBy: 'host-state',
      basis: 'Decree 12/2017',
      from: '2017-02-01',
      to: null,
    });
  });

  it('finds a person however the name was spelled, best first', async () => {
    const { id } = (
      await clerk.as(
        'POST',
        '/api/v1/persons',
        person({ names: [{ given: 'Hossein', family: 'Ghasemi' }], birthYear: 1985 }),
      )
    ).json();
    await clerk.as(
      'POST',
      '/api/v1/persons',
      person({ names: [{ given: 'Hassan', family: 'Karimi' }], birthYear: 1985 }),
    );
    for (const q of ['Hussein Qasemi', 'Qasemi Hussein', 'حسین قاسمی', 'hosein ghasemi']) {
      const res = await clerk.as(
        'GET',
        `/api/v1/persons/search?q=${encodeURIComponent(q)}&birthYear=1985`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.json().items[0]?.id, q).toBe(id);
      expect(res.json().items[0].score).toBeGreaterThan(0);
    }
  });

  it('refuses roles that must not see persons', async () => {
    const { id } = (await clerk.as('POST', '/api/v1/persons', person())).json();
    expect((await analyst.as('GET', `/api/v1/persons/${id}`)).statusCode).toBe(403);
  });
});

describe('sensitive and restricted records', () => {
  it('shows a sensitive record to its registering agency and to protection officers only', async () => {
    const { id } = (
      await caseworkerA.as(
        'POST',
        '/api/v1/persons',
        person({ sensitivity: 'sensitive', names: [{ given: 'Shirin', family: 'Sensitiva' }] }),
      )
    ).json();
    expect((await caseworkerA.as('GET', `/api/v1/persons/${id}`)).statusCode).toBe(200);
    expect((await protection.as('GET', `/api/v1/persons/${id}`)).statusCode).toBe(200);
    const other = await caseworkerB.as('GET', `/api/v1/persons/${id}`);
    expect(other.statusCode).toBe(404);
    const search = (
      await caseworkerB.as('GET', '/api/v1/persons/search?q=Shirin%20Sensitiva')
    ).json();
    expect(search.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('makes a restricted record exist only for the users named on it', async () => {
    const made = await clerk.as('POST', '/api/v1/persons', person({ sensitivity: 'restricted' }));
    expect(made.statusCode).toBe(403);
    const { id } = (
      await protection.as(
        'POST',
        '/api/v1/persons',
        person({ sensitivity: 'restricted', names: [{ given: 'Roya', family: 'Zarinkolah' }] }),
      )
    ).json();
    expect((await protection.as('GET', `/api/v1/persons/${id}`)).statusCode).toBe(200);
    for (const s of [clerk, caseworkerA, protection2]) {
      const hidden = await s.as('GET', `/api/v1/persons/${id}`);
      const random = await s.as('GET', `/api/v1/persons/${crypto.randomUUID()}`);
      expect(hidden.statusCode).toBe(404);
      expect(strip(hidden.json())).toEqual(strip(random.json()));
      expect(Object.keys(hidden.headers).sort()).toEqual(Object.keys(random.headers).sort());
      expect((await s.as('GET', `/api/v1/persons/${id}/legal-statuses`)).statusCode).toBe(404);
      const search = (await s.as('GET', '/api/v1/persons/search?q=Roya%20Zarinkolah')).json();
      expect(search.items.map((i: { id: string }) => i.id)).not.toContain(id);
    }
    const found = (await protection.as('GET', '/api/v1/persons/search?q=Roya%20Zarinkolah')).json();
    expect(found.items[0].id).toBe(id);
  });
});

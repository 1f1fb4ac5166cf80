import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';

// Separation requests (SECURITY.md rules 2 and 3): once a person asks to leave a group, their
// record exists only for the users named on it, and their whereabouts reach no one else.

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let lawyer: Session;
let otherCaseworker: Session;
let clerk: Session;
let focal: Session;
let supervisor: Session;
let personId: string;
let siteId: string;
const CANARY_PHONE = `+355-canary-${crypto.randomUUID().slice(0, 8)}`;
const CANARY_REASON = `canary-reason-${crypto.randomUUID().slice(0, 8)}`;
const EXTERNAL_ID = `EXT-${crypto.randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  lawyer = await signedIn(t, ['caseworker'], { agency: 'Legal Aid Centre' });
  otherCaseworker = await signedIn(t, ['caseworker'], { agency: 'Camp Services' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Camp Services' });
  focal = await signedIn(t, ['protection_officer'], { agency: 'UNHCR' });
  supervisor = await signedIn(t, ['protection_officer'], { agency: 'UNHCR' });
  const admin = await signedIn(t, ['administrator']);
  siteId = (
    await admin.as('POST', '/api/v1/sites', {
      name: 'Compound East',
      type: 'closed_compound',
      access: { leaveFreely: false },
    })
  ).json().id;
  personId = (
    await clerk.as('POST', '/api/v1/persons', {
      names: [{ given: 'Maryam', family: 'Ghasemi' }],
      sex: 'F',
      birthDate: '1990-02-14',
      nationalities: ['IRN'],
      contact: { phone: CANARY_PHONE },
      externalId: EXTERNAL_ID,
    })
  ).json().id;
  await clerk.as('POST', `/api/v1/persons/${personId}/residences`, {
    siteId,
    from: '2021-04-01',
  });
});
afterAll(() => t.close());

const strip = (r: { statusCode: number; json: () => Record<string, unknown> }) => ({
  status: r.statusCode,
  body: { ...r.json(), requestId: undefined },
});

describe('a separation request', () => {
  it('is recorded with the requesting lawyer named on it, and restricts the record', async () => {
    const res = await lawyer.as('POST', `/api/v1/persons/${personId}/separation-requests`, {
      reason: CANARY_REASON,
      actingFor: 'lawyer',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ personId, status: 'open', reason: CANARY_REASON });
    const seen = (await lawyer.as('GET', `/api/v1/persons/${personId}`)).json();
    expect(seen).toMatchObject({ sensitivity: 'restricted', contact: null });
    const where = (await lawyer.as('GET', `/api/v1/persons/${personId}/whereabouts`)).json();
    expect(where.whereabouts).toMatchObject({ siteId, contact: { phone: CANARY_PHONE } });
  });

  it('makes the person not exist for anyone not named: same answer as a random id', async () => {
    const random = crypto.randomUUID();
    for (const s of [otherCaseworker, clerk, focal]) {
      for (const path of ['', '/legal-statuses', '/residences', '/documents', '/households']) {
        const hidden = await s.as('GET', `/api/v1/persons/${personId}${path}`);
        const missing = await s.as('GET', `/api/v1/persons/${random}${path}`);
        expect(strip(hidden)).toEqual(strip(missing));
      }
      const patch = await s.as(
        'PATCH',
        `/api/v1/persons/${personId}`,
        { sex: 'F' },
        { 'if-match': '"1"' },
      );
      const patchMissing = await s.as(
        'PATCH',
        `/api/v1/persons/${random}`,
        { sex: 'F' },
        { 'if-match': '"1"' },
      );
      expect(strip(patch)).toEqual(strip(patchMissing));
      const search = (
        await s.as('GET', '/api/v1/persons/search?q=Maryam%20Ghasemi&birthYear=1990')
      ).json();
      expect(search.items.map((i: { id: string }) => i.id)).not.toContain(personId);
    }
    const check = await clerk.as('POST', '/api/v1/persons/duplicate-check', {
      names: [{ given: 'Maryam', family: 'Ghasemi' }],
      sex: 'F',
      birthDate: '1990-02-14',
      nationalities: ['IRN'],
    });
    expect(check.json()).toEqual({ items: [], referToFocalPoint: false });
    // Their external id is free for anyone else, exactly like one never used.
    for (const externalId of [EXTERNAL_ID, `EXT-${crypto.randomUUID().slice(0, 8)}`]) {
      const other = await clerk.as('POST', '/api/v1/persons', {
        names: [{ given: 'Arben', family: 'Hoxha' }],
        sex: 'M',
        birthYear: 1985,
        nationalities: ['ALB'],
        externalId,
      });
      expect(other.statusCode).toBe(201);
      expect(other.json().externalId).toBe(externalId);
    }
    const residents = (await otherCaseworker.as('GET', `/api/v1/sites/${siteId}/residents`)).json();
    expect(residents.total).toBe(0);
    // Not even the named lawyer finds them in the site's list: the site is whereabouts now.
    expect((await lawyer.as('GET', `/api/v1/sites/${siteId}/residents`)).json().total).toBe(0);
  });

  it('gets a safety plan with owners and due dates', async () => {
    const [request] = (
      await lawyer.as('GET', `/api/v1/persons/${personId}/separation-requests`)
    ).json().items;
    await lawyer.as('POST', `/api/v1/persons/${personId}/access`, { userId: focal.user.id });
    const step = await lawyer.as('POST', `/api/v1/separation-requests/${request.id}/steps`, {
      kind: 'independent_accommodation',
      ownerId: focal.user.id,
      dueOn: '2026-03-20',
    });
    expect(step.statusCode).toBe(201);
    const added = step.json().steps[0];
    const done = await focal.as(
      'PATCH',
      `/api/v1/separation-requests/${request.id}/steps/${added.id}`,
      { doneOn: '2026-03-10' },
      { 'if-match': `"${added.version}"` },
    );
    expect(done.statusCode).toBe(200);
    expect(done.json().steps[0].doneOn).toBe('2026-03-10');
    const notices = (await focal.as('GET', '/api/v1/notifications')).json().items;
    expect(notices.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['record_shared', 'safety_plan_step']),
    );
    const other = await otherCaseworker.as(
      'POST',
      `/api/v1/separation-requests/${request.id}/steps`,
      {
        kind: 'other',
      },
    );
    expect(other.statusCode).toBe(404);
  });

  it('opens to a supervisor only by break-glass: reasoned, audited, alerting, and temporary', async () => {
    expect((await supervisor.as('GET', `/api/v1/persons/${personId}`)).statusCode).toBe(404);
    const random = await supervisor.as(
      'POST',
      `/api/v1/persons/${crypto.randomUUID()}/break-glass`,
      {
        reason: 'probe',
      },
    );
    expect(random.statusCode).toBe(404);
    const glass = await supervisor.as('POST', `/api/v1/persons/${personId}/break-glass`, {
      reason: 'imminent risk reported by hotline',
    });
    expect(glass.statusCode).toBe(201);
    expect((await supervisor.as('GET', `/api/v1/persons/${personId}`)).statusCode).toBe(200);
    const alerts = (await lawyer.as('GET', '/api/v1/notifications')).json().items;
    expect(alerts).toContainEqual(
      expect.objectContaining({ kind: 'break_glass', entityId: personId }),
    );
    // Four hours later (the session kept alive), the door has closed again.
    for (let i = 0; i < 25; i++) {
      t.clock.advance(10 * 60_000);
      await supervisor.as('GET', '/api/v1/auth/me');
    }
    expect((await supervisor.as('GET', `/api/v1/persons/${personId}`)).statusCode).toBe(404);
  });

  it('leaks no whereabouts or reason to anyone else, in responses or logs', async () => {
    const bodies: string[] = [];
    for (const s of [otherCaseworker, clerk, supervisor]) {
      for (const url of [
        `/api/v1/persons/${personId}`,
        `/api/v1/persons/${personId}/whereabouts`,
        `/api/v1/persons/${personId}/separation-requests`,
        '/api/v1/persons/search?q=Ghasemi',
        `/api/v1/sites/${siteId}/residents`,
        '/api/v1/notifications',
        '/api/v1/duplicates',
      ])
        bodies.push((await s.as('GET', url)).body);
    }
    const text = bodies.join('\n') + t.logs.join('\n');
    expect(text).not.toContain(CANARY_PHONE);
    expect(text).not.toContain(CANARY_REASON);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>;
let auditor: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  admin = await signedIn(t, ['administrator']);
  auditor = await signedIn(t, ['auditor']);
});
afterAll(() => t.close());

describe('the audit log for auditors', () => {
  it('finds events by record, user, action and time, newest first, page by page', async () => {
    const site = (
      await admin.as('POST', '/api/v1/sites', { name: 'Audit camp', type: 'camp' })
    ).json();
    const etag = (await admin.as('GET', `/api/v1/sites/${site.id}`)).headers.etag as string;
    t.clock.advance(10 * 60_000);
    const between = new Date(t.clock.now().getTime() - 5 * 60_000).toISOString();
    await admin.as('PATCH', `/api/v1/sites/${site.id}`, { capacity: 10 }, { 'if-match': etag });

    const byRecord = (await auditor.as('GET', `/api/v1/audit/events?entityId=${site.id}`)).json();
    expect(byRecord.items.map((e: { action: string }) => e.action)).toEqual([
      'site.updated',
      'site.created',
    ]);
    expect(byRecord.items[0]).toMatchObject({
      actorId: admin.user.id,
      entityType: 'site',
      details: { fields: ['capacity'] },
    });
    expect(JSON.stringify(byRecord)).not.toContain('Audit camp'); // ids and codes, never names

    const byUser = (
      await auditor.as('GET', `/api/v1/audit/events?userId=${admin.user.id}&action=site.created`)
    ).json();
    expect(byUser.items).toHaveLength(1);

    const recent = (
      await auditor.as('GET', `/api/v1/audit/events?entityId=${site.id}&from=${between}`)
    ).json();
    expect(recent.items.map((e: { action: string }) => e.action)).toEqual(['site.updated']);

    const page1 = (await auditor.as('GET', '/api/v1/audit/events?limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (
      await auditor.as('GET', `/api/v1/audit/events?limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.items[0].seq).toBeLessThan(page1.items[1].seq);
  });

  it('names the bad query field', async () => {
    const res = await auditor.as('GET', '/api/v1/audit/events?from=yesterday&limit=9999');
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['query.from', 'query.limit']);
  });

  it('verifies the chain on demand, and records that it did', async () => {
    const res = await auditor.as('GET', '/api/v1/audit/verify');
    expect(res.json()).toMatchObject({ ok: true });
    const events = (await auditor.as('GET', '/api/v1/audit/events?action=audit.verified')).json();
    expect(events.items[0].actorId).toBe(auditor.user.id);
  });
});

describe('logs', () => {
  it('never hold the personal data that passed through requests', async () => {
    const canary = 'zq-canary-7781';
    await admin.as('POST', '/api/v1/users', {
      email: `${canary}@example.org`,
      displayName: `Name ${canary}`,
      roles: ['caseworker'],
      password: `pass ${canary} phrase`,
    });
    await admin.as('GET', `/api/v1/users?q=${canary}`);
    await admin.as('POST', '/api/v1/sites', { name: `Site ${canary}`, type: 'nope' });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: `${canary}@example.org`, password: canary },
    });
    expect(t.logs.length).toBeGreaterThan(3);
    expect(t.logs.filter((l) => l.includes(canary))).toEqual([]);
  });
});

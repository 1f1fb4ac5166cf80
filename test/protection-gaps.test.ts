import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';

// Gaps of the protection issue: a person's referrals across their cases, notifications that lead
// to their record (ids only), and the independent-provider check on a separation request.

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let cw: Session; // caseworker, Camp Services
let cwElsewhere: Session; // caseworker, Shelter Org: sees normal persons, not Camp Services' cases
let lawyer: Session; // caseworker, Legal Aid Centre
let colleague: Session; // caseworker, Legal Aid Centre, named on the restricted person later
let lawyerPeer: Session; // caseworker, Legal Aid Centre, never named
let focal: Session; // protection officer (supervisor)
let partner: Session; // service_partner of Legal Aid Partner
let clerk: Session;
let officer: Session; // programme officer
let admin: Session;
let auditor: Session;
let personId: string;
let restrictedId: string;
const cases: string[] = [];
let restrictedCase: string;
let offlineProvider: string;
let linkedProvider: string;
const CANARY_NAME = `Canary${crypto.randomUUID().slice(0, 8)}`;
const consent = { givenBy: 'person', givenOn: '2026-03-01', scope: 'services' };

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const strip = (r: { statusCode: number; json: () => Record<string, unknown> }) => ({
  status: r.statusCode,
  body: { ...r.json(), requestId: undefined },
});
function created(res: { statusCode: number; json(): unknown; body: string }): string {
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
const daysAgo = (n: number) =>
  new Date(t.clock.now().getTime() - n * 86_400_000).toISOString().slice(0, 10);

async function newPerson(given: string): Promise<string> {
  return created(
    await clerk.as('POST', '/api/v1/persons', {
      names: [{ given, family: 'Hosseini' }],
      sex: 'F',
      birthYear: 1992,
      nationalities: ['AFG'],
    }),
  );
}

async function refer(s: Session, caseId: string, providerId: string) {
  const res = await s.as('POST', `/api/v1/cases/${caseId}/referrals`, {
    providerId,
    serviceType: 'legal_aid',
    fields: ['names'],
    consent,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number; referredAt: string };
}

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  cw = await signedIn(t, ['caseworker'], { agency: 'Camp Services' });
  cwElsewhere = await signedIn(t, ['caseworker'], { agency: 'Shelter Org' });
  lawyer = await signedIn(t, ['caseworker'], { agency: 'Legal Aid Centre' });
  colleague = await signedIn(t, ['caseworker'], { agency: 'Legal Aid Centre' });
  lawyerPeer = await signedIn(t, ['caseworker'], { agency: 'Legal Aid Centre' });
  focal = await signedIn(t, ['protection_officer'], { agency: 'UNHCR' });
  partner = await signedIn(t, ['service_partner'], { agency: 'Legal Aid Partner' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Camp Services' });
  officer = await signedIn(t, ['programme_officer']);
  admin = await signedIn(t, ['administrator']);
  auditor = await signedIn(t, ['auditor']);
  const agencies = (await admin.as('GET', '/api/v1/agencies')).json().items as {
    id: string;
    name: string;
  }[];
  offlineProvider = created(
    await admin.as('POST', '/api/v1/service-providers', {
      name: 'Bar Legal Desk',
      organisation: 'Bar Association',
      serviceTypes: ['legal_aid'],
    }),
  );
  linkedProvider = created(
    await admin.as('POST', '/api/v1/service-providers', {
      name: 'Partner Legal Clinic',
      organisation: 'Legal Aid Partner',
      serviceTypes: ['legal_aid'],
      agencyId: agencies.find((a) => a.name === 'Legal Aid Partner')!.id,
    }),
  );
  personId = await newPerson(CANARY_NAME);
  for (const category of ['legal', 'documentation'])
    cases.push(created(await cw.as('POST', '/api/v1/cases', { personId, category })));
  restrictedId = await newPerson(`${CANARY_NAME}r`);
  restrictedCase = created(
    await lawyer.as('POST', '/api/v1/cases', { personId: restrictedId, category: 'legal' }),
  );
});
afterAll(() => t.close());

describe('GET /persons/{id}/referrals', () => {
  const sent: { id: string }[] = [];

  it("lists the person's referrals across the cases the reader works on, newest first", async () => {
    sent.push(await refer(cw, cases[0]!, offlineProvider));
    t.clock.advance(60_000);
    sent.push(await refer(cw, cases[1]!, linkedProvider));
    const res = await cw.as('GET', `/api/v1/persons/${personId}/referrals`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; caseId: string; personId: string }[];
    expect(items.map((r) => r.id)).toEqual([sent[1]!.id, sent[0]!.id]);
    expect(items.map((r) => r.caseId)).toEqual([cases[1], cases[0]]);
    // The same views as the per-case list.
    const perCase = (await cw.as('GET', `/api/v1/cases/${cases[0]}/referrals`)).json().items;
    expect(items[1]).toEqual(perCase[0]);
    // A supervisor works on every case.
    const forFocal = (await focal.as('GET', `/api/v1/persons/${personId}/referrals`)).json();
    expect(forFocal.items).toHaveLength(2);
  });

  it('shows nothing of cases the reader does not work on, and refuses roles without cases', async () => {
    const other = await cwElsewhere.as('GET', `/api/v1/persons/${personId}/referrals`);
    expect(other.statusCode).toBe(200);
    expect(other.json().items).toEqual([]);
    for (const s of [partner, clerk, auditor])
      expect((await s.as('GET', `/api/v1/persons/${personId}/referrals`)).statusCode).toBe(403);
    const bad = await cw.as('GET', '/api/v1/persons/not-a-uuid/referrals');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^params\.id/);
  });

  it('is audited once per list', async () => {
    const events = (
      await auditor.as(
        'GET',
        `/api/v1/audit/events?action=referral.listed&entityId=${personId}&limit=50`,
      )
    ).json().items as { actorId: string; entityType: string; details: unknown }[];
    const byCw = events.filter((e) => e.actorId === cw.user.id);
    expect(byCw).toEqual([
      expect.objectContaining({ entityType: 'person', details: { results: 2 } }),
    ]);
    expect(events.filter((e) => e.actorId === cwElsewhere.user.id)).toEqual([
      expect.objectContaining({ details: { results: 0 } }),
    ]);
  });

  it('answers for a restricted person not shared with the reader exactly as for a random id', async () => {
    const r = await refer(lawyer, restrictedCase, offlineProvider);
    const req = await lawyer.as('POST', `/api/v1/persons/${restrictedId}/separation-requests`, {
      reason: 'wants to leave the compound',
      actingFor: 'lawyer',
    });
    expect(req.statusCode).toBe(201);
    const mine = (await lawyer.as('GET', `/api/v1/persons/${restrictedId}/referrals`)).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([r.id]);
    const random = crypto.randomUUID();
    // Same agency as the case (would see it), and a supervisor: neither is named on the person.
    for (const s of [lawyerPeer, focal]) {
      const hidden = await s.as('GET', `/api/v1/persons/${restrictedId}/referrals`);
      const missing = await s.as('GET', `/api/v1/persons/${random}/referrals`);
      expect(hidden.statusCode).toBe(404);
      expect(strip(hidden)).toEqual(strip(missing));
    }
  });
});

describe('notifications', () => {
  type Notice = {
    kind: string;
    entityType: string;
    entityId: string;
    subjectId: string | null;
  };
  const mine = async (s: Session) =>
    (await s.as('GET', '/api/v1/notifications')).json().items as Notice[];

  it("lead a referral's sender to the case, and the partner to the inbox only", async () => {
    const referral = (await cw.as('GET', `/api/v1/persons/${personId}/referrals`)).json()
      .items[0] as { id: string; version: number; providerId: string };
    expect(referral.providerId).toBe(linkedProvider);
    const received = (await mine(partner)).find((n) => n.entityId === referral.id);
    // The partner has no case: no subject.
    expect(received).toMatchObject({
      kind: 'referral_received',
      entityType: 'referral',
      subjectId: null,
    });
    const answered = await partner.as(
      'POST',
      `/api/v1/referral-inbox/${referral.id}/decision`,
      { decision: 'accepted' },
      ifMatch(referral.version),
    );
    expect(answered.statusCode).toBe(200);
    const updated = (await mine(cw)).find((n) => n.kind === 'referral_updated');
    expect(updated).toMatchObject({
      entityType: 'referral',
      entityId: referral.id,
      subjectId: cases[1],
    });
  });

  it("lead a safety-plan step's owner to the person only when they may see the person", async () => {
    const access = await lawyer.as('POST', `/api/v1/persons/${restrictedId}/access`, {
      userId: colleague.user.id,
    });
    expect(access.statusCode).toBe(204);
    const request = (
      await lawyer.as('GET', `/api/v1/persons/${restrictedId}/separation-requests`)
    ).json().items[0] as { id: string };
    for (const owner of [colleague, lawyerPeer])
      expect(
        (
          await lawyer.as('POST', `/api/v1/separation-requests/${request.id}/steps`, {
            kind: 'legal_aid_referral',
            ownerId: owner.user.id,
          })
        ).statusCode,
      ).toBe(201);
    const named = (await mine(colleague)).find((n) => n.kind === 'safety_plan_step');
    expect(named).toMatchObject({
      entityType: 'separation_request',
      entityId: request.id,
      subjectId: restrictedId,
    });
    const notNamed = (await mine(lawyerPeer)).find((n) => n.kind === 'safety_plan_step');
    expect(notNamed).toMatchObject({ entityId: request.id, subjectId: null });
  });

  it('never carry a name', async () => {
    for (const s of [cw, partner, colleague, lawyerPeer]) {
      const body = (await s.as('GET', '/api/v1/notifications')).body;
      expect(body).not.toContain(CANARY_NAME);
      expect(body).not.toContain('Hosseini');
    }
  });
});

describe('the independent-provider check of a separation request', () => {
  let sponsorName: string;
  let ngoName: string;
  let dependent: string;
  let independent: string;

  beforeAll(async () => {
    sponsorName = 'Leadership Welfare Office';
    ngoName = 'Relief NGO';
    const sponsor = created(
      await officer.as('POST', '/api/v1/providers', {
        name: sponsorName,
        independenceClass: 'group_linked_sponsor',
      }),
    );
    const ngo = created(
      await officer.as('POST', '/api/v1/providers', {
        name: ngoName,
        independenceClass: 'independent_humanitarian',
      }),
    );
    const programme = async (name: string, providerId: string) =>
      created(
        await officer.as('POST', '/api/v1/programmes', {
          name,
          type: 'food',
          providerId,
          funders: [{ name: 'Donor State' }],
          startDate: '2025-01-01',
        }),
      );
    const sponsorFood = await programme('Compound food', sponsor);
    const ngoFood = await programme('NGO food', ngo);
    const give = async (person: string, programmeId: string, value: string, on: string) =>
      created(
        await officer.as('POST', '/api/v1/distributions', {
          personId: person,
          programmeId,
          kind: 'item',
          item: 'food basket',
          quantity: 1,
          unit: 'basket',
          value,
          currency: 'USD',
          distributedOn: on,
        }),
      );
    dependent = await newPerson('Dependent');
    await give(dependent, sponsorFood, '80.00', daysAgo(10));
    await give(dependent, ngoFood, '20.00', daysAgo(30));
    // Outside the 90 days: would bring the share under the threshold if it counted.
    await give(dependent, ngoFood, '500.00', daysAgo(120));
    independent = await newPerson('Independent');
    await give(independent, ngoFood, '40.00', daysAgo(5));
    await give(independent, sponsorFood, '10.00', daysAgo(200));
    for (const p of [dependent, independent])
      expect(
        (
          await lawyer.as('POST', `/api/v1/persons/${p}/separation-requests`, {
            reason: 'leaving the group',
          })
        ).statusCode,
      ).toBe(201);
  });

  it('reports essentials from a group-linked provider in the last 90 days, by the assistance rule', async () => {
    const res = await lawyer.as('GET', `/api/v1/persons/${dependent}/separation-requests`);
    expect(res.statusCode).toBe(200);
    const dep = res.json().items[0].assistanceDependency;
    expect(dep).toMatchObject({
      from: daysAgo(90),
      to: daysAgo(0),
      threshold: 0.5,
      share: 0.8,
      flagged: true,
      groupLinked: true,
    });
    expect(dep.providers).toEqual([
      { id: expect.any(String), name: sponsorName, independence: 'group_linked_sponsor' },
      { id: expect.any(String), name: ngoName, independence: 'independent_humanitarian' },
    ]);
    const events = (
      await auditor.as(
        'GET',
        `/api/v1/audit/events?action=person.dependency_viewed&entityId=${dependent}`,
      )
    ).json().items;
    expect(events).toEqual([expect.objectContaining({ actorId: lawyer.user.id })]);
  });

  it('is clear when the essentials of the period came from independent providers only', async () => {
    const dep = (
      await lawyer.as('GET', `/api/v1/persons/${independent}/separation-requests`)
    ).json().items[0].assistanceDependency;
    expect(dep).toMatchObject({ share: 0, flagged: false, groupLinked: false });
    expect(dep.providers.map((p: { name: string }) => p.name)).toEqual([ngoName]);
    // The answer to a change carries it too.
    const request = (
      await lawyer.as('GET', `/api/v1/persons/${dependent}/separation-requests`)
    ).json().items[0] as { id: string; version: number };
    const step = await lawyer.as('POST', `/api/v1/separation-requests/${request.id}/steps`, {
      kind: 'independent_assistance',
    });
    expect(step.json().assistanceDependency).toMatchObject({ flagged: true });
  });

  it('is seen only by who sees the request', async () => {
    const random = crypto.randomUUID();
    for (const s of [lawyerPeer, focal, cw]) {
      const hidden = await s.as('GET', `/api/v1/persons/${dependent}/separation-requests`);
      const missing = await s.as('GET', `/api/v1/persons/${random}/separation-requests`);
      expect(strip(hidden)).toEqual(strip(missing));
      expect(hidden.body).not.toContain(sponsorName);
    }
  });
});

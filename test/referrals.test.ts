import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/platform/db/context.ts';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';
import { onPostgres } from './helpers/db.ts';

// Referrals (SECURITY.md rule 5): consent or an audited override; exactly the chosen fields,
// frozen and sealed, logged as a transfer; the partner sees its inbox and nothing else.

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let cw: Session; // caseworker, Camp Services
let cwOther: Session; // caseworker, Camp Services, never named on the restricted person
let focal: Session; // protection officer
let partner: Session; // service_partner of Legal Aid Partner (linked to the provider)
let otherPartner: Session; // service_partner of Shelter Org
let clerk: Session;
let admin: Session;
let auditor: Session;
let personId: string;
let caseId: string;
let providerId: string;
let offlineProviderId: string;
let referral: { id: string; version: number };
const CANARY_PHONE = `+355-canary-${crypto.randomUUID().slice(0, 8)}`;
const CANARY_NATIONALITY = 'AFG';
const consent = { givenBy: 'person', givenOn: '2026-03-01', scope: 'legal aid for status' };

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r: { json: () => { errors?: { field: string }[] } }) =>
  (r.json().errors ?? []).map((e) => e.field);
const strip = (r: { statusCode: number; json: () => Record<string, unknown> }) => ({
  status: r.statusCode,
  body: { ...r.json(), requestId: undefined },
});
/** Every partner response body, for the canary check at the end. */
const partnerBodies: string[] = [];
async function asPartner(s: Session, ...args: Parameters<Session['as']>) {
  const res = await s.as(...args);
  partnerBodies.push(res.body);
  return res;
}

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  cw = await signedIn(t, ['caseworker'], { agency: 'Camp Services' });
  cwOther = await signedIn(t, ['caseworker'], { agency: 'Camp Services' });
  focal = await signedIn(t, ['protection_officer'], { agency: 'UNHCR' });
  partner = await signedIn(t, ['service_partner'], { agency: 'Legal Aid Partner' });
  otherPartner = await signedIn(t, ['service_partner'], { agency: 'Shelter Org' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Camp Services' });
  admin = await signedIn(t, ['administrator']);
  auditor = await signedIn(t, ['auditor']);
  const person = await clerk.as('POST', '/api/v1/persons', {
    names: [{ given: 'Nadia', family: 'Rahimi' }],
    sex: 'F',
    birthYear: 1994,
    nationalities: [CANARY_NATIONALITY],
    languages: ['fa'],
    contact: { phone: CANARY_PHONE },
  });
  personId = person.json().id;
  await clerk.as('POST', `/api/v1/persons/${personId}/legal-statuses`, {
    status: 'humanitarian_admission',
    grantedBy: 'Ministry of Interior',
    from: '2025-06-01',
  });
  caseId = (await cw.as('POST', '/api/v1/cases', { personId, category: 'legal' })).json().id;
});
afterAll(() => t.close());

describe('the service directory', () => {
  it('lists providers by service type and site; partners of the agency are linked', async () => {
    const agencies = (await admin.as('GET', '/api/v1/agencies')).json().items as {
      id: string;
      name: string;
    }[];
    const partnerAgency = agencies.find((a) => a.name === 'Legal Aid Partner')!.id;
    const site = (
      await admin.as('POST', '/api/v1/sites', { name: 'Compound North', type: 'closed_compound' })
    ).json().id;
    const created = await admin.as('POST', '/api/v1/service-providers', {
      name: 'Legal Aid Clinic',
      organisation: 'Bar Association',
      serviceTypes: ['legal_aid', 'documentation'],
      siteIds: [site],
      contact: { phone: '+355 4 000 000', hours: 'Mon-Fri 9-17' },
      languages: ['fa', 'en'],
      agencyId: partnerAgency,
    });
    expect(created.statusCode).toBe(201);
    providerId = created.json().id;
    offlineProviderId = (
      await focal.as('POST', '/api/v1/service-providers', {
        name: 'Women’s Shelter',
        organisation: 'City Council',
        serviceTypes: ['shelter'],
      })
    ).json().id;
    const duplicate = await admin.as('POST', '/api/v1/service-providers', {
      name: 'legal aid clinic',
      organisation: 'Other',
      serviceTypes: ['legal_aid'],
    });
    expect(duplicate.statusCode).toBe(409);
    expect(fieldsOf(duplicate)).toEqual(['body.name']);

    const legal = (await cw.as('GET', '/api/v1/service-providers?serviceType=legal_aid')).json();
    expect(legal.items.map((p: { id: string }) => p.id)).toEqual([providerId]);
    const atSite = (await cw.as('GET', `/api/v1/service-providers?siteId=${site}`)).json();
    expect(atSite.items.map((p: { id: string }) => p.id).sort()).toEqual(
      [providerId, offlineProviderId].sort(),
    );
    const elsewhere = (
      await cw.as('GET', `/api/v1/service-providers?siteId=${crypto.randomUUID()}`)
    ).json();
    expect(elsewhere.items.map((p: { id: string }) => p.id)).toEqual([offlineProviderId]);
    expect(
      (await asPartner(partner, 'GET', `/api/v1/service-providers/${providerId}`)).json(),
    ).toMatchObject({ agencyId: partnerAgency, siteIds: [site] });
    expect((await clerk.as('GET', '/api/v1/service-providers')).statusCode).toBe(403);
  });
});

describe('a referral', () => {
  it('is refused without consent, and with an override only when it gives a reason', async () => {
    const base = { providerId, serviceType: 'legal_aid', fields: ['names'] };
    const none = await cw.as('POST', `/api/v1/cases/${caseId}/referrals`, base);
    expect(none.statusCode).toBe(400);
    expect(fieldsOf(none)).toEqual(['body.consent']);
    const noReason = await cw.as('POST', `/api/v1/cases/${caseId}/referrals`, {
      ...base,
      override: {},
    });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason)).toEqual(['body.override.reason']);
    const future = await cw.as('POST', `/api/v1/cases/${caseId}/referrals`, {
      ...base,
      consent: { ...consent, givenOn: '2027-01-01' },
    });
    expect(fieldsOf(future)).toEqual(['body.consent.givenOn']);
    const notOffered = await cw.as('POST', `/api/v1/cases/${caseId}/referrals`, {
      ...base,
      serviceType: 'shelter',
      consent,
    });
    expect(fieldsOf(notOffered)).toEqual(['body.serviceType']);

    const overridden = await cw.as('POST', `/api/v1/cases/${caseId}/referrals`, {
      ...base,
      override: { reason: 'imminent deadline; person detained' },
    });
    expect(overridden.statusCode).toBe(201);
    expect(overridden.json()).toMatchObject({
      consent: null,
      overrideReason: 'imminent deadline; person detained',
    });
    const events = (
      await auditor.as('GET', '/api/v1/audit/events?action=referral.consent_overridden')
    ).json().items;
    expect(events).toEqual([
      expect.objectContaining({
        entityType: 'referral',
        entityId: overridden.json().id,
        actorId: cw.user.id,
      }),
    ]);
    // The reason stays in the record, sealed; the audit log has ids and codes only.
    expect(JSON.stringify(events)).not.toContain('detained');
  });

  it('shares exactly the chosen fields, frozen at referral time and logged as a transfer', async () => {
    const res = await cw.as(
      'POST',
      `/api/v1/cases/${caseId}/referrals`,
      {
        providerId,
        serviceType: 'legal_aid',
        urgency: 'urgent',
        fields: ['names', 'sex', 'languages', 'legalStatus', 'summary'],
        summary: 'Needs advice on humanitarian admission status',
        consent,
      },
      { 'idempotency-key': 'referral-1' },
    );
    expect(res.statusCode).toBe(201);
    referral = res.json();
    const again = await cw.as(
      'POST',
      `/api/v1/cases/${caseId}/referrals`,
      {
        providerId,
        serviceType: 'legal_aid',
        urgency: 'urgent',
        fields: ['names', 'sex', 'languages', 'legalStatus', 'summary'],
        summary: 'Needs advice on humanitarian admission status',
        consent,
      },
      { 'idempotency-key': 'referral-1' },
    );
    expect(again.json().id).toBe(referral.id);
    expect(res.json().snapshot).toEqual({
      names: [{ given: 'Nadia', family: 'Rahimi', script: 'Latn', use: 'primary' }],
      sex: 'F',
      languages: ['fa'],
      legalStatus: {
        status: 'humanitarian_admission',
        grantedBy: 'Ministry of Interior',
        from: '2025-06-01',
      },
      summary: 'Needs advice on humanitarian admission status',
    });
    // Later changes to the person do not reach the partner's copy.
    const person = (await cw.as('GET', `/api/v1/persons/${personId}`)).json();
    await cw.as(
      'PATCH',
      `/api/v1/persons/${personId}`,
      { languages: ['fa', 'en'] },
      ifMatch(person.version),
    );
    const log = await inTransaction(
      t.platform.db,
      { operationId: t.operationId, userId: cw.user.id },
      (trx) =>
        sql<{ id: string; recipient: string; fields: string[]; record_count: number }>`
          SELECT id, recipient, fields, record_count FROM transfers WHERE kind = 'referral'`.execute(
          trx,
        ),
    );
    expect(log.rows).toContainEqual({
      id: res.json().transferRecordId,
      recipient: `service_provider:${providerId}`,
      fields: ['names', 'sex', 'languages', 'legalStatus', 'summary'],
      record_count: 1,
    });
    const stored = await inTransaction(
      t.platform.db,
      { operationId: t.operationId, userId: cw.user.id },
      (trx) => sql<{ snapshot_sealed: Buffer }>`SELECT snapshot_sealed FROM referrals`.execute(trx),
    );
    for (const r of stored.rows)
      expect(Buffer.from(r.snapshot_sealed).toString('latin1')).not.toContain('Rahimi');
  });

  it('reaches the partner of the linked agency, who sees the snapshot and nothing else', async () => {
    const notices = (await asPartner(partner, 'GET', '/api/v1/notifications')).json().items;
    expect(notices).toContainEqual(
      expect.objectContaining({ kind: 'referral_received', entityId: referral.id }),
    );
    const inbox = (await asPartner(partner, 'GET', '/api/v1/referral-inbox')).json().items;
    expect(inbox.map((r: { id: string }) => r.id)).toContain(referral.id);
    expect(inbox[0]).not.toHaveProperty('snapshot');
    const item = await asPartner(partner, 'GET', `/api/v1/referral-inbox/${referral.id}`);
    expect(item.statusCode).toBe(200);
    expect(Object.keys(item.json().snapshot).sort()).toEqual(
      ['languages', 'legalStatus', 'names', 'sex', 'summary'].sort(),
    );
    expect(item.json().snapshot.languages).toEqual(['fa']);
    expect(item.json()).not.toHaveProperty('personId');
    expect(item.json()).not.toHaveProperty('caseId');
    // Never the person, the case, or the referring side's view.
    for (const url of [
      `/api/v1/persons/${personId}`,
      `/api/v1/persons/search?q=Rahimi`,
      `/api/v1/cases/${caseId}`,
      `/api/v1/cases/${caseId}/referrals`,
      `/api/v1/referrals/${referral.id}`,
      '/api/v1/tasks/mine',
    ])
      expect((await asPartner(partner, 'GET', url)).statusCode).toBe(403);
    // Another agency's partner: an empty inbox, and a 404 as for a random id.
    expect((await asPartner(otherPartner, 'GET', '/api/v1/referral-inbox')).json().items).toEqual(
      [],
    );
    const theirs = await asPartner(otherPartner, 'GET', `/api/v1/referral-inbox/${referral.id}`);
    const random = await asPartner(
      otherPartner,
      'GET',
      `/api/v1/referral-inbox/${crypto.randomUUID()}`,
    );
    expect(theirs.statusCode).toBe(404);
    expect(strip(theirs)).toEqual(strip(random));
    const answer = await asPartner(
      otherPartner,
      'POST',
      `/api/v1/referral-inbox/${referral.id}/decision`,
      { decision: 'accepted' },
      ifMatch(referral.version),
    );
    expect(answer.statusCode).toBe(404);
  });

  it('is accepted and its outcome recorded by the partner, audited, and seen by the caseworker', async () => {
    const stale = await asPartner(
      partner,
      'POST',
      `/api/v1/referral-inbox/${referral.id}/decision`,
      { decision: 'accepted' },
      ifMatch(referral.version + 5),
    );
    expect(stale.statusCode).toBe(412);
    const early = await asPartner(
      partner,
      'POST',
      `/api/v1/referral-inbox/${referral.id}/outcome`,
      { result: 'delivered', on: '2026-03-02' },
      ifMatch(referral.version),
    );
    expect(early.statusCode).toBe(409);
    expect(fieldsOf(early)).toEqual(['body.result']);
    const accepted = await asPartner(
      partner,
      'POST',
      `/api/v1/referral-inbox/${referral.id}/decision`,
      { decision: 'accepted', note: 'Appointment on Thursday' },
      ifMatch(referral.version),
    );
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const twice = await asPartner(
      partner,
      'POST',
      `/api/v1/referral-inbox/${referral.id}/decision`,
      { decision: 'declined', declineReason: 'no_capacity' },
      ifMatch(accepted.json().version),
    );
    expect(twice.statusCode).toBe(409);
    const done = await asPartner(
      partner,
      'POST',
      `/api/v1/referral-inbox/${referral.id}/outcome`,
      { result: 'delivered', on: '2026-03-02', note: 'Advice given' },
      ifMatch(accepted.json().version),
    );
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'completed',
      outcome: { result: 'delivered', on: '2026-03-02', note: 'Advice given' },
    });
    const seen = (await cw.as('GET', `/api/v1/referrals/${referral.id}`)).json();
    expect(seen).toMatchObject({
      status: 'completed',
      decidedBy: partner.user.id,
      decisionNote: 'Appointment on Thursday',
      outcome: { result: 'delivered' },
    });
    const kinds = (await cw.as('GET', `/api/v1/cases/${caseId}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'referral.created',
        'referral.accepted',
        'referral.outcome_recorded',
      ]),
    );
    const audited = (
      await auditor.as('GET', `/api/v1/audit/events?entityId=${referral.id}&limit=50`)
    ).json().items as { action: string }[];
    expect(audited.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'referral.created',
        'referral.viewed',
        'referral.accepted',
        'referral.outcome_recorded',
      ]),
    );
    const notices = (await cw.as('GET', '/api/v1/notifications')).json().items;
    expect(notices).toContainEqual(
      expect.objectContaining({ kind: 'referral_updated', entityId: referral.id }),
    );
  });

  it('is withdrawn with the partner’s copy erased', async () => {
    const r = (
      await cw.as('POST', `/api/v1/cases/${caseId}/referrals`, {
        providerId,
        serviceType: 'documentation',
        fields: ['names', 'birthYear'],
        consent,
      })
    ).json();
    const withdrawn = await cw.as(
      'POST',
      `/api/v1/referrals/${r.id}/withdraw`,
      undefined,
      ifMatch(r.version),
    );
    expect(withdrawn.statusCode).toBe(200);
    const item = (await asPartner(partner, 'GET', `/api/v1/referral-inbox/${r.id}`)).json();
    expect(item).toMatchObject({ status: 'withdrawn', snapshot: null });
  });

  it('to an offline provider is answered by the caseworker; a linked one answers itself', async () => {
    const r = (
      await cw.as('POST', `/api/v1/cases/${caseId}/referrals`, {
        providerId: offlineProviderId,
        serviceType: 'shelter',
        fields: ['sex'],
        consent,
      })
    ).json();
    const declined = await cw.as(
      'POST',
      `/api/v1/referrals/${r.id}/decision`,
      { decision: 'declined', declineReason: 'no_capacity' },
      ifMatch(r.version),
    );
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'no_capacity' });
    const linked = await cw.as(
      'POST',
      `/api/v1/referrals/${referral.id}/decision`,
      { decision: 'accepted' },
      ifMatch(1),
    );
    expect(linked.statusCode).toBe(409);
  });

  it('of a restricted person exists only for the users named on the person', async () => {
    const hidden = (
      await focal.as('POST', '/api/v1/persons', {
        names: [{ given: 'Zohra', family: 'Amini' }],
        sex: 'F',
        birthYear: 1990,
        sensitivity: 'restricted',
        contact: { phone: CANARY_PHONE },
      })
    ).json().id;
    const restrictedCase = (
      await focal.as('POST', '/api/v1/cases', { personId: hidden, category: 'separation' })
    ).json().id;
    const body = { providerId, serviceType: 'legal_aid', fields: ['names'], consent };
    const refused = await cwOther.as('POST', `/api/v1/cases/${restrictedCase}/referrals`, body);
    const random = await cwOther.as('POST', `/api/v1/cases/${crypto.randomUUID()}/referrals`, body);
    expect(refused.statusCode).toBe(404);
    expect(strip(refused)).toEqual(strip(random));
    // The named officer may refer, but a restricted person's contact is whereabouts.
    const contact = await focal.as('POST', `/api/v1/cases/${restrictedCase}/referrals`, {
      ...body,
      fields: ['names', 'contact'],
    });
    expect(contact.statusCode).toBe(400);
    expect(fieldsOf(contact)).toEqual(['body.fields']);
    const sent = await focal.as('POST', `/api/v1/cases/${restrictedCase}/referrals`, body);
    expect(sent.statusCode).toBe(201);
    // Its referral is hidden from the unnamed caseworker too.
    const get = await cwOther.as('GET', `/api/v1/referrals/${sent.json().id}`);
    expect(strip(get)).toEqual(
      strip(await cwOther.as('GET', `/api/v1/referrals/${crypto.randomUUID()}`)),
    );
    // The partner receives only the chosen field.
    const item = (
      await asPartner(partner, 'GET', `/api/v1/referral-inbox/${sent.json().id}`)
    ).json();
    expect(Object.keys(item.snapshot)).toEqual(['names']);
  });

  it('never shows a partner a field that was not chosen: the canary is in no response or log', async () => {
    for (const url of ['/api/v1/referral-inbox', '/api/v1/notifications'])
      await asPartner(partner, 'GET', url);
    const text = partnerBodies.join('\n');
    expect(partnerBodies.length).toBeGreaterThan(20);
    expect(text).not.toContain(CANARY_PHONE);
    expect(text).not.toContain(CANARY_NATIONALITY);
    expect(t.logs.join('\n')).not.toContain(CANARY_PHONE);
  });
});

describe('row-level security, without the application checks (PostgreSQL)', () => {
  const referralsSeenBy = async (userId: string) =>
    (
      await inTransaction(t.platform.db, { operationId: t.operationId, userId }, (trx) =>
        sql<{ id: string; provider_id: string }>`SELECT id, provider_id FROM referrals`.execute(
          trx,
        ),
      )
    ).rows;

  it.runIf(onPostgres)(
    'shows a partner only its agency’s referrals, and nobody else’s case',
    async () => {
      const mine = await referralsSeenBy(partner.user.id);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((r) => r.provider_id === providerId)).toBe(true);
      expect(await referralsSeenBy(otherPartner.user.id)).toEqual([]);
      expect(await referralsSeenBy(clerk.user.id)).toEqual([]);
      // The unnamed caseworker sees the referrals of the open case, not of the restricted one.
      const cwSees = (await referralsSeenBy(cwOther.user.id)).length;
      const focalSees = (await referralsSeenBy(focal.user.id)).length;
      expect(focalSees).toBe(cwSees + 1);
    },
  );
});

import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoriesOf, FIELD_CATEGORIES } from '../src/modules/dataprotection/categories.ts';
import { runDueRetention } from '../src/modules/dataprotection/retention-service.ts';
import { inTransaction } from '../src/platform/db/context.ts';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';
import { onPostgres } from './helpers/db.ts';

// Data-protection duties (issue 7): consent, the transfer log and two-approver transfers,
// subject requests and the access export, retention with legal holds, the officer's lists.

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let clerk: Session;
let cw: Session;
let po1: Session;
let po2: Session;
let dpo1: Session;
let dpo2: Session;
let admin: Session;
let p1: string; // the subject: household focal point, case, documents, residences, consent
let p2: string; // another member of p1's household: the canary
const CANARY = `Canary${crypto.randomUUID().slice(0, 6)}`;
const PHONE = '+355-69-000-1111';

const owner = <R>(text: string, params: unknown[] = []) =>
  t.platform.database.withOwner((o) => o.query<R>(text, params));
const fieldsOf = (r: { json: () => { errors?: { field: string }[] } }) =>
  (r.json().errors ?? []).map((e) => e.field);
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

async function person(given: string, family: string, extra: Record<string, unknown> = {}) {
  const res = await clerk.as('POST', '/api/v1/persons', {
    names: [{ given, family }],
    sex: 'F',
    birthYear: 1990,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function waitForJob(s: Session, id: string) {
  for (let i = 0; i < 400; i++) {
    const job = (await s.as('GET', `/api/v1/jobs/${id}`)).json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

const exportUrl = (q: Record<string, string>) =>
  `/api/v1/exports/persons?${new URLSearchParams({ purpose: 'partner list', recipient: 'NGO', ...q }).toString()}`;

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Field Office' });
  cw = await signedIn(t, ['caseworker'], { agency: 'Field Office' });
  po1 = await signedIn(t, ['protection_officer'], { agency: 'UNHCR' });
  po2 = await signedIn(t, ['protection_officer'], { agency: 'UNHCR' });
  dpo1 = await signedIn(t, ['data_protection_officer']);
  dpo2 = await signedIn(t, ['data_protection_officer']);
  admin = await signedIn(t, ['administrator']);
  p1 = await person('Amira', 'Haddad', { contact: { phone: PHONE } });
  p2 = await person(CANARY, 'Haddad');
  const hh = await clerk.as('POST', '/api/v1/households', {
    members: [
      { personId: p1, relationship: 'focal_point' },
      { personId: p2, relationship: 'spouse' },
    ],
  });
  expect(hh.statusCode, hh.body).toBe(201);
  const site = (await admin.as('POST', '/api/v1/sites', { name: 'Camp A', type: 'camp' })).json();
  await clerk.as('POST', `/api/v1/persons/${p1}/residences`, {
    place: 'Old town',
    from: '2024-01-01',
  });
  await clerk.as('POST', `/api/v1/persons/${p1}/residences`, {
    siteId: site.id,
    from: '2025-05-01',
  });
  await clerk.as('POST', `/api/v1/persons/${p1}/documents`, {
    type: 'passport',
    issuer: 'SYR',
    number: 'N0-12345',
    holder: 'person',
  });
  await clerk.as('POST', `/api/v1/persons/${p1}/legal-statuses`, {
    status: 'humanitarian_admission',
    grantedBy: 'Ministry of Interior',
    from: '2025-06-01',
  });
});
afterAll(() => t.close());

describe('consent records', () => {
  it('keeps every decision and derives the consent in force per purpose and category', async () => {
    const url = `/api/v1/persons/${p1}/consents`;
    const base = { purpose: 'data_sharing_with_partners', method: 'written' };
    const given = await clerk.as('POST', url, {
      ...base,
      categories: ['identity', 'legal_status'],
      decision: 'given',
      decidedOn: '2026-02-01',
      evidence: 'form C-12 in the paper file',
    });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ recordedBy: clerk.user.id, givenBy: 'person' });
    const withdrawn = await cw.as('POST', url, {
      ...base,
      method: 'verbal',
      categories: ['legal_status'],
      decision: 'withdrawn',
      decidedOn: '2026-02-20',
    });
    expect(withdrawn.statusCode).toBe(201);
    const state = (await cw.as('GET', url)).json();
    expect(state.history.map((h: { decision: string }) => h.decision)).toEqual([
      'withdrawn',
      'given',
    ]);
    expect(state.history[1].evidence).toBe('form C-12 in the paper file');
    expect(state.current).toEqual([
      expect.objectContaining({ purpose: base.purpose, category: 'identity', decision: 'given' }),
      expect.objectContaining({
        purpose: base.purpose,
        category: 'legal_status',
        decision: 'withdrawn',
      }),
    ]);
    const future = await clerk.as('POST', url, {
      ...base,
      categories: ['identity'],
      decision: 'given',
      decidedOn: '2026-04-01',
    });
    expect(fieldsOf(future)).toEqual(['body.decidedOn']);
    const bad = await clerk.as('POST', url, {
      ...base,
      categories: ['dreams'],
      decision: 'given',
      decidedOn: '2026-02-01',
    });
    expect(fieldsOf(bad)).toEqual(['body.categories.0']);
    expect(
      (await clerk.as('GET', `/api/v1/persons/${crypto.randomUUID()}/consents`)).statusCode,
    ).toBe(404);
    const [recorded] = await owner<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'consent.recorded' AND entity_id = $1`,
      [p1],
    );
    expect(recorded!.n).toBe(2);
  });

  it.runIf(onPostgres)('is append-only for the application role', async () => {
    const asClerk = { operationId: t.operationId, userId: clerk.user.id };
    for (const statement of [
      sql`UPDATE consent_records SET decision = 'given'`,
      sql`DELETE FROM consent_records`,
      sql`DELETE FROM transfers`,
    ])
      await expect(
        inTransaction(t.platform.db, asClerk, (trx) => statement.execute(trx)),
      ).rejects.toThrow(/permission denied/);
  });
});

describe('exports that rely on consent', () => {
  it('refuses persons without consent for the purpose, naming how many, unless overridden (audited)', async () => {
    const all = await clerk.as('GET', exportUrl({ fields: 'externalId,givenName' }));
    expect(all.statusCode).toBe(200);
    const n = Number(all.headers['x-record-count']);
    expect(n).toBeGreaterThanOrEqual(2);
    const purpose = { consentPurpose: 'data_sharing_with_partners' };
    // legal_status was withdrawn for p1: nobody has it.
    const withStatus = await clerk.as(
      'GET',
      exportUrl({ ...purpose, fields: 'externalId,legalStatus' }),
    );
    expect(withStatus.statusCode).toBe(409);
    expect(withStatus.json().errors).toEqual([
      { field: 'query.consentPurpose', message: `${n} persons have no consent for this purpose` },
    ]);
    const identity = await clerk.as(
      'GET',
      exportUrl({ ...purpose, fields: 'externalId,givenName' }),
    );
    expect(identity.statusCode).toBe(409);
    expect(identity.json().detail).toContain(
      n - 1 === 1 ? '1 person has' : `${n - 1} persons have`,
    );
    const overridden = await clerk.as(
      'GET',
      exportUrl({
        ...purpose,
        fields: 'externalId,givenName',
        consentOverride: 'court order 4/2026',
      }),
    );
    expect(overridden.statusCode, overridden.body).toBe(200);
    const id = overridden.headers['x-transfer-id'] as string;
    const [row] = await owner<Record<string, unknown>>(`SELECT * FROM transfers WHERE id = $1`, [
      id,
    ]);
    expect(row).toMatchObject({
      consent_purpose: 'data_sharing_with_partners',
      consent_missing: n - 1,
      categories: ['identity'],
      recipient_type: 'unspecified',
    });
    expect(String(row!.override_reason_sealed)).not.toContain('court order');
    const [event] = await owner<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_events WHERE action = 'consent.overridden' AND entity_id = $1`,
      [id],
    );
    expect(event!.details).toEqual({ purpose: 'data_sharing_with_partners', persons: n - 1 });
  });

  it('sends transfers to host authorities and law enforcement through a request', async () => {
    const res = await clerk.as('GET', exportUrl({ recipientType: 'law_enforcement' }));
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(['query.recipientType']);
  });
});

describe('the transfer log', () => {
  it('classifies fields into data categories the same way in code and in the database', async () => {
    const fields = [...Object.keys(FIELD_CATEGORIES), 'somethingNew'];
    const rows = await owner<{ f: string; c: string[] }>(
      `SELECT f, transfer_categories(ARRAY[f]) AS c FROM unnest($1::text[]) AS f`,
      [fields],
    );
    for (const r of rows) expect(r.c, r.f).toEqual(categoriesOf([r.f]));
    expect(categoriesOf(['somethingNew'])).toEqual(['unclassified']);
  });

  it('records referrals with recipient type and categories, listed for the officer with filters and CSV', async () => {
    const provider = (
      await admin.as('POST', '/api/v1/service-providers', {
        name: 'Legal Aid Clinic',
        organisation: 'Bar Association',
        serviceTypes: ['legal_aid'],
      })
    ).json().id;
    const caseId = (
      await cw.as('POST', '/api/v1/cases', { personId: p1, category: 'legal' })
    ).json().id;
    await cw.as('POST', `/api/v1/cases/${caseId}/notes`, {
      body: 'met at the office; needs a lawyer',
    });
    const ref = await cw.as('POST', `/api/v1/cases/${caseId}/referrals`, {
      providerId: provider,
      serviceType: 'legal_aid',
      fields: ['names', 'contact', 'summary'],
      summary: 'status question',
      consent: { givenBy: 'person', givenOn: '2026-03-01', scope: 'legal aid' },
    });
    expect(ref.statusCode, ref.body).toBe(201);
    const list = await dpo1.as('GET', '/api/v1/data-protection/transfers?kind=referral');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        recipientType: 'service_provider',
        categories: ['case_content', 'contact', 'identity'],
        legalBasis: 'consent',
        recordCount: 1,
      }),
    ]);
    const byCategory = (
      await dpo1.as('GET', '/api/v1/data-protection/transfers?category=case_content')
    ).json();
    expect(
      byCategory.items.every((i: { categories: string[] }) =>
        i.categories.includes('case_content'),
      ),
    ).toBe(true);
    const csv = await dpo1.as('GET', '/api/v1/data-protection/transfers?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('recipientType');
    expect(csv.body).not.toContain('court order'); // override reasons stay out of the file
    expect((await clerk.as('GET', '/api/v1/data-protection/transfers')).statusCode).toBe(403);
  });
});

describe('transfers that need two approvers', () => {
  const body = () => ({
    personIds: [p1],
    fields: ['externalId', 'givenName', 'familyName'],
    recipient: 'Ministry of Interior, asylum department',
    recipientType: 'host_authority',
    purpose: 'status determination file',
    legalBasis: 'legal_obligation',
  });

  it('stays pending until two approvers other than the requester approve, then downloads once', async () => {
    const created = await po1.as('POST', '/api/v1/transfer-requests', body());
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({
      status: 'pending',
      approvalsRequired: 2,
      categories: ['identity'],
    });
    const own = await po1.as('POST', `/api/v1/transfer-requests/${id}/approvals`, {
      decision: 'approve',
    });
    expect(own.statusCode).toBe(403);
    expect((await po1.as('GET', `/api/v1/transfer-requests/${id}/download`)).statusCode).toBe(409);
    const first = await dpo1.as('POST', `/api/v1/transfer-requests/${id}/approvals`, {
      decision: 'approve',
      note: 'basis checked',
    });
    expect(first.json()).toMatchObject({
      status: 'pending',
      approvals: [{ approverId: dpo1.user.id, note: 'basis checked' }],
    });
    const twice = await dpo1.as('POST', `/api/v1/transfer-requests/${id}/approvals`, {
      decision: 'approve',
    });
    expect(twice.statusCode).toBe(409);
    expect(
      (await clerk.as('POST', `/api/v1/transfer-requests/${id}/approvals`, { decision: 'approve' }))
        .statusCode,
    ).toBe(403);
    const second = await po2.as('POST', `/api/v1/transfer-requests/${id}/approvals`, {
      decision: 'approve',
    });
    expect(second.json().status).toBe('approved');
    expect((await po2.as('GET', `/api/v1/transfer-requests/${id}/download`)).statusCode).toBe(404);
    const file = await po1.as('GET', `/api/v1/transfer-requests/${id}/download`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.body).toContain('Amira');
    expect(file.body).not.toContain(CANARY);
    expect(file.headers['x-record-count']).toBe('1');
    const [row] = await owner<Record<string, unknown>>(`SELECT * FROM transfers WHERE id = $1`, [
      file.headers['x-transfer-id'],
    ]);
    expect(row).toMatchObject({
      recipient_type: 'host_authority',
      request_id: id,
      legal_basis: 'legal_obligation',
      record_count: 1,
    });
    expect((await po1.as('GET', `/api/v1/transfer-requests/${id}/download`)).statusCode).toBe(409);
    expect((await po1.as('GET', `/api/v1/transfer-requests/${id}`)).json()).toMatchObject({
      status: 'downloaded',
    });
    // The database refuses a requester's approval too (second line).
    await expect(
      owner(
        `INSERT INTO transfer_approvals (operation_id, request_id, approver_id, decision, decided_at)
             VALUES ($1, $2, $3, 'approved', now())`,
        [t.operationId, id, po1.user.id],
      ),
    ).rejects.toThrow();
  });

  it('closes on one rejection, checks consent and refuses persons the requester may not share', async () => {
    const id = (await po1.as('POST', '/api/v1/transfer-requests', body())).json().id;
    const rejected = await dpo2.as('POST', `/api/v1/transfer-requests/${id}/approvals`, {
      decision: 'reject',
    });
    expect(rejected.json().status).toBe('rejected');
    expect((await po1.as('GET', `/api/v1/transfer-requests/${id}/download`)).statusCode).toBe(409);
    const unknown = await po1.as('POST', '/api/v1/transfer-requests', {
      ...body(),
      personIds: [p1, crypto.randomUUID()],
    });
    expect(fieldsOf(unknown)).toEqual(['body.personIds.1']);
    const consent = { ...body(), personIds: [p2], legalBasis: 'consent' };
    expect(
      fieldsOf(
        await po1.as('POST', '/api/v1/transfer-requests', { ...body(), legalBasis: 'consent' }),
      ),
    ).toEqual(['body.consentPurpose']);
    const lacking = await po1.as('POST', '/api/v1/transfer-requests', {
      ...consent,
      consentPurpose: 'resettlement',
    });
    expect(lacking.statusCode).toBe(409);
    expect(lacking.json().errors[0].message).toBe('1 person has no consent for this purpose');
    const over = await po1.as('POST', '/api/v1/transfer-requests', {
      ...consent,
      consentPurpose: 'resettlement',
      override: { reason: 'vital interest: medical evacuation' },
    });
    expect(over.json()).toMatchObject({
      consentMissing: 1,
      overrideReason: 'vital interest: medical evacuation',
    });
    const mine = (await clerk.as('GET', '/api/v1/transfer-requests')).json();
    expect(mine.total).toBe(0); // requesters see their own only
    const all = (await dpo1.as('GET', '/api/v1/transfer-requests?status=pending')).json();
    expect(all.items.map((i: { id: string }) => i.id)).toContain(over.json().id);
  });
});

describe('subject requests', () => {
  const verification = { method: 'video_call_with_document', verifiedOn: '2026-03-02' };
  const request = (personId: string, extra: Record<string, unknown> = {}) =>
    dpo1.as('POST', '/api/v1/data-protection/subject-requests', {
      personId,
      kind: 'access',
      receivedOn: '2026-03-01',
      verification,
      ...extra,
    });

  it('exports everything about the person and nothing about the other household member', async () => {
    const created = await request(p1, { details: 'wants to know who has seen the file' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'received',
      dueOn: '2026-03-31',
      overdue: false,
      verification: { verifiedBy: dpo1.user.id },
    });
    const inPersonMismatch = await request(p1, {
      verification: { ...verification, method: 'in_person_document' },
    });
    expect(fieldsOf(inPersonMismatch)).toEqual(['body.inPerson']);
    const id = created.json().id;
    expect(
      (await dpo1.as('GET', `/api/v1/data-protection/subject-requests/${id}/export`)).statusCode,
    ).toBe(403);
    const res = await po1.as('GET', `/api/v1/data-protection/subject-requests/${id}/export`);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e.person.id).toBe(p1);
    expect(e.person.contact).toBeNull();
    expect(e.households).toEqual([
      expect.objectContaining({ personId: p1, relationship: 'focal_point' }),
    ]);
    expect(e.documents).toEqual([
      expect.objectContaining({ type: 'passport', hasNumber: true, number: null }),
    ]);
    expect(e.residences.map((r: { place: string | null }) => r.place)).toEqual(['Old town']);
    expect(e.cases).toHaveLength(1);
    expect(e.cases[0].notes[0].body).toBe('met at the office; needs a lawyer');
    expect(e.referrals).toHaveLength(1);
    expect(e.legalStatuses).toHaveLength(1);
    expect(e.consent.history).toHaveLength(2);
    expect(e.accessLog.some((a: { action: string }) => a.action === 'consent.recorded')).toBe(true);
    expect(e.withheld).toEqual(
      expect.arrayContaining(['whereabouts', 'currentResidence', 'documentNumbers']),
    );
    expect(res.body).not.toContain(CANARY);
    expect(res.body).not.toContain(p2);
    expect(res.body).not.toContain(PHONE);
    const after = (await dpo1.as('GET', `/api/v1/data-protection/subject-requests/${id}`)).json();
    expect(after).toMatchObject({ status: 'in_progress', exportedBy: po1.user.id });
    const done = await dpo1.as(
      'PATCH',
      `/api/v1/data-protection/subject-requests/${id}`,
      { status: 'completed' },
      ifMatch(after.version),
    );
    expect(done.json()).toMatchObject({ status: 'completed', closedBy: dpo1.user.id });
    const log = (
      await dpo1.as('GET', '/api/v1/data-protection/transfers?recipientType=data_subject')
    ).json();
    expect(log.items[0]).toMatchObject({ kind: 'subject_access', recordCount: 1 });
    expect(log.items[0].categories).toContain('case_content');
  });

  it('gives document numbers, contact and the current residence only to a request made in person', async () => {
    const id = (
      await request(p1, {
        inPerson: true,
        verification: { ...verification, method: 'in_person_document' },
      })
    ).json().id;
    const e = (await po1.as('GET', `/api/v1/data-protection/subject-requests/${id}/export`)).json();
    expect(e.documents[0].number).toBe('N0-12345');
    expect(e.person.contact).toEqual({ phone: PHONE });
    expect(e.residences).toHaveLength(2);
    expect(e.withheld).toEqual([]);
    expect(JSON.stringify(e)).not.toContain(CANARY);
  });

  it('keeps the whereabouts of a restricted person out of a remote request', async () => {
    const p3 = await person('Leyla', 'Karimi');
    await clerk.as('POST', `/api/v1/persons/${p3}/residences`, {
      place: 'Compound North',
      from: '2025-01-01',
    });
    expect(
      (
        await cw.as('POST', `/api/v1/persons/${p3}/separation-requests`, {
          reason: 'wants to leave the group',
        })
      ).statusCode,
    ).toBe(201);
    await cw.as('POST', `/api/v1/persons/${p3}/access`, { userId: po1.user.id });
    const remote = (await request(p3)).json().id;
    const r = (
      await po1.as('GET', `/api/v1/data-protection/subject-requests/${remote}/export`)
    ).json();
    expect(r).toMatchObject({
      whereabouts: null,
      residences: [],
      separationRequests: [],
      cases: [],
    });
    expect(r.withheld).toEqual(expect.arrayContaining(['whereabouts', 'separation', 'cases']));
    expect(JSON.stringify(r)).not.toContain('Compound North');
    const near = (
      await request(p3, {
        inPerson: true,
        verification: { ...verification, method: 'in_person_known_to_staff' },
      })
    ).json().id;
    const n = (
      await po1.as('GET', `/api/v1/data-protection/subject-requests/${near}/export`)
    ).json();
    expect(n.whereabouts).toMatchObject({ place: 'Compound North' });
    expect(n.separationRequests).toHaveLength(1);
    expect(
      (await po2.as('GET', `/api/v1/data-protection/subject-requests/${near}/export`)).statusCode,
    ).toBe(404);
    // break-glass by a supervisor who is not named, seen by the officer with its reason
    expect(
      (
        await po2.as('POST', `/api/v1/persons/${p3}/break-glass`, {
          reason: 'threat reported tonight',
        })
      ).statusCode,
    ).toBe(201);
    const bg = (
      await dpo1.as('GET', `/api/v1/data-protection/break-glass?userId=${po2.user.id}`)
    ).json();
    expect(bg.items).toEqual([
      expect.objectContaining({ personId: p3, reason: 'threat reported tonight', active: true }),
    ]);
    const bgCsv = await dpo1.as('GET', '/api/v1/data-protection/break-glass?format=csv');
    expect(bgCsv.body.split('\n')[0]).toContain('at,userId,personId,until,active');
    expect(bgCsv.body).not.toContain('threat reported');
  });

  it('tracks correction and erasure requests to completion or refusal, and shows the overdue ones', async () => {
    const late = await request(p1, {
      kind: 'correction',
      receivedOn: '2026-01-20',
      details: `fix the spelling ${CANARY}`,
    });
    expect(late.json()).toMatchObject({ dueOn: '2026-02-19', overdue: true });
    const overdue = (
      await dpo1.as('GET', '/api/v1/data-protection/subject-requests?overdue=true')
    ).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([late.json().id]);
    const url = `/api/v1/data-protection/subject-requests/${late.json().id}`;
    expect((await dpo1.as('PATCH', url, { status: 'in_progress' })).statusCode).toBe(428);
    const working = await dpo1.as('PATCH', url, { status: 'in_progress' }, ifMatch(1));
    expect(working.statusCode, working.body).toBe(200);
    const skip = await dpo1.as('PATCH', url, { status: 'in_progress' }, ifMatch(2));
    expect(fieldsOf(skip)).toEqual(['body.status']);
    const done = await dpo1.as(
      'PATCH',
      url,
      { status: 'completed', note: 'name corrected' },
      ifMatch(2),
    );
    expect(done.json()).toMatchObject({
      status: 'completed',
      overdue: false,
      outcomeNote: 'name corrected',
    });
    const erasure = (await request(p1, { kind: 'erasure' })).json();
    const eurl = `/api/v1/data-protection/subject-requests/${erasure.id}`;
    expect(fieldsOf(await dpo1.as('PATCH', eurl, { status: 'refused' }, ifMatch(1)))).toEqual([
      'body.reason',
    ]);
    const refused = await dpo1.as(
      'PATCH',
      eurl,
      { status: 'refused', reason: 'open legal proceedings' },
      ifMatch(1),
    );
    expect(refused.json()).toMatchObject({
      status: 'refused',
      refusalReason: 'open legal proceedings',
    });
    const access = (await request(p1)).json();
    const early = await dpo1.as(
      'PATCH',
      `/api/v1/data-protection/subject-requests/${access.id}`,
      { status: 'in_progress' },
      ifMatch(1),
    );
    const notYet = await dpo1.as(
      'PATCH',
      `/api/v1/data-protection/subject-requests/${access.id}`,
      { status: 'completed' },
      ifMatch(early.json().version),
    );
    expect(notYet.statusCode).toBe(409);
    const csv = await dpo1.as(
      'GET',
      '/api/v1/data-protection/subject-requests?format=csv&kind=correction',
    );
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain(late.json().id);
    expect(csv.body).not.toContain(CANARY);
  });
});

describe('retention', () => {
  let departed: string;
  let held: string;
  let referenced: string; // departed, but a record retention does not know still points at them
  let closedCase: string;
  let heldCase: string;

  async function closedCaseOf(personId: string) {
    const id = (await cw.as('POST', '/api/v1/cases', { personId })).json().id;
    await cw.as('POST', `/api/v1/cases/${id}/notes`, { body: 'old note' });
    await owner(`UPDATE cases SET status = 'closed', closed_at = '2024-06-01' WHERE id = $1`, [id]);
    return id;
  }

  beforeAll(async () => {
    departed = await person('Zebulon', 'Quartermain');
    held = await person('Yusra', 'Quillfeather');
    referenced = await person('Xanthe', 'Pemberton');
    for (const p of [departed, held, referenced])
      await clerk.as('POST', `/api/v1/persons/${p}/residences`, {
        place: 'abroad',
        inTerritory: false,
        from: '2024-01-01',
      });
    await clerk.as('POST', `/api/v1/persons/${departed}/consents`, {
      purpose: 'registration',
      categories: ['identity'],
      decision: 'given',
      decidedOn: '2024-01-01',
      method: 'verbal',
    });
    closedCase = await closedCaseOf(p2);
    heldCase = await closedCaseOf(held);
    // Stands for a table a later migration adds (an incident naming the person).
    await owner(`CREATE TABLE test_mentions (operation_id uuid NOT NULL, person_id uuid NOT NULL,
      FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id))`);
    await owner(`INSERT INTO test_mentions VALUES ($1, $2)`, [t.operationId, referenced]);
    await owner(
      `INSERT INTO notifications (operation_id, user_id, kind, created_at) VALUES ($1, $2, 'old', '2025-01-01')`,
      [t.operationId, cw.user.id],
    );
  });

  it('holds a person against deletion, set and released by the officer only', async () => {
    const hold = await dpo1.as('POST', '/api/v1/data-protection/legal-holds', {
      personId: held,
      reason: 'pending appeal',
    });
    expect(hold.statusCode, hold.body).toBe(201);
    const again = await dpo1.as('POST', '/api/v1/data-protection/legal-holds', {
      personId: held,
      reason: 'twice',
    });
    expect(again.statusCode).toBe(409);
    const active = (await dpo2.as('GET', '/api/v1/data-protection/legal-holds?active=true')).json();
    expect(active.items).toEqual([
      expect.objectContaining({ personId: held, reason: 'pending appeal', active: true }),
    ]);
  });

  it('previews, then deletes what expired with its search entries, never what is on hold', async () => {
    const rules = (await dpo1.as('GET', '/api/v1/data-protection/retention-rules')).json();
    expect(rules).toMatchObject({ version: 0, rules: { departed_persons: { enabled: false } } });
    expect(rules.neverDeleted).toContain('audit_events');
    const saved = await dpo1.as(
      'PUT',
      '/api/v1/data-protection/retention-rules',
      {
        rules: {
          departed_persons: { keepDays: 365, enabled: true },
          closed_cases: { keepDays: 365, enabled: true },
        },
      },
      ifMatch(0),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().rules.notifications).toEqual({ keepDays: 180, enabled: true });
    const preview = (await dpo1.as('GET', '/api/v1/data-protection/retention-preview')).json();
    const of = (r: { categories: { category: string }[] }, c: string) =>
      r.categories.find((x) => x.category === c);
    expect(of(preview, 'departed_persons')).toMatchObject({ deleted: 2, held: 1, blocked: 0 });
    expect(of(preview, 'closed_cases')).toMatchObject({ deleted: 1, held: 1 });
    expect(of(preview, 'notifications')).toMatchObject({ deleted: 1 });
    expect((await clerk.as('GET', `/api/v1/persons/${departed}`)).statusCode).toBe(200); // a preview deletes nothing
    const found = (await clerk.as('GET', '/api/v1/persons/search?q=Zebulon%20Quartermain')).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(departed);

    expect((await dpo1.as('POST', '/api/v1/data-protection/retention-runs', {})).statusCode).toBe(
      400,
    );
    const start = await dpo1.as('POST', '/api/v1/data-protection/retention-runs', {
      confirm: true,
    });
    expect(start.statusCode).toBe(202);
    const job = await waitForJob(dpo1, start.json().id);
    expect(job.status, JSON.stringify(job)).toBe('done');
    expect((await clerk.as('GET', `/api/v1/persons/${departed}`)).statusCode).toBe(404);
    const gone = (await clerk.as('GET', '/api/v1/persons/search?q=Zebulon%20Quartermain')).json();
    expect(gone.items.map((i: { id: string }) => i.id)).not.toContain(departed);
    const left = await owner<{ t: string; n: number }>(
      `SELECT 'persons' AS t, count(*)::int AS n FROM persons WHERE id = $1
       UNION ALL SELECT 'consent', count(*)::int FROM consent_records WHERE person_id = $1
       UNION ALL SELECT 'residences', count(*)::int FROM residences WHERE person_id = $1
       UNION ALL SELECT 'audit', count(*)::int FROM audit_events WHERE entity_id = $1`,
      [departed],
    );
    expect(Object.fromEntries(left.map((r) => [r.t, r.n]))).toMatchObject({
      persons: 0,
      consent: 0,
      residences: 0,
    });
    expect(left.find((r) => r.t === 'audit')!.n).toBeGreaterThan(0); // the audit log is never deleted
    expect((await cw.as('GET', `/api/v1/cases/${closedCase}`)).statusCode).toBe(404);
    expect((await cw.as('GET', `/api/v1/cases/${heldCase}`)).statusCode).toBe(200);
    expect((await clerk.as('GET', `/api/v1/persons/${held}`)).statusCode).toBe(200);
    const [notes] = await owner<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_notes WHERE case_id = $1`,
      [closedCase],
    );
    expect(notes!.n).toBe(0);

    const runs = (await dpo2.as('GET', '/api/v1/data-protection/retention-runs')).json();
    expect(runs.items[0]).toMatchObject({
      id: job.result.runId,
      trigger: 'manual',
      startedBy: dpo1.user.id,
    });
    expect(of(runs.items[0], 'departed_persons')).toMatchObject({
      deleted: 1,
      held: 1,
      blocked: 1,
    });
    expect((await clerk.as('GET', `/api/v1/persons/${referenced}`)).statusCode).toBe(200);
    const [event] = await owner<{ details: Record<string, unknown> }>(
      `SELECT details FROM audit_events WHERE action = 'retention.run' AND entity_id = $1`,
      [job.result.runId],
    );
    expect(event!.details).toMatchObject({
      trigger: 'manual',
      departed_persons: 1,
      closed_cases: 1,
    });
    expect(JSON.stringify(event)).not.toMatch(/Zebulon|Quartermain|abroad/);
    const csv = await dpo1.as('GET', '/api/v1/data-protection/retention-runs?format=csv');
    expect(csv.body).toContain('departed_persons');

    const hold = (
      await dpo1.as('GET', `/api/v1/data-protection/legal-holds?personId=${held}`)
    ).json().items[0];
    const released = await dpo1.as(
      'POST',
      `/api/v1/data-protection/legal-holds/${hold.id}/release`,
      { reason: 'appeal decided' },
      ifMatch(hold.version),
    );
    expect(released.json()).toMatchObject({ active: false, releaseReason: 'appeal decided' });
    const next = (await dpo1.as('GET', '/api/v1/data-protection/retention-preview')).json();
    expect(of(next, 'departed_persons')).toMatchObject({ deleted: 2, held: 0 });
  });

  it('runs once a day on schedule, as no user', async () => {
    const first = await runDueRetention(t.platform);
    expect(first.map((r) => r.trigger)).toEqual(['scheduled']);
    expect(first[0]!.startedBy).toBeNull();
    expect(await runDueRetention(t.platform)).toEqual([]);
    t.clock.advance(25 * 3600_000);
    expect(await runDueRetention(t.platform)).toHaveLength(1);
    expect((await clerk.as('GET', `/api/v1/persons/${held}`)).statusCode).toBe(401); // sessions idled out
  });
});

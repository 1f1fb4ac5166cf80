import crypto from 'node:crypto';
import { sql } from 'kysely';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as planRepo from '../src/modules/cases/plan-repository.ts';
import { seal } from '../src/modules/cases/presenter.ts';
import { inTransaction } from '../src/platform/db/context.ts';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';

// The PDF case summary (GET /cases/{id}/summary.pdf): what it prints, read back with pdf.js;
// the watermark on every page; the audit event and the transfer row; the same 404 as for a
// random id; a restricted person's whereabouts never in it; a long case over many pages.

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let cw: Session; // caseworker, Camp Services
let cw2: Session; // another caseworker of Camp Services
let other: Session; // caseworker, Legal Aid Centre
let clerk: Session;
let auditor: Session;
let caseId: string;
const GOAL = 'Secure a residence permit before the summer';
const NOTE = 'Met the client at the field office; documents reviewed.';
const ARABIC_NOTE = 'تمت مراجعة الوثائق';
const CANARY_SUMMARY = `canary-summary-${crypto.randomUUID().slice(0, 8)}`;
const CANARY_PHONE = `+355-canary-${crypto.randomUUID().slice(0, 8)}`;
const CANARY_ADDRESS = `canary-street-${crypto.randomUUID().slice(0, 8)}`;
const CANARY_PLACE = `canary-place-${crypto.randomUUID().slice(0, 8)}`;

interface Pdf {
  pages: string[];
  info: Record<string, unknown>;
}

/** The text of each page and the document's metadata, as pdf.js reads them. */
async function readPdf(bytes: Buffer): Promise<Pdf> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, info: info as Record<string, unknown> };
}

const download = (s: Session, id: string) => s.as('GET', `/api/v1/cases/${id}/summary.pdf`);

const strip = (r: { statusCode: number; json: () => Record<string, unknown> }) => ({
  status: r.statusCode,
  body: { ...r.json(), requestId: undefined },
});

async function auditEvents(id: string) {
  const res = await auditor.as(
    'GET',
    `/api/v1/audit/events?action=case.summary_downloaded&entityId=${id}`,
  );
  return res.json().items as {
    actorId: string;
    requestId: string;
    details: Record<string, string>;
  }[];
}

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  cw = await signedIn(t, ['caseworker'], { agency: 'Camp Services' });
  cw2 = await signedIn(t, ['caseworker'], { agency: 'Camp Services' });
  other = await signedIn(t, ['caseworker'], { agency: 'Legal Aid Centre' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Camp Services' });
  auditor = await signedIn(t, ['auditor']);
  const personId = (
    await clerk.as('POST', '/api/v1/persons', {
      names: [
        { given: 'Samir', family: 'Haddad' },
        { given: 'سمير', family: 'حداد', script: 'Arab', use: 'original' },
      ],
      sex: 'M',
      birthYear: 1985,
      nationalities: ['SYR'],
    })
  ).json().id;
  await clerk.as('POST', `/api/v1/persons/${personId}/legal-statuses`, {
    status: 'asylum_seeker',
    grantedBy: 'host-state',
    from: '2024-05-01',
  });
  caseId = (await cw.as('POST', '/api/v1/cases', { personId, category: 'legal' })).json().id;
  const goal = await cw.as('POST', `/api/v1/cases/${caseId}/goals`, { description: GOAL });
  await cw.as('POST', `/api/v1/cases/${caseId}/tasks`, {
    kind: 'action',
    goalId: goal.json().id,
    title: 'Book an appointment with a lawyer',
    dueOn: '2026-03-20',
  });
  const admin = await signedIn(t, ['administrator']);
  const providerId = (
    await admin.as('POST', '/api/v1/service-providers', {
      name: 'Legal Aid Clinic',
      organisation: 'Bar Association',
      serviceTypes: ['legal_aid'],
    })
  ).json().id;
  const referral = await cw.as('POST', `/api/v1/cases/${caseId}/referrals`, {
    providerId,
    serviceType: 'legal_aid',
    fields: ['sex', 'summary'],
    summary: CANARY_SUMMARY,
    consent: { givenBy: 'person', givenOn: '2026-03-01', scope: 'legal aid referral' },
  });
  expect(referral.statusCode).toBe(201);
  const approval = await cw.as('POST', `/api/v1/cases/${caseId}/approvals`, { kind: 'plan' });
  expect(approval.statusCode).toBe(201);
  await cw.as('POST', `/api/v1/cases/${caseId}/notes`, { body: NOTE });
  await cw.as('POST', `/api/v1/cases/${caseId}/notes`, { body: ARABIC_NOTE });
});
afterAll(() => t.close());

describe('the PDF case summary', () => {
  it('is a PDF of the case, the person in both scripts, the plan and the notes', async () => {
    const res = await download(cw, caseId);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const reference = `CASE-${caseId.slice(0, 8).toUpperCase()}`;
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${reference}.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, info } = await readPdf(res.rawPayload);
    const text = pages.join('\n');
    for (const expected of [
      reference,
      caseId,
      'Samir Haddad',
      'سمير حداد',
      GOAL,
      NOTE,
      ARABIC_NOTE,
    ])
      expect(text).toContain(expected);
    expect(text).toContain('Book an appointment with a lawyer');
    expect(text).toMatch(/Asylum seeker — granted by host-state, since 2024-05-01/);
    expect(text).toContain('SYR');
    // Referrals say what was shared, never the shared values; approvals and the timeline too.
    expect(text).toContain('Legal aid — Legal Aid Clinic — Pending');
    expect(text).toContain('fields shared: Sex, Summary');
    expect(text).not.toContain(CANARY_SUMMARY);
    expect(text).toContain('Plan — Pending');
    expect(text).toContain('Referral created');
    // The metadata names the case reference and Asylon, nobody.
    expect(info).toMatchObject({ Title: reference, Author: 'Asylon' });
    const meta = JSON.stringify(info);
    for (const personal of ['Samir', 'سمير', cw.user.email, 'User'])
      expect(meta).not.toContain(personal);
  });

  it('carries the reader, the time and the request id on every page', async () => {
    const res = await download(cw2, caseId);
    expect(res.statusCode).toBe(200);
    const stamp = t.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    const { pages } = await readPdf(res.rawPayload);
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      expect(page).toContain(
        `<${cw2.user.email}> — ${stamp} — ${String(res.headers['x-request-id'])}`,
      );
      expect(page).toContain('CONFIDENTIAL');
      expect(page).toContain(cw2.user.email);
    }
    expect(pages.join('')).not.toContain(cw.user.email);
  });

  it('is audited with who, which case and the request, and recorded as an export', async () => {
    const before = (await auditEvents(caseId)).length;
    const res = await download(cw, caseId);
    expect(res.statusCode).toBe(200);
    const events = await auditEvents(caseId);
    expect(events).toHaveLength(before + 1);
    const event = events.find((e) => e.requestId === res.headers['x-request-id'])!;
    expect(event.actorId).toBe(cw.user.id);
    const transfer = await inTransaction(
      t.platform.db,
      { operationId: t.operationId, userId: cw.user.id },
      (trx) =>
        sql<{
          kind: string;
          format: string;
          recipient: string;
          purpose: string;
          record_count: number;
        }>`
          SELECT kind, format, recipient, purpose, record_count FROM transfers
          WHERE id = ${event.details.transferRecord}`.execute(trx),
    );
    // A HEAD request checks access and records nothing.
    const head = await cw.as('HEAD', `/api/v1/cases/${caseId}/summary.pdf`);
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('application/pdf');
    expect(head.rawPayload.length).toBe(0);
    expect(await auditEvents(caseId)).toHaveLength(before + 1);
    expect(transfer.rows).toEqual([
      {
        kind: 'export',
        format: 'pdf',
        recipient: `user:${cw.user.id}`,
        purpose: 'case_summary',
        record_count: 1,
      },
    ]);
  });

  it('answers a reader who may not see the case exactly as for a random id, and records nothing', async () => {
    const before = (await auditEvents(caseId)).length;
    const hidden = await download(other, caseId);
    const missing = await download(other, crypto.randomUUID());
    expect(hidden.statusCode).toBe(404);
    expect(strip(hidden)).toEqual(strip(missing));
    expect(hidden.headers['content-type']).toBe(missing.headers['content-type']);
    const headHidden = await other.as('HEAD', `/api/v1/cases/${caseId}/summary.pdf`);
    const headMissing = await other.as('HEAD', `/api/v1/cases/${crypto.randomUUID()}/summary.pdf`);
    expect(headHidden.statusCode).toBe(404);
    expect(headHidden.headers['content-type']).toBe(headMissing.headers['content-type']);
    expect(await auditEvents(caseId)).toHaveLength(before);
    expect((await clerk.as('GET', `/api/v1/cases/${caseId}/summary.pdf`)).statusCode).toBe(403);
  });

  it("never prints a restricted person's whereabouts, and hides their case from everyone else", async () => {
    const personId = (
      await clerk.as('POST', '/api/v1/persons', {
        names: [{ given: 'Maryam', family: 'Ghasemi' }],
        sex: 'F',
        birthYear: 1990,
        contact: { phone: CANARY_PHONE, address: CANARY_ADDRESS },
      })
    ).json().id;
    const request = await cw.as('POST', `/api/v1/persons/${personId}/separation-requests`, {
      reason: 'leaving the group',
      actingFor: 'lawyer',
    });
    expect(request.statusCode).toBe(201);
    const where = await cw.as('PUT', `/api/v1/persons/${personId}/whereabouts`, {
      place: CANARY_PLACE,
      address: CANARY_ADDRESS,
      contact: { phone: CANARY_PHONE },
    });
    expect(where.statusCode).toBe(200);
    const id = (await cw.as('POST', '/api/v1/cases', { personId, category: 'separation' })).json()
      .id;
    await cw.as('POST', `/api/v1/cases/${id}/notes`, { body: 'Safety plan agreed.' });

    const res = await download(cw, id);
    expect(res.statusCode).toBe(200);
    const text = (await readPdf(res.rawPayload)).pages.join('\n');
    expect(text).toContain('Maryam Ghasemi');
    expect(text).toContain('Safety plan agreed.');
    expect(text).toContain('Restricted');
    for (const canary of [CANARY_PHONE, CANARY_ADDRESS, CANARY_PLACE]) {
      expect(text).not.toContain(canary);
      expect(res.rawPayload.toString('latin1')).not.toContain(canary);
    }
    const random = crypto.randomUUID();
    for (const s of [cw2, other])
      expect(strip(await download(s, id))).toEqual(strip(await download(s, random)));
    expect(t.logs.join('\n')).not.toContain(CANARY_ADDRESS);
  });

  it('streams a case with 1,000 notes over many pages, the watermark on each', async () => {
    const bodies = Array.from(
      { length: 1000 },
      (_v, i) =>
        `note-${String(i + 1).padStart(4, '0')} ` +
        'Follow-up call about the appointment, documents and the next steps agreed with the client. '.repeat(
          3,
        ),
    );
    await inTransaction(
      t.platform.db,
      { operationId: t.operationId, userId: cw.user.id, now: t.clock.now() },
      async (trx) => {
        for (const [i, body] of bodies.entries()) {
          const id = crypto.randomUUID();
          await planRepo.insertNote(trx, {
            operation_id: t.operationId,
            id,
            case_id: caseId,
            body_sealed: seal(t.platform, body, 'case_notes.body', id),
            author_id: cw.user.id,
            created_at: new Date(t.clock.now().getTime() + i * 1000),
          });
        }
      },
    );
    const res = await download(cw, caseId);
    expect(res.statusCode).toBe(200);
    const { pages } = await readPdf(res.rawPayload);
    expect(pages.length).toBeGreaterThan(50);
    const text = pages.join('\n');
    for (const n of ['note-0001', 'note-0500', 'note-1000']) expect(text).toContain(n);
    for (const page of pages) expect(page).toContain(`CONFIDENTIAL — User`);
    for (const page of pages) expect(page).toContain(res.headers['x-request-id']);
  });
});

import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/platform/db/context.ts';
import { createTestApp, login, send, signedIn, type TestApp } from './helpers/app.ts';
import { onPostgres } from './helpers/db.ts';

// Cases: the workflow with its approvals, tasks with an overdue flag on the app clock, sealed
// notes, who sees a case (agency, assignment, supervisors, the person's restriction) and
// transfers between agencies with consent.

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let cwA: Session; // caseworker, Camp Services
let cwA2: Session; // another caseworker of Camp Services
let cwB: Session; // caseworker, Legal Aid Centre
let supervisor: Session; // protection officer, UNHCR
let supervisor2: Session; // protection officer, UNHCR
let clerk: Session;
let admin: Session;
let personId: string;
let caseId: string;
let agencyB: string;
let defaultWorkflow: Record<string, unknown>;
let restrictedCaseId: string;
const CANARY_NOTE = `canary-note-${crypto.randomUUID().slice(0, 8)}`;
const consent = { givenBy: 'person', givenOn: '2026-03-01', scope: 'case transfer to legal aid' };

const strip = (r: { statusCode: number; json: () => Record<string, unknown> }) => ({
  status: r.statusCode,
  body: { ...r.json(), requestId: undefined },
});
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r: { json: () => { errors?: { field: string }[] } }) =>
  (r.json().errors ?? []).map((e) => e.field);

async function move(s: Session, id: string, status: string) {
  const current = (await s.as('GET', `/api/v1/cases/${id}`)).json();
  return s.as('PATCH', `/api/v1/cases/${id}`, { status }, ifMatch(current.version));
}

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  cwA = await signedIn(t, ['caseworker'], { agency: 'Camp Services' });
  cwA2 = await signedIn(t, ['caseworker'], { agency: 'Camp Services' });
  cwB = await signedIn(t, ['caseworker'], { agency: 'Legal Aid Centre' });
  supervisor = await signedIn(t, ['protection_officer'], { agency: 'UNHCR' });
  supervisor2 = await signedIn(t, ['protection_officer'], { agency: 'UNHCR' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Camp Services' });
  admin = await signedIn(t, ['administrator']);
  agencyB = (await admin.as('GET', '/api/v1/agencies'))
    .json()
    .items.find((a: { name: string }) => a.name === 'Legal Aid Centre').id;
  personId = (
    await clerk.as('POST', '/api/v1/persons', {
      names: [{ given: 'Samir', family: 'Haddad' }],
      sex: 'M',
      birthYear: 1985,
      nationalities: ['SYR'],
    })
  ).json().id;
});
afterAll(() => t.close());

describe('the case workflow', () => {
  it('opens a case assigned to its opener, in their agency, with the default workflow', async () => {
    const wf = await cwA.as('GET', '/api/v1/operations/current/case-workflow');
    expect(wf.json()).toMatchObject({ version: 0, planApprovalRequired: true });
    expect(wf.json().transitions.closed).toContain('open');
    defaultWorkflow = {
      transitions: wf.json().transitions,
      planApprovalRequired: wf.json().planApprovalRequired,
    };
    const res = await cwA.as('POST', '/api/v1/cases', { personId, category: 'legal' });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    caseId = res.json().id;
    expect(res.json()).toMatchObject({
      personId,
      status: 'open',
      assigneeId: cwA.user.id,
      relation: 'assigned',
      goals: [],
    });
    const unknown = await cwA.as('POST', '/api/v1/cases', { personId: crypto.randomUUID() });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(['body.personId']);
  });

  it('opens a household case through a current member', async () => {
    const child = (
      await clerk.as('POST', '/api/v1/persons', {
        names: [{ given: 'Rami', family: 'Haddad' }],
        sex: 'M',
        birthYear: 2015,
      })
    ).json().id;
    const stranger = (
      await clerk.as('POST', '/api/v1/persons', { names: [{ given: 'Omar' }], sex: 'M' })
    ).json().id;
    const household = (
      await clerk.as('POST', '/api/v1/households', {
        members: [
          { personId, relationship: 'focal_point' },
          { personId: child, relationship: 'child' },
        ],
      })
    ).json().id;
    const res = await cwA.as('POST', '/api/v1/cases', { personId, householdId: household });
    expect(res.statusCode).toBe(201);
    expect(res.json().householdId).toBe(household);
    const outsider = await cwA.as('POST', '/api/v1/cases', {
      personId: stranger,
      householdId: household,
    });
    expect(fieldsOf(outsider)).toEqual(['body.personId']);
    const missing = await cwA.as('POST', '/api/v1/cases', {
      personId,
      householdId: crypto.randomUUID(),
    });
    expect(fieldsOf(missing)).toEqual(['body.householdId']);
  });

  it('refuses an illegal transition with a field-named 409, and a stale write with 412', async () => {
    const jump = await move(cwA, caseId, 'implementation');
    expect(jump.statusCode).toBe(409);
    expect(fieldsOf(jump)).toEqual(['body.status']);
    expect(jump.json().errors[0].message).toMatch(/allowed: assessment, closed/);
    const stale = await cwA.as(
      'PATCH',
      `/api/v1/cases/${caseId}`,
      { status: 'assessment' },
      ifMatch(99),
    );
    expect(stale.statusCode).toBe(412);
    expect((await move(cwA, caseId, 'assessment')).statusCode).toBe(200);
    expect((await move(cwA, caseId, 'plan')).json().status).toBe('plan');
  });

  it('starts implementation only from the current plan approved by a supervisor', async () => {
    const goal = await cwA.as('POST', `/api/v1/cases/${caseId}/goals`, {
      description: 'Regularise legal status',
      targetOn: '2026-06-30',
    });
    expect(goal.statusCode).toBe(201);
    const action = await cwA.as('POST', `/api/v1/cases/${caseId}/tasks`, {
      kind: 'action',
      goalId: goal.json().id,
      title: 'File the asylum application',
      dueOn: '2026-04-15',
    });
    expect(action.statusCode).toBe(201);
    const orphan = await cwA.as('POST', `/api/v1/cases/${caseId}/tasks`, {
      kind: 'action',
      title: 'No goal',
    });
    expect(fieldsOf(orphan)).toEqual(['body.goalId']);
    expect((await move(cwA, caseId, 'implementation')).statusCode).toBe(409);

    const request = await cwA.as('POST', `/api/v1/cases/${caseId}/approvals`, {
      kind: 'plan',
      approverId: supervisor.user.id,
    });
    expect(request.statusCode).toBe(201);
    const approval = request.json();
    expect(approval).toMatchObject({ kind: 'plan', status: 'pending', planVersion: 2 });
    const notices = (await supervisor.as('GET', '/api/v1/notifications')).json().items;
    expect(notices).toContainEqual(
      expect.objectContaining({ kind: 'case_approval_requested', entityId: caseId }),
    );
    // Caseworkers do not approve.
    const byCaseworker = await cwA2.as(
      'POST',
      `/api/v1/cases/${caseId}/approvals/${approval.id}/decision`,
      { decision: 'approved' },
      ifMatch(approval.version),
    );
    expect(byCaseworker.statusCode).toBe(403);
    const decided = await supervisor.as(
      'POST',
      `/api/v1/cases/${caseId}/approvals/${approval.id}/decision`,
      { decision: 'approved', note: 'Sound plan' },
      ifMatch(approval.version),
    );
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'approved', decidedBy: supervisor.user.id });
    const moved = await move(cwA, caseId, 'implementation');
    expect(moved.statusCode).toBe(200);
    expect(moved.json().status).toBe('implementation');
  });

  it('closes only with an approved closure request, and reopens', async () => {
    expect((await move(cwA, caseId, 'review')).statusCode).toBe(200);
    const early = await move(cwA, caseId, 'closed');
    expect(early.statusCode).toBe(409);
    expect(fieldsOf(early)).toEqual(['body.status']);
    expect(early.json().errors[0].message).toMatch(/approved/);

    const noReason = await cwA.as('POST', `/api/v1/cases/${caseId}/approvals`, {
      kind: 'closure',
    });
    expect(fieldsOf(noReason)).toEqual(['body.closureReason']);
    const request = (
      await cwA.as('POST', `/api/v1/cases/${caseId}/approvals`, {
        kind: 'closure',
        closureReason: 'objectives_met',
        note: 'Status granted',
      })
    ).json();
    const twice = await cwA.as('POST', `/api/v1/cases/${caseId}/approvals`, {
      kind: 'closure',
      closureReason: 'other',
    });
    expect(twice.statusCode).toBe(409);
    // Still pending: closing is refused.
    expect((await move(cwA, caseId, 'closed')).statusCode).toBe(409);
    await supervisor2.as(
      'POST',
      `/api/v1/cases/${caseId}/approvals/${request.id}/decision`,
      { decision: 'approved' },
      ifMatch(request.version),
    );
    const closed = await move(cwA, caseId, 'closed');
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closedAt).not.toBeNull();
    expect(closed.json().approvals.find((a: { id: string }) => a.id === request.id).status).toBe(
      'used',
    );
    // A closed case takes no new plan or tasks, but notes still.
    const goal = await cwA.as('POST', `/api/v1/cases/${caseId}/goals`, { description: 'More' });
    expect(goal.statusCode).toBe(409);

    const reopened = await move(cwA, caseId, 'open');
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', closedAt: null });
    // The approval was used up by the first closing.
    expect((await move(cwA, caseId, 'closed')).statusCode).toBe(409);

    const timeline = (await cwA.as('GET', `/api/v1/cases/${caseId}/timeline`)).json().items;
    const kinds = timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'case.opened',
        'case.status_changed',
        'case.goal_added',
        'case.approval_requested',
        'case.approval_decided',
        'case.closed',
        'case.reopened',
      ]),
    );
    expect(kinds.indexOf('case.closed')).toBeLessThan(kinds.indexOf('case.reopened'));
  });

  it('follows the operation’s own workflow once an administrator configures it', async () => {
    const bad = await admin.as(
      'PUT',
      '/api/v1/operations/current/case-workflow',
      {
        transitions: {
          open: ['open'],
          assessment: ['plan'],
          plan: ['closed'],
          implementation: ['closed'],
          review: ['closed'],
          closed: [],
        },
        planApprovalRequired: false,
      },
      ifMatch(0),
    );
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toContain('body.transitions.open');
    const custom = {
      transitions: {
        open: ['plan', 'closed'],
        assessment: ['plan', 'closed'],
        plan: ['implementation', 'closed'],
        implementation: ['closed'],
        review: ['closed'],
        closed: [],
      },
      planApprovalRequired: false,
    };
    const saved = await admin.as(
      'PUT',
      '/api/v1/operations/current/case-workflow',
      custom,
      ifMatch(0),
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    const id = (await cwA.as('POST', '/api/v1/cases', { personId })).json().id;
    expect((await move(cwA, id, 'plan')).statusCode).toBe(200);
    expect((await move(cwA, id, 'implementation')).statusCode).toBe(200);
    // Not reopenable under this configuration.
    expect(fieldsOf(await move(cwA, caseId, 'assessment'))).toEqual(['body.status']);
    const stale = await admin.as(
      'PUT',
      '/api/v1/operations/current/case-workflow',
      custom,
      ifMatch(0),
    );
    expect(stale.statusCode).toBe(412);
    const restored = await admin.as(
      'PUT',
      '/api/v1/operations/current/case-workflow',
      defaultWorkflow,
      ifMatch(1),
    );
    expect(restored.statusCode).toBe(200);
    expect(restored.json().version).toBe(2);
  });
});

describe('who sees a case', () => {
  it('shows it to its agency and supervisors; to another agency it does not exist', async () => {
    expect((await cwA2.as('GET', `/api/v1/cases/${caseId}`)).json().relation).toBe('agency');
    expect((await supervisor.as('GET', `/api/v1/cases/${caseId}`)).json().relation).toBe(
      'supervisor',
    );
    const random = crypto.randomUUID();
    for (const path of ['', '/notes', '/timeline', '/referrals']) {
      const hidden = await cwB.as('GET', `/api/v1/cases/${caseId}${path}`);
      const missing = await cwB.as('GET', `/api/v1/cases/${random}${path}`);
      expect(hidden.statusCode).toBe(404);
      expect(strip(hidden)).toEqual(strip(missing));
    }
    const patch = await cwB.as(
      'PATCH',
      `/api/v1/cases/${caseId}`,
      { priority: 'high' },
      ifMatch(1),
    );
    expect(patch.statusCode).toBe(404);
    const list = (await cwB.as('GET', '/api/v1/cases')).json();
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(caseId);
    expect((await clerk.as('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(403);
    const mine = (await cwA.as('GET', `/api/v1/cases?mine=true&personId=${personId}`)).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(caseId);
  });

  it('offers as assignees exactly the colleagues who would work on it, by name', async () => {
    const res = await cwA.as('GET', `/api/v1/cases/${caseId}/assignees`);
    expect(res.statusCode).toBe(200);
    const items: { id: string; displayName: string; isYou: boolean }[] = res.json().items;
    const ids = [cwA, cwA2, supervisor, supervisor2].map((s) => s.user.id);
    expect(items.map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(items.find((i) => i.isYou)?.id).toBe(cwA.user.id);
    expect(items.every((i) => i.displayName.length > 0)).toBe(true);
    const hidden = await cwB.as('GET', `/api/v1/cases/${caseId}/assignees`);
    const missing = await cwB.as('GET', `/api/v1/cases/${crypto.randomUUID()}/assignees`);
    expect(strip(hidden)).toEqual(strip(missing));
    expect((await clerk.as('GET', `/api/v1/cases/${caseId}/assignees`)).statusCode).toBe(403);
  });

  it('keeps notes sealed at rest and out of reach of other agencies and the logs', async () => {
    const note = await cwA.as('POST', `/api/v1/cases/${caseId}/notes`, { body: CANARY_NOTE });
    expect(note.statusCode).toBe(201);
    const notes = (await cwA2.as('GET', `/api/v1/cases/${caseId}/notes`)).json().items;
    expect(notes.map((n: { body: string }) => n.body)).toContain(CANARY_NOTE);
    const stored = await inTransaction(
      t.platform.db,
      { operationId: t.operationId, userId: cwA.user.id },
      (trx) => sql<{ body_sealed: Buffer }>`SELECT body_sealed FROM case_notes`.execute(trx),
    );
    expect(stored.rows.length).toBeGreaterThan(0);
    for (const r of stored.rows)
      expect(Buffer.from(r.body_sealed).toString('latin1')).not.toContain(CANARY_NOTE);
    const bodies: string[] = [];
    for (const url of [
      `/api/v1/cases/${caseId}`,
      `/api/v1/cases/${caseId}/notes`,
      `/api/v1/cases/${caseId}/timeline`,
      '/api/v1/cases',
      '/api/v1/notifications',
    ])
      bodies.push((await cwB.as('GET', url)).body, (await clerk.as('GET', url)).body);
    expect(bodies.join('\n') + t.logs.join('\n')).not.toContain(CANARY_NOTE);
  });

  it('hides the case of a restricted person from everyone not named on the person', async () => {
    const restricted = (
      await supervisor.as('POST', '/api/v1/persons', {
        names: [{ given: 'Leyla', family: 'Karimi' }],
        sex: 'F',
        birthYear: 1992,
        sensitivity: 'restricted',
      })
    ).json().id;
    const hiddenCase = await supervisor.as('POST', '/api/v1/cases', {
      personId: restricted,
      category: 'separation',
    });
    expect(hiddenCase.statusCode).toBe(201);
    const id = hiddenCase.json().id;
    restrictedCaseId = id;
    const random = crypto.randomUUID();
    for (const s of [cwA, cwA2, supervisor2]) {
      const hidden = await s.as('GET', `/api/v1/cases/${id}`);
      expect(strip(hidden)).toEqual(strip(await s.as('GET', `/api/v1/cases/${random}`)));
      const list = (await s.as('GET', '/api/v1/cases')).json();
      expect(list.items.map((c: { id: string }) => c.id)).not.toContain(id);
    }
    // Someone not named cannot be given the case.
    const assign = await supervisor.as(
      'PATCH',
      `/api/v1/cases/${id}`,
      { assigneeId: supervisor2.user.id },
      ifMatch(hiddenCase.json().version),
    );
    expect(assign.statusCode).toBe(400);
    expect(fieldsOf(assign)).toEqual(['body.assigneeId']);
  });
});

describe('transfers between agencies', () => {
  it('needs consent, shows the offer to the receiving agency, and hands the case over on acceptance', async () => {
    const noConsent = await cwA.as('POST', `/api/v1/cases/${caseId}/transfers`, {
      toAgencyId: agencyB,
      reason: 'Legal representation',
    });
    expect(noConsent.statusCode).toBe(400);
    expect(fieldsOf(noConsent)).toEqual(['body.consent']);
    const offered = await cwA.as('POST', `/api/v1/cases/${caseId}/transfers`, {
      toAgencyId: agencyB,
      reason: 'Legal representation',
      consent,
    });
    expect(offered.statusCode).toBe(201);
    const transfer = offered.json();
    expect(transfer).toMatchObject({ status: 'pending', toAgencyId: agencyB, consent });
    const again = await cwA.as('POST', `/api/v1/cases/${caseId}/transfers`, {
      toAgencyId: agencyB,
      reason: 'again',
      consent,
    });
    expect(again.statusCode).toBe(409);

    // The receiving agency sees the offer, and may only decide it.
    const incoming = (await cwB.as('GET', '/api/v1/cases?incoming=true')).json().items;
    expect(incoming.map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect((await cwB.as('GET', `/api/v1/cases/${caseId}`)).json().relation).toBe('incoming');
    expect((await cwB.as('GET', `/api/v1/cases/${caseId}/notes`)).statusCode).toBe(403);
    expect(
      (await cwB.as('POST', `/api/v1/cases/${caseId}/notes`, { body: 'early' })).statusCode,
    ).toBe(403);
    // The sender cannot accept its own offer.
    const selfAccept = await cwA.as(
      'POST',
      `/api/v1/cases/${caseId}/transfers/${transfer.id}/decision`,
      { decision: 'accepted' },
      ifMatch(transfer.version),
    );
    expect(selfAccept.statusCode).toBe(403);

    const accepted = await cwB.as(
      'POST',
      `/api/v1/cases/${caseId}/transfers/${transfer.id}/decision`,
      { decision: 'accepted', note: 'We take it' },
      ifMatch(transfer.version),
    );
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().status).toBe('accepted');
    const now = (await cwB.as('GET', `/api/v1/cases/${caseId}`)).json();
    expect(now).toMatchObject({
      agencyId: agencyB,
      assigneeId: cwB.user.id,
      relation: 'assigned',
      pendingTransfer: null,
    });
    // History kept: the transfer, its consent, its decision; notes came along.
    expect(now.transfers).toHaveLength(1);
    expect(now.transfers[0]).toMatchObject({
      status: 'accepted',
      toAgencyId: agencyB,
      decidedBy: cwB.user.id,
      consent,
    });
    expect(now.transfers[0].fromAgencyId).not.toBeNull();
    const notes = (await cwB.as('GET', `/api/v1/cases/${caseId}/notes`)).json().items;
    expect(notes.map((n: { body: string }) => n.body)).toContain(CANARY_NOTE);
    const kinds = (await cwB.as('GET', `/api/v1/cases/${caseId}/timeline`))
      .json()
      .items.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['case.transfer_offered', 'case.transfer_accepted']),
    );
    // The sending agency lost sight of it: now a 404, as for any id.
    expect((await cwA.as('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await cwA2.as('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    const notices = (await cwA.as('GET', '/api/v1/notifications')).json().items;
    expect(notices).toContainEqual(
      expect.objectContaining({ kind: 'case_transfer_decided', entityId: caseId }),
    );
    const log = await inTransaction(
      t.platform.db,
      { operationId: t.operationId, userId: cwB.user.id },
      (trx) =>
        sql<{ kind: string; recipient: string; legal_basis: string }>`
          SELECT kind, recipient, legal_basis FROM transfers WHERE kind = 'case_transfer'`.execute(
          trx,
        ),
    );
    expect(log.rows).toEqual([
      { kind: 'case_transfer', recipient: `agency:${agencyB}`, legal_basis: 'consent' },
    ]);
  });

  it('keeps a declined offer in the history and the case with its agency', async () => {
    const agencyA = (await cwA.as('GET', '/api/v1/agencies'))
      .json()
      .items.find((a: { name: string }) => a.name === 'Camp Services').id;
    t.clock.advance(60_000);
    const offered = (
      await cwB.as('POST', `/api/v1/cases/${caseId}/transfers`, {
        toAgencyId: agencyA,
        reason: 'Back to camp services',
        override: { reason: 'person unreachable; urgent shelter need' },
      })
    ).json();
    expect(offered.overrideReason).toMatch(/unreachable/);
    const declined = await cwA2.as(
      'POST',
      `/api/v1/cases/${caseId}/transfers/${offered.id}/decision`,
      { decision: 'declined' },
      ifMatch(offered.version),
    );
    expect(declined.statusCode).toBe(200);
    expect((await cwA2.as('GET', `/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    const now = (await cwB.as('GET', `/api/v1/cases/${caseId}`)).json();
    expect(now.agencyId).toBe(agencyB);
    expect(now.transfers.map((x: { status: string }) => x.status)).toEqual([
      'accepted',
      'declined',
    ]);
    const audit = await signedIn(t, ['auditor']);
    const events = (
      await audit.as(
        'GET',
        `/api/v1/audit/events?action=case.consent_overridden&entityId=${caseId}`,
      )
    ).json().items;
    expect(events).toHaveLength(1);
  });
});

describe('tasks and follow-ups', () => {
  it('lists my tasks overdue first, and flags a task overdue once the clock passes its day', async () => {
    const id = (await cwA.as('POST', '/api/v1/cases', { personId, category: 'health' })).json().id;
    const today = t.clock.now().toISOString().slice(0, 10);
    const yesterday = new Date(t.clock.now().getTime() - 86_400_000).toISOString().slice(0, 10);
    const add = (body: Record<string, unknown>) =>
      cwA.as('POST', `/api/v1/cases/${id}/tasks`, body).then((r) => r.json());
    const undated = await add({ kind: 'follow_up', title: 'Call back' });
    const dueToday = await add({ title: 'Book clinic visit', dueOn: today });
    const late = await add({ kind: 'follow_up', title: 'Check medication', dueOn: yesterday });
    const elsewhere = await cwA.as('POST', `/api/v1/cases/${id}/tasks`, {
      title: 'Other agency',
      assigneeId: cwB.user.id,
    });
    expect(fieldsOf(elsewhere)).toEqual(['body.assigneeId']);
    const colleague = await add({ title: 'Home visit', assigneeId: cwA2.user.id, dueOn: today });

    const mine = (await cwA.as('GET', '/api/v1/tasks/mine')).json().items;
    expect(mine.map((x: { id: string }) => x.id)).toEqual([late.id, dueToday.id, undated.id]);
    expect(mine.map((x: { overdue: boolean }) => x.overdue)).toEqual([true, false, false]);
    expect((await cwA2.as('GET', '/api/v1/tasks/mine')).json().items[0].id).toBe(colleague.id);
    // cwB has the transferred case's unassigned action, nothing of this case.
    const other = (await cwB.as('GET', '/api/v1/tasks/mine')).json().items;
    expect(other.map((x: { caseId: string }) => x.caseId)).toEqual([caseId]);

    // Done tasks leave the list.
    const done = await cwA.as(
      'PATCH',
      `/api/v1/cases/${id}/tasks/${late.id}`,
      { status: 'done' },
      ifMatch(late.version),
    );
    expect(done.json()).toMatchObject({ status: 'done', doneOn: today, overdue: false });

    // The clock passes midnight (past the session's 12-hour life: sign in again).
    t.clock.advance(24 * 3600_000);
    expect((await cwA.as('GET', '/api/v1/tasks/mine')).statusCode).toBe(401);
    const cookie = await login(t, cwA.user);
    const later = (await send(t, cookie, 'GET', '/api/v1/tasks/mine')).json().items;
    expect(later.map((x: { id: string }) => x.id)).toEqual([dueToday.id, undated.id]);
    expect(later[0].overdue).toBe(true);
    expect(later[1].overdue).toBe(false);
  });
});

describe('row-level security, without the application checks (PostgreSQL)', () => {
  /** What a user's own transaction returns from a table, straight through SQL. */
  const rowsOf = async (userId: string, table: string) =>
    (
      await inTransaction(t.platform.db, { operationId: t.operationId, userId }, (trx) =>
        sql<{ case_id: string }>`SELECT ${sql.ref(table === 'cases' ? 'id' : 'case_id')} AS case_id
          FROM ${sql.table(table)}`.execute(trx),
      )
    ).rows.map((r) => r.case_id);

  it.runIf(onPostgres)('leaks no case of another agency or of a restricted person', async () => {
    const tables = [
      'cases',
      'case_notes',
      'case_events',
      'case_tasks',
      'case_goals',
      'case_transfers',
    ];
    for (const table of tables) {
      // The transferred case now belongs to Legal Aid Centre; Camp Services sees none of it.
      expect(await rowsOf(cwA.user.id, table)).not.toContain(caseId);
      expect(await rowsOf(clerk.user.id, table)).not.toContain(caseId);
      // The restricted person's case: only for the officer named on the person.
      expect(await rowsOf(supervisor2.user.id, table)).not.toContain(restrictedCaseId);
      expect(await rowsOf(cwA.user.id, table)).not.toContain(restrictedCaseId);
    }
    expect(await rowsOf(cwB.user.id, 'cases')).toContain(caseId);
    expect(await rowsOf(cwB.user.id, 'case_notes')).toContain(caseId);
    expect(await rowsOf(supervisor.user.id, 'cases')).toContain(restrictedCaseId);
  });
});

import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { PersonName } from '../../registry/schema.ts';
import { registerFonts } from './fonts.ts';
import { LABELS as L, sexLabel, when, words } from './labels.ts';
import type { CaseSummary } from './service.ts';
import { PdfWriter } from './writer.ts';

/**
 * Writes the case summary as a PDF into `out`, page by page. Resolves when the document is
 * complete, or early when `out` is gone (the client left).
 */
export async function renderSummary(s: CaseSummary, out: Writable): Promise<void> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    compress: true,
    // Nothing personal: the case reference only (the reader is in the pages' watermark).
    info: {
      Title: s.reference,
      Author: 'Asylon',
      Subject: L.title,
      Creator: 'Asylon',
      Producer: 'Asylon',
      CreationDate: s.generatedAt,
    },
  });
  registerFonts(doc);
  doc.on('data', (chunk: Buffer) => {
    if (!out.destroyed) out.write(chunk);
  });
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const stamp = s.generatedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const reader = `${s.reader.displayName} <${s.reader.email}>`;
  const w = new PdfWriter(doc, out, {
    header: `Asylon — ${L.title} — ${s.reference}`,
    watermark: `${L.confidential} — ${reader} — ${stamp} — ${s.requestId}`,
    diagonal: `${L.confidential} — ${s.reader.email}`,
  });
  w.newPage();
  const sections = [caseSection, personSection, planSection, notesSection, otherSections];
  for (const section of sections) if (!(await section(w, s))) return;
  doc.end();
  await ended;
  out.end();
}

type Section = (w: PdfWriter, s: CaseSummary) => Promise<boolean>;

const agencyOf = (s: CaseSummary, id: string | null) =>
  id === null ? L.noAgency : (s.agencyNames.get(id) ?? id.slice(0, 8));

/** Other users by a short reference, as the web app shows them (caseworkers cannot list users). */
const userOf = (s: CaseSummary, id: string | null) =>
  id === null
    ? L.unassigned
    : id === s.reader.id
      ? `${s.reader.displayName} (${L.you})`
      : `${L.user} ${id.slice(0, 8)}`;

const nameLine = (n: Pick<PersonName, 'given' | 'middle' | 'family'>) =>
  [n.given, n.middle, n.family].filter((part) => part && part.trim()).join(' ');

const caseSection: Section = async (w, s) => {
  const c = s.kase;
  w.text(`${L.title} — ${s.reference}`, { size: 18, bold: true, color: '#1a3d6d' });
  w.text(`${L.generated} ${when(s.generatedAt.toISOString())} ${L.for} ${s.reader.email}`, {
    size: 8.5,
    color: '#555555',
  });
  w.heading(L.caseSection);
  w.field(L.reference, s.reference);
  w.field(L.caseId, c.id);
  w.field(L.stage, words(c.status));
  w.field(L.status, c.status === 'closed' ? L.closed : L.open);
  w.field(L.category, words(c.category));
  w.field(L.priority, words(c.priority));
  w.field(L.agency, agencyOf(s, c.agencyId));
  w.field(L.assignee, userOf(s, c.assigneeId));
  w.field(L.openedAt, `${when(c.openedAt)} — ${userOf(s, c.openedBy)}`);
  if (c.closedAt) w.field(L.closedAt, when(c.closedAt));
  if (c.householdId) w.field(L.household, 'Yes');
  if (c.pendingTransfer) w.field(L.pendingTransfer, agencyOf(s, c.pendingTransfer.toAgencyId));
  return w.breathe();
};

const personSection: Section = async (w, s) => {
  const p = s.person;
  w.heading(L.personSection);
  const names = [...p.names].sort(
    (a, b) => Number(b.use === 'primary') - Number(a.use === 'primary'),
  );
  w.field(L.names, names.map(nameLine));
  w.field(L.sex, sexLabel(p.sex));
  w.field(
    L.birthYear,
    p.birthYear === null
      ? L.none
      : `${p.birthYear}${p.birthYearEstimated ? ` (${L.estimated})` : ''}`,
  );
  w.field(
    L.nationality,
    p.nationalities.map((n) => (n === 'stateless' ? 'Stateless' : n)).join(', ') || L.none,
  );
  const ls = s.legalStatus;
  w.field(
    L.legalStatus,
    ls ? `${words(ls.status)} — ${L.grantedBy} ${ls.grantedBy}, ${L.since} ${ls.from}` : L.none,
  );
  w.field(L.sensitivity, words(p.sensitivity));
  return w.breathe();
};

const due = (dueOn: string | null) => (dueOn ? `${L.due} ${dueOn}` : '');

const planSection: Section = async (w, s) => {
  const { goals, tasks } = s.kase;
  w.heading(L.planSection);
  if (goals.length === 0) w.text(L.noGoals);
  for (const [i, g] of goals.entries()) {
    const target = g.targetOn ? ` — ${L.target} ${g.targetOn}` : '';
    const actions = tasks
      .filter((t) => t.kind === 'action' && t.goalId === g.id)
      .map((t) => taskLine(s, t));
    w.item(`${i + 1}. ${words(g.status)}${target}`, [
      g.description,
      ...actions.map((a) => `• ${a}`),
    ]);
    if (!(await w.breathe())) return false;
  }
  w.heading(L.tasksSection);
  const others = tasks.filter((t) => t.kind !== 'action');
  if (others.length === 0) w.text(L.noTasks);
  for (const t of others) {
    w.item(`${words(t.kind)} — ${words(t.status)}${t.overdue ? ` — ${L.overdue}` : ''}`, [
      taskLine(s, t),
    ]);
    if (!(await w.breathe())) return false;
  }
  return true;
};

function taskLine(s: CaseSummary, t: CaseSummary['kase']['tasks'][number]): string {
  return [
    t.title,
    due(t.dueOn),
    words(t.status) + (t.doneOn ? ` ${t.doneOn}` : '') + (t.overdue ? ` (${L.overdue})` : ''),
    userOf(s, t.assigneeId),
  ]
    .filter(Boolean)
    .join(' — ');
}

const notesSection: Section = async (w, s) => {
  w.heading(`${L.notesSection} (${s.notes.length})`);
  if (s.notes.length === 0) w.text(L.noNotes);
  for (const n of s.notes) {
    w.item(`${when(n.createdAt)} — ${userOf(s, n.authorId)}`, [n.body()]);
    if (!(await w.breathe())) return false;
  }
  return true;
};

const otherSections: Section = async (w, s) => {
  const { approvals, transfers } = s.kase;
  w.heading(L.approvalsSection);
  if (approvals.length === 0) w.text(L.noApprovals);
  for (const a of approvals) {
    const decided = a.decidedAt
      ? `${L.decided} ${when(a.decidedAt)} — ${userOf(s, a.decidedBy)}`
      : '';
    w.item(`${words(a.kind)} — ${words(a.status)}`, [
      `${L.requested} ${when(a.requestedAt)} — ${userOf(s, a.requestedBy)}`,
      a.closureReason ? `${L.reason}: ${words(a.closureReason)}` : '',
      a.note ? `${L.note}: ${a.note}` : '',
      decided,
      a.decisionNote ? `${L.decisionNote}: ${a.decisionNote}` : '',
    ]);
  }
  w.heading(L.transfersSection);
  if (transfers.length === 0) w.text(L.noTransfers);
  for (const t of transfers) {
    w.item(`${agencyOf(s, t.fromAgencyId)} → ${agencyOf(s, t.toAgencyId)} — ${words(t.status)}`, [
      `${L.requested} ${when(t.requestedAt)} — ${userOf(s, t.requestedBy)}`,
      `${L.reason}: ${t.reason}`,
      t.consent ? `${L.consent}: ${words(t.consent.givenBy)}, ${t.consent.givenOn}` : L.override,
      t.decidedAt ? `${L.decided} ${when(t.decidedAt)} — ${userOf(s, t.decidedBy)}` : '',
    ]);
  }
  if (!(await w.breathe())) return false;
  w.heading(L.referralsSection);
  if (s.referrals.length === 0) w.text(L.noReferrals);
  for (const r of s.referrals) {
    // What was shared, by field name: never the shared values themselves.
    w.item(
      `${words(r.serviceType)} — ${s.providerNames.get(r.providerId) ?? r.providerId.slice(0, 8)} — ${words(r.status)}`,
      [
        `${L.referred} ${when(r.referredAt)} — ${L.urgency} ${words(r.urgency)}`,
        `${L.fieldsShared}: ${r.fields.map(words).join(', ')}`,
        r.consent ? `${L.consent}: ${words(r.consent.givenBy)}, ${r.consent.givenOn}` : L.override,
        r.outcome ? `${L.outcome}: ${words(r.outcome.result)}, ${r.outcome.on}` : '',
      ],
    );
  }
  w.heading(L.timelineSection);
  if (s.timeline.length === 0) w.text(L.noEvents);
  for (const e of s.timeline) {
    const details = detailText(e.details);
    w.item(`${when(e.at)} — ${userOf(s, e.actorId)} — ${words(e.kind)}`, details ? [details] : []);
    if (!(await w.breathe())) return false;
  }
  return true;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The codes of a timeline event (statuses, kinds, dates); ids say nothing on paper. */
function detailText(details: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    const shown = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string | number | boolean =>
        (typeof v === 'string' && !UUID.test(v)) || typeof v === 'number' || typeof v === 'boolean',
    );
    if (shown.length) parts.push(`${words(key)}: ${shown.join(', ')}`);
  }
  return parts.join('; ');
}

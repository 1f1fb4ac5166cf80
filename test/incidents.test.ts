import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';

// Protection incidents and their evidence (issue 5): validation naming the field, If-Match
// versioning, who sees an incident (sensitivity, named users, persons involved), citations with
// their flags, sealed testimonies and who reads their text, and the suppressed protection-
// monitoring report with its HXL export. docs/incidents.md has the decisions.

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let cwA: Session; // caseworker, Camp Services
let cwB: Session; // caseworker, Legal Aid Centre
let po: Session; // protection officer
let po2: Session; // another protection officer
let clerk: Session;
let analyst: Session;
let programme: Session;
let north: string;
let south: string;
let victim: string;
const CANARY_STATEMENT = `canary-statement-${crypto.randomUUID().slice(0, 8)}`;
const CANARY_TRANSLATION = `canary-translation-${crypto.randomUUID().slice(0, 8)}`;

const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });
const fieldsOf = (r: { json: () => { errors?: { field: string }[] } }) =>
  (r.json().errors ?? []).map((e) => e.field);
const strip = (r: { statusCode: number; json: () => Record<string, unknown> }) => ({
  status: r.statusCode,
  body: { ...r.json(), requestId: undefined },
});

/** A valid incident body, changed by `over`. */
const incident = (over: Record<string, unknown> = {}) => ({
  acts: ['withholding_of_documents'],
  description: 'Passports taken by the sponsor on arrival.',
  when: { from: '2026-01-10', precision: 'day' },
  where: { siteId: north, precision: 'exact' },
  involvements: [
    { role: 'victim_survivor', subject: 'person', personId: victim },
    {
      role: 'alleged_perpetrator',
      subject: 'group',
      label: 'Compound management',
      perpetratorType: 'sponsor_or_controlling_group',
    },
  ],
  articles: ['27', '26'],
  consentToUse: { decision: 'given', givenBy: 'person', on: '2026-01-12' },
  ...over,
});

const countRows = async (table: string) =>
  (
    await t.platform.database.withOwner((o) =>
      o.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`),
    )
  )[0]!.n;

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  cwA = await signedIn(t, ['caseworker'], { agency: 'Camp Services' });
  cwB = await signedIn(t, ['caseworker'], { agency: 'Legal Aid Centre' });
  po = await signedIn(t, ['protection_officer'], { agency: 'UNHCR' });
  po2 = await signedIn(t, ['protection_officer'], { agency: 'UNHCR' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Camp Services' });
  analyst = await signedIn(t, ['analyst']);
  programme = await signedIn(t, ['programme_officer']);
  const admin = await signedIn(t, ['administrator']);
  const site = async (name: string) =>
    (await admin.as('POST', '/api/v1/sites', { name, type: 'camp' })).json().id as string;
  north = await site('North Camp');
  south = await site('South Camp');
  victim = (
    await clerk.as('POST', '/api/v1/persons', {
      names: [{ given: 'Samir', family: 'Haddad' }],
      sex: 'M',
      birthYear: 1985,
      nationalities: ['SYR'],
    })
  ).json().id;
});
afterAll(() => t.close());

describe('incidents', () => {
  it('records an incident after the HURIDOCS model, with an ETag and an audit event', async () => {
    const res = await cwA.as('POST', '/api/v1/incidents', incident());
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const body = res.json();
    expect(body).toMatchObject({
      acts: ['withholding_of_documents'],
      when: { from: '2026-01-10', to: null, precision: 'day' },
      where: { siteId: north, place: null, precision: 'exact' },
      articles: ['26', '27'],
      sensitivity: 'normal',
      consentToUse: { decision: 'given', givenBy: 'person', recordedBy: cwA.user.id },
      consentToShare: null,
      citations: [],
      flaggedCitations: 0,
    });
    expect(body.involvements.map((v: { role: string }) => v.role)).toEqual([
      'victim_survivor',
      'alleged_perpetrator',
    ]);
    const events = await t.platform.database.withOwner((o) =>
      o.query<{ details: Record<string, unknown> }>(
        `SELECT details FROM audit_events WHERE action = 'incident.created' AND entity_id = $1`,
        [body.id],
      ),
    );
    expect(events[0]?.details).toMatchObject({ acts: ['withholding_of_documents'] });
    expect(JSON.stringify(events)).not.toContain('Passports');
  });

  it('refuses bad input with a 400 naming each field, and writes nothing', async () => {
    const before = await countRows('incidents');
    const cases: [Record<string, unknown>, string][] = [
      [{ acts: [] }, 'body.acts'],
      [{ acts: ['kidnapping'] }, 'body.acts.0'],
      [{ acts: ['other'] }, 'body.actOther'],
      [{ when: { from: '2026-02-10', to: '2026-02-01', precision: 'day' } }, 'body.when.to'],
      [{ when: { from: '2026-12-01', precision: 'day' } }, 'body.when.from'],
      [{ when: { from: '2026-02-30', precision: 'day' } }, 'body.when.from'],
      [{ when: { from: '0000-01-01', precision: 'day' } }, 'body.when.from'],
      [{ where: { precision: 'exact' } }, 'body.where.siteId'],
      [{ where: { siteId: crypto.randomUUID(), precision: 'exact' } }, 'body.where.siteId'],
      [{ articles: ['99'] }, 'body.articles.0'],
      [{ involvements: [{ role: 'witness', subject: 'person' }] }, 'body.involvements.0.personId'],
      [
        { involvements: [{ role: 'alleged_perpetrator', subject: 'group', label: 'X' }] },
        'body.involvements.0.perpetratorType',
      ],
      [
        { involvements: [{ role: 'witness', subject: 'authority', label: 'Police' }] },
        'body.involvements.0.subject',
      ],
      [
        {
          involvements: [
            { role: 'victim_survivor', subject: 'person', personId: crypto.randomUUID() },
          ],
        },
        'body.involvements.0.personId',
      ],
      [{ sensitivity: 'secret' }, 'body.sensitivity'],
      [
        { consentToUse: { decision: 'maybe', givenBy: 'person', on: '2026-01-01' } },
        'body.consentToUse.decision',
      ],
    ];
    for (const [over, field] of cases) {
      const res = await cwA.as('POST', '/api/v1/incidents', incident(over));
      expect(res.statusCode, field).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(fieldsOf(res), JSON.stringify(over)).toContain(field);
    }
    const restricted = await cwA.as(
      'POST',
      '/api/v1/incidents',
      incident({ sensitivity: 'restricted' }),
    );
    expect(restricted.statusCode).toBe(403);
    expect(fieldsOf(restricted)).toEqual(['body.sensitivity']);
    expect(await countRows('incidents')).toBe(before);
    expect((await clerk.as('POST', '/api/v1/incidents', incident())).statusCode).toBe(403);
  });

  it('changes with If-Match only: 428 without, 412 when stale and nothing changes', async () => {
    const made = (await cwA.as('POST', '/api/v1/incidents', incident())).json();
    const url = `/api/v1/incidents/${made.id}`;
    expect((await cwA.as('PATCH', url, { acts: ['violence'] })).statusCode).toBe(428);
    const ok = await cwB.as(
      'PATCH',
      url,
      { acts: ['violence', 'other'], actOther: 'eviction' },
      ifMatch(1),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({
      acts: ['violence', 'other'],
      actOther: 'eviction',
      version: 2,
    });
    const stale = await cwA.as('PATCH', url, { articles: ['3'] }, ifMatch(1));
    expect(stale.statusCode).toBe(412);
    expect((await cwA.as('GET', url)).json()).toMatchObject({ articles: ['26', '27'], version: 2 });
    // Dropping 'other' drops what it was; a merged change is checked like a new incident.
    const merged = await cwA.as('PATCH', url, { acts: ['violence'] }, ifMatch(2));
    expect(merged.json()).toMatchObject({ acts: ['violence'], actOther: null });
    const bad = await cwA.as(
      'PATCH',
      url,
      { when: { from: '2026-01-10', to: '2025-01-01', precision: 'day' } },
      ifMatch(3),
    );
    expect(fieldsOf(bad)).toEqual(['body.when.to']);
    expect((await cwB.as('DELETE', url, undefined, ifMatch(3))).statusCode).toBe(403);
    expect((await cwA.as('DELETE', url, undefined, ifMatch(2))).statusCode).toBe(412);
    expect((await cwA.as('DELETE', url, undefined, ifMatch(3))).statusCode).toBe(204);
    expect(strip(await cwA.as('GET', url))).toEqual(
      strip(await cwA.as('GET', `/api/v1/incidents/${crypto.randomUUID()}`)),
    );
  });

  it('lists by site, act, article and period (overlap), SQL-scoped', async () => {
    const mk = async (over: Record<string, unknown>) =>
      (await cwA.as('POST', '/api/v1/incidents', incident(over))).json().id as string;
    const a = await mk({ where: { siteId: south, precision: 'area' }, acts: ['forced_labour'] });
    const b = await mk({
      where: { place: 'Road to the border', precision: 'approximate' },
      acts: ['detention'],
      when: { from: '2025-11-20', to: '2025-12-05', precision: 'approximate' },
    });
    const ids = async (query: string) =>
      (await cwA.as('GET', `/api/v1/incidents?${query}`))
        .json()
        .items.map((i: { id: string }) => i.id);
    expect(await ids(`siteId=${south}`)).toEqual([a]);
    expect(await ids('act=detention')).toEqual([b]);
    expect(await ids('from=2025-12-01&to=2025-12-31')).toEqual([b]);
    expect(await ids('from=2025-11-01&to=2025-11-19')).toEqual([]);
    expect(await ids(`personId=${victim}&act=forced_labour`)).toEqual([a]);
    const bad = await cwA.as('GET', '/api/v1/incidents?from=2026-02-01&to=2026-01-01');
    expect(fieldsOf(bad)).toEqual(['query.to']);
  });

  it('shows a sensitive incident to its agency and protection officers, a restricted one to the users named', async () => {
    const sensitive = (
      await cwA.as('POST', '/api/v1/incidents', incident({ sensitivity: 'sensitive' }))
    ).json();
    const missing = await cwB.as('GET', `/api/v1/incidents/${crypto.randomUUID()}`);
    expect(strip(await cwB.as('GET', `/api/v1/incidents/${sensitive.id}`))).toEqual(strip(missing));
    expect((await po.as('GET', `/api/v1/incidents/${sensitive.id}`)).statusCode).toBe(200);
    const restricted = (
      await po.as('POST', '/api/v1/incidents', incident({ sensitivity: 'restricted' }))
    ).json();
    const url = `/api/v1/incidents/${restricted.id}`;
    for (const s of [cwA, cwB, po2]) {
      expect(strip(await s.as('GET', url))).toEqual(strip(missing));
      const list = (await s.as('GET', '/api/v1/incidents?limit=500')).json();
      expect(JSON.stringify(list)).not.toContain(restricted.id);
    }
    expect((await po.as('POST', `${url}/access`, { userId: clerk.user.id })).statusCode).toBe(400);
    expect((await po.as('POST', `${url}/access`, { userId: cwB.user.id })).statusCode).toBe(204);
    expect((await cwB.as('GET', url)).statusCode).toBe(200);
    // Lifting a restriction is a protection decision.
    const lift = await cwB.as('PATCH', url, { sensitivity: 'normal' }, ifMatch(restricted.version));
    expect(lift.statusCode).toBe(403);
    expect(fieldsOf(lift)).toEqual(['body.sensitivity']);
  });
});

describe('sources and citations', () => {
  let incidentId: string;
  let sourceId: string;
  const passage = 'The guards took all passports on arrival at the compound.';

  beforeAll(async () => {
    incidentId = (await cwA.as('POST', '/api/v1/incidents', incident())).json().id;
  });

  it('grades sources A–F and refuses out-of-range grades and credibility with a 400', async () => {
    const base = {
      kind: 'lawyer_report',
      title: 'Report on document withholding',
      url: 'https://example.org/r.pdf',
    };
    const bad: [Record<string, unknown>, string][] = [
      [{ ...base, reliability: 'G' }, 'body.reliability'],
      [{ ...base, kind: 'rumour' }, 'body.kind'],
      [{ ...base, url: undefined }, 'body.url'],
      [{ ...base, url: 'javascript:alert(1)' }, 'body.url'],
    ];
    for (const [body, field] of bad) {
      const res = await cwA.as('POST', '/api/v1/sources', body);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toContain(field);
    }
    const made = await cwA.as('POST', '/api/v1/sources', {
      ...base,
      author: 'Legal Aid Centre',
      reliability: 'B',
    });
    expect(made.statusCode).toBe(201);
    sourceId = made.json().id;
    expect(
      (await cwA.as('POST', '/api/v1/sources', { ...base, reference: 'File 12' })).json()
        .reliability,
    ).toBe('F');
    const list = (await cwB.as('GET', '/api/v1/sources?q=withholding&kind=lawyer_report')).json();
    expect(list.total).toBe(2);
    for (const credibility of [0, 7, 2.5]) {
      const res = await cwA.as('POST', `/api/v1/incidents/${incidentId}/citations`, {
        sourceId,
        claim: 'Passports were taken.',
        locator: 'p. 12',
        passage,
        credibility,
      });
      expect(fieldsOf(res)).toEqual(['body.credibility']);
    }
  });

  it('flags duplicated and malformed citations on the incident and in the flagged list', async () => {
    const cite = (body: Record<string, unknown>) =>
      cwA.as('POST', `/api/v1/incidents/${incidentId}/citations`, {
        sourceId,
        claim: 'Passports were taken.',
        credibility: 2,
        ...body,
      });
    const first = await cite({ locator: 'p. 12', passage });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ flags: [], grade: 'B2', reliability: 'B', passage });
    const dup = (
      await cite({
        locator: 'Page 12',
        passage: `  the GUARDS took all passports, on arrival at the compound `,
      })
    ).json();
    expect(dup).toMatchObject({ flags: ['duplicate'], duplicates: [first.json().id] });
    expect((await cite({})).json().flags).toEqual(['missing_locator_and_passage']);
    expect((await cite({ locator: 'p. 3', passage: 'see above' })).json().flags).toEqual([
      'passage_implausible',
    ]);
    expect(
      (await cite({ locator: 'p. 4', passage: 'Passports were taken.' })).json().flags,
    ).toEqual(['passage_implausible']);
    expect(
      (
        await cite({ locator: '—', passage: 'Every resident had to hand over identity papers.' })
      ).json().flags,
    ).toEqual(['locator_implausible']);
    expect(
      (await cite({ sourceId: crypto.randomUUID(), locator: 'p. 1' })).json().errors[0].field,
    ).toBe('body.sourceId');
    const detail = (await cwA.as('GET', `/api/v1/incidents/${incidentId}`)).json();
    expect(detail.citations).toHaveLength(6);
    const firstId = first.json().id as string;
    expect(detail.citations.find((c: { id: string }) => c.id === firstId).flags).toEqual([
      'duplicate',
    ]);
    expect(detail.flaggedCitations).toBe(6);
    const flagged = (
      await cwB.as('GET', `/api/v1/citations/flagged?incidentId=${incidentId}`)
    ).json();
    expect(flagged.total).toBe(6);
    const dups = (await cwB.as('GET', '/api/v1/citations/flagged?flag=duplicate')).json();
    expect(dups.items.map((c: { id: string }) => c.id).sort()).toEqual(
      [first.json().id, dup.id].sort(),
    );
    // Fixing one clears the flag of both.
    const fixed = await cwA.as(
      'PATCH',
      `/api/v1/incidents/${incidentId}/citations/${dup.id}`,
      { locator: 'p. 13' },
      ifMatch(1),
    );
    expect(fixed.json().flags).toEqual([]);
    expect((await cwB.as('GET', '/api/v1/citations/flagged?flag=duplicate')).json().total).toBe(0);
    const stale = await cwA.as(
      'DELETE',
      `/api/v1/incidents/${incidentId}/citations/${dup.id}`,
      undefined,
      ifMatch(1),
    );
    expect(stale.statusCode).toBe(412);
    const sealed = await t.platform.database.withOwner((o) =>
      o.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM citations WHERE position(convert_to($1, 'UTF8') in coalesce(passage_sealed, claim_sealed)) > 0 OR position(convert_to($2, 'UTF8') in claim_sealed) > 0`,
        ['guards took all passports', 'Passports were taken'],
      ),
    );
    expect(sealed[0]!.n).toBe(0);
  });
});

describe('testimonies', () => {
  let incidentId: string;
  let testimonyId: string;

  beforeAll(async () => {
    incidentId = (await cwA.as('POST', '/api/v1/incidents', incident())).json().id;
  });

  it('keeps statement and translation sealed at rest: no plaintext in the table, the audit log or logs', async () => {
    const bad = await cwA.as('POST', '/api/v1/testimonies', {
      statement: CANARY_STATEMENT,
      statementLanguage: 'ar',
      translation: 'x',
      takenOn: '2026-02-01',
    });
    expect(fieldsOf(bad)).toEqual(['body.translationLanguage']);
    const res = await cwA.as('POST', '/api/v1/testimonies', {
      personId: victim,
      statement: CANARY_STATEMENT,
      statementLanguage: 'ar',
      translation: CANARY_TRANSLATION,
      translationLanguage: 'en',
      interpreterName: 'Interpreter 7',
      takenOn: '2026-02-01',
      consent: {
        decision: 'given',
        givenBy: 'person',
        on: '2026-02-01',
        scope: 'protection monitoring',
      },
      incidentIds: [incidentId],
    });
    expect(res.statusCode).toBe(201);
    testimonyId = res.json().id;
    expect(res.json()).toMatchObject({
      statement: CANARY_STATEMENT,
      translation: CANARY_TRANSLATION,
      textWithheld: false,
      interviewerId: cwA.user.id,
    });
    const hits = await t.platform.database.withOwner((o) =>
      o.query<{ n: number; row: string }>(
        `SELECT count(*) FILTER (WHERE position(convert_to($1, 'UTF8') in statement_sealed) > 0
                                   OR position(convert_to($2, 'UTF8') in translation_sealed) > 0)::int AS n,
                string_agg(t::text, '') AS row FROM testimonies t`,
        [CANARY_STATEMENT, CANARY_TRANSLATION],
      ),
    );
    expect(hits[0]!.n).toBe(0);
    expect(hits[0]!.row).not.toContain('canary-');
    const audit = await t.platform.database.withOwner((o) =>
      o.query(`SELECT details FROM audit_events`),
    );
    expect(JSON.stringify(audit)).not.toContain('canary-');
    expect(t.logs.join('')).not.toContain('canary-');
  });

  it('shows the text to protection officers and the interviewer only; others get metadata', async () => {
    const url = `/api/v1/testimonies/${testimonyId}`;
    for (const s of [cwA, po])
      expect((await s.as('GET', url)).json().statement).toBe(CANARY_STATEMENT);
    const other = await cwB.as('GET', url);
    expect(other.statusCode).toBe(200);
    expect(other.json()).toMatchObject({
      statement: null,
      translation: null,
      textWithheld: true,
      incidentIds: [incidentId],
    });
    expect(other.body).not.toContain('canary-');
    expect((await cwB.as('PATCH', url, { interpreterName: 'X' }, ifMatch(1))).statusCode).toBe(403);
    for (const s of [clerk, analyst, programme])
      expect((await s.as('GET', url)).statusCode).toBe(403);
    const list = await cwB.as('GET', `/api/v1/testimonies?incidentId=${incidentId}`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([testimonyId]);
    const mine = await cwA.as('GET', `/api/v1/testimonies?personId=${victim}`);
    expect(mine.json().items[0]).toMatchObject({ statement: null, textWithheld: false });
    expect(list.body + mine.body).not.toContain('canary-');
    const changed = await po.as(
      'PATCH',
      url,
      { translation: null, translationLanguage: null },
      ifMatch(1),
    );
    expect(changed.json()).toMatchObject({
      translation: null,
      translationLanguage: null,
      version: 2,
    });
    expect((await po.as('PATCH', url, { takenOn: '2026-01-01' }, ifMatch(1))).statusCode).toBe(412);
    // Linked to an incident the reader cannot see, the testimony does not exist for them.
    const hidden = (
      await po.as('POST', '/api/v1/incidents', incident({ sensitivity: 'restricted' }))
    ).json();
    // The interviewer would lose sight of it: refused, naming the field.
    const link = await po.as('PATCH', url, { incidentIds: [incidentId, hidden.id] }, ifMatch(2));
    expect(fieldsOf(link)).toEqual(['body.interviewerId']);
    const own = await po.as('POST', '/api/v1/testimonies', {
      statement: 'Statement about both incidents.',
      statementLanguage: 'ar',
      takenOn: '2026-02-03',
      incidentIds: [incidentId, hidden.id],
    });
    expect(own.statusCode).toBe(201);
    const ownUrl = `/api/v1/testimonies/${own.json().id}`;
    expect(strip(await cwA.as('GET', ownUrl))).toEqual(
      strip(await cwA.as('GET', `/api/v1/testimonies/${crypto.randomUUID()}`)),
    );
    const listed = (await cwA.as('GET', `/api/v1/testimonies?incidentId=${incidentId}`)).json();
    expect(listed.items.map((i: { id: string }) => i.id)).toEqual([testimonyId]);
    expect((await po.as('GET', ownUrl)).json().incidentIds).toHaveLength(2);
  });
});

describe('an incident involving a restricted person (canary)', () => {
  let lawyer: Session;
  let hiddenPerson: string;
  let hiddenIncident: string;
  let hiddenTestimony: string;
  const CANARY_NAME = `Canary${crypto.randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    lawyer = await signedIn(t, ['caseworker'], { agency: 'Legal Aid Centre' });
    hiddenPerson = (
      await clerk.as('POST', '/api/v1/persons', {
        names: [{ given: 'Maryam', family: CANARY_NAME }],
        sex: 'F',
        birthYear: 1990,
        nationalities: ['IRN'],
      })
    ).json().id;
    await lawyer.as('POST', `/api/v1/persons/${hiddenPerson}/separation-requests`, {
      reason: 'leaving the compound',
      actingFor: 'lawyer',
    });
    const made = await lawyer.as(
      'POST',
      '/api/v1/incidents',
      incident({
        acts: ['threats_or_coercion'],
        description: `Threatened when leaving: ${CANARY_NAME}`,
        when: { from: '2025-06-10', precision: 'day' },
        involvements: [
          { role: 'victim_survivor', subject: 'person', personId: hiddenPerson },
          { role: 'witness', subject: 'person', personId: victim },
        ],
      }),
    );
    expect(made.statusCode).toBe(201);
    hiddenIncident = made.json().id;
    const source = (
      await lawyer.as('POST', '/api/v1/sources', {
        kind: 'lawyer_report',
        title: 'Intake note',
        reference: 'LAC-1',
      })
    ).json();
    await lawyer.as('POST', `/api/v1/incidents/${hiddenIncident}/citations`, {
      sourceId: source.id,
      claim: 'Threats.',
      credibility: 3,
    });
    hiddenTestimony = (
      await lawyer.as('POST', '/api/v1/testimonies', {
        personId: hiddenPerson,
        statement: CANARY_NAME,
        statementLanguage: 'fa',
        takenOn: '2026-02-02',
      })
    ).json().id;
  });

  it('exists for the users named on the person, and nowhere for anyone else', async () => {
    expect((await lawyer.as('GET', `/api/v1/incidents/${hiddenIncident}`)).statusCode).toBe(200);
    const random = crypto.randomUUID();
    const probes = [
      ['GET', '/api/v1/incidents?limit=500'],
      ['GET', `/api/v1/incidents?personId=${hiddenPerson}`],
      ['GET', `/api/v1/incidents?personId=${victim}&limit=500`],
      ['GET', '/api/v1/citations/flagged?limit=500'],
      ['GET', '/api/v1/testimonies?limit=500'],
      ['GET', `/api/v1/testimonies?personId=${hiddenPerson}`],
      ['GET', '/api/v1/reports/protection-monitoring?from=2025-01-01&to=2026-03-01'],
      ['GET', '/api/v1/reports/protection-monitoring?from=2025-01-01&to=2026-03-01&format=hxl-csv'],
    ] as const;
    for (const s of [cwA, cwB, po, clerk, analyst, programme]) {
      for (const [method, url] of probes) {
        const res = await s.as(method, url);
        expect(res.statusCode).toBeLessThan(500);
        for (const canary of [hiddenPerson, hiddenIncident, hiddenTestimony, CANARY_NAME])
          expect(res.body, `${url}`).not.toContain(canary);
      }
      // Probing with the hidden ids answers exactly as with random ones.
      const pairs: [string, string, unknown?][] = [
        ['GET', `/api/v1/incidents/${hiddenIncident}`],
        ['GET', `/api/v1/testimonies/${hiddenTestimony}`],
        [
          'POST',
          `/api/v1/incidents/${hiddenIncident}/citations`,
          { sourceId: random, claim: 'x', credibility: 1 },
        ],
        ['POST', `/api/v1/incidents/${hiddenIncident}/access`, { userId: s.user.id }],
      ];
      for (const [method, url, body] of pairs) {
        const hidden = await s.as(method as 'GET', url, body);
        const missing = await s.as(method as 'GET', url.replace(/[0-9a-f-]{36}/, random), body);
        expect(strip(hidden), url).toEqual(strip(missing));
      }
      const patchHidden = await s.as(
        'PATCH',
        `/api/v1/incidents/${hiddenIncident}`,
        { acts: ['violence'] },
        ifMatch(1),
      );
      const patchMissing = await s.as(
        'PATCH',
        `/api/v1/incidents/${random}`,
        { acts: ['violence'] },
        ifMatch(1),
      );
      expect(strip(patchHidden)).toEqual(strip(patchMissing));
      const linking = (personId: string) =>
        s.as(
          'POST',
          '/api/v1/incidents',
          incident({ involvements: [{ role: 'witness', subject: 'person', personId }] }),
        );
      expect(strip(await linking(hiddenPerson))).toEqual(strip(await linking(random)));
    }
    expect(t.logs.join('')).not.toContain(CANARY_NAME);
  });
});

describe('GET /reports/protection-monitoring', () => {
  const period = 'from=2025-06-01&to=2025-06-30';

  beforeAll(async () => {
    const mk = (over: Record<string, unknown>) =>
      po.as(
        'POST',
        '/api/v1/incidents',
        incident({ when: { from: '2025-06-05', precision: 'day' }, ...over }),
      );
    const sponsor = {
      role: 'alleged_perpetrator',
      subject: 'group',
      label: 'Sponsor',
      perpetratorType: 'sponsor_or_controlling_group',
    };
    const police = {
      role: 'alleged_perpetrator',
      subject: 'authority',
      label: 'Police',
      perpetratorType: 'state_authority',
    };
    for (let i = 0; i < 6; i++)
      await mk({
        acts: ['restriction_of_movement'],
        involvements: [sponsor, { ...sponsor, label: 'Sponsor family' }],
        articles: ['26'],
        ...(i === 0
          ? { when: { from: '2025-05-20', to: '2025-06-02', precision: 'approximate' } }
          : {}),
      });
    for (let i = 0; i < 2; i++)
      await mk({
        acts: ['restriction_of_movement', 'detention'],
        involvements: [police],
        articles: ['26', '31'],
      });
    await mk({ acts: ['violence'], when: { from: '2025-05-15', precision: 'day' } }); // before the period
    await mk({ acts: ['violence'], sensitivity: 'restricted' }); // never counted
  });

  it('counts by act, perpetrator type and article, suppressing small cells and their totals', async () => {
    for (const s of [analyst, po, cwA]) {
      const res = await s.as(
        'GET',
        `/api/v1/reports/protection-monitoring?siteId=${north}&${period}`,
      );
      expect(res.statusCode).toBe(200);
      const r = res.json();
      const hidden = { suppressed: true, label: '<5' };
      expect(r).toMatchObject({
        from: '2025-06-01',
        to: '2025-06-30',
        siteId: north,
        suppressionThreshold: 5,
        articles: ['26', '31'],
      });
      expect(r.sites).toHaveLength(1);
      const row = r.sites[0];
      expect(row).toMatchObject({ siteId: north, siteName: 'North Camp', incidents: 8 });
      const at = (list: string[], key: string) => list.indexOf(key);
      expect(row.byAct[at(r.acts, 'restriction_of_movement')]).toBe(8);
      expect(row.byAct[at(r.acts, 'detention')]).toEqual(hidden);
      expect(row.byAct[at(r.acts, 'violence')]).toBe(0);
      expect(row.byPerpetratorType[at(r.perpetratorTypes, 'sponsor_or_controlling_group')]).toBe(6);
      expect(row.byPerpetratorType[at(r.perpetratorTypes, 'state_authority')]).toEqual(hidden);
      expect(row.byArticle).toEqual([8, hidden]);
      expect(r.totals.byArticle).toEqual([8, hidden]);
      expect(r.totals.incidents).toBe(8);
    }
    for (const s of [programme, clerk])
      expect((await s.as('GET', '/api/v1/reports/protection-monitoring')).statusCode).toBe(403);
    const bad = await analyst.as(
      'GET',
      `/api/v1/reports/protection-monitoring?siteId=${crypto.randomUUID()}`,
    );
    expect(fieldsOf(bad)).toEqual(['query.siteId']);
    expect(
      fieldsOf(
        await analyst.as(
          'GET',
          '/api/v1/reports/protection-monitoring?from=2025-07-01&to=2025-06-01',
        ),
      ),
    ).toEqual(['query.to']);
    const yearZero = await analyst.as('GET', '/api/v1/reports/protection-monitoring?to=0000-06-01');
    expect(fieldsOf(yearZero)).toEqual(['query.to']);
  });

  it('exports HXL-tagged CSV, audited', async () => {
    const res = await analyst.as(
      'GET',
      `/api/v1/reports/protection-monitoring?siteId=${north}&${period}&format=hxl-csv`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('protection-monitoring.hxl.csv');
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    const header = lines[0]!.split(',');
    const tags = lines[1]!.split(',');
    expect(header.slice(0, 5)).toEqual(['Site', 'Site id', 'From', 'To', 'Incidents']);
    expect(tags.slice(0, 5)).toEqual([
      '#loc+name',
      '#loc+code',
      '#date+start',
      '#date+end',
      '#indicator+num+x_incidents',
    ]);
    expect(tags).toContain('#indicator+num+x_act_detention');
    expect(tags).toContain('#indicator+num+x_perpetrator_state_authority');
    expect(tags).toContain('#indicator+num+x_article_31');
    const cell = (line: string, tag: string) => line.split(',')[tags.indexOf(tag)];
    expect(lines[2]!.startsWith(`North Camp,${north},2025-06-01,2025-06-30,8,`)).toBe(true);
    expect(cell(lines[2]!, '#indicator+num+x_act_detention')).toBe('<5');
    expect(cell(lines[3]!, '#indicator+num+x_article_26')).toBe('8');
    expect(lines[3]!.startsWith('(all sites)')).toBe(true);
    const rows = await t.platform.database.withOwner((o) =>
      o.query<{ details: { report: string } }>(
        `SELECT details FROM audit_events WHERE action = 'report.exported' ORDER BY seq DESC LIMIT 1`,
      ),
    );
    expect(rows[0]?.details.report).toBe('protection-monitoring');
  });
});

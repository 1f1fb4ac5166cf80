import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, send, signedIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let officer: Session;
let clerk: Session;
let analyst: Session;
let admin: Session;
let siteId = '';
let programmeId = '';
let publicAgreement = '';
const persons: string[] = [];

const agreement = (reference: string, isPublic: boolean) => ({
  reference,
  reportingOrg: { ref: 'XM-EXAMPLE-NGO', name: 'Example Refugee NGO', type: '21' },
  title: `Relocation and care ${reference}`,
  purpose: 'Food, shelter and legal aid for relocated persons',
  amount: '250000.00',
  currency: 'USD',
  startDate: '2025-01-01',
  endDate: '2025-12-31',
  public: isPublic,
  recipientCountry: 'AL',
  parties: [
    { name: 'Donor State', ref: 'XM-EXAMPLE-DONOR', type: '10', role: 'funding' },
    { name: 'UNHCR', ref: 'XM-DAC-41121', type: '40', role: 'accountable' },
    { name: 'Example Refugee NGO', role: 'implementing' },
  ],
});

function created(res: { statusCode: number; json(): unknown; body: string }): string {
  if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  officer = await signedIn(t, ['programme_officer']);
  clerk = await signedIn(t, ['registration_clerk']);
  analyst = await signedIn(t, ['analyst']);
  admin = await signedIn(t, ['administrator']);
  siteId = created(
    await admin.as('POST', '/api/v1/sites', { name: 'Hilltop Compound', type: 'closed_compound' }),
  );
  const provider = created(
    await officer.as('POST', '/api/v1/providers', {
      name: 'Group Welfare Office',
      independenceClass: 'group_linked_sponsor',
    }),
  );
  programmeId = created(
    await officer.as('POST', '/api/v1/programmes', {
      name: 'Compound rations',
      type: 'food',
      providerId: provider,
      siteIds: [siteId],
      startDate: '2025-01-01',
    }),
  );
  const ngo = created(
    await officer.as('POST', '/api/v1/providers', {
      name: 'Independent Relief',
      independenceClass: 'independent_humanitarian',
    }),
  );
  const ngoRations = created(
    await officer.as('POST', '/api/v1/programmes', {
      name: 'NGO rations',
      type: 'food',
      providerId: ngo,
      startDate: '2025-01-01',
    }),
  );
  for (let i = 0; i < 6; i++) {
    const id = created(
      await clerk.as('POST', '/api/v1/persons', {
        names: [{ given: 'Dritan', family: `Hoxha${i}` }],
        sex: i % 2 ? 'M' : 'F',
        birthDate: '1988-04-1' + i,
        registeredOn: '2020-01-01',
      }),
    );
    persons.push(id);
    await clerk.as('POST', `/api/v1/persons/${id}/residences`, { siteId, from: '2021-01-01' });
    created(
      await officer.as('POST', '/api/v1/distributions', {
        personId: id,
        programmeId: i < 5 ? programmeId : ngoRations,
        kind: 'item',
        item: 'ration',
        value: 90,
        currency: 'USD',
        siteId,
        distributedOn: '2026-01-10',
      }),
    );
  }
});
afterAll(() => t.close());

describe('funding agreements', () => {
  it('records agreements with parties, programmes and transactions; edits with If-Match', async () => {
    const res = await officer.as('POST', '/api/v1/transparency/agreements', {
      ...agreement('FA-2025-001', true),
      programmeIds: [programmeId],
    });
    expect(res.statusCode).toBe(201);
    publicAgreement = res.json().id;
    expect(res.json()).toMatchObject({
      iatiIdentifier: 'XM-EXAMPLE-NGO-FA-2025-001',
      programmeIds: [programmeId],
      public: true,
    });
    const tx = await officer.as(
      'POST',
      `/api/v1/transparency/agreements/${publicAgreement}/transactions`,
      {
        type: 'incoming_commitment',
        value: 250000,
        date: '2025-01-10',
        providerOrg: 'Donor State',
      },
    );
    expect(tx.statusCode).toBe(201);
    expect(tx.json()).toMatchObject({ value: '250000.00', currency: 'USD' });
    created(
      await officer.as('POST', `/api/v1/transparency/agreements/${publicAgreement}/transactions`, {
        type: 'disbursement',
        value: '40000.50',
        date: '2025-03-02',
        receiverOrg: 'Example Refugee NGO',
      }),
    );
    created(
      await officer.as('POST', '/api/v1/transparency/agreements', agreement('FA-2025-002', false)),
    );
    const dup = await officer.as(
      'POST',
      '/api/v1/transparency/agreements',
      agreement('FA-2025-002', false),
    );
    expect(dup.statusCode).toBe(409);

    const url = `/api/v1/transparency/agreements/${publicAgreement}`;
    const current = await analyst.as('GET', url);
    expect(current.json().transactions).toHaveLength(2);
    expect((await officer.as('PATCH', url, { status: 'finalisation' })).statusCode).toBe(428);
    const patched = await officer.as(
      'PATCH',
      url,
      { status: 'finalisation' },
      { 'if-match': current.headers.etag as string },
    );
    expect(patched.json()).toMatchObject({ status: 'finalisation', version: 2 });
    expect(
      (await analyst.as('POST', '/api/v1/transparency/agreements', agreement('FA-2025-003', true)))
        .statusCode,
    ).toBe(403);
  });

  it('exports well-formed IATI 2.03 XML with the agreement’s iati-identifier', async () => {
    const res = await analyst.as('GET', '/api/v1/transparency/iati.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(XMLValidator.validate(res.body)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(res.body);
    expect(doc['iati-activities']['@_version']).toBe('2.03');
    const activity = doc['iati-activities']['iati-activity'];
    expect(activity['iati-identifier']).toBe('XM-EXAMPLE-NGO-FA-2025-001');
    expect(activity['activity-status']['@_code']).toBe('3');
    expect(activity.transaction).toHaveLength(2);
    expect(res.body).not.toContain('FA-2025-002'); // not public

    const all = await officer.as('GET', '/api/v1/transparency/iati.xml?scope=all');
    expect(XMLValidator.validate(all.body)).toBe(true);
    expect(all.body).toContain('XM-EXAMPLE-NGO-FA-2025-002');
    const manifest = await analyst.as('GET', '/api/v1/transparency/iati.xml?format=json');
    expect(manifest.json().activities).toEqual([
      {
        iatiIdentifier: 'XM-EXAMPLE-NGO-FA-2025-001',
        title: 'Relocation and care FA-2025-001',
        public: true,
        transactions: 2,
      },
    ]);
  });
});

describe('relocation operations', () => {
  it('records a relocation and edits it with If-Match', async () => {
    const res = await officer.as('POST', '/api/v1/transparency/relocations', {
      fromPlace: 'Country of first asylum',
      toSiteId: siteId,
      date: '2025-04-17',
      personsCount: 3,
      legalBasis: 'Bilateral humanitarian admission agreement',
      managedBy: 'UNHCR',
      agreementId: publicAgreement,
      public: true,
    });
    expect(res.statusCode).toBe(201);
    const url = `/api/v1/transparency/relocations/${res.json().id}`;
    const stale = await officer.as('PATCH', url, { personsCount: 4 }, { 'if-match': '"9"' });
    expect(stale.statusCode).toBe(412);
    const ok = await officer.as('PATCH', url, { personsCount: 4 }, { 'if-match': '"1"' });
    expect(ok.json()).toMatchObject({ personsCount: 4, version: 2 });
    const bad = await officer.as('PATCH', url, { fromPlace: null }, { 'if-match': '"2"' });
    expect(bad.json().errors[0].field).toBe('body.fromPlace');
    expect((await analyst.as('GET', '/api/v1/transparency/relocations')).json().items).toHaveLength(
      1,
    );
  });
});

describe('public transparency page', () => {
  it('needs no login, shows only public agreements and no person, site id or exact date', async () => {
    const res = await send(t, null, 'GET', '/api/v1/public/transparency?operation=default');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.agreements.map((a: { iatiIdentifier: string }) => a.iatiIdentifier)).toEqual([
      'XM-EXAMPLE-NGO-FA-2025-001',
    ]);
    expect(page.agreements[0]).toMatchObject({
      startMonth: '2025-01',
      programmes: ['Compound rations'],
      transactions: [
        { type: 'incoming_commitment', currency: 'USD', total: '250000.00', count: 1 },
        { type: 'disbursement', currency: 'USD', total: '40000.50', count: 1 },
      ],
    });
    expect(page.programmes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'Compound rations',
          independenceClass: 'group_linked_sponsor',
          sites: ['Hilltop Compound'],
        }),
      ]),
    );
    expect(page.period).toEqual({ from: '2025-03', to: '2026-02' });
    // Six persons at the site: five dependent (shown), one not (hidden), with what reveals it.
    const dependency = page.dependency.sites[0];
    expect(dependency).toMatchObject({ siteName: 'Hilltop Compound' });
    expect(dependency.notDependent).toEqual({ suppressed: true, label: '<5' });
    expect(page.relocations).toEqual([
      expect.objectContaining({ month: '2025-04', persons: { suppressed: true, label: '<5' } }),
    ]);

    const body = res.body;
    for (const id of [...persons, siteId, programmeId, publicAgreement])
      expect(body).not.toContain(id);
    expect(body).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(body).not.toContain('Hoxha');
  });

  it('answers an unknown operation like any missing thing', async () => {
    const res = await send(t, null, 'GET', '/api/v1/public/transparency?operation=nowhere');
    expect(res.statusCode).toBe(404);
  });

  it('reports persons reached by programme type and site, suppressed', async () => {
    const res = await analyst.as('GET', '/api/v1/reports/reached?from=2026-01-01&to=2026-01-31');
    expect(res.json()).toMatchObject({
      programmeTypes: ['food'],
      sites: [{ siteName: 'Hilltop Compound', byType: [6], persons: 6 }],
    });
    const csv = await analyst.as('GET', '/api/v1/reports/reached?format=hxl-csv');
    expect(csv.body).toContain('#reached+ind+x_food');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signedIn, type TestApp } from './helpers/app.ts';

let t: TestApp;
type Session = Awaited<ReturnType<typeof signedIn>>;
let clerk: Session;
let clerkB: Session;
let protection: Session;

beforeAll(async () => {
  t = await createTestApp({ ASYLON_LOGIN_RATE_LIMIT: '1000' });
  clerk = await signedIn(t, ['registration_clerk'], { agency: 'Agency A' });
  clerkB = await signedIn(t, ['registration_clerk'], { agency: 'Agency B' });
  protection = await signedIn(t, ['protection_officer'], { agency: 'Agency C' });
});
afterAll(() => t.close());

const hossein = (over: Record<string, unknown> = {}) => ({
  names: [{ given: 'Hossein', family: 'Ghasemi', script: 'Latn', use: 'primary' }],
  sex: 'M',
  birthDate: '1984-03-12',
  nationalities: ['AFG'],
  ...over,
});

async function register(by: Session, body: Record<string, unknown>) {
  const res = await by.as('POST', '/api/v1/persons', body);
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function waitForJob(s: Session, id: string) {
  for (let i = 0; i < 200; i++) {
    const job = (await s.as('GET', `/api/v1/jobs/${id}`)).json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not finish');
}

describe('duplicate check at registration', () => {
  it('warns of a likely match before saving, with the reasons', async () => {
    const first = await register(clerk, hossein());
    const check = await clerk.as(
      'POST',
      '/api/v1/persons/duplicate-check',
      hossein({
        names: [
          { given: 'Husein', family: 'Qasemi', script: 'Latn', use: 'primary' },
          { given: 'حسین', family: 'قاسمی', script: 'Arab', use: 'original' },
        ],
      }),
    );
    expect(check.statusCode).toBe(200);
    const body = check.json();
    expect(body.referToFocalPoint).toBe(false);
    expect(body.items[0].person.id).toBe(first);
    expect(body.items[0].reasons.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['names', 'birth_date_equal', 'nationality_shared']),
    );
    const other = await clerk.as(
      'POST',
      '/api/v1/persons/duplicate-check',
      hossein({ birthDate: '1990-07-01' }),
    );
    expect(other.json().items).toEqual([]);
  });

  it('names no record the user may not see: sensitive → refer to the focal point; restricted → nothing', async () => {
    const body = {
      names: [{ given: 'Shirin', family: 'Moradi' }],
      sex: 'F',
      birthDate: '1991-05-05',
      nationalities: ['IRN'],
    };
    const sensitive = await register(clerkB, { ...body, sensitivity: 'sensitive' });
    const asA = (await clerk.as('POST', '/api/v1/persons/duplicate-check', body)).json();
    expect(asA).toEqual({ items: [], referToFocalPoint: true });
    expect(JSON.stringify(asA)).not.toContain(sensitive);
    const restrictedBody = { ...body, names: [{ given: 'Parisa', family: 'Nazari' }] };
    await register(protection, { ...restrictedBody, sensitivity: 'restricted' });
    const none = (await clerk.as('POST', '/api/v1/persons/duplicate-check', restrictedBody)).json();
    expect(none).toEqual({ items: [], referToFocalPoint: false });
  });
});

describe('batch detection, review, merge and unmerge', () => {
  it('finds planted pairs, lets a reviewer decide, merges and reverses exactly', async () => {
    const a = await register(clerk, hossein({ names: [{ given: 'Mohammad', family: 'Karimi' }] }));
    const b = await register(
      clerk,
      hossein({
        names: [
          { given: 'Karimi', family: 'Muhammad' },
          { given: 'محمد', family: 'کریمی', script: 'Arab' },
        ],
      }),
    );
    const c = await register(clerk, hossein({ names: [{ given: 'Ali', family: 'Rezaei' }] }));
    const d = await register(clerk, hossein({ names: [{ given: 'Aly', family: 'Rezaee' }] }));
    const start = await clerk.as('POST', '/api/v1/duplicates/jobs', {});
    expect(start.statusCode).toBe(202);
    const job = await waitForJob(clerk, start.json().id);
    expect(job).toMatchObject({ status: 'done', kind: 'duplicates' });
    expect(job.result.comparisons).toBeGreaterThan(0);
    // The job belongs to whoever started it.
    expect((await protection.as('GET', `/api/v1/jobs/${job.id}`)).statusCode).toBe(404);

    const pairs = (await clerk.as('GET', '/api/v1/duplicates?limit=100')).json().items as {
      a: { id: string };
      b: { id: string };
    }[];
    const ids = pairs.map((p) => [p.a.id, p.b.id].sort().join());
    expect(ids).toContain([a, b].sort().join());
    expect(ids).toContain([c, d].sort().join());

    const reject = await clerk.as('POST', '/api/v1/duplicates/decisions', {
      personA: c,
      personB: d,
      decision: 'rejected',
    });
    expect(reject.statusCode).toBe(204);
    // A rerun does not reopen a decided pair.
    await waitForJob(clerk, (await clerk.as('POST', '/api/v1/duplicates/jobs', {})).json().id);
    const rejected = (await clerk.as('GET', '/api/v1/duplicates?status=rejected')).json().items;
    expect(rejected.map((p: { a: { id: string } }) => p.a.id).sort()).toEqual(
      [c, d].sort().slice(0, 1),
    );

    // b has a status and a document; after the merge they are a's, and b points to a.
    await clerk.as('POST', `/api/v1/persons/${b}/legal-statuses`, {
      status: 'asylum_seeker',
      grantedBy: 'host-state',
      from: '2022-01-10',
    });
    await clerk.as('POST', `/api/v1/persons/${b}/documents`, {
      type: 'passport',
      issuer: 'AFG',
      number: 'X1',
      holder: 'person',
    });
    const merged = await clerk.as('POST', '/api/v1/merges', {
      survivorId: a,
      absorbedId: b,
      reason: 'same person',
    });
    expect(merged.statusCode).toBe(201);
    expect(merged.json().moved).toMatchObject({ legal_statuses: 1, identity_documents: 1 });
    expect((await clerk.as('GET', `/api/v1/persons/${b}`)).json().mergedInto).toBe(a);
    expect(
      (await clerk.as('GET', `/api/v1/persons/${a}/legal-statuses`)).json().items,
    ).toHaveLength(1);
    const search = (await clerk.as('GET', '/api/v1/persons/search?q=Karimi')).json().items;
    expect(search.map((h: { id: string }) => h.id)).not.toContain(b);
    const again = await clerk.as('POST', '/api/v1/merges', { survivorId: a, absorbedId: b });
    expect(again.statusCode).toBe(409);

    const reversed = await clerk.as('POST', `/api/v1/merges/${merged.json().id}/reverse`, {});
    expect(reversed.statusCode).toBe(200);
    expect((await clerk.as('GET', `/api/v1/persons/${b}`)).json().mergedInto).toBeNull();
    expect((await clerk.as('GET', `/api/v1/persons/${a}/legal-statuses`)).json().items).toEqual([]);
    expect(
      (await clerk.as('GET', `/api/v1/persons/${b}/legal-statuses`)).json().items,
    ).toHaveLength(1);
    expect((await clerk.as('GET', `/api/v1/persons/${b}/documents`)).json().items).toHaveLength(1);
    expect(
      (await clerk.as('POST', `/api/v1/merges/${merged.json().id}/reverse`, {})).statusCode,
    ).toBe(409);
  });

  it('merging a restricted record keeps it hidden: the survivor becomes restricted', async () => {
    const open = await register(
      protection,
      hossein({ names: [{ given: 'Amina', family: 'Saleh' }], sex: 'F' }),
    );
    const hidden = await register(
      protection,
      hossein({
        names: [{ given: 'Aminah', family: 'Salih' }],
        sex: 'F',
        sensitivity: 'restricted',
      }),
    );
    const m = await protection.as('POST', '/api/v1/merges', {
      survivorId: open,
      absorbedId: hidden,
    });
    expect(m.statusCode).toBe(201);
    expect((await clerk.as('GET', `/api/v1/persons/${open}`)).statusCode).toBe(404);
    // The clerk cannot merge what they cannot see.
    const refused = await clerk.as('POST', '/api/v1/merges', {
      survivorId: open,
      absorbedId: hidden,
    });
    expect(refused.statusCode).toBe(400);
    const back = await protection.as('POST', `/api/v1/merges/${m.json().id}/reverse`, {});
    expect(back.statusCode).toBe(200);
    expect((await clerk.as('GET', `/api/v1/persons/${open}`)).statusCode).toBe(200);
  });
});

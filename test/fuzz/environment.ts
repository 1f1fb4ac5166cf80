import crypto from 'node:crypto';
import { ROLES, type Role } from '../../src/platform/access/roles.ts';
import { createUser, login, send, type TestApp, type TestUser } from '../helpers/app.ts';

/**
 * The world the fuzzer runs in: one signed-in session per role (plus no session), a few records
 * of every kind created through the API (their ids fill the pools that `{{pool.n}}`
 * placeholders point into), and a restricted person full of canary strings that only its own
 * protection officer — who is never used for fuzzing — may see.
 */

export type Identity = Role | 'anonymous';
export const IDENTITIES: readonly Identity[] = [...ROLES, 'anonymous'];

export type Pools = Record<string, string[]>;

export interface FuzzEnvironment {
  t: TestApp;
  cookies: Map<Identity, string | null>;
  pools: Pools;
  /** Unique strings held only by the restricted record; no fuzzed response or log may hold one. */
  canaries: string[];
  canaryPersonId: string;
  canaryHouseholdId: string;
  /**
   * Signs the identity in again after the fuzzer lost its session (a fuzzed logout): the same
   * user, or with `fresh` a new user of the role (after break-glass gave the old one access).
   */
  renew(identity: Identity, fresh: boolean): Promise<void>;
}

function expectStatus(
  res: Awaited<ReturnType<typeof send>>,
  status: number,
  what: string,
): Record<string, unknown> {
  if (res.statusCode !== status)
    throw new Error(`fuzz seeding: ${what} → ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res.statusCode === 204 ? {} : (res.json() as Record<string, unknown>);
}

/** Seeds the records and sessions. Deterministic in order, so pool indices mean the same record
 * in every run (ids differ; `{{persons.2}}` is always the third person created here). */
export async function prepareEnvironment(t: TestApp): Promise<FuzzEnvironment> {
  const cookies = new Map<Identity, string | null>([['anonymous', null]]);
  const users = new Map<Identity, TestUser>();
  const signIn = async (role: Role, agency?: string) => {
    const user = await createUser(t, [role], agency ? { agency } : {});
    return { user, cookie: await login(t, user) };
  };
  const agencyOf: Partial<Record<Role, string>> = {
    registration_clerk: 'Agency A',
    caseworker: 'Agency B',
    protection_officer: 'Agency C',
    programme_officer: 'Agency A',
    service_partner: 'Agency B',
  };
  for (const role of ROLES) {
    const { user, cookie } = await signIn(role, agencyOf[role]);
    users.set(role, user);
    cookies.set(role, cookie);
  }
  const as = (who: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
    send(t, who, method, url, body);
  const admin = cookies.get('administrator')!;
  const clerk = cookies.get('registration_clerk')!;
  const protection = cookies.get('protection_officer')!;

  const pools: Pools = {
    persons: [],
    sites: [],
    households: [],
    members: [],
    documents: [],
    users: [],
    agencies: [],
    tokens: [],
    jobs: [],
    merges: [],
  };
  const add = (pool: string, id: unknown) => pools[pool]!.push(String(id));

  for (const name of ['Fuzz Agency One', 'وكالة الفحص']) {
    add(
      'agencies',
      expectStatus(await as(admin, 'POST', '/api/v1/agencies', { name }), 201, 'agency').id,
    );
  }
  const sites = [
    {
      name: 'Camp Alpha',
      type: 'camp',
      country: 'ALB',
      capacity: 5000,
      latitude: 41.3,
      longitude: 19.8,
    },
    { name: 'مجمع الشمال', type: 'closed_compound', access: { leaveFreely: false, walled: true } },
    { name: 'Town flats', type: 'urban' },
  ];
  for (const s of sites)
    add('sites', expectStatus(await as(admin, 'POST', '/api/v1/sites', s), 201, 'site').id);
  for (const [i, roles] of [['caseworker'], ['analyst', 'auditor']].entries()) {
    const body = {
      email: `fuzz-victim-${i}@example.org`,
      displayName: `Victim ${i}`,
      roles,
      agencyId: pools.agencies![0],
      password: `a long enough password ${i} for fuzzing`,
    };
    add('users', expectStatus(await as(admin, 'POST', '/api/v1/users', body), 201, 'user').id);
  }

  const people = [
    {
      names: [{ given: 'Zahra', family: 'Karimi' }],
      sex: 'F',
      birthYear: 1985,
      nationalities: ['AFG'],
    },
    {
      names: [{ given: 'زهرا', family: 'کریمی', script: 'Arab' }],
      sex: 'F',
      birthDate: '1985-03-21',
    },
    {
      names: [{ given: 'Ahmad', family: 'Rahimi' }],
      sex: 'M',
      birthYear: 1990,
      contact: { phone: '+355 69 000 0000' },
    },
    { names: [{ given: 'Sara' }], sex: 'F', birthYear: 2015, specificNeeds: [{ code: 'SC' }] },
    { names: [{ family: 'Haidari' }], sex: 'unknown', sensitivity: 'sensitive' },
  ];
  for (const p of people)
    add('persons', expectStatus(await as(clerk, 'POST', '/api/v1/persons', p), 201, 'person').id);
  const own = {
    names: [{ given: 'Maryam', family: 'Ahmadi' }],
    sex: 'F',
    sensitivity: 'restricted',
  };
  add(
    'persons',
    expectStatus(await as(protection, 'POST', '/api/v1/persons', own), 201, 'restricted person').id,
  );

  const [p0, p1, p2, p3] = pools.persons as [string, string, string, string];
  const hh = expectStatus(
    await as(clerk, 'POST', '/api/v1/households', {
      externalId: 'HH-FUZZ-1',
      members: [
        { personId: p0, relationship: 'focal_point', joinedOn: '2020-01-01' },
        { personId: p3, relationship: 'child' },
      ],
    }),
    201,
    'household',
  );
  add('households', hh.id);
  for (const m of hh.members as { id: string }[]) add('members', m.id);
  for (const [person, site] of [
    [p0, 0],
    [p2, 1],
  ] as const) {
    const body = { siteId: pools.sites![site], from: '2021-05-01', movedBy: 'site management' };
    expectStatus(
      await as(clerk, 'POST', `/api/v1/persons/${person}/residences`, body),
      201,
      'residence',
    );
  }
  for (const [person, doc] of [
    [p0, { type: 'passport', issuer: 'AFG', number: 'P1234567', holder: 'person' }],
    [p2, { type: 'refugee_id', issuer: 'ALB', holder: 'third_party', holderDetail: 'landlord' }],
  ] as const) {
    add(
      'documents',
      expectStatus(
        await as(clerk, 'POST', `/api/v1/persons/${person}/documents`, doc),
        201,
        'document',
      ).id,
    );
  }
  const status = { status: 'asylum_seeker', grantedBy: 'host-state', from: '2022-01-10' };
  expectStatus(
    await as(clerk, 'POST', `/api/v1/persons/${p1}/legal-statuses`, status),
    201,
    'legal status',
  );
  add(
    'tokens',
    expectStatus(await as(clerk, 'POST', '/api/v1/auth/tokens', { name: 'fuzz' }), 201, 'token').id,
  );
  add('jobs', expectStatus(await as(clerk, 'POST', '/api/v1/duplicates/jobs', {}), 202, 'job').id);
  const dupe = { names: [{ given: 'Zahra', family: 'Karimy' }], sex: 'F', birthYear: 1985 };
  const twin = expectStatus(await as(clerk, 'POST', '/api/v1/persons', dupe), 201, 'twin')
    .id as string;
  const merge = await as(clerk, 'POST', '/api/v1/merges', { survivorId: p1, absorbedId: twin });
  add('merges', expectStatus(merge, 201, 'merge').id);
  add('persons', twin);

  const canary = await seedCanary(t, signIn, pools, p2);
  // The canary's records go into the pools too: every fuzzed identity probes them.
  add('persons', canary.personId);
  pools.canary = [canary.personId]; // for stored cases that aim at it by name
  add('households', canary.householdId);
  add('documents', canary.documentId);

  return {
    t,
    cookies,
    pools,
    canaries: canary.strings,
    canaryPersonId: canary.personId,
    canaryHouseholdId: canary.householdId,
    async renew(identity, fresh) {
      if (identity === 'anonymous') return;
      const user = users.get(identity);
      if (user && !fresh) {
        try {
          cookies.set(identity, await login(t, user));
          return;
        } catch {
          // The fuzzer may have locked this user out (rate limits): start over with a new one.
        }
      }
      const next = await signIn(identity, agencyOf[identity]);
      users.set(identity, next.user);
      cookies.set(identity, next.cookie);
    },
  };
}

/** A restricted person, named on by its own protection officer only, full of unique strings. */
async function seedCanary(
  t: TestApp,
  signIn: (role: Role, agency?: string) => Promise<{ cookie: string }>,
  pools: Pools,
  openPersonId: string,
) {
  const owner = (await signIn('protection_officer', 'Canary Agency')).cookie;
  const tag = () => 'Cnry' + crypto.randomBytes(5).toString('hex');
  const strings = {
    given: tag(),
    family: tag(),
    arabic: 'كناري' + crypto.randomBytes(3).toString('hex'),
    phone: '+99 ' + String(crypto.randomInt(10 ** 9, 10 ** 10)),
    email: `${tag().toLowerCase()}@canary.test`,
    address: `${tag()} street 7`,
    externalId: tag(),
    docNumber: tag().toUpperCase(),
    statusDoc: tag(),
    place: tag(),
  };
  const person = expectStatus(
    await send(t, owner, 'POST', '/api/v1/persons', {
      names: [
        { given: strings.given, family: strings.family },
        { given: strings.arabic, script: 'Arab', use: 'original' },
      ],
      sex: 'F',
      birthYear: 1991,
      contact: { phone: strings.phone, email: strings.email, address: strings.address },
      externalId: strings.externalId,
      sensitivity: 'restricted',
    }),
    201,
    'canary person',
  );
  const id = person.id as string;
  const doc = expectStatus(
    await send(t, owner, 'POST', `/api/v1/persons/${id}/documents`, {
      type: 'passport',
      issuer: 'AFG',
      number: strings.docNumber,
      holder: 'person',
    }),
    201,
    'canary document',
  );
  expectStatus(
    await send(t, owner, 'POST', `/api/v1/persons/${id}/legal-statuses`, {
      status: 'refugee_recognised',
      grantedBy: 'unhcr',
      document: strings.statusDoc,
      from: '2023-02-01',
    }),
    201,
    'canary legal status',
  );
  for (const body of [
    { siteId: pools.sites![0], from: '2023-03-01' },
    { place: strings.place, from: '2024-01-15' },
  ]) {
    expectStatus(
      await send(t, owner, 'POST', `/api/v1/persons/${id}/residences`, body),
      201,
      'canary residence',
    );
  }
  const household = expectStatus(
    await send(t, owner, 'POST', '/api/v1/households', {
      members: [
        { personId: id, relationship: 'focal_point' },
        { personId: openPersonId, relationship: 'spouse' },
      ],
    }),
    201,
    'canary household',
  );
  // The check can fail: the owner does see the canaries.
  const seen = await send(t, owner, 'GET', `/api/v1/persons/${id}`);
  if (!seen.body.includes(strings.given) || !seen.body.includes(strings.phone))
    throw new Error('fuzz seeding: the canary owner cannot see the canary strings');
  return {
    personId: id,
    householdId: household.id as string,
    documentId: doc.id as string,
    strings: Object.values(strings),
  };
}

import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LEGAL_STATUSES } from '../registry/schema.ts';
import { CATALOGUE, catalogueFor, INTERPRETATION_DEFAULTS } from './catalogue.ts';
import type { InterpretationSettings } from './catalogue.ts';
import {
  ATTACHMENT_ORDER,
  attachmentAtLeast,
  compileProfile,
  DEFAULT_HOST_PROFILE,
  evaluateEntitlements,
} from './engine.ts';
import type {
  AttachmentLevel,
  EntitlementItem,
  Entitlements,
  HostProfile,
  Owed,
  PersonFacts,
  Reservation,
  ResidenceFact,
  StatusFact,
} from './engine.ts';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const status = (code: string, from: string, to: string | null = null, by = 'host-state') => ({
  status: code,
  grantedBy: by,
  from,
  to,
});
const home = (from: string, to: string | null = null, inTerritory = true, siteId = 'site-a') => ({
  siteId,
  from,
  to,
  inTerritory,
});
const run = (
  facts: Partial<PersonFacts> & { asOf: string },
  profile: HostProfile = DEFAULT_HOST_PROFILE,
): Entitlements => evaluateEntitlements({ statuses: [], residences: [], ...facts, profile });
const withProfile = (changes: Partial<HostProfile>): HostProfile => ({
  ...DEFAULT_HOST_PROFILE,
  ...changes,
});
const withSettings = (changes: Partial<InterpretationSettings>) =>
  withProfile({ interpretation: { ...INTERPRETATION_DEFAULTS, ...changes } });

const item = (e: Entitlements, article: string): EntitlementItem => {
  const found = e.items.find((i) => i.article === article);
  if (!found) throw new Error(`no item ${article}`);
  return found;
};
const rank = (o: Owed) => (o === 'yes' ? 2 : o === 'if-refugee' ? 1 : 0);
/** The ladder level a row needs under the profile's settings (HR mapped as the engine does). */
const needed = (i: EntitlementItem, s: InterpretationSettings): AttachmentLevel =>
  i.attachment === 'HR' ? s.habitualResidenceAs : i.attachment;
const itemsAt = (e: Entitlements, levels: string[]) =>
  e.items.filter((i) => levels.includes(i.attachment));

/** Three years later by the calendar, computed independently of the engine. */
function threeYearsAfter(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + 3, m - 1, d)).toISOString().slice(0, 10);
}
const dayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const BASE = Date.UTC(2008, 0, 1);
const dayArb = fc
  .integer({ min: 0, max: 6500 })
  .map((n) => new Date(BASE + n * 86_400_000).toISOString().slice(0, 10));
const spanArb = fc
  .tuple(fc.integer({ min: 0, max: 6000 }), fc.option(fc.integer({ min: 0, max: 2000 })))
  .map(([start, length]) => {
    const day = (n: number) => new Date(BASE + n * 86_400_000).toISOString().slice(0, 10);
    return { from: day(start), to: length === null ? null : day(start + length) };
  });
const CODES = [...LEGAL_STATUSES, 'x_tolerated', 'x_unknown'];
const statusArb: fc.Arbitrary<StatusFact> = fc
  .tuple(spanArb, fc.constantFrom(...CODES), fc.constantFrom('host-state', 'unhcr'))
  .map(([span, code, by]) => ({ status: code, grantedBy: by, ...span }));
const residenceArb: fc.Arbitrary<ResidenceFact> = fc
  .tuple(spanArb, fc.boolean(), fc.option(fc.constantFrom('site-a', 'site-b', 'border-1')))
  .map(([span, inTerritory, siteId]) => ({ siteId, inTerritory, ...span }));
const personArb: fc.Arbitrary<PersonFacts> = fc.record({
  statuses: fc.array(statusArb, { maxLength: 4 }),
  residences: fc.array(residenceArb, { maxLength: 4 }),
  arrivalDate: fc.option(dayArb),
  asOf: dayArb,
});
const settingsArb: fc.Arbitrary<InterpretationSettings> = fc.record({
  art13_20_22: fc.constantFrom('J', 'P'),
  art14_16_2: fc.constantFrom('HR', 'LS'),
  art25: fc.constantFrom('P', 'LS'),
  habitualResidenceAs: fc.constantFrom('P', 'LP', 'LS', 'DR'),
  durableResidenceFrom: fc.constantFrom('arrival', 'application', 'recognition'),
});
const RESERVABLE = [
  '4',
  '7',
  '12',
  '12(1)',
  '13',
  '16(2)',
  '17',
  '17(2)',
  '22(1)',
  '24',
  '26',
  '33',
];
const reservationsArb: fc.Arbitrary<Reservation[]> = fc.array(
  fc.record({
    article: fc.constantFrom(...RESERVABLE),
    effect: fc.constantFrom('excluded' as const, 'limited' as const),
    text: fc.constantFrom('only as host law allows', 'not applied'),
  }),
  { maxLength: 4 },
);
const profileArb: fc.Arbitrary<HostProfile> = fc.record({
  party1951: fc.boolean(),
  party1951Date: fc.option(dayArb, { nil: undefined }),
  party1967: fc.boolean(),
  party1967Date: fc.option(dayArb, { nil: undefined }),
  reservations: reservationsArb,
  statusMeaning: fc.constant({
    ...DEFAULT_HOST_PROFILE.statusMeaning,
    x_tolerated: { lawfulPresence: true, lawfulStay: false },
  }),
  interpretation: settingsArb,
});
const boundProfileArb = profileArb.map((p) => ({
  ...p,
  party1951: true,
  party1951Date: undefined,
  reservations: [],
}));

/** The input dates a fact may quote. */
function inputDates(p: PersonFacts, profile: HostProfile): Set<string> {
  const dates = [p.asOf, p.arrivalDate, profile.party1951Date, profile.party1967Date];
  for (const s of [...p.statuses, ...p.residences]) dates.push(s.from, s.to);
  return new Set(dates.filter((d): d is string => typeof d === 'string'));
}

// ---------------------------------------------------------------------------------------------
// Catalogue
// ---------------------------------------------------------------------------------------------

describe('catalogue', () => {
  it('has one row per article 3–34, paragraphs split, no row twice', () => {
    const articles = CATALOGUE.map((r) => r.article);
    expect(new Set(articles).size).toBe(articles.length);
    const numbers = new Set(articles.map((a) => Number(/^\d+/.exec(a)![0])));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 3));
    expect(articles).toEqual(expect.arrayContaining(['7(1)', '7(2)', '16(1)', '17(2)(a)']));
  });

  it('gives no attachment exactly to the savings and interpretive clauses', () => {
    const clauses = CATALOGUE.filter((r) => r.attachment === null).map((r) => r.article);
    expect(clauses).toEqual(['5', '6', '9', '10']);
  });

  it('flags the contested rows of the reference, each with its point', () => {
    const contested = CATALOGUE.filter((r) => r.contested).map((r) => r.article);
    expect(contested.sort()).toEqual(
      [
        '7(2)',
        '8',
        '12',
        '13',
        '14',
        '16(2)',
        '17(2)(a)',
        '20',
        '22(1)',
        '22(2)',
        '25',
        '30',
        '34',
      ].sort(),
    );
    for (const r of CATALOGUE) expect(r.contested).toBe(r.contestedPoint !== null);
  });

  it('marks the articles the Convention allows no reservation to', () => {
    const closed = CATALOGUE.filter((r) => !r.reservable).map((r) => r.article);
    expect(closed).toEqual(['3', '4', '16(1)', '33']);
  });

  it('has a summary in all four languages, Arabic script for ar and fa', () => {
    for (const r of CATALOGUE) {
      expect(Object.keys(r.summary).sort()).toEqual(['ar', 'en', 'fa', 'sq']);
      for (const text of Object.values(r.summary)) expect(text.length).toBeGreaterThan(10);
      expect(r.summary.ar).toMatch(/[\u0600-\u06ff]/);
      expect(r.summary.fa).toMatch(/[\u0600-\u06ff]/);
      expect(r.summary.en).not.toMatch(/[\u0600-\u06ff]/);
      expect(r.source).toContain(`art. ${r.article}`);
    }
  });

  it('applies settings as overrides that cite the setting, and only to its rows', () => {
    expect(catalogueFor(INTERPRETATION_DEFAULTS)).toBe(CATALOGUE);
    const read = catalogueFor({ ...INTERPRETATION_DEFAULTS, art13_20_22: 'P', art25: 'LS' });
    const changed = read.filter((r, i) => r !== CATALOGUE[i]);
    expect(changed.map((r) => r.article)).toEqual(['13', '20', '22(1)', '22(2)', '25']);
    for (const r of changed)
      expect(r.override).toMatch(/^attachment (P|LS) instead of (J|P) by setting art(13_20_22|25)/);
    expect(read.find((r) => r.article === '25')!.attachment).toBe('LS');
    const hr = catalogueFor({ ...INTERPRETATION_DEFAULTS, art14_16_2: 'LS' });
    expect(hr.filter((r) => r.override).map((r) => [r.article, r.attachment])).toEqual([
      ['14', 'LS'],
      ['16(2)', 'LS'],
    ]);
  });

  it('refuses a setting value it has no reading for', () => {
    const bad = { ...INTERPRETATION_DEFAULTS, art25: 'DR' } as unknown as InterpretationSettings;
    expect(() => catalogueFor(bad)).toThrow(/art25/);
    expect(() => compileProfile({ ...DEFAULT_HOST_PROFILE, interpretation: bad })).toThrow(/art25/);
  });

  it('keeps article numbers out of the engine code', () => {
    const code = fs
      .readFileSync(new URL('./engine.ts', import.meta.url), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/['"`][1-9]\d?(\(\w+\))*['"`]/);
    expect(code).not.toMatch(/\bart(icle)?s?\.?\s*\d/i);
  });
});

describe('attachment order', () => {
  it('is cumulative from none to durable residence', () => {
    expect(ATTACHMENT_ORDER).toEqual(['none', 'J', 'P', 'LP', 'LS', 'DR']);
    expect(attachmentAtLeast('LS', 'LP')).toBe(true);
    expect(attachmentAtLeast('LP', 'LP')).toBe(true);
    expect(attachmentAtLeast('P', 'LS')).toBe(false);
    expect(attachmentAtLeast('none', 'J')).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Classic cases
// ---------------------------------------------------------------------------------------------

describe('classic cases', () => {
  const claim = status('asylum_seeker', '2024-01-10');

  it('asylum seeker at the border: J rights if a refugee, nothing needing presence', () => {
    const e = run({
      statuses: [claim],
      residences: [home('2024-01-10', null, false, 'border-1')],
      asOf: '2024-02-01',
    });
    expect(e.attachment.level).toBe('J');
    expect(e.refugeeStatus).toBe('pending');
    for (const i of itemsAt(e, ['J'])) expect(i.owed).toBe('if-refugee');
    for (const i of itemsAt(e, ['P', 'LP', 'LS', 'HR', 'DR'])) expect(i.owed).toBe('no');
    expect(item(e, '33').reason).toContain('claim pending (status asylum_seeker from 2024-01-10');
    expect(item(e, '31').reason).toMatch(
      /needs physical presence; .*missing physical presence: residence outside the territory from 2024-01-10 \(site border-1\) covers 2024-02-01/,
    );
  });

  it('asylum seeker in the territory: lawfully present, so LP rights if a refugee, LS not', () => {
    const e = run({ statuses: [claim], residences: [home('2024-01-10')], asOf: '2024-02-01' });
    expect(e.attachment).toMatchObject({ level: 'LP', since: '2024-01-10' });
    for (const i of itemsAt(e, ['J', 'P', 'LP'])) expect(i.owed).toBe('if-refugee');
    for (const i of itemsAt(e, ['LS', 'HR', 'DR'])) expect(i.owed).toBe('no');
    expect(item(e, '17(1)').reason).toContain(
      'missing lawful stay: status asylum_seeker from 2024-01-10 (granted by host-state) counts as lawful presence only',
    );
  });

  it('recognised refugee after four years: everything owed, durable residence included', () => {
    const e = run({
      statuses: [
        status('asylum_seeker', '2019-03-01', '2019-12-31'),
        status('refugee_recognised', '2020-01-01'),
      ],
      residences: [home('2019-03-01', '2021-05-31'), home('2021-06-01', null, true, 'site-b')],
      asOf: '2023-03-15',
    });
    expect(e.attachment).toMatchObject({ level: 'DR', since: '2022-03-01' });
    expect(e.refugeeStatus).toBe('recognised');
    expect(new Set(e.items.map((i) => i.owed))).toEqual(new Set(['yes']));
    expect(item(e, '17(2)(a)').reason).toContain(
      "durable residence since 2022-03-01: 3 years' residence from residence in the territory 2019-03-01 to 2021-05-31 (site site-a)",
    );
    expect(item(e, '26').reason).toContain(
      'lawfully present since 2019-03-01: status asylum_seeker 2019-03-01 to 2019-12-31 (granted by host-state), then status refugee_recognised',
    );
    expect(e.items).toHaveLength(CATALOGUE.length - 4);
  });

  it('humanitarian admission in a compound for seven years: all rights if a refugee, DR included', () => {
    const e = run({
      statuses: [status('humanitarian_admission', '2017-06-01')],
      residences: [home('2017-06-01', null, true, 'compound')],
      asOf: '2024-06-01',
    });
    expect(e.attachment.level).toBe('DR');
    expect(e.refugeeStatus).toBe('undetermined');
    expect(new Set(e.items.map((i) => i.owed))).toEqual(new Set(['if-refugee']));
    expect(item(e, '17(1)').reason).toContain(
      'lawfully staying since 2017-06-01: status humanitarian_admission from 2017-06-01 (granted by host-state) counts as lawful stay under this host profile',
    );
    expect(item(e, '17(2)(a)').reason).toContain('recognition is declaratory');
    expect(e.refugeeStatusReason).toContain('humanitarian_admission');
  });

  it('the same compound with residence counted from recognition: no durable residence', () => {
    const e = run(
      {
        statuses: [status('humanitarian_admission', '2017-06-01')],
        residences: [home('2017-06-01', null, true, 'compound')],
        asOf: '2024-06-01',
      },
      withSettings({ durableResidenceFrom: 'recognition' }),
    );
    expect(e.attachment.level).toBe('LS');
    expect(item(e, '7(2)').owed).toBe('no');
    expect(item(e, '7(2)').reason).toContain('no recognition on record as of 2024-06-01');
    expect(item(e, '17(1)').owed).toBe('if-refugee');
  });

  const refugee4y = {
    statuses: [status('refugee_recognised', '2019-01-01')],
    residences: [home('2019-01-01')],
    asOf: '2023-06-01',
  };

  it('host state reserving Art. 17 (excluded) and Art. 26 (limited)', () => {
    const reservations: Reservation[] = [
      { article: '17', effect: 'excluded', text: 'work permits required' },
      { article: '26', effect: 'limited', text: 'residence in designated areas' },
    ];
    const base = run(refugee4y);
    const e = run(refugee4y, withProfile({ reservations }));
    const employment = ['17(1)', '17(2)(a)', '17(2)(b)', '17(2)(c)'];
    for (const a of employment) {
      expect(item(e, a).owed).toBe('reserved');
      expect(item(e, a).reason).toMatch(
        /^excluded by the host state's reservation on 17 \(excluded\): "work permits required"; without it: owed/,
      );
    }
    expect(item(e, '26').owed).toBe('yes');
    expect(item(e, '26').reason).toContain(
      'limited by the host state\'s reservation on 26 (limited): "residence in designated areas"',
    );
    expect(item(e, '26').facts).toContain(
      'the host state\'s reservation on 26 (limited): "residence in designated areas"',
    );
    const others = e.items.filter((i) => !employment.includes(i.article) && i.article !== '26');
    expect(others.map((i) => [i.article, i.owed, i.reason])).toEqual(
      base.items
        .filter((i) => others.some((o) => o.article === i.article))
        .map((i) => [i.article, i.owed, i.reason]),
    );
  });

  it('a reservation on part of a row limits it; one on a closed article has no effect', () => {
    const e = run(
      refugee4y,
      withProfile({
        reservations: [
          {
            article: '12(1)',
            effect: 'excluded',
            text: 'personal status by the law of nationality',
          },
          { article: '33', effect: 'excluded', text: 'not applied' },
        ],
      }),
    );
    expect(item(e, '12').owed).toBe('yes');
    expect(item(e, '12').reason).toContain(
      "limited by the host state's reservation on 12(1) (excluded)",
    );
    expect(item(e, '33').owed).toBe('yes');
    expect(item(e, '33').reason).toContain(
      'no effect: the Convention allows no reservation to this right',
    );
  });

  it('non-party host state: nothing owed under the Convention, non-refoulement as custom', () => {
    const e = run(refugee4y, withProfile({ party1951: false, party1967: false }));
    expect(e.convention.binds).toBe(false);
    for (const i of e.items.filter((x) => x.article !== '33')) {
      expect(i.owed).toBe('no');
      expect(i.reason).toMatch(
        /^not owed: the Convention does not bind the host state on 2023-06-01: host state not party to the 1951 Convention; host state not party to the 1967 Protocol$/,
      );
    }
    expect(item(e, '33').owed).toBe('yes');
    expect(item(e, '33').reason).toContain(
      'but non-refoulement binds it as customary international law',
    );
  });

  it('binds from the date a party joined, through either instrument', () => {
    const late = withProfile({ party1951: false, party1967: true, party1967Date: '2023-06-02' });
    expect(run(refugee4y, late).convention.binds).toBe(false);
    expect(run({ ...refugee4y, asOf: '2023-06-02' }, late).convention.binds).toBe(true);
    expect(item(run({ ...refugee4y, asOf: '2023-06-02' }, late), '23').owed).toBe('yes');
  });

  it('mandate refugee: recognised, lawfully present, not lawfully staying', () => {
    const e = run({
      statuses: [status('refugee_mandate', '2022-01-01', null, 'unhcr')],
      residences: [home('2021-12-01')],
      asOf: '2023-01-01',
    });
    expect(e).toMatchObject({
      refugeeStatus: 'recognised',
      attachment: { level: 'LP', since: '2022-01-01' },
    });
    expect(item(e, '26').owed).toBe('yes');
    expect(item(e, '17(1)').owed).toBe('no');
    expect(item(e, '17(1)').reason).toContain(
      'refugee_mandate from 2022-01-01 (granted by unhcr) counts as lawful presence only',
    );
  });

  it('subsidiary protection: a negative determination, rights still if a refugee', () => {
    const e = run({
      statuses: [status('subsidiary_protection', '2022-01-01')],
      residences: [home('2021-06-01')],
      asOf: '2023-01-01',
    });
    expect(e.refugeeStatus).toBe('not-refugee-determination');
    expect(item(e, '23').owed).toBe('if-refugee');
    expect(item(e, '23').reason).toContain(
      'records a determination that the person is not a refugee',
    );
  });

  it('no status: presence in the territory still carries J and P rights if a refugee', () => {
    const e = run({ residences: [home('2022-01-01')], asOf: '2023-01-01' });
    expect(e.attachment.level).toBe('P');
    expect(item(e, '31').owed).toBe('if-refugee');
    expect(item(e, '26').reason).toContain(
      'missing lawful presence: no status on record as of 2023-01-01',
    );
  });

  it('nothing on record: no attachment, and the reason says so', () => {
    const e = run({ asOf: '2023-01-01' });
    expect(e.attachment).toMatchObject({ level: 'none', since: null });
    for (const i of e.items) {
      expect(i.owed).toBe('no');
      expect(i.facts).toEqual(['as of 2023-01-01']);
    }
  });

  it('with no residence covering the day, an active status implies presence', () => {
    const e = run({ statuses: [status('refugee_recognised', '2022-01-01')], asOf: '2023-01-01' });
    expect(e.attachment.level).toBe('LS');
    expect(item(e, '27').reason).toContain(
      'physically present (presumed): no residence covers 2023-01-01',
    );
  });

  it('on a day recorded both at the border and inside, the person is present', () => {
    const e = run({
      statuses: [claim],
      residences: [home('2024-01-01', '2024-02-01', false), home('2024-01-10', null, true)],
      asOf: '2024-02-01',
    });
    expect(e.attachment.level).toBe('LP');
  });

  it('counts lawful stay from an unbroken run of renewals, and restarts after a gap', () => {
    const renewed = [
      status('temporary_protection', '2018-01-01', '2018-12-31'),
      status('temporary_protection', '2019-01-01', '2019-12-31'),
      status('temporary_protection', '2020-03-01'),
    ];
    const at = (asOf: string) => run({ statuses: renewed, residences: [home('2017-12-01')], asOf });
    expect(at('2019-06-01').attachment).toMatchObject({ level: 'LS', since: '2018-01-01' });
    expect(at('2020-06-01').attachment).toMatchObject({ level: 'LS', since: '2020-03-01' });
    expect(at('2021-01-01').attachment).toMatchObject({ level: 'DR', since: '2020-12-01' });
    expect(item(at('2019-06-01'), '21').reason).toContain(
      'lawfully staying since 2018-01-01: status temporary_protection 2018-01-01 to 2018-12-31 (granted by host-state), then status temporary_protection 2019-01-01 to 2019-12-31',
    );
  });

  it('national status codes mean what the profile says, and nothing if absent', () => {
    const profile = withProfile({
      statusMeaning: {
        ...DEFAULT_HOST_PROFILE.statusMeaning,
        x_tolerated: { lawfulPresence: true, lawfulStay: false },
      },
    });
    const at = (code: string) =>
      run(
        {
          statuses: [status(code, '2022-01-01')],
          residences: [home('2022-01-01')],
          asOf: '2023-01-01',
        },
        profile,
      );
    expect(at('x_tolerated').attachment.level).toBe('LP');
    expect(at('x_other').attachment.level).toBe('P');
    expect(item(at('x_other'), '18').reason).toContain(
      'x_other from 2022-01-01 (granted by host-state) has no meaning in this host profile',
    );
  });

  it('settings move contested rows: Arts 13/20/22 at P, habitual residence at P', () => {
    const border = {
      statuses: [claim],
      residences: [home('2024-01-10', null, false)],
      asOf: '2024-02-01',
    };
    expect(item(run(border), '13').owed).toBe('if-refugee');
    const strict = run(border, withSettings({ art13_20_22: 'P' }));
    expect(['13', '20', '22(1)', '22(2)'].map((a) => item(strict, a).owed)).toEqual([
      'no',
      'no',
      'no',
      'no',
    ]);
    expect(item(strict, '13').reason).toContain('by setting art13_20_22 = P');
    const inside = { ...border, residences: [home('2024-01-10')] };
    expect(item(run(inside), '14').owed).toBe('no');
    const factual = run(inside, withSettings({ habitualResidenceAs: 'P' }));
    expect(item(factual, '16(2)').owed).toBe('if-refugee');
    expect(item(factual, '16(2)').reason).toContain(
      'read as physical presence (setting habitualResidenceAs = P',
    );
  });

  it('residence counted from the application reaches durable residence before recognition', () => {
    const facts = {
      statuses: [
        status('asylum_seeker', '2019-01-01', '2021-05-31'),
        status('refugee_recognised', '2021-06-01'),
      ],
      residences: [home('2019-01-01')],
      asOf: '2022-02-01',
    };
    expect(
      item(run(facts, withSettings({ durableResidenceFrom: 'application' })), '7(2)').owed,
    ).toBe('yes');
    const fromRecognition = run(facts, withSettings({ durableResidenceFrom: 'recognition' }));
    expect(item(fromRecognition, '7(2)').reason).toContain(
      "3 years' residence from status refugee_recognised from 2021-06-01 (granted by host-state) are completed on 2024-06-01, not yet as of 2022-02-01",
    );
  });

  it('compiled and one-off evaluation agree, and the input is not changed', () => {
    const input = structuredClone(refugee4y);
    const before = JSON.stringify(input);
    const profile = withProfile({
      reservations: [{ article: '17', effect: 'limited', text: 'permits' }],
    });
    expect(compileProfile(profile)(input)).toEqual(run(input, profile));
    expect(JSON.stringify(input)).toBe(before);
    expect(() => run({ asOf: '1 May 2023' })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('properties', () => {
  const strengthen = fc.oneof(
    // an earlier lawful-stay status, still active on the day
    fc
      .tuple(
        fc.constantFrom(
          'refugee_recognised',
          'humanitarian_admission',
          'temporary_protection',
          'subsidiary_protection',
        ),
        fc.integer({ min: 0, max: 3000 }),
      )
      .map(([code, back]) => (p: PersonFacts): PersonFacts => ({
        ...p,
        statuses: [...p.statuses, status(code, dayBackFrom(p.asOf, back))],
      })),
    // a longer residence in the territory: starts earlier, never ends
    fc
      .tuple(fc.nat(), fc.integer({ min: 0, max: 3000 }))
      .map(([pick, back]) => (p: PersonFacts): PersonFacts => {
        const inside = p.residences.filter((r) => r.inTerritory);
        const r = inside[pick % Math.max(1, inside.length)];
        if (!r) return { ...p, residences: [...p.residences] };
        const longer = { ...r, from: dayBackFrom(r.from, back), to: null };
        return { ...p, residences: p.residences.map((x) => (x === r ? longer : x)) };
      }),
    // an earlier recorded arrival
    fc.integer({ min: 0, max: 3000 }).map(
      (back) =>
        (p: PersonFacts): PersonFacts =>
          p.arrivalDate ? { ...p, arrivalDate: dayBackFrom(p.arrivalDate, back) } : p,
    ),
  );

  it('more attachment never removes a right', () => {
    fc.assert(
      fc.property(personArb, profileArb, strengthen, (person, profile, more) => {
        const evaluate = compileProfile(profile);
        const before = evaluate(person);
        const after = evaluate(more(person));
        expect(attachmentAtLeast(after.attachment.level, before.attachment.level)).toBe(true);
        after.items.forEach((i, n) =>
          expect(rank(i.owed)).toBeGreaterThanOrEqual(rank(before.items[n]!.owed)),
        );
      }),
    );
  });

  it('reservations only remove or limit', () => {
    fc.assert(
      fc.property(personArb, profileArb, (person, profile) => {
        const without = compileProfile({ ...profile, reservations: [] })(person);
        const withR = compileProfile(profile)(person);
        withR.items.forEach((i, n) => {
          const plain = without.items[n]!;
          expect(rank(i.owed)).toBeLessThanOrEqual(rank(plain.owed));
          if (i.owed !== 'reserved') expect(i.owed).toBe(plain.owed);
          if (!CATALOGUE.find((r) => r.article === i.article)!.reservable)
            expect(i.owed).toBe(plain.owed);
        });
      }),
    );
  });

  it('owed follows attachment, and only recognition turns if-refugee into yes', () => {
    fc.assert(
      fc.property(personArb, boundProfileArb, (person, profile) => {
        const e = compileProfile(profile)(person);
        for (const i of e.items) {
          const reached = attachmentAtLeast(e.attachment.level, needed(i, profile.interpretation));
          const expected = !reached
            ? 'no'
            : e.refugeeStatus === 'recognised'
              ? 'yes'
              : 'if-refugee';
          expect([i.article, i.owed]).toEqual([i.article, expected]);
        }
      }),
    );
  });

  it('every reason cites its inputs', () => {
    fc.assert(
      fc.property(personArb, profileArb, (person, profile) => {
        const e = compileProfile(profile)(person);
        const dates = inputDates(person, profile);
        const active = person.statuses.filter(
          (s) => s.from <= person.asOf && (s.to === null || person.asOf <= s.to),
        );
        for (const i of [...e.items, e.attachment]) {
          expect(i.facts.length).toBeGreaterThan(0);
          for (const fact of i.facts) {
            expect(i.reason).toContain(fact);
            for (const d of fact.match(/\d{4}-\d{2}-\d{2}/g) ?? []) expect(dates).toContain(d);
          }
        }
        for (const i of e.items) {
          const lawful = ['LP', 'LS', 'DR'].includes(needed(i, profile.interpretation));
          if (lawful && rank(i.owed) > 0 && e.convention.binds)
            expect(active.some((s) => i.reason.includes(`status ${s.status} `))).toBe(true);
        }
      }),
    );
  });

  it('the as-of date matters: three years of residence open 17(2)(a) on the day, not before', () => {
    fc.assert(
      fc.property(dayArb, (arrival) => {
        const facts = {
          statuses: [status('refugee_recognised', arrival)],
          residences: [home(arrival)],
        };
        const due = threeYearsAfter(arrival);
        expect(item(run({ ...facts, asOf: dayBefore(due) }), '17(2)(a)').owed).toBe('no');
        expect(item(run({ ...facts, asOf: due }), '17(2)(a)').owed).toBe('yes');
        expect(item(run({ ...facts, asOf: dayBefore(due) }), '17(1)').owed).toBe('yes');
      }),
    );
  });
});

function dayBackFrom(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

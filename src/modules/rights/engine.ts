/**
 * The rights engine: which 1951 Convention rights a person is owed by a host state on a date.
 *
 * Attachment (J → P → LP → LS → DR) is derived from time-sliced facts — statuses and residences
 * — read through the host profile, never from a "recognised" flag. Refugee status is
 * declaratory: rights a person would be owed at their attachment are 'if-refugee' while their
 * status is undetermined, never silently 'no'. Every article, standard and attachment comes from
 * the catalogue (catalogue.ts); this file knows no article number. Pure: no I/O.
 * Rules and choices: docs/rights-engine.md.
 */
import { catalogueFor, checkSettings, INTERPRETATION_DEFAULTS, READINGS } from './catalogue.ts';
import type { ArticleRight, Attachment, InterpretationSettings, Standard } from './catalogue.ts';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** Levels of attachment, weakest first; each includes the ones before it. */
export const ATTACHMENT_ORDER = ['none', 'J', 'P', 'LP', 'LS', 'DR'] as const;
export type AttachmentLevel = (typeof ATTACHMENT_ORDER)[number];

/** What a status says about refugee status ('pending' = a claim awaiting determination). */
export type RefugeeStatus = 'recognised' | 'pending' | 'undetermined' | 'not-refugee-determination';

/** What a legal status code means under one host state's law. */
export interface StatusMeaning {
  lawfulPresence: boolean;
  /** Implies lawful presence. */
  lawfulStay: boolean;
  /** Omitted: 'undetermined' (no determination of refugee status made). */
  refugeeStatus?: RefugeeStatus;
}

export interface Reservation {
  /** Article or paragraph as in the catalogue: '17' covers 17(1) and 17(2)(a)–(c). */
  article: string;
  /** 'excluded': the right is not owed; 'limited': owed, subject to the text. */
  effect: 'excluded' | 'limited';
  text: string;
}

export interface HostProfile {
  party1951: boolean;
  /** Date the Convention entered into force for the state; absent = before any date asked. */
  party1951Date?: string;
  party1967: boolean;
  party1967Date?: string;
  reservations: readonly Reservation[];
  /** Keyed by legal status code, national codes (x_…) included; unknown codes mean nothing. */
  statusMeaning: Readonly<Record<string, StatusMeaning>>;
  interpretation: InterpretationSettings;
}

export interface StatusFact {
  status: string;
  grantedBy: string;
  from: string;
  /** Last day, inclusive; null = open. */
  to: string | null;
}

export interface ResidenceFact {
  siteId?: string | null;
  from: string;
  to: string | null;
  inTerritory: boolean;
}

/** One person's facts; dates are YYYY-MM-DD. */
export interface PersonFacts {
  statuses: readonly StatusFact[];
  residences: readonly ResidenceFact[];
  arrivalDate?: string | null;
  asOf: string;
}

export interface EngineInput extends PersonFacts {
  profile: HostProfile;
  /** Default: catalogueFor(profile.interpretation). Used as given otherwise. */
  catalogue?: readonly ArticleRight[];
}

export type Owed = 'yes' | 'if-refugee' | 'no' | 'reserved';

export interface EntitlementItem {
  article: string;
  title: string;
  standard: Standard;
  comparator: string | null;
  attachment: Attachment;
  condition: string | null;
  contested: boolean;
  owed: Owed;
  reason: string;
  /** The input facts the reason rests on, each quoted in it. Shared between items: read only. */
  facts: readonly string[];
}

export interface Entitlements {
  asOf: string;
  convention: { binds: boolean; reason: string; facts: readonly string[] };
  attachment: {
    level: AttachmentLevel;
    since: string | null;
    reason: string;
    facts: readonly string[];
  };
  refugeeStatus: RefugeeStatus;
  refugeeStatusReason: string;
  /** One per catalogue row with an attachment (savings and interpretive clauses owe nothing). */
  items: EntitlementItem[];
}

/**
 * Meanings of the standard status codes (registry/schema.ts LEGAL_STATUSES). Choices, argued in
 * docs/rights-engine.md: UNHCR mandate recognition declares refugee status and makes presence
 * lawful (officially known and tolerated) but not stay; a pending claim is lawful presence only;
 * humanitarian, temporary and subsidiary protection are lawful stay.
 */
export const DEFAULT_STATUS_MEANING: Readonly<Record<string, StatusMeaning>> = Object.freeze({
  refugee_recognised: { lawfulPresence: true, lawfulStay: true, refugeeStatus: 'recognised' },
  refugee_mandate: { lawfulPresence: true, lawfulStay: false, refugeeStatus: 'recognised' },
  asylum_seeker: { lawfulPresence: true, lawfulStay: false, refugeeStatus: 'pending' },
  humanitarian_admission: { lawfulPresence: true, lawfulStay: true },
  temporary_protection: { lawfulPresence: true, lawfulStay: true },
  subsidiary_protection: {
    lawfulPresence: true,
    lawfulStay: true,
    refugeeStatus: 'not-refugee-determination',
  },
  stateless: { lawfulPresence: false, lawfulStay: false },
  returnee: { lawfulPresence: false, lawfulStay: false },
  other_of_concern: { lawfulPresence: false, lawfulStay: false },
  no_status: { lawfulPresence: false, lawfulStay: false },
});

/** Party to both instruments, no reservations, the default meanings and readings. */
export const DEFAULT_HOST_PROFILE: Readonly<HostProfile> = Object.freeze({
  party1951: true,
  party1967: true,
  reservations: [],
  statusMeaning: DEFAULT_STATUS_MEANING,
  interpretation: INTERPRETATION_DEFAULTS,
});

/** true when attachment `a` is at least `b`. */
export function attachmentAtLeast(a: AttachmentLevel, b: AttachmentLevel): boolean {
  return ATTACHMENT_ORDER.indexOf(a) >= ATTACHMENT_ORDER.indexOf(b);
}

/** Entitlements of one person. For many persons under one profile, use compileProfile. */
export function evaluateEntitlements(input: EngineInput): Entitlements {
  return compileProfile(input.profile, input.catalogue)(input);
}

/**
 * Precomputes everything that depends only on the profile and catalogue (required levels,
 * reservations, fixed reason texts) and returns a fast evaluator for persons.
 */
export function compileProfile(
  profile: HostProfile,
  catalogue?: readonly ArticleRight[],
): (person: PersonFacts) => Entitlements {
  const settings = { ...INTERPRETATION_DEFAULTS, ...profile.interpretation };
  checkSettings(settings);
  const host: Host = {
    settings,
    meaning: new Map(Object.entries(profile.statusMeaning)),
    binding: compileBinding(profile),
  };
  const rights = (catalogue ?? catalogueFor(settings))
    .filter((row) => row.attachment !== null)
    .map((row) => compileRight(row, profile, settings));
  return (person) => evaluate(person, host, rights);
}

// ---------------------------------------------------------------------------------------------
// Profile, compiled
// ---------------------------------------------------------------------------------------------

const DURABLE_RESIDENCE_YEARS = 3;
const [NONE, J, P, LP, LS, DR] = [0, 1, 2, 3, 4, 5] as const;
const LEVEL_NAME = [
  'none',
  'jurisdiction',
  'physical presence',
  'lawful presence',
  'lawful stay',
  'durable residence',
];
const NEEDS: Record<Exclude<Attachment, 'HR'>, number> = { J, P, LP, LS, DR };

interface Host {
  settings: InterpretationSettings;
  meaning: Map<string, StatusMeaning>;
  binding: Binding;
}

interface Binding {
  /** First day the Convention binds ('' = any day); null = never. */
  from: string | null;
  facts: readonly string[];
}

interface CompiledRight {
  row: ArticleRight;
  level: number;
  /** "needs lawful stay" and what the row adds (setting, condition, limitation). */
  needs: string;
  notes: string;
  excluded: { text: string; fact: string } | null;
  /** Reservations that limit the right, also listed among an item's facts. */
  limits: readonly string[];
  customary: string | null;
}

function compileBinding(p: HostProfile): Binding {
  const starts: string[] = [];
  const facts = [
    instrumentFact('1951 Convention', p.party1951, p.party1951Date, starts),
    instrumentFact('1967 Protocol', p.party1967, p.party1967Date, starts),
  ];
  return { from: starts.length ? starts.sort()[0]! : null, facts };
}

function instrumentFact(name: string, party: boolean, date: string | undefined, starts: string[]) {
  if (!party) return `host state not party to the ${name}`;
  starts.push(date ?? '');
  return `host state party to the ${name}${date ? ` from ${date}` : ''}`;
}

function compileRight(
  row: ArticleRight,
  profile: HostProfile,
  settings: InterpretationSettings,
): CompiledRight {
  const hr = row.attachment === 'HR';
  const level = NEEDS[hr ? settings.habitualResidenceAs : (row.attachment as keyof typeof NEEDS)];
  if (level === undefined) throw new RangeError(`row ${row.article}: unknown attachment`);
  const needs = hr
    ? `needs habitual residence, read as ${LEVEL_NAME[level]} (setting habitualResidenceAs = ${settings.habitualResidenceAs}: ${READINGS.habitualResidenceAs[settings.habitualResidenceAs]})`
    : `needs ${LEVEL_NAME[level]}`;
  const res = reservationsOn(row, profile.reservations);
  const notes = [
    row.override && `; ${row.override}`,
    row.condition && `; condition: ${row.condition}`,
    row.contested && '; the attachment level of this right is contested',
    res.ignored.length > 0 &&
      `; no effect: the Convention allows no reservation to this right (${res.ignored.join('; ')})`,
    res.limited.length > 0 && `; limited by ${res.limited.join('; ')}`,
  ];
  return {
    row,
    level,
    needs,
    notes: notes.filter(Boolean).join(''),
    excluded: res.excluded ? { text: `excluded by ${res.excluded}`, fact: res.excluded } : null,
    limits: res.limited,
    customary: row.customary,
  };
}

/**
 * Reservations touching a row: one on the row or a containing article applies whole; one on a
 * part of the row (12(1) against 12) can only limit it. A reservation never adds anything.
 */
function reservationsOn(row: ArticleRight, reservations: readonly Reservation[]) {
  const out = { excluded: null as string | null, limited: [] as string[], ignored: [] as string[] };
  for (const r of reservations) {
    const on = r.article.replace(/\s+/g, '');
    const whole = row.article === on || row.article.startsWith(`${on}(`);
    if (!whole && !on.startsWith(`${row.article}(`)) continue;
    const fact = `the host state's reservation on ${on} (${r.effect}): "${r.text}"`;
    if (!row.reservable) out.ignored.push(fact);
    else if (whole && r.effect === 'excluded') out.excluded ??= fact;
    else out.limited.push(fact);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One person
// ---------------------------------------------------------------------------------------------

interface Step {
  ok: boolean;
  since: string | null;
  text: string;
  facts: readonly string[];
}

/** What one person's facts establish, ready to be cited by every item. */
interface Person {
  level: number;
  since: string | null;
  /** "lawful presence since 2020-01-02" */
  levelText: string;
  /** Per reached level: the reason it is reached, its facts, and those with the refugee facts. */
  owedText: string[];
  levelFacts: (readonly string[])[];
  owedFacts: (readonly string[])[];
  missingText: string;
  missingFacts: readonly string[];
  refugee: { status: RefugeeStatus; text: string; facts: readonly string[] };
}

function evaluate(p: PersonFacts, host: Host, rights: readonly CompiledRight[]): Entitlements {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.asOf)) throw new RangeError(`asOf must be YYYY-MM-DD`);
  const binds = host.binding.from !== null && host.binding.from <= p.asOf;
  const convention = {
    binds,
    reason: binds
      ? `the Convention binds the host state on ${p.asOf}: ${host.binding.facts.join('; ')}`
      : `the Convention does not bind the host state on ${p.asOf}: ${host.binding.facts.join('; ')}`,
    facts: host.binding.facts,
  };
  const person = analyse(p, host);
  const items = rights.map((c) =>
    binds || c.customary ? itemFor(c, person, binds ? null : convention) : notBound(c, convention),
  );
  const { level, levelText, missingText } = person;
  return {
    asOf: p.asOf,
    convention,
    attachment: {
      level: ATTACHMENT_ORDER[level]!,
      since: person.since,
      reason: [level > NONE ? person.owedText[level]! : levelText, level < DR && missingText]
        .filter(Boolean)
        .join('; '),
      facts: union([person.levelFacts[level]!, person.missingFacts]),
    },
    refugeeStatus: person.refugee.status,
    refugeeStatusReason: person.refugee.text,
    items,
  };
}

type Convention = Entitlements['convention'];

function itemFor(c: CompiledRight, person: Person, notParty: Convention | null): EntitlementItem {
  const reached = person.level >= c.level;
  const recognised = person.refugee.status === 'recognised';
  let owed: Owed = reached ? (recognised ? 'yes' : 'if-refugee') : 'no';
  let reason = reached
    ? `${recognised ? 'owed' : 'owed if the person is a refugee'}: ${c.needs}, and ${person.owedText[c.level]!}; ${person.refugee.text}`
    : `not owed: ${c.needs}; the person's attachment is ${person.levelText}, ${person.missingText}`;
  let facts = reached ? person.owedFacts[c.level]! : person.missingFacts;
  if (c.excluded) {
    owed = 'reserved';
    reason = `${c.excluded.text}; without it: ${reason}`;
    facts = [c.excluded.fact, ...facts];
  } else if (c.limits.length > 0) facts = [...facts, ...c.limits];
  if (notParty) {
    reason = `${notParty.reason}, but ${c.customary!}; ${reason}`;
    facts = [...notParty.facts, ...facts];
  }
  return makeItem(c.row, owed, reason + c.notes, facts);
}

function notBound(c: CompiledRight, convention: Convention): EntitlementItem {
  return makeItem(c.row, 'no', `not owed: ${convention.reason}`, convention.facts);
}

function makeItem(row: ArticleRight, owed: Owed, reason: string, facts: readonly string[]) {
  return {
    article: row.article,
    title: row.title,
    standard: row.standard,
    comparator: row.comparator,
    attachment: row.attachment!,
    condition: row.condition,
    contested: row.contested,
    owed,
    reason,
    facts,
  };
}

/** Attachment steps J, P, LP, LS, DR in order; the level is the last of the unbroken run. */
function analyse(p: PersonFacts, host: Host): Person {
  const f = new Reader(p, host);
  const steps: Step[] = [];
  while (steps.length < DR && (steps.length === 0 || steps[steps.length - 1]!.ok))
    steps.push(f.step(steps.length + 1, steps[P - 1]));
  const level = steps.length - (steps[steps.length - 1]!.ok ? 0 : 1);
  const owedText = [''];
  const levelFacts: (readonly string[])[] = [[]];
  const owedFacts: (readonly string[])[] = [[]];
  const refugee = f.refugee();
  for (let l = 1; l <= level; l++) {
    const used = l === DR ? [steps[DR - 1]!, steps[LS - 1]!] : [steps[l - 1]!];
    if (l >= LP) used.push(steps[P - 1]!);
    owedText.push(used.map((s) => s.text).join('; '));
    levelFacts.push(union(used.map((s) => s.facts)));
    owedFacts.push(union([levelFacts[l]!, refugee.facts]));
  }
  let since: string | null = null;
  for (let l = 0; l < level; l++) since = later(since, steps[l]!.since);
  const missing = steps[level];
  return {
    level,
    since,
    levelText: `${LEVEL_NAME[level]}${since ? ` since ${since}` : ''}`,
    owedText,
    levelFacts,
    owedFacts,
    missingText: missing ? `missing ${LEVEL_NAME[level + 1]}: ${missing.text}` : '',
    missingFacts: missing?.facts ?? [],
    refugee,
  };
}

type Span = { from: string; to: string | null };
const covers = (s: Span, day: string) => s.from <= day && (s.to === null || day <= s.to);
const later = (a: string | null, b: string | null) => (a === null || (b !== null && b > a) ? b : a);
const ok = (since: string, text: string, facts: readonly string[]): Step => ({
  ok: true,
  since,
  text,
  facts,
});
const fail = (text: string, facts: readonly string[]): Step => ({
  ok: false,
  since: null,
  text,
  facts,
});

const statusFact = (s: StatusFact) =>
  `status ${s.status} ${s.to ? `${s.from} to ${s.to}` : `from ${s.from}`} (granted by ${s.grantedBy})`;
const residenceFact = (r: ResidenceFact) =>
  `residence ${r.inTerritory ? 'in' : 'outside'} the territory ${r.to ? `${r.from} to ${r.to}` : `from ${r.from}`}${r.siteId ? ` (site ${r.siteId})` : ''}`;

/** Reads one person's facts on one day into attachment steps and a refugee determination. */
class Reader {
  private readonly day: string;
  private readonly asOf: string;
  private readonly active: readonly StatusFact[];
  /** Active status with the strongest meaning (stay > presence > none), earliest first. */
  private readonly status: StatusFact | undefined;
  /** Residence covering the day, one in the territory first. */
  private readonly residence: ResidenceFact | undefined;

  constructor(
    private readonly p: PersonFacts,
    private readonly host: Host,
  ) {
    this.day = p.asOf;
    this.asOf = `as of ${p.asOf}`;
    this.active = p.statuses.filter((s) => covers(s, this.day));
    this.status = strongest(this.active, (s) => this.strength(s));
    this.residence =
      p.residences.find((r) => r.inTerritory && covers(r, this.day)) ??
      p.residences.find((r) => covers(r, this.day));
  }

  /** The step that reaches `level`, given the presence step once it is known. */
  step(level: number, presence: Step | undefined): Step {
    if (level === J) return this.jurisdiction();
    if (level === P) return this.presence();
    if (level === DR) return this.durable();
    return this.lawful(level === LS, presence!);
  }

  /** 2 = lawful stay, 1 = lawful presence, 0 = neither or unknown to the profile. */
  private strength(s: StatusFact): number {
    const m = this.host.meaning.get(s.status);
    return !m ? 0 : m.lawfulStay ? 2 : m.lawfulPresence ? 1 : 0;
  }

  private refugeeOf(s: StatusFact): RefugeeStatus {
    return this.host.meaning.get(s.status)?.refugeeStatus ?? 'undetermined';
  }

  jurisdiction(): Step {
    const { residence: r, status: s } = this;
    if (!r && !s)
      return fail(
        `no status or residence on record ${this.asOf}, so no recorded fact places the person under the host state's authority`,
        [this.asOf],
      );
    const facts: string[] = [];
    if (r) facts.push(residenceFact(r));
    if (s) facts.push(statusFact(s));
    const since = r && s ? (r.from < s.from ? r.from : s.from) : (r ?? s)!.from;
    return ok(since, `within the host state's jurisdiction: ${facts.join('; ')}`, facts);
  }

  /** From the residence covering the day; with none, an active status implies presence. */
  presence(): Step {
    const { residence: r, status: s } = this;
    if (r && !r.inTerritory) {
      const fact = residenceFact(r);
      return fail(`${fact} covers ${this.day}`, [fact]);
    }
    if (r) {
      const run = unbrokenRun(
        this.p.residences.filter((x) => x.inTerritory),
        r,
      );
      const since = run[0]!.from;
      const facts = run.map(residenceFact);
      return ok(since, `physically present since ${since}: ${facts.join(', then ')}`, facts);
    }
    if (!s) return fail(`no status or residence on record ${this.asOf}`, [this.asOf]);
    const fact = statusFact(s);
    return ok(
      s.from,
      `physically present (presumed): no residence covers ${this.day}, and ${fact} implies presence`,
      [fact],
    );
  }

  /** Lawful presence or stay, from the unbroken chain of qualifying statuses reaching the day. */
  lawful(stay: boolean, presence: Step): Step {
    const label = stay ? 'lawful stay' : 'lawful presence';
    const needed = stay ? 2 : 1;
    const s = this.status;
    if (!s) return fail(`no status on record ${this.asOf}`, [this.asOf]);
    const fact = statusFact(s);
    if (this.strength(s) < needed) return fail(`${fact} ${this.meaningOf(s)}`, [fact]);
    const run = unbrokenRun(
      this.p.statuses.filter((x) => this.strength(x) >= needed),
      s,
    );
    const since = later(run[0]!.from, presence.since)!;
    const facts = run.map(statusFact);
    const state = stay ? 'lawfully staying' : 'lawfully present';
    const verb = facts.length > 1 ? 'count' : 'counts';
    return ok(
      since,
      `${state} since ${since}: ${facts.join(', then ')} ${verb} as ${label} under this host profile`,
      facts,
    );
  }

  private meaningOf(s: StatusFact): string {
    const m = this.host.meaning.get(s.status);
    if (!m) return 'has no meaning in this host profile';
    if (m.lawfulPresence) return 'counts as lawful presence only under this host profile';
    return 'counts as neither lawful presence nor lawful stay under this host profile';
  }

  /** Three years' residence counted from the start the setting names. */
  durable(): Step {
    const mode = this.host.settings.durableResidenceFrom;
    const setting = `setting durableResidenceFrom = ${mode}`;
    const years = `${DURABLE_RESIDENCE_YEARS} years' residence`;
    const start = this.residenceStart(mode);
    if (!start)
      return fail(`no ${mode} on record ${this.asOf} to count ${years} from (${setting})`, [
        this.asOf,
      ]);
    const reached = addYears(start.day, DURABLE_RESIDENCE_YEARS);
    const span = `${years} from ${start.fact}`;
    if (reached > this.day)
      return fail(`${span} are completed on ${reached}, not yet ${this.asOf} (${setting})`, [
        start.fact,
        this.asOf,
      ]);
    return ok(reached, `durable residence since ${reached}: ${span} (${setting})`, [start.fact]);
  }

  /**
   * Arrival: the arrival date, else the first residence in the territory, else (no residence
   * recorded at all) the first status. Application: the first claim or recognition, since a
   * claim comes no later than its recognition. Recognition: the first recognition.
   */
  private residenceStart(mode: InterpretationSettings['durableResidenceFrom']) {
    const { arrivalDate, residences, statuses } = this.p;
    if (mode === 'arrival' && arrivalDate)
      return { day: arrivalDate, fact: `arrival on ${arrivalDate}` };
    if (mode === 'arrival' && residences.length > 0) {
      const first = earliest(residences.filter((r) => r.inTerritory));
      return first && { day: first.from, fact: residenceFact(first) };
    }
    const wanted: readonly RefugeeStatus[] =
      mode === 'arrival' ? [] : mode === 'application' ? ['recognised', 'pending'] : ['recognised'];
    const first = earliest(
      mode === 'arrival' ? statuses : statuses.filter((s) => wanted.includes(this.refugeeOf(s))),
    );
    return first && { day: first.from, fact: statusFact(first) };
  }

  /** The determination active on the day: recognised > pending > negative > none. */
  refugee(): Person['refugee'] {
    const s = strongest(this.active, (x) => RANK[this.refugeeOf(x)]);
    const status = s ? this.refugeeOf(s) : 'undetermined';
    const fact = s ? statusFact(s) : this.asOf;
    const declaratory =
      'recognition is declaratory, so the right is owed if the person is a refugee';
    const text = {
      recognised: `refugee status recognised: ${fact}`,
      pending: `refugee status not yet determined, claim pending (${fact}); ${declaratory}`,
      undetermined: `refugee status not determined (${s ? fact : `no status on record ${this.asOf}`}); ${declaratory}`,
      'not-refugee-determination': `${fact} records a determination that the person is not a refugee; ${declaratory} in fact`,
    }[status];
    return { status, text, facts: [fact] };
  }
}

const RANK: Record<RefugeeStatus, number> = {
  undetermined: 0,
  'not-refugee-determination': 1,
  pending: 2,
  recognised: 3,
};

function earliest<T extends Span>(xs: readonly T[]): T | undefined {
  return strongest(xs, () => 0);
}

/** The element scoring highest; ties go to the earliest start. */
function strongest<T extends Span>(xs: readonly T[], score: (x: T) => number): T | undefined {
  let best: T | undefined;
  let top = -Infinity;
  for (const x of xs) {
    const v = score(x);
    if (v > top || (v === top && x.from < best!.from)) [best, top] = [x, v];
  }
  return best;
}

/** The spans that touch or overlap, back in time, from `anchor`: earliest first. */
function unbrokenRun<T extends Span>(spans: readonly T[], anchor: T): T[] {
  const run = [anchor];
  for (let start = anchor.from, grew = true; grew;) {
    grew = false;
    for (const s of spans) {
      const touches = s.to === null || s.to >= start || nextDay(s.to) >= start;
      if (s.from < start && touches && !run.includes(s)) {
        [start, grew] = [s.from, true];
        run.push(s);
      }
    }
  }
  return run.reverse();
}

/** The strings of all lists, each once, in order. */
function union(lists: readonly (readonly string[])[]): string[] {
  const out: string[] = [];
  for (const list of lists) for (const x of list) if (!out.includes(x)) out.push(x);
  return out;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Same day n years later; 29 February becomes 1 March outside leap years. */
function addYears(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) + years;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const rest = day.slice(4);
  return `${String(y).padStart(4, '0')}${rest === '-02-29' && !leap ? '-03-01' : rest}`;
}

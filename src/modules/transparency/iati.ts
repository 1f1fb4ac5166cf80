/**
 * IATI Activity Standard 2.03 XML for funding agreements: one <iati-activity> per agreement,
 * its elements in the order the 2.03 schema's sequence requires (IATI/IATI-Schemas,
 * iati-activities-schema.xsd). Pure: plain objects in, a string out.
 *
 * Choices:
 * - Codes are given by name (`role: 'implementing'`) and written as IATI codes from the maps
 *   below, so a caller cannot mix up codelists.
 * - Money is a decimal string (as PostgreSQL `numeric` arrives), never a float, and every value
 *   carries its currency (the activity's default unless the item names one) and value-date.
 * - Every activity is marked humanitarian="1": Asylon only reports refugee responses.
 * - Text is stripped of characters XML 1.0 forbids (control characters, lone surrogates,
 *   U+FFFE/U+FFFF) and escaped; line breaks and tabs in attributes are written as character
 *   references so they survive attribute normalisation.
 * - Bad input throws a RangeError naming every bad field (see validateIatiInput); nothing is
 *   published half-right. IATI rules beyond the schema (e.g. budget periods of at most a year)
 *   are left to the IATI validator.
 */
import type { FieldError } from '../../platform/errors.ts';

export const IATI_VERSION = '2.03';

/** IATI OrganisationRole codelist. */
export const ORGANISATION_ROLE = {
  funding: 1,
  accountable: 2,
  extending: 3,
  implementing: 4,
} as const;

/** IATI ActivityStatus codelist. */
export const ACTIVITY_STATUS = {
  pipeline: 1,
  implementation: 2,
  finalisation: 3,
  closed: 4,
  cancelled: 5,
  suspended: 6,
} as const;

/** IATI ActivityDateType codelist. */
export const ACTIVITY_DATE_TYPE = {
  plannedStart: 1,
  actualStart: 2,
  plannedEnd: 3,
  actualEnd: 4,
} as const;

/** IATI TransactionType codelist, the entries funding agreements use. */
export const TRANSACTION_TYPE = {
  incomingFunds: 1,
  outgoingCommitment: 2,
  disbursement: 3,
  expenditure: 4,
  incomingCommitment: 11,
  outgoingPledge: 12,
  incomingPledge: 13,
} as const;

/** IATI BudgetType and BudgetStatus codelists. */
export const BUDGET_TYPE = { original: 1, revised: 2 } as const;
export const BUDGET_STATUS = { indicative: 1, committed: 2 } as const;

/** IATI HumanitarianScopeType codelist. */
export const HUMANITARIAN_SCOPE_TYPE = { emergency: 1, appeal: 2 } as const;

export interface IatiOrganisation {
  /** IATI organisation identifier, e.g. XM-DAC-41121. */
  readonly ref?: string;
  readonly name?: string;
  /** IATI OrganisationType code, e.g. '21' (international NGO). */
  readonly type?: string;
  /** The organisation's own IATI activity identifier for its side of this activity. */
  readonly activityId?: string;
}

export interface IatiParticipatingOrg extends IatiOrganisation {
  readonly role: keyof typeof ORGANISATION_ROLE;
}

export interface IatiMoney {
  /** A decimal string, e.g. '125000.00'; negative for reversals. */
  readonly value: string;
  readonly valueDate: string;
  /** ISO 4217; the activity's default currency when left out. */
  readonly currency?: string;
}

export interface IatiBudget extends IatiMoney {
  readonly type: keyof typeof BUDGET_TYPE;
  readonly status: keyof typeof BUDGET_STATUS;
  readonly periodStart: string;
  readonly periodEnd: string;
}

export interface IatiTransaction extends IatiMoney {
  readonly type: keyof typeof TRANSACTION_TYPE;
  readonly date: string;
  readonly ref?: string;
  readonly description?: string;
  readonly provider?: IatiOrganisation;
  readonly receiver?: IatiOrganisation;
}

export interface IatiSector {
  /** e.g. '72010' (DAC: material relief assistance and services). */
  readonly code: string;
  /** IATI SectorVocabulary; default '1' (OECD DAC CRS 5-digit purpose codes). */
  readonly vocabulary?: string;
  readonly percentage?: number;
  readonly name?: string;
}

export interface IatiHumanitarianScope {
  readonly type: keyof typeof HUMANITARIAN_SCOPE_TYPE;
  /** IATI HumanitarianScopeVocabulary, e.g. '1-2' (GLIDE) or '2-1' (humanitarian plan). */
  readonly vocabulary: string;
  readonly code: string;
  readonly name?: string;
}

export interface IatiContact {
  readonly organisation?: string;
  readonly department?: string;
  readonly personName?: string;
  readonly jobTitle?: string;
  readonly telephone?: string;
  readonly email?: string;
  readonly website?: string;
}

export interface FundingAgreement {
  /** Our own id; the iati-identifier is reportingOrg.ref + '-' + id and must never change. */
  readonly id: string;
  readonly reportingOrg: { readonly ref: string; readonly name: string; readonly type: string };
  readonly title: string;
  readonly description: string;
  /** ISO 639-1 language of the texts; default 'en'. */
  readonly language?: string;
  readonly defaultCurrency: string;
  readonly lastUpdated: Date;
  readonly participatingOrgs: readonly IatiParticipatingOrg[];
  readonly status: keyof typeof ACTIVITY_STATUS;
  /** At least one, as ISO dates. */
  readonly dates: Readonly<Partial<Record<keyof typeof ACTIVITY_DATE_TYPE, string>>>;
  readonly contact?: IatiContact;
  /** ISO 3166-1 alpha-2. */
  readonly recipientCountry?: string;
  readonly sectors?: readonly IatiSector[];
  readonly humanitarianScopes?: readonly IatiHumanitarianScope[];
  /** OECD DAC finance type, e.g. '110' (standard grant). */
  readonly defaultFinanceType?: string;
  /** OECD DAC aid type, e.g. 'C01' (project-type interventions). */
  readonly defaultAidType?: string;
  readonly budgets?: readonly IatiBudget[];
  readonly transactions?: readonly IatiTransaction[];
}

export interface IatiInput {
  readonly agreements: readonly FundingAgreement[];
}

/** The <iati-activities> document for the agreements. Throws a RangeError on bad input. */
export function buildIatiActivities(input: IatiInput, generatedAt: Date): string {
  const errors = [
    ...validateIatiInput(input),
    ...rule(isValidDate, 'must be a valid date')(generatedAt, 'generatedAt'),
  ];
  if (errors.length > 0) {
    throw new RangeError(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
  const root = el(
    'iati-activities',
    { version: IATI_VERSION, 'generated-datetime': dateTime(generatedAt) },
    input.agreements.map(activity),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialise(root, '')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Activity
// ---------------------------------------------------------------------------------------------

function activity(a: FundingAgreement): XmlElement {
  const currency = (m: IatiMoney) => m.currency ?? a.defaultCurrency;
  return el(
    'iati-activity',
    {
      'last-updated-datetime': dateTime(a.lastUpdated),
      'xml:lang': a.language ?? 'en',
      'default-currency': a.defaultCurrency,
      humanitarian: '1',
    },
    [
      el('iati-identifier', {}, `${a.reportingOrg.ref}-${a.id}`),
      el('reporting-org', { ref: a.reportingOrg.ref, type: a.reportingOrg.type }, [
        narrative(a.reportingOrg.name),
      ]),
      el('title', {}, [narrative(a.title)]),
      el('description', { type: '1' }, [narrative(a.description)]),
      ...a.participatingOrgs.map((o) =>
        organisation('participating-org', o, {
          role: ORGANISATION_ROLE[o.role],
          'activity-id': o.activityId,
        }),
      ),
      el('activity-status', { code: ACTIVITY_STATUS[a.status] }),
      ...Object.entries(ACTIVITY_DATE_TYPE).flatMap(([key, code]) => {
        const date = a.dates[key as keyof typeof ACTIVITY_DATE_TYPE];
        return date === undefined ? [] : [el('activity-date', { type: code, 'iso-date': date })];
      }),
      a.contact && contactInfo(a.contact),
      a.recipientCountry && el('recipient-country', { code: a.recipientCountry }),
      ...(a.sectors ?? []).map((s) =>
        el(
          'sector',
          { vocabulary: s.vocabulary ?? '1', code: s.code, percentage: percentage(s.percentage) },
          [s.name === undefined ? null : narrative(s.name)],
        ),
      ),
      ...(a.humanitarianScopes ?? []).map((h) =>
        el(
          'humanitarian-scope',
          { type: HUMANITARIAN_SCOPE_TYPE[h.type], vocabulary: h.vocabulary, code: h.code },
          [h.name === undefined ? null : narrative(h.name)],
        ),
      ),
      a.defaultFinanceType && el('default-finance-type', { code: a.defaultFinanceType }),
      a.defaultAidType && el('default-aid-type', { code: a.defaultAidType }),
      ...(a.budgets ?? []).map((b) =>
        el('budget', { type: BUDGET_TYPE[b.type], status: BUDGET_STATUS[b.status] }, [
          el('period-start', { 'iso-date': b.periodStart }),
          el('period-end', { 'iso-date': b.periodEnd }),
          money(b, currency(b)),
        ]),
      ),
      ...(a.transactions ?? []).map((t) =>
        el('transaction', { ref: t.ref }, [
          el('transaction-type', { code: TRANSACTION_TYPE[t.type] }),
          el('transaction-date', { 'iso-date': t.date }),
          money(t, currency(t)),
          t.description === undefined ? null : el('description', {}, [narrative(t.description)]),
          t.provider &&
            organisation('provider-org', t.provider, {
              'provider-activity-id': t.provider.activityId,
            }),
          t.receiver &&
            organisation('receiver-org', t.receiver, {
              'receiver-activity-id': t.receiver.activityId,
            }),
        ]),
      ),
    ],
  );
}

const narrative = (text: string) => el('narrative', {}, text);

const money = (m: IatiMoney, currency: string) =>
  el('value', { currency, 'value-date': m.valueDate }, m.value);

const percentage = (p: number | undefined) => (p === undefined ? undefined : String(+p.toFixed(4)));

function organisation(name: string, o: IatiOrganisation, extra: Attributes): XmlElement {
  return el(name, { ref: o.ref, type: o.type, ...extra }, [
    o.name === undefined ? null : narrative(o.name),
  ]);
}

function contactInfo(c: IatiContact): XmlElement {
  const text = (name: string, value: string | undefined) =>
    value === undefined ? null : el(name, {}, [narrative(value)]);
  const plain = (name: string, value: string | undefined) =>
    value === undefined ? null : el(name, {}, value);
  // ContactType 1: general enquiries. Children in schema order.
  return el('contact-info', { type: '1' }, [
    text('organisation', c.organisation),
    text('department', c.department),
    text('person-name', c.personName),
    text('job-title', c.jobTitle),
    plain('telephone', c.telephone),
    plain('email', c.email),
    plain('website', c.website),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

type Rule = (value: unknown, field: string) => FieldError[];

const unless = (ok: boolean, field: string, message: string): FieldError[] =>
  ok ? [] : [{ field, message }];

const rule =
  (ok: (value: unknown) => boolean, message: string): Rule =>
  (value, field) =>
    unless(ok(value), field, message);
const optional =
  (r: Rule): Rule =>
  (value, field) =>
    value === undefined ? [] : r(value, field);
const pattern = (re: RegExp, message: string) =>
  rule((v) => typeof v === 'string' && re.test(v), message);
const oneOf = (codes: object) =>
  rule((v) => Object.hasOwn(codes, String(v)), `must be one of ${Object.keys(codes).join(', ')}`);

const isValidDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
const isIsoDate = (s: unknown) =>
  typeof s === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const hasText = (s: unknown) => typeof s === 'string' && xmlSafe(s).trim() !== '';

const TEXT = rule(hasText, 'must not be empty');
const DATE = rule(isIsoDate, 'must be a date, YYYY-MM-DD');
const CURRENCY = pattern(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
/** IATI identifiers: no spaces or / & | ?, and nothing XML would have to drop. */
const IDENTIFIER = rule(
  (s) => typeof s === 'string' && /^[^\s/&|?]+$/.test(s) && xmlSafe(s) === s,
  'must not be empty or contain spaces or / & | ?',
);
const MONEY = {
  value: pattern(/^-?\d+(\.\d+)?$/, 'must be a decimal number'),
  valueDate: DATE,
  currency: optional(CURRENCY),
};
const CONTACT_FIELDS: readonly (keyof IatiContact)[] = [
  'organisation',
  'department',
  'personName',
  'jobTitle',
  'telephone',
  'email',
  'website',
];

/** The rules applied to the fields of one object. */
const fields = (object: object, at: string, rules: Record<string, Rule>): FieldError[] =>
  Object.entries(rules).flatMap(([key, r]) =>
    r((object as Record<string, unknown>)[key], `${at}.${key}`),
  );

const each = <T>(
  items: readonly T[] | undefined,
  at: string,
  check: (item: T, at: string) => FieldError[],
) => (items ?? []).flatMap((item, k) => check(item, `${at}[${k}]`));

const organisationErrors = (o: IatiOrganisation, at: string): FieldError[] => [
  ...unless(hasText(o.ref) || hasText(o.name), at, 'needs a ref or a name'),
  ...fields(o, at, {
    ref: optional(IDENTIFIER),
    name: optional(TEXT),
    type: optional(TEXT),
    activityId: optional(TEXT),
  }),
];

/** Every bad field of the input, named by path (`agreements[0].transactions[2].value`). */
export function validateIatiInput(input: IatiInput): FieldError[] {
  const identifiers = new Set<string>();
  return [
    ...rule((v) => Array.isArray(v) && v.length > 0, 'must list at least one')(
      input.agreements,
      'agreements',
    ),
    ...each(input.agreements, 'agreements', (a, at) => {
      const identifier = `${a.reportingOrg?.ref}-${a.id}`;
      const repeated = identifiers.has(identifier);
      identifiers.add(identifier);
      return [
        ...unless(!repeated, `${at}.id`, 'repeats the identifier of another agreement'),
        ...agreementErrors(a, at),
      ];
    }),
  ];
}

function agreementErrors(a: FundingAgreement, at: string): FieldError[] {
  return [
    ...fields(a, at, {
      id: IDENTIFIER,
      title: TEXT,
      description: TEXT,
      language: optional(pattern(/^[a-z]{2}$/, 'must be an ISO 639-1 code')),
      defaultCurrency: CURRENCY,
      lastUpdated: rule(isValidDate, 'must be a valid date'),
      participatingOrgs: rule((v) => Array.isArray(v) && v.length > 0, 'must list at least one'),
      status: oneOf(ACTIVITY_STATUS),
      dates: rule(
        (v) => typeof v === 'object' && v !== null && Object.keys(v).length > 0,
        'must give at least one date',
      ),
      recipientCountry: optional(pattern(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')),
      defaultFinanceType: optional(TEXT),
      defaultAidType: optional(TEXT),
    }),
    ...fields(a.reportingOrg ?? {}, `${at}.reportingOrg`, {
      ref: IDENTIFIER,
      name: TEXT,
      type: pattern(/^\d{2}$/, 'must be an IATI OrganisationType code'),
    }),
    ...each(a.participatingOrgs, `${at}.participatingOrgs`, (o, f) => [
      ...organisationErrors(o, f),
      ...fields(o, f, { role: oneOf(ORGANISATION_ROLE) }),
    ]),
    ...Object.entries(a.dates ?? {}).flatMap(([key, date]) => [
      ...oneOf(ACTIVITY_DATE_TYPE)(key, `${at}.dates`),
      ...DATE(date, `${at}.dates.${key}`),
    ]),
    ...fields(
      a.contact ?? {},
      `${at}.contact`,
      Object.fromEntries(CONTACT_FIELDS.map((k) => [k, optional(TEXT)])),
    ),
    ...each(a.sectors, `${at}.sectors`, (s, f) =>
      fields(s, f, {
        code: TEXT,
        vocabulary: optional(TEXT),
        percentage: optional(
          rule((p) => typeof p === 'number' && p >= 0 && p <= 100, 'must be 0–100'),
        ),
        name: optional(TEXT),
      }),
    ),
    ...each(a.humanitarianScopes, `${at}.humanitarianScopes`, (h, f) =>
      fields(h, f, {
        type: oneOf(HUMANITARIAN_SCOPE_TYPE),
        vocabulary: TEXT,
        code: TEXT,
        name: optional(TEXT),
      }),
    ),
    ...each(a.budgets, `${at}.budgets`, (b, f) => [
      ...fields(b, f, {
        type: oneOf(BUDGET_TYPE),
        status: oneOf(BUDGET_STATUS),
        periodStart: DATE,
        periodEnd: DATE,
        ...MONEY,
      }),
      ...unless(!(b.periodEnd < b.periodStart), `${f}.periodEnd`, 'must not be before periodStart'),
    ]),
    ...each(a.transactions, `${at}.transactions`, (t, f) => [
      ...fields(t, f, {
        type: oneOf(TRANSACTION_TYPE),
        date: DATE,
        ...MONEY,
        ref: optional(TEXT),
        description: optional(TEXT),
      }),
      ...(t.provider ? organisationErrors(t.provider, `${f}.provider`) : []),
      ...(t.receiver ? organisationErrors(t.receiver, `${f}.receiver`) : []),
    ]),
  ];
}

// ---------------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------------

type Attributes = Record<string, string | number | undefined>;

interface XmlElement {
  name: string;
  attributes: Attributes;
  content: string | XmlElement[];
}

type Child = XmlElement | null | undefined | false | '';

function el(name: string, attributes: Attributes = {}, content: string | Child[] = []): XmlElement {
  return {
    name,
    attributes,
    content: typeof content === 'string' ? content : content.filter((c): c is XmlElement => !!c),
  };
}

/** Characters outside XML 1.0's Char production (C0 controls, lone surrogates, U+FFFE/F). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text with every character XML 1.0 forbids removed. */
export const xmlSafe = (text: string): string => text.replace(NOT_XML_CHAR, '');

const REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

const escapeText = (s: string) => xmlSafe(s).replace(/[&<>"'\r]/g, (c) => REFERENCES[c]!);
const escapeAttribute = (s: string) => xmlSafe(s).replace(/[&<>"'\t\n\r]/g, (c) => REFERENCES[c]!);

function serialise(node: XmlElement, indent: string): string {
  const attributes = Object.entries(node.attributes)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttribute(String(v))}"`)
    .join('');
  const open = `${indent}<${node.name}${attributes}`;
  if (typeof node.content === 'string') {
    return `${open}>${escapeText(node.content)}</${node.name}>`;
  }
  if (node.content.length === 0) return `${open}/>`;
  const children = node.content.map((c) => serialise(c, `${indent}  `)).join('\n');
  return `${open}>\n${children}\n${indent}</${node.name}>`;
}

/** xsd:dateTime in UTC, whole seconds. */
const dateTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

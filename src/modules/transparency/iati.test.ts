import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  buildIatiActivities,
  TRANSACTION_TYPE,
  validateIatiInput,
  xmlSafe,
  type FundingAgreement,
} from './iati.ts';

const generatedAt = new Date('2024-06-01T12:00:00.789Z');

const donor = { ref: 'XM-EXAMPLE-DONOR', name: 'Example Donor Agency', type: '10' };

const agreement: FundingAgreement = {
  id: 'FA-2024-001',
  reportingOrg: { ref: 'XM-EXAMPLE-NGO', name: 'Example Refugee NGO', type: '21' },
  title: 'Cash assistance for refugee households',
  description: 'Multi-purpose cash and case management.',
  defaultCurrency: 'USD',
  lastUpdated: new Date('2024-05-01T10:20:30.456Z'),
  participatingOrgs: [
    { role: 'funding', ...donor },
    { role: 'implementing', ref: 'XM-EXAMPLE-NGO', name: 'Example Refugee NGO', type: '21' },
  ],
  status: 'implementation',
  dates: { plannedEnd: '2024-12-31', actualStart: '2024-01-15', plannedStart: '2024-01-01' },
  contact: { organisation: 'Example Refugee NGO', email: 'info@example.org' },
  recipientCountry: 'JO',
  sectors: [{ code: '72010' }],
  humanitarianScopes: [{ type: 'appeal', vocabulary: '2-1', code: 'HJOR24' }],
  defaultFinanceType: '110',
  defaultAidType: 'C01',
  budgets: [
    {
      type: 'original',
      status: 'committed',
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      value: '250000.00',
      valueDate: '2024-01-01',
    },
  ],
  transactions: [
    {
      type: 'incomingCommitment',
      date: '2024-01-10',
      value: '250000.00',
      valueDate: '2024-01-10',
      provider: donor,
    },
    { type: 'incomingFunds', date: '2024-02-01', value: '125000', valueDate: '2024-02-01' },
    {
      type: 'outgoingCommitment',
      date: '2024-02-10',
      value: '40000.00',
      valueDate: '2024-02-10',
      receiver: { name: 'Local partner' },
    },
    {
      type: 'disbursement',
      date: '2024-03-01',
      value: '14150.5',
      valueDate: '2024-03-01',
      currency: 'JOD',
      description: 'First tranche',
      receiver: { name: 'Local partner' },
    },
    { type: 'expenditure', date: '2024-03-15', value: '-150.50', valueDate: '2024-03-15' },
  ],
};

const minimal: FundingAgreement = {
  id: 'FA-2',
  reportingOrg: { ref: 'XM-EXAMPLE-NGO', name: 'Example Refugee NGO', type: '21' },
  title: 'Legal aid',
  description: 'Legal counselling.',
  defaultCurrency: 'EUR',
  lastUpdated: new Date('2024-05-01T00:00:00Z'),
  participatingOrgs: [{ role: 'accountable', name: 'Example Refugee NGO' }],
  status: 'pipeline',
  dates: { plannedStart: '2025-01-01' },
};

/** iati-activity's children in the order of the 2.03 schema's sequence. */
const SCHEMA_ORDER = [
  'iati-identifier',
  'reporting-org',
  'title',
  'description',
  'participating-org',
  'other-identifier',
  'activity-status',
  'activity-date',
  'contact-info',
  'activity-scope',
  'recipient-country',
  'recipient-region',
  'location',
  'sector',
  'country-budget-items',
  'humanitarian-scope',
  'policy-marker',
  'collaboration-type',
  'default-flow-type',
  'default-finance-type',
  'default-aid-type',
  'default-tied-status',
  'budget',
  'planned-disbursement',
  'capital-spend',
  'transaction',
];

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const orderedParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
});

const nameOf = (node: Ordered) => Object.keys(node).find((k) => k !== ':@')!;
const childrenOf = (node: Ordered) =>
  (node[nameOf(node)] as Ordered[]).filter((c) => nameOf(c) !== '#text');
const attrs = (node: Ordered) => node[':@'] ?? {};
const textOf = (node: Ordered) =>
  (node[nameOf(node)] as Ordered[]).map((c) => (c['#text'] as string | undefined) ?? '').join('');

/** The iati-activity nodes of a document, in order. */
function activities(xml: string): Ordered[] {
  const doc = orderedParser.parse(xml) as Ordered[];
  const root = doc.find((n) => nameOf(n) === 'iati-activities')!;
  return childrenOf(root);
}

const child = (node: Ordered, name: string) => childrenOf(node).filter((c) => nameOf(c) === name);

describe('buildIatiActivities', () => {
  const xml = buildIatiActivities({ agreements: [agreement, minimal] }, generatedAt);
  const [full, small] = activities(xml);

  it('is well-formed XML with the 2.03 root', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2024-06-01T12:00:00Z">',
      ),
    ).toBe(true);
  });

  it('marks each activity with its date, language, currency and humanitarian="1"', () => {
    expect(attrs(full!)).toEqual({
      'last-updated-datetime': '2024-05-01T10:20:30Z',
      'xml:lang': 'en',
      'default-currency': 'USD',
      humanitarian: '1',
    });
    expect(attrs(small!)['default-currency']).toBe('EUR');
  });

  it('writes the elements in schema order', () => {
    const names = childrenOf(full!).map(nameOf);
    expect(names).toEqual([
      'iati-identifier',
      'reporting-org',
      'title',
      'description',
      'participating-org',
      'participating-org',
      'activity-status',
      'activity-date',
      'activity-date',
      'activity-date',
      'contact-info',
      'recipient-country',
      'sector',
      'humanitarian-scope',
      'default-finance-type',
      'default-aid-type',
      'budget',
      ...Array<string>(5).fill('transaction'),
    ]);
    const ranks = names.map((n) => SCHEMA_ORDER.indexOf(n));
    expect(ranks.every((r, k) => r >= 0 && (k === 0 || r >= ranks[k - 1]!))).toBe(true);
    expect(childrenOf(small!).map(nameOf)).toEqual([
      'iati-identifier',
      'reporting-org',
      'title',
      'description',
      'participating-org',
      'activity-status',
      'activity-date',
    ]);
  });

  it('builds the identifier from the reporting org and the agreement id', () => {
    expect(textOf(child(full!, 'iati-identifier')[0]!)).toBe('XM-EXAMPLE-NGO-FA-2024-001');
    expect(attrs(child(full!, 'reporting-org')[0]!)).toEqual({ ref: 'XM-EXAMPLE-NGO', type: '21' });
    expect(textOf(childrenOf(child(full!, 'title')[0]!)[0]!)).toBe(agreement.title);
  });

  it('uses IATI codes for roles, status, dates, sectors and budgets', () => {
    expect(child(full!, 'participating-org').map((o) => attrs(o).role)).toEqual(['1', '4']);
    expect(attrs(child(full!, 'activity-status')[0]!).code).toBe('2');
    expect(child(full!, 'activity-date').map(attrs)).toEqual([
      { type: '1', 'iso-date': '2024-01-01' },
      { type: '2', 'iso-date': '2024-01-15' },
      { type: '3', 'iso-date': '2024-12-31' },
    ]);
    expect(attrs(child(full!, 'sector')[0]!)).toEqual({ vocabulary: '1', code: '72010' });
    expect(attrs(child(full!, 'humanitarian-scope')[0]!)).toEqual({
      type: '2',
      vocabulary: '2-1',
      code: 'HJOR24',
    });
    const budget = child(full!, 'budget')[0]!;
    expect(attrs(budget)).toEqual({ type: '1', status: '2' });
    expect(childrenOf(budget).map(nameOf)).toEqual(['period-start', 'period-end', 'value']);
  });

  it('writes transactions with the right type codes and decimal values with value-date', () => {
    expect(TRANSACTION_TYPE).toEqual({
      incomingFunds: 1,
      outgoingCommitment: 2,
      disbursement: 3,
      expenditure: 4,
      incomingCommitment: 11,
      outgoingPledge: 12,
      incomingPledge: 13,
    });
    const transactions = child(full!, 'transaction');
    expect(transactions.map((t) => attrs(child(t, 'transaction-type')[0]!).code)).toEqual([
      '11',
      '1',
      '2',
      '3',
      '4',
    ]);
    const values = [...transactions, ...child(full!, 'budget')].map((t) => child(t, 'value')[0]!);
    for (const v of values) {
      expect(textOf(v)).toMatch(/^-?\d+(\.\d+)?$/);
      expect(attrs(v)['value-date']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(values.map((v) => [textOf(v), attrs(v).currency])).toEqual([
      ['250000.00', 'USD'],
      ['125000', 'USD'],
      ['40000.00', 'USD'],
      ['14150.5', 'JOD'],
      ['-150.50', 'USD'],
      ['250000.00', 'USD'],
    ]);
    expect(childrenOf(transactions[3]!).map(nameOf)).toEqual([
      'transaction-type',
      'transaction-date',
      'value',
      'description',
      'receiver-org',
    ]);
    expect(attrs(child(transactions[0]!, 'provider-org')[0]!)).toEqual({
      ref: 'XM-EXAMPLE-DONOR',
      type: '10',
    });
  });

  it('refuses bad input, naming every bad field', () => {
    const bad = {
      ...agreement,
      id: 'FA 1',
      title: '\u0000 ',
      defaultCurrency: 'usd',
      participatingOrgs: [{ role: 'donor' as 'funding', name: 'X' }],
      dates: { plannedStart: '2024-02-30' },
      transactions: [
        {
          type: 'disbursement' as const,
          date: '2024-03-01',
          value: '1,000',
          valueDate: '2024-03-01',
        },
      ],
    };
    expect(validateIatiInput({ agreements: [bad] }).map((e) => e.field)).toEqual([
      'agreements[0].id',
      'agreements[0].title',
      'agreements[0].defaultCurrency',
      'agreements[0].participatingOrgs[0].role',
      'agreements[0].dates.plannedStart',
      'agreements[0].transactions[0].value',
    ]);
    expect(() => buildIatiActivities({ agreements: [bad] }, generatedAt)).toThrow(
      /transactions\[0\]\.value/,
    );
    const worse: FundingAgreement = {
      ...minimal,
      participatingOrgs: [{ role: 'funding', name: ' ' }],
      sectors: [{ code: '72010', percentage: 101 }],
      budgets: [{ ...agreement.budgets![0]!, periodEnd: '2023-12-31' }],
      transactions: [{ ...agreement.transactions![0]!, provider: { type: '10' } }],
    };
    expect(validateIatiInput({ agreements: [worse] })).toEqual([
      { field: 'agreements[0].participatingOrgs[0]', message: 'needs a ref or a name' },
      { field: 'agreements[0].participatingOrgs[0].name', message: 'must not be empty' },
      { field: 'agreements[0].sectors[0].percentage', message: 'must be 0–100' },
      { field: 'agreements[0].budgets[0].periodEnd', message: 'must not be before periodStart' },
      { field: 'agreements[0].transactions[0].provider', message: 'needs a ref or a name' },
    ]);
    expect(() => buildIatiActivities({ agreements: [] }, generatedAt)).toThrow(/agreements/);
    expect(() => buildIatiActivities({ agreements: [minimal, minimal] }, generatedAt)).toThrow(
      /agreements\[1\]\.id/,
    );
    expect(() => buildIatiActivities({ agreements: [minimal] }, new Date('nope'))).toThrow(
      /generatedAt/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Hostile text
// ---------------------------------------------------------------------------------------------

/** Anything outside XML 1.0's Char production, checked independently of the code under test. */
function hasForbiddenChar(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const ok =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      c >= 0x10000;
    if (!ok) return true;
  }
  return false;
}

const hostile = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.constantFrom(
        '&',
        '<',
        '>',
        '"',
        "'",
        '&amp;',
        ']]>',
        '<!--',
        '<![CDATA[',
        '\u0000',
        '\u0008',
        '\u000B',
        '\u001F',
        '\r',
        '\r\n',
        '\n',
        '\t',
        '\uD800',
        '\uDFFF',
        '\uFFFE',
        '\uFFFF',
        '😀',
        '👩🏽‍⚕️',
        'مرحبا بكم',
        'שלום',
        '\u202E',
        '\u200F',
        'ß',
        '\u0085',
        '\u007F',
      ),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** Reference-like strings: no spaces or / & | ?, but quotes, brackets, RTL and emoji. */
const hostileRef = fc
  .array(fc.constantFrom('X', 'M', '-', '1', '"', "'", '<', '>', 'ع', '😀', '\u202E', ';', '#'), {
    minLength: 1,
    maxLength: 10,
  })
  .map((parts) => parts.join(''));

const textParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
});

describe('hostile text', () => {
  it('stays well-formed, keeps no forbidden character, and round-trips what XML can hold', () => {
    fc.assert(
      fc.property(
        hostile,
        hostile,
        hostile,
        hostileRef,
        hostileRef,
        (title, description, name, ref, id) => {
          fc.pre(
            xmlSafe(title).trim() !== '' &&
              xmlSafe(description).trim() !== '' &&
              xmlSafe(name).trim() !== '',
          );
          const input: FundingAgreement = {
            ...agreement,
            id,
            reportingOrg: { ...agreement.reportingOrg, ref, name },
            title,
            description,
            contact: { personName: name, email: title },
            transactions: [
              {
                ...agreement.transactions![3]!,
                ref: title,
                description: name,
                receiver: { ref, name },
              },
            ],
          };
          const xml = buildIatiActivities({ agreements: [input] }, generatedAt);
          expect(XMLValidator.validate(xml)).toBe(true);
          expect(hasForbiddenChar(xml)).toBe(false);

          const doc = textParser.parse(xml);
          const a = doc['iati-activities']['iati-activity'];
          expect(a['iati-identifier']).toBe(`${ref}-${id}`);
          expect(a['reporting-org']['@ref']).toBe(ref);
          expect(a['reporting-org'].narrative).toBe(xmlSafe(name));
          expect(a.title.narrative).toBe(xmlSafe(title));
          expect(a.description.narrative).toBe(xmlSafe(description));
          expect(a['contact-info'].email).toBe(xmlSafe(title));
          expect(a.transaction['receiver-org']['@ref']).toBe(ref);
          expect(a.transaction['@ref']).toBe(xmlSafe(title));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('strips what XML 1.0 cannot hold and escapes markup', () => {
    expect(xmlSafe('a\u0000b\u0008c\uD800d\uFFFEe😀f\tg\n')).toBe('abcde😀f\tg\n');
    const xml = buildIatiActivities(
      {
        agreements: [
          { ...minimal, title: 'Tom & "Jerry" <script>\u0001', description: "it's\r\nok" },
        ],
      },
      generatedAt,
    );
    expect(xml).toContain('<narrative>Tom &amp; &quot;Jerry&quot; &lt;script&gt;</narrative>');
    expect(xml).toContain('<narrative>it&apos;s&#13;\nok</narrative>');
    const transaction = { ...agreement.transactions![1]!, ref: 'a\tb\r\n"c\'' };
    const withRef = buildIatiActivities(
      { agreements: [{ ...agreement, transactions: [transaction] }] },
      generatedAt,
    );
    expect(withRef).toContain('<transaction ref="a&#9;b&#13;&#10;&quot;c&apos;">');
  });
});

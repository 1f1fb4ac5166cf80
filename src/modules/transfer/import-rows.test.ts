import { describe, expect, it } from 'vitest';
import { columnLetter } from '../../platform/tabular/index.ts';
import { HouseholdTally } from './households.ts';
import { readRecord, unneutralise } from './import-rows.ts';
import type { ImportField, ResolvedMapping } from './mapping.ts';
import { detectScript, parseBoolean, parseRelationship, parseSex, splitList } from './values.ts';

/** A mapping where each field's column is named after the field. */
function mappingOf(fields: ImportField[]): ResolvedMapping {
  return {
    fields: Object.fromEntries(
      fields.map((f, i) => [f, { header: f, letter: columnLetter(i), by: 'header' as const }]),
    ),
    ignored: [],
  };
}

const ALL: ImportField[] = [
  'externalId',
  'givenName',
  'familyName',
  'nativeGivenName',
  'nativeFamilyName',
  'sex',
  'birthDate',
  'birthYear',
  'birthYearEstimated',
  'nationality',
  'languages',
  'specificNeeds',
  'phone',
  'householdExternalId',
  'relationship',
  'legalStatus',
  'legalStatusGrantedBy',
  'legalStatusFrom',
  'legalStatusTo',
  'sensitivity',
];
const m = mappingOf(ALL);
const read = (values: Partial<Record<ImportField, string>>) => readRecord(7, values, m);

describe('values people type', () => {
  it('understands sex, yes/no and relationships in several languages', () => {
    expect(['F', 'female', 'Femme', 'أنثى', 'mujer'].map(parseSex)).toEqual([
      'F',
      'F',
      'F',
      'F',
      'F',
    ]);
    expect(['m', 'Male', 'homme', 'ذكر'].map(parseSex)).toEqual(['M', 'M', 'M', 'M']);
    expect(['X', 'other', 'unknown', 'inconnu', 'dog'].map(parseSex)).toEqual([
      'X',
      'X',
      'unknown',
      'unknown',
      null,
    ]);
    expect(['yes', 'TRUE', '1', 'oui', 'no', '0', 'maybe'].map(parseBoolean)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      null,
    ]);
    expect(
      ['Head of household', 'wife', 'Son', 'focal_point', 'neighbour'].map(parseRelationship),
    ).toEqual(['focal_point', 'spouse', 'child', 'focal_point', null]);
    expect(splitList(' SYR; IRQ,AFG  TUR ')).toEqual(['SYR', 'IRQ', 'AFG', 'TUR']);
    expect([
      detectScript('محمد'),
      detectScript('Иван'),
      detectScript('ዮናስ'),
      detectScript('123'),
    ]).toEqual(['Arab', 'Cyrl', 'Ethi', 'Zyyy']);
    expect([unneutralise("'=SUM(A1)"), unneutralise("'+30 691"), unneutralise("O'Neil")]).toEqual([
      '=SUM(A1)',
      '+30 691',
      "O'Neil",
    ]);
  });
});

describe('readRecord', () => {
  it('builds the API person, its household membership and its legal status', () => {
    const { record, problems } = read({
      externalId: 'P-1',
      givenName: 'Amina',
      familyName: 'Haddad',
      nativeGivenName: 'أمينة',
      sex: 'female',
      birthYear: '1985',
      birthYearEstimated: 'yes',
      nationality: 'syr',
      languages: 'AR EN',
      specificNeeds: 'sm-ci dS',
      phone: '+30 691',
      householdExternalId: 'H-1',
      relationship: 'Head',
      legalStatus: 'Asylum seeker',
      legalStatusGrantedBy: 'Host state',
      legalStatusFrom: '2024-01-01T00:00:00',
    });
    expect(problems).toEqual([]);
    expect(record).toEqual({
      row: 7,
      externalId: 'P-1',
      sensitivityGiven: false,
      person: {
        names: [
          { given: 'Amina', family: 'Haddad', script: 'Latn', use: 'primary' },
          { given: 'أمينة', script: 'Arab', use: 'original' },
        ],
        sex: 'F',
        birthYear: 1985,
        birthYearEstimated: true,
        nationalities: ['SYR'],
        languages: ['ar', 'en'],
        specificNeeds: [{ code: 'SM', subCode: 'SM-CI' }, { code: 'DS' }],
        contact: { phone: '+30 691' },
        sensitivity: 'normal',
        externalId: 'P-1',
      },
      household: { externalId: 'H-1', relationship: 'focal_point' },
      status: { status: 'asylum_seeker', grantedBy: 'host-state', from: '2024-01-01' },
    });
  });

  it('names each bad field once, with its column, never quoting the value', () => {
    const { record, problems } = read({
      externalId: 'P-2',
      givenName: 'Omar',
      sex: 'Mx',
      birthDate: '31/12/1990',
      birthYear: '1991',
      nationality: 'Syria',
      specificNeeds: 'XX',
      relationship: 'son',
      legalStatus: 'refugee_recognised',
      legalStatusFrom: '2024-02-01',
      legalStatusTo: '2023-01-01',
      sensitivity: 'secret',
    });
    expect(record).toBeNull();
    expect(problems.map((p) => `${p.column?.letter} ${p.field}: ${p.message}`)).toEqual([
      'F sex: is not one we recognise: write F, M, X or unknown (or female, male…)',
      'H birthYear: does not match the year of birthDate',
      'G birthDate: must be a date written YYYY-MM-DD',
      'J nationality: must be an ISO 3166-1 alpha-3 code or "stateless"',
      'L specificNeeds: must be one of: CR, SC, WR, ER, SP, DS, SM, FU, LP, TR, SV',
      'T sensitivity: must be one of: normal, sensitive, restricted',
      'N householdExternalId: is required when a relationship is given',
      'Q legalStatusGrantedBy: is required',
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/Omar|Mx|Syria|secret|31\/12/);
  });

  it('never lets an import restrict a record, and needs an id, a sex and a name', () => {
    const { problems } = read({ sensitivity: 'Restricted' });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'externalId: is required: it lets a second run update the record instead of adding it',
      'givenName: a given or a family name is required',
      'sex: is required (F, M, X or unknown)',
      'sensitivity: an import cannot restrict a record: restrict it in the record itself',
    ]);
  });
});

describe('HouseholdTally', () => {
  it('wants exactly one focal point per household, or the one the registry already has', () => {
    const tally = new HouseholdTally();
    tally.add(2, 'H1', 'a', true);
    tally.add(3, 'H1', 'b', false);
    tally.add(4, 'H2', 'c', false);
    tally.add(5, 'H3', 'd', true);
    tally.add(6, 'H3', 'e', true);
    tally.add(7, 'H4', 'f', true);
    tally.add(8, 'H5', 'g', false);
    tally.add(9, '', 'h', true);
    const known = new Map([
      ['H4', { focalExternalId: 'z' }],
      ['H5', { focalExternalId: 'y' }],
    ]);
    const problems = tally.problems(known, m);
    expect(problems.map((p) => `${p.row} ${p.column?.letter}: ${p.message.slice(0, 45)}`)).toEqual([
      '4 O: the household of this row has no focal point:',
      '5 O: the household of this row has 2 focal points:',
      '6 O: the household of this row has 2 focal points:',
      '7 O: the household of this row already has a focal',
    ]);
  });
});

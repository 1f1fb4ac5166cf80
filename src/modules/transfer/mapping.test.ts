import { describe, expect, it } from 'vitest';
import { columnLetter, parseHxlTag, type ColumnInfo } from '../../platform/tabular/index.ts';
import { normaliseHeader, resolveMapping } from './mapping.ts';

function columns(headers: string[], tags: (string | null)[] = [], kobo = false): ColumnInfo[] {
  return headers.map((header, index) => {
    const name = kobo ? header.split('/').pop()! : header;
    const tag = tags[index] ? parseHxlTag(tags[index]) : null;
    return {
      index,
      letter: columnLetter(index),
      header,
      key: name.toLowerCase(),
      path: kobo ? header.split('/') : [header],
      meta: kobo && header.startsWith('_'),
      ...(tag ? { hxl: tag } : {}),
    };
  });
}

const fieldsOf = (m: ReturnType<typeof resolveMapping>) =>
  Object.fromEntries(Object.entries(m.mapping.fields).map(([f, c]) => [f, c.header]));

describe('resolveMapping', () => {
  it('recognises headers whatever their case, spacing, accents or language', () => {
    expect(normaliseHeader(' Date of Birth ')).toBe('dateofbirth');
    expect(normaliseHeader('Prénom')).toBe('prenom');
    const m = resolveMapping(
      columns([
        'Person ID',
        'first_name',
        'SURNAME',
        'Gender',
        'D.O.B',
        'HH ID',
        'Relationship to head',
      ]),
    );
    expect(m.problems).toEqual([]);
    expect(fieldsOf(m)).toEqual({
      externalId: 'Person ID',
      givenName: 'first_name',
      familyName: 'SURNAME',
      sex: 'Gender',
      birthDate: 'D.O.B',
      householdExternalId: 'HH ID',
      relationship: 'Relationship to head',
    });
    expect(m.mapping.ignored).toEqual([]);
  });

  it('prefers hashtags to headers, the most specific tag first', () => {
    const m = resolveMapping(
      columns(
        ['A', 'B', 'C', 'D', 'E', 'Notes'],
        [
          '#beneficiary+id',
          '#date+birth',
          '#date +year +birth',
          '#beneficiary +name +given +native',
          '#x_sex',
          null,
        ],
      ),
    );
    expect(fieldsOf(m)).toMatchObject({
      externalId: 'A',
      birthDate: 'B',
      birthYear: 'C',
      nativeGivenName: 'D',
      sex: 'E',
    });
    expect(m.mapping.fields.birthYear?.by).toBe('hxl');
    expect(m.mapping.ignored).toEqual([{ header: 'Notes', letter: 'F' }]);
  });

  it('lets an explicit mapping override and switch off fields, and names what is missing', () => {
    const cols = columns(['ID', 'Given name', 'Other name', 'Sex', 'Phone']);
    const m = resolveMapping(cols, { givenName: 'Other name', phone: null });
    expect(fieldsOf(m)).toEqual({ externalId: 'ID', givenName: 'Other name', sex: 'Sex' });
    expect(m.mapping.fields.givenName?.by).toBe('explicit');

    const missing = resolveMapping(columns(['Name', 'Relationship']), { givenName: 'Name' });
    expect(missing.problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      expect.stringMatching(/^externalId: no column holds an external id/),
      'sex: no column holds the sex. Map one',
      'householdExternalId: a relationship column needs a household id column',
    ]);
    const twice = resolveMapping(cols, { givenName: 'Other name', familyName: 'Other name' });
    expect(twice.problems).toContainEqual({
      row: null,
      column: null,
      field: 'familyName',
      message: 'column C is already mapped to another field',
    });
  });

  it('reads a Kobo export by question name, skips system columns, and falls back to _uuid', () => {
    const m = resolveMapping(
      columns(['start', 'group_a/given_name', 'group_a/sex', '_id', '_uuid', '_index'], [], true),
      {},
      { kobo: true },
    );
    expect(fieldsOf(m)).toEqual({
      givenName: 'group_a/given_name',
      sex: 'group_a/sex',
      externalId: '_uuid',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { openTable } from './read.ts';
import { readAll, useTempDir } from './testing.ts';
import { choiceFlag, isKoboExport, selectMultipleChoices, xlsformColumn } from './xlsform.ts';

const file = useTempDir();

describe('xlsformColumn', () => {
  it('splits a group path and takes the question name', () => {
    expect(xlsformColumn('household/head/given_name')).toEqual({
      path: ['household', 'head', 'given_name'],
      name: 'given_name',
      meta: false,
    });
    expect(xlsformColumn('phone')).toEqual({ path: ['phone'], name: 'phone', meta: false });
  });

  it('marks Kobo system columns as meta', () => {
    const system = [
      '_id',
      '_uuid',
      '_submission_time',
      '_index',
      '_parent_index',
      '_parent_table_name',
      '_validation_status',
      '_notes',
      '_submitted_by',
      '__version__',
      '_tags',
      'meta/instanceID',
      'meta/rootUuid',
      'formhub/uuid',
    ];
    for (const header of system) expect(xlsformColumn(header).meta, header).toBe(true);
  });

  it('leaves metadata questions and underscored names inside groups as answers', () => {
    for (const header of ['start', 'end', 'today', 'deviceid', 'household/_note', 'metadata']) {
      expect(xlsformColumn(header).meta, header).toBe(false);
    }
  });
});

describe('Kobo exports', () => {
  it('recognises an export by its system columns, not by _id alone', () => {
    expect(isKoboExport(['name', '_uuid'])).toBe(true);
    expect(isKoboExport(['q', 'meta/instanceID'])).toBe(true);
    expect(isKoboExport(['_id', 'name'])).toBe(false);
  });

  it('finds split select_multiple columns next to their question', () => {
    const headers = ['needs', 'needs/food', 'needs/shelter', 'household/size', '_uuid'];
    expect([...selectMultipleChoices(headers)]).toEqual([
      [1, 'needs'],
      [2, 'needs'],
    ]);
  });

  it('reads choice flags as 1, 0 or blank', () => {
    expect(['1', 'True', 'TRUE', 'true'].map(choiceFlag)).toEqual(['1', '1', '1', '1']);
    expect(['0', 'False', 'FALSE'].map(choiceFlag)).toEqual(['0', '0', '0']);
    expect(['', 'maybe'].map(choiceFlag)).toEqual(['', 'maybe']);
  });

  it('describes the columns of a Kobo CSV export (semicolons, quoted)', async () => {
    const path = file(
      'kobo.csv',
      [
        '"start";"household/head/given_name";"household/head/family_name";"needs";"needs/food";"needs/shelter";"meta/instanceID";"_id";"_uuid";"_submission_time";"_validation_status";"_index"',
        '"2024-05-02T10:00:00.000+03:00";"Amira";"Haddad";"food";"True";"False";"uuid:1f0c";"101";"1f0c";"2024-05-02T07:31:09";"";"1"',
        '"2024-05-02T11:00:00.000+03:00";"Dritan";"Hoxha";"food shelter";"1";"1";"uuid:2a9d";"102";"2a9d";"2024-05-02T08:02:44";"";"2"',
      ].join('\r\n'),
    );
    const table = await openTable(path);
    expect(table.kobo).toBe(true);
    const byHeader = Object.fromEntries(table.columns.map((c) => [c.header, c]));
    expect(byHeader['household/head/given_name']).toMatchObject({
      key: 'given_name',
      path: ['household', 'head', 'given_name'],
      meta: false,
    });
    expect(byHeader['needs/food']).toMatchObject({ key: 'food', choiceOf: 'needs' });
    expect(byHeader['needs']!.choiceOf).toBeUndefined();
    expect(table.columns.filter((c) => c.meta).map((c) => c.header)).toEqual([
      'meta/instanceID',
      '_id',
      '_uuid',
      '_submission_time',
      '_validation_status',
      '_index',
    ]);
    const rows = await readAll(table);
    expect(rows.map((r) => [r.values['needs/food'], r.values['needs/shelter']])).toEqual([
      ['1', '0'],
      ['1', '1'],
    ]);
    expect(rows[1]!.values['household/head/family_name']).toBe('Hoxha');
  });

  it('keeps slashes in ordinary headers when the file is not a Kobo export', async () => {
    const path = file('plain.csv', 'Date/time of arrival,Date\n2024-01-01 10:00,2024-01-01\n');
    const table = await openTable(path);
    expect(table.kobo).toBe(false);
    expect(table.columns[0]).toMatchObject({
      key: 'date/time of arrival',
      path: ['Date/time of arrival'],
      meta: false,
    });
    expect(table.columns[0]!.choiceOf).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { detectHxlRow, formatHxlTag, hxlMatches, matchHxl, parseHxlTag } from './hxl.ts';
import { openTable } from './read.ts';
import { readAll, useTempDir } from './testing.ts';
import { writeTable } from './write.ts';

const file = useTempDir();

describe('parseHxlTag', () => {
  it('parses a tag and its attributes, case-insensitively, spaces allowed', () => {
    expect(parseHxlTag('#affected+f+children')).toEqual({
      tag: '#affected',
      attributes: ['f', 'children'],
    });
    expect(parseHxlTag('  #Reached +Refugees + F ')).toEqual({
      tag: '#reached',
      attributes: ['refugees', 'f'],
    });
    expect(parseHxlTag('#x_sri_score')).toEqual({ tag: '#x_sri_score', attributes: [] });
    expect(parseHxlTag('#adm1+name+name')).toEqual({ tag: '#adm1', attributes: ['name'] });
  });

  it('refuses what is not a tag', () => {
    for (const text of ['', 'affected', '#', '#1st', '#a b', '#a+', '#a+f c', 'name #a', '#a-f']) {
      expect(parseHxlTag(text), text).toBeNull();
    }
  });

  it('formats the compact spelling', () => {
    expect(formatHxlTag(parseHxlTag('#reached +refugees +f')!)).toBe('#reached+refugees+f');
  });
});

describe('detectHxlRow', () => {
  it('accepts a row of tags and blanks, with at least one tag', () => {
    expect(detectHxlRow(['#adm1+name', '', '#affected+f'])).toEqual([
      { tag: '#adm1', attributes: ['name'] },
      null,
      { tag: '#affected', attributes: ['f'] },
    ]);
  });

  it('refuses a row with any other text, or with no tag', () => {
    expect(detectHxlRow(['#adm1', 'Athens'])).toBeNull();
    expect(detectHxlRow(['', ''])).toBeNull();
    expect(detectHxlRow(['#1', '#2'])).toBeNull();
  });
});

describe('matchHxl', () => {
  const tags = ['#affected+m+children', '#affected+children+f', null, '#affected+f+adults', '#org'];

  it('matches the hashtag and a subset of attributes, in any order', () => {
    expect(matchHxl(tags, '#affected+f+children')).toEqual([1]);
    expect(matchHxl(tags, '#affected +children +f')).toEqual([1]);
    expect(matchHxl(tags, '#affected+f')).toEqual([1, 3]);
    expect(matchHxl(tags, '#AFFECTED')).toEqual([0, 1, 3]);
    expect(matchHxl(tags, '#org+name')).toEqual([]);
    expect(matchHxl(tags, '#inneed')).toEqual([]);
  });

  it('excludes columns carrying a -attribute', () => {
    expect(matchHxl(tags, '#affected-m')).toEqual([1, 3]);
    expect(matchHxl(tags, '#affected+children-f')).toEqual([0]);
  });

  it('takes parsed tags too, and checks one tag with hxlMatches', () => {
    expect(
      matchHxl(
        tags.map((t) => (t ? parseHxlTag(t) : null)),
        '#affected+adults',
      ),
    ).toEqual([3]);
    expect(hxlMatches('#reached+refugees+f+children', '#reached+children+refugees')).toBe(true);
    expect(hxlMatches('#reached+refugees', '#reached+f')).toBe(false);
    expect(hxlMatches(null, '#reached')).toBe(false);
  });

  it('refuses a pattern that is not a tag', () => {
    expect(() => matchHxl(tags, 'affected')).toThrow(TypeError);
  });
});

describe('HXL files', () => {
  it('reads the hashtag row under the header and starts the data after it', async () => {
    const path = file(
      'hxl.csv',
      'Region,Camp,Refugee girls,Notes\r\n#adm1+name,#loc+camp,#affected +refugees +f +children,\r\nAttica,Eleonas,12,\r\nEpirus,Katsikas,7,open\r\n',
    );
    const table = await openTable(path);
    expect(table.hxlTags).toEqual([
      '#adm1+name',
      '#loc+camp',
      '#affected+refugees+f+children',
      null,
    ]);
    expect(table.columns[2]!.hxl).toEqual({
      tag: '#affected',
      attributes: ['refugees', 'f', 'children'],
    });
    expect(table.columns[3]!.hxl).toBeUndefined();
    const rows = await readAll(table);
    expect(rows.map((r) => r.row)).toEqual([3, 4]);
    expect(rows[0]!.values['Refugee girls']).toBe('12');
    const [girls] = matchHxl(table.hxlTags!, '#affected+children+f');
    expect(table.headers[girls!]).toBe('Refugee girls');
  });

  it('treats a second row that is not all tags as data', async () => {
    const path = file('not-hxl.csv', 'channel,members\n#general,40\n');
    const table = await openTable(path);
    expect(table.hxlTags).toBeNull();
    expect(await readAll(table)).toEqual([
      { row: 2, values: { channel: '#general', members: '40' } },
    ]);
  });

  it('names a tagged column that has no header text after its tag', async () => {
    const path = file('tag-only.csv', 'Region,\n#adm1+name,#affected\nAttica,3\n');
    const table = await openTable(path);
    expect(table.headers).toEqual(['Region', '#affected']);
  });

  it('only takes the row directly under the header as the hashtag row', async () => {
    const path = file('gap.csv', 'Region\n\n#adm1\n');
    const table = await openTable(path);
    expect(table.hxlTags).toBeNull();
    expect(await readAll(table)).toEqual([{ row: 3, values: { Region: '#adm1' } }]);
  });

  it('writes hxl-csv with the hashtag row under the header, and reads it back', async () => {
    const path = file('out-hxl.csv');
    await writeTable(
      path,
      {
        format: 'hxl-csv',
        columns: [
          { header: 'Camp', hxl: '#loc +camp' },
          { header: 'Count', key: 'n', hxl: '#reached+refugees' },
          { header: 'Comment' },
        ],
      },
      [{ Camp: 'Eleonas', n: 5, Comment: 'ok' }],
    );
    const table = await openTable(path);
    expect(table.hxlTags).toEqual(['#loc+camp', '#reached+refugees', null]);
    expect(await readAll(table)).toEqual([
      { row: 3, values: { Camp: 'Eleonas', Count: '5', Comment: 'ok' } },
    ]);
  });

  it('refuses to write a column whose tag is not HXL', async () => {
    await expect(
      writeTable(
        file('bad-hxl.csv'),
        { format: 'hxl-csv', columns: [{ header: 'a', hxl: 'x' }] },
        [],
      ),
    ).rejects.toMatchObject({ code: 'invalid_column' });
  });
});

import { describe, expect, it } from 'vitest';
import type { RightsMatrix } from '../api/types';
import { csvField, hxlCsv, neutralise, RIGHTS_GAP_COLUMNS, rightsGapsHxl } from './hxl';

describe('CSV fields', () => {
  it('neutralises what a spreadsheet would run as a formula', () => {
    expect(neutralise('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(neutralise('+1')).toBe("'+1");
    expect(neutralise('-1')).toBe("'-1");
    expect(neutralise('@x')).toBe("'@x");
    expect(neutralise('<5')).toBe('<5');
    expect(neutralise(-1)).toBe('-1');
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('Camp A, north')).toBe('"Camp A, north"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('17(2)(a)')).toBe('17(2)(a)');
  });

  it('writes the header row, then the hashtag row, then the data', () => {
    const csv = hxlCsv(
      [
        { header: 'Site', tag: '#loc+name' },
        { header: 'Owed', tag: '#affected+owed' },
      ],
      [['Camp', 6]],
    );
    expect(csv).toBe('Site,Owed\r\n#loc+name,#affected+owed\r\nCamp,6\r\n');
  });
});

describe('rights-gap export', () => {
  const matrix: RightsMatrix = {
    asOf: '2026-03-02',
    suppressed: true,
    articles: ['26'],
    sites: [
      {
        siteId: '00000000-0000-4000-8000-000000000001',
        cells: [
          {
            article: '26',
            owed: 6,
            full: '<5',
            partial: 0,
            none: '<5',
            unassessed: 0,
            shareWithAccess: null,
          },
        ],
      },
      {
        siteId: null,
        cells: [
          {
            article: '26',
            owed: 12,
            full: 4,
            partial: 0,
            none: 8,
            unassessed: 0,
            shareWithAccess: 0.333,
          },
        ],
      },
    ],
  };

  it('has one tagged column per documented field and a row per site and article', () => {
    const csv = rightsGapsHxl(matrix, {
      headers: Object.fromEntries(RIGHTS_GAP_COLUMNS.map((c) => [c, c])) as never,
      siteName: (id) => (id ? 'Camp =East' : 'No site'),
      articleTitle: () => 'Freedom of movement',
    });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe(
      '#date,#loc+name,#loc+code,#indicator+code,#indicator+name,#affected+owed,' +
        '#reached+full,#reached+partial,#affected+noaccess,#affected+unassessed,' +
        '#indicator+pct+access',
    );
    expect(lines[2]).toBe(
      '2026-03-02,Camp =East,00000000-0000-4000-8000-000000000001,26,Freedom of movement,6,<5,0,<5,0,',
    );
    expect(lines[3]).toBe('2026-03-02,No site,,26,Freedom of movement,12,4,0,8,0,33.3');
  });
});

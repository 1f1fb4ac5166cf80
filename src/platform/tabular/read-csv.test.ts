import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TabularError } from './errors.ts';
import { openTable } from './read.ts';
import { readAll, useTempDir } from './testing.ts';
import { writeTable } from './write.ts';

const file = useTempDir();

/** The TabularError thrown by opening the file or reading all its rows. */
async function failure(path: string, options = {}): Promise<TabularError> {
  try {
    await readAll(await openTable(path, options));
  } catch (error) {
    if (error instanceof TabularError) return error;
    throw error;
  }
  throw new Error('expected a TabularError');
}

const people = [
  { name: 'Amira Haddad', note: 'Arrived with "two" children, from Aleppo', city: 'حلب' },
  { name: 'Zahra Ahmadi', note: 'Line one\nline two\r\nline three', city: 'مشهد' },
  { name: 'Dritan Hoxha', note: 'Tiranë, Shqipëri; çelës', city: 'Durrës' },
  { name: 'Ελένη', note: '', city: 'Αθήνα' },
];

describe('CSV round trip', () => {
  it('keeps commas, quotes, line breaks and Arabic, Persian, Albanian and Greek text', async () => {
    const path = file('people.csv');
    const written = await writeTable(
      path,
      { format: 'csv', columns: [{ header: 'name' }, { header: 'note' }, { header: 'city' }] },
      people,
    );
    expect(written.rows).toBe(4);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const table = await openTable(path);
    expect(table).toMatchObject({ format: 'csv', sheet: null, headerRow: 1, kobo: false });
    expect(table.headers).toEqual(['name', 'note', 'city']);
    const rows = await readAll(table);
    expect(rows.map((r) => r.values)).toEqual(people.map((p) => ({ ...p, note: p.note.trim() })));
    // Excel counts a record with line breaks as one row.
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
  });

  it('writes numbers without exponent, dates as ISO 8601, blanks as empty', async () => {
    const path = file('numbers.csv');
    await writeTable(
      path,
      { format: 'csv', bom: false, columns: [{ header: 'n' }, { header: 'd' }, { header: 'x' }] },
      (function* () {
        yield { n: 1e21, d: new Date(Date.UTC(2024, 2, 1)), x: null };
        yield { n: -0.0000001, d: new Date(Date.UTC(2024, 2, 1, 14, 30)), x: undefined };
      })(),
    );
    expect(readFileSync(path, 'utf8')).toBe(
      'n,d,x\r\n1000000000000000000000,2024-03-01,\r\n-0.0000001,2024-03-01T14:30:00,\r\n',
    );
  });

  it('writes semicolon-separated CSV for Excel in comma-decimal locales', async () => {
    const path = file('semi-out.csv');
    await writeTable(
      path,
      { format: 'csv', delimiter: ';', columns: [{ header: 'name' }, { header: 'amount' }] },
      [{ name: 'Haddad; Amira', amount: '1,5' }],
    );
    expect(readFileSync(path, 'utf8')).toBe('\uFEFFname;amount\r\n"Haddad; Amira";1,5\r\n');
    const table = await openTable(path);
    expect(await readAll(table)).toEqual([
      { row: 2, values: { name: 'Haddad; Amira', amount: '1,5' } },
    ]);
  });
});

describe('CSV dialects', () => {
  it('detects semicolons', async () => {
    const path = file('semi.csv', 'name;amount;note\nAmira;1,5;"a; b"\n');
    const table = await openTable(path);
    expect(table.headers).toEqual(['name', 'amount', 'note']);
    expect((await readAll(table))[0]!.values).toEqual({
      name: 'Amira',
      amount: '1,5',
      note: 'a; b',
    });
  });

  it('detects tabs', async () => {
    const path = file('tabs.tsv', 'name\tcity, country\r\nDritan Hoxha\tDurrës, Albania\r\n');
    const table = await openTable(path);
    expect(table.headers).toEqual(['name', 'city, country']);
    expect((await readAll(table))[0]!.values['city, country']).toBe('Durrës, Albania');
  });

  it('keeps quotes inside unquoted values as text, as Excel does', async () => {
    const path = file('quotes.csv', 'name,height,note\nAli "Abu Omar" Haddad,5\'10","x"y\n');
    const table = await openTable(path);
    expect((await readAll(table))[0]!.values).toEqual({
      name: 'Ali "Abu Omar" Haddad',
      height: '5\'10"',
      note: '"x"y',
    });
  });

  it('ends rows at any line end, even mixed in one file', async () => {
    const path = file('mixed.csv', 'id,name\r\n1,Amira\n2,Zahra\r3,"Ilir\r\nGashi"\r\n4,Ana');
    const rows = await readAll(await openTable(path));
    expect(rows.map((r) => [r.row, r.values.name])).toEqual([
      [2, 'Amira'],
      [3, 'Zahra'],
      [4, 'Ilir\r\nGashi'],
      [5, 'Ana'],
    ]);
  });

  it('reads a single-column file', async () => {
    const table = await openTable(file('one.csv', 'name\nAmira\nZahra'));
    expect((await readAll(table)).map((r) => r.values.name)).toEqual(['Amira', 'Zahra']);
  });

  it("reads Excel's Unicode text (UTF-16LE with a byte order mark, tabs)", async () => {
    const text = '\uFEFFname\tcity\r\nزهرا احمدی\tمشهد\r\n';
    const table = await openTable(file('unicode.txt', Buffer.from(text, 'utf16le')));
    expect(await readAll(table)).toEqual([
      { row: 2, values: { name: 'زهرا احمدی', city: 'مشهد' } },
    ]);
  });

  it('strips a UTF-8 byte order mark from the first header', async () => {
    const table = await openTable(file('bom.csv', '\uFEFFname,age\nAmira,34\n'));
    expect(table.headers).toEqual(['name', 'age']);
  });

  it('trims values, pads short rows, skips blank rows and keeps true row numbers', async () => {
    const path = file(
      'messy.csv',
      '\r\n name , age ,city\r\n  Amira  ,34\r\n\r\n,,\r\n"Zahra","  29 ",Mashhad,,\r\n',
    );
    const table = await openTable(path);
    expect(table.headerRow).toBe(2);
    expect(table.headers).toEqual(['name', 'age', 'city']);
    expect(await readAll(table)).toEqual([
      { row: 3, values: { name: 'Amira', age: '34', city: '' } },
      { row: 6, values: { name: 'Zahra', age: '29', city: 'Mashhad' } },
    ]);
  });

  it('reads a header named __proto__ as an ordinary column', async () => {
    const table = await openTable(file('proto.csv', '__proto__,constructor\nx,y\n'));
    const [row] = await readAll(table);
    expect(Object.entries(row!.values)).toEqual([
      ['__proto__', 'x'],
      ['constructor', 'y'],
    ]);
    expect(Object.prototype).not.toHaveProperty('x');
  });

  it('reads the rows once, and can be closed before the end', async () => {
    const table = await openTable(file('twice.csv', 'a\n1\n2\n3\n'));
    for await (const row of table.rows) {
      expect(row.row).toBe(2);
      break;
    }
    expect(() => table.rows[Symbol.asyncIterator]()).toThrow(/once/);
    await table.close();
  });
});

describe('CSV errors name the row and column', () => {
  it('an unterminated quote, at the row where it opens', async () => {
    const lines = [
      'name,note',
      ...Array.from({ length: 10 }, (_, i) => `p${i},ok`),
      'p11,"never closed',
      'p12,ok',
    ];
    const error = await failure(file('quote.csv', lines.join('\n')));
    expect(error).toMatchObject({ code: 'unterminated_quote', row: 12, column: 'B' });
    expect(error.message).toMatch(/^Row 12, column B: .*closing quote/);
  });

  it('a row so long that a quote must have been left open', async () => {
    const error = await failure(file('long.csv', `id,note\n1,ok\n2,"${'x'.repeat(1_100_000)}`));
    expect(error).toMatchObject({ code: 'row_too_long', row: 3, column: 'B' });
  });

  it('a duplicate header', async () => {
    const error = await failure(file('dup.csv', 'id,name,age,city,name\n1,a,2,b,c\n'));
    expect(error).toMatchObject({ code: 'duplicate_header', row: 1, column: 'E' });
    expect(error.message).toBe(
      'Row 1, column E: the header "name" is used twice, in columns B and E. Give each column its own name.',
    );
  });

  it('an empty header', async () => {
    const error = await failure(file('empty-header.csv', 'id,name,,city\n1,a,b,c\n'));
    expect(error).toMatchObject({ code: 'empty_header', row: 1, column: 'C' });
    expect(error.message).toMatch(/^Row 1, column C: the header is empty/);
  });

  it('a value beyond the last header, but not trailing empty cells', async () => {
    const error = await failure(file('extra.csv', 'id,name\n1,a,,\n2,b,,x\n'));
    expect(error).toMatchObject({ code: 'cell_without_header', row: 3, column: 'D' });
  });

  it('text that is not UTF-8, without quoting it', async () => {
    const latin1 = Buffer.from('name,city\nAmira,Durr\xebs\n', 'latin1');
    const error = await failure(file('latin1.csv', latin1));
    expect(error).toMatchObject({ code: 'invalid_encoding', row: 2, column: 'B' });
    expect(error.message).not.toContain('Durr');
  });

  it('files that are not CSV or XLSX', async () => {
    const cases: [string, string | Buffer, string][] = [
      ['empty.csv', '', 'empty_file'],
      ['blank.csv', '\r\n\r\n', 'empty_file'],
      [
        'image.csv',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        'not_tabular',
      ],
      ['report.pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj', 'not_tabular'],
      [
        'legacy.xls',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
        'not_tabular',
      ],
      [
        'sheet.ods',
        Buffer.concat([
          Buffer.from([0x50, 0x4b, 3, 4]),
          Buffer.alloc(26),
          Buffer.from('mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
        ]),
        'not_tabular',
      ],
      ['utf16be.csv', Buffer.from([0xfe, 0xff, 0, 0x61]), 'invalid_encoding'],
    ];
    for (const [name, content, code] of cases) {
      const error = await failure(file(name, content));
      expect(error.code, name).toBe(code);
      expect(error.row, name).toBeNull();
    }
  });

  it('a CSV opened as XLSX', async () => {
    const error = await failure(file('plain.csv', 'a\n1\n'), { format: 'xlsx' });
    expect(error).toMatchObject({
      code: 'not_tabular',
      message: 'The file is not an Excel (.xlsx) workbook.',
    });
  });
});

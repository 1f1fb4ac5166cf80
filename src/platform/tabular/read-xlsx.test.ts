import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { TabularError } from './errors.ts';
import { openTable } from './read.ts';
import { readAll, useTempDir } from './testing.ts';
import { writeTable } from './write.ts';
import { cellText } from './xlsx-source.ts';

const file = useTempDir();

async function failure(path: string, options = {}): Promise<TabularError> {
  const error: unknown = await openTable(path, options).then(readAll, (e: unknown) => e);
  if (error instanceof TabularError) return error;
  throw new Error(`expected a TabularError, got ${String(error)}`);
}

const utc = (...parts: [number, number, number, number?, number?, number?]) =>
  new Date(Date.UTC(...parts));

describe('XLSX round trip', () => {
  it('writes with the streaming writer and reads back text, numbers and dates', async () => {
    const path = file('people.xlsx');
    const columns = [
      { header: 'name' },
      { header: 'born' },
      { header: 'registered' },
      { header: 'household size', key: 'size' },
      { header: 'score' },
      { header: 'phone' },
      { header: 'note' },
    ];
    const rows = [
      {
        name: 'زهرا احمدی',
        born: utc(1990, 4, 17),
        registered: utc(2024, 2, 1, 14, 30, 5),
        size: 5,
        score: 0.1 + 0.2,
        phone: 306912345678,
        note: '=HYPERLINK("http://x","click")',
      },
      {
        name: 'Dritan Hoxha',
        born: null,
        registered: utc(2023, 11, 31),
        size: 1e21,
        score: -0.000001,
        phone: '+30 691 234 5678',
        note: 'Tiranë, "Shqipëri"\nline two',
      },
    ];
    expect(
      await writeTable(path, { format: 'xlsx', columns, sheetName: 'Registry' }, rows),
    ).toEqual({
      rows: 2,
    });

    const table = await openTable(path);
    expect(table).toMatchObject({ format: 'xlsx', sheet: 'Registry', headerRow: 1 });
    expect(table.headers).toEqual(columns.map((c) => c.header));
    expect(await readAll(table)).toEqual([
      {
        row: 2,
        values: {
          name: 'زهرا احمدی',
          born: '1990-05-17',
          registered: '2024-03-01T14:30:05',
          'household size': '5',
          score: '0.3',
          phone: '306912345678',
          note: '\'=HYPERLINK("http://x","click")',
        },
      },
      {
        row: 3,
        values: {
          name: 'Dritan Hoxha',
          born: '',
          registered: '2023-12-31',
          'household size': '1000000000000000000000',
          score: '-0.000001',
          phone: "'+30 691 234 5678",
          note: 'Tiranë, "Shqipëri"\nline two',
        },
      },
    ]);
  });

  it('writes text as strings, never as formulas, and dates as date cells', async () => {
    const path = file('types.xlsx');
    await writeTable(path, { format: 'xlsx', columns: [{ header: 'a' }, { header: 'b' }] }, [
      { a: '=1+2', b: utc(2024, 0, 15) },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const row = workbook.worksheets[0]!.getRow(2);
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(1).value).toBe("'=1+2");
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd');
  });
});

/** A workbook as Excel users make them: a title sheet first, odd cells, gaps. */
async function handMadeWorkbook(path: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Read me').addRow(['This file lists arrivals.']);
  const sheet = workbook.addWorksheet('Arrivals');
  sheet.getRow(3).values = ['Name', 'Arrived', 'Children', 'Checked', 'Ratio', 'Link', 'Time'];
  sheet.getRow(4).values = [
    { richText: [{ text: 'Amira ', font: { bold: true } }, { text: 'Haddad' }] },
    utc(2024, 0, 15),
    { formula: '1+2', result: 3 },
    true,
    { error: '#DIV/0!' },
    { text: 'profile', hyperlink: 'https://example.org' },
    utc(1899, 11, 30, 9, 45),
  ];
  sheet.getCell('G4').numFmt = 'hh:mm';
  sheet.getRow(6).values = ['  Zahra  ', { formula: 'DATE(2024,2,1)', result: 45323 }, 2];
  sheet.getCell('B6').numFmt = 'dd/mm/yyyy';
  sheet.getRow(7).values = ['Ilir', null, 0, false, 1 / 3];
  await workbook.xlsx.writeFile(path);
}

describe('XLSX cells and sheets', () => {
  it('reads a sheet by name: header on its first filled row, true row numbers, cell kinds', async () => {
    const path = file('hand-made.xlsx');
    await handMadeWorkbook(path);
    const table = await openTable(path, { sheet: 'arrivals' });
    expect(table).toMatchObject({ sheet: 'Arrivals', headerRow: 3, hxlTags: null });
    expect(await readAll(table)).toEqual([
      {
        row: 4,
        values: {
          Name: 'Amira Haddad',
          Arrived: '2024-01-15',
          Children: '3',
          Checked: 'TRUE',
          Ratio: '#DIV/0!',
          Link: 'profile',
          Time: '09:45:00',
        },
      },
      {
        row: 6,
        values: {
          Name: 'Zahra',
          Arrived: '2024-02-01',
          Children: '2',
          Checked: '',
          Ratio: '',
          Link: '',
          Time: '',
        },
      },
      {
        row: 7,
        values: {
          Name: 'Ilir',
          Arrived: '',
          Children: '0',
          Checked: 'FALSE',
          Ratio: '0.333333333333333',
          Link: '',
          Time: '',
        },
      },
    ]);
  });

  it('reads the first tab by default', async () => {
    const path = file('hand-made-2.xlsx');
    await handMadeWorkbook(path);
    const table = await openTable(path);
    expect(table.sheet).toBe('Read me');
    expect(table.headers).toEqual(['This file lists arrivals.']);
    await table.close();
  });

  it('names the sheets there are when the one asked for is missing', async () => {
    const path = file('hand-made-3.xlsx');
    await handMadeWorkbook(path);
    const error = await failure(path, { sheet: 'Departures' });
    expect(error).toMatchObject({ code: 'sheet_not_found', row: null });
    expect(error.message).toBe(
      'The workbook has no sheet named "Departures". Its sheets are: "Read me", "Arrivals".',
    );
  });

  it('recognises an HXL row in a workbook', async () => {
    const path = file('hxl.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('data');
    sheet.addRows([
      ['Camp', 'Girls'],
      ['#loc+camp', '#affected+f+children'],
      ['Eleonas', 12],
    ]);
    await workbook.xlsx.writeFile(path);
    const table = await openTable(path);
    expect(table.hxlTags).toEqual(['#loc+camp', '#affected+f+children']);
    expect(await readAll(table)).toEqual([{ row: 3, values: { Camp: 'Eleonas', Girls: '12' } }]);
  });

  it('refuses a damaged workbook and an XLSX opened as CSV', async () => {
    const damaged = file(
      'damaged.xlsx',
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]),
    );
    expect(await failure(damaged)).toMatchObject({ code: 'invalid_xlsx', row: null });

    const path = file('real.xlsx');
    await writeTable(path, { format: 'xlsx', columns: [{ header: 'a' }] }, [{ a: 'x' }]);
    expect(await failure(path, { format: 'csv' })).toMatchObject({
      code: 'not_tabular',
      message: 'The file is an Excel workbook, not a CSV file.',
    });
  });

  it('errors in a workbook name the row and column', async () => {
    const path = file('dup.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('s').addRows([
      ['id', 'name', 'Name ', 'name'],
      [1, 'a', 'b', 'c'],
    ]);
    await workbook.xlsx.writeFile(path);
    expect(await failure(path)).toMatchObject({ code: 'duplicate_header', row: 1, column: 'D' });
  });
});

describe('cellText', () => {
  it('shows numbers as Excel does, without exponent', () => {
    expect(cellText(1e21)).toBe('1000000000000000000000');
    expect(cellText(1.5e-7)).toBe('0.00000015');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
    expect(cellText(-42)).toBe('-42');
  });

  it('takes a formula result, converting it when the cell is formatted as a date', () => {
    expect(cellText({ formula: 'A1', result: 'x' })).toBe('x');
    expect(cellText({ formula: 'A1' })).toBe('');
    expect(cellText({ formula: 'TODAY()', result: 45306 }, 'yyyy-mm-dd')).toBe('2024-01-15');
    expect(cellText({ formula: 'TODAY()', result: 43844 }, 'yyyy-mm-dd', true)).toBe('2024-01-15');
    expect(cellText({ formula: 'A1*2', result: 45306 }, '0.00')).toBe('45306');
  });
});

describe('written XLSX files of the wrong kind', () => {
  it('a text file named .xlsx is read by its content', async () => {
    const path = file('actually.xlsx');
    writeFileSync(path, 'a,b\n1,2\n');
    const table = await openTable(path);
    expect(table.format).toBe('csv');
    await table.close();
  });
});

describe('temporary files', () => {
  /** exceljs (through the tmp package) spools sheets to os.tmpdir() as tmp-<pid>-…. */
  const spooled = () => readdirSync(tmpdir()).filter((n) => n.startsWith(`tmp-${process.pid}-`));

  it('leaves no spooled copy of a workbook behind, closed early or read to the end', async () => {
    const path = file('spool.xlsx');
    await handMadeWorkbook(path);
    const early = await openTable(path);
    expect(spooled().length).toBeGreaterThan(0); // so the checks below can fail
    await early.close();
    await vi.waitFor(() => expect(spooled()).toEqual([]));

    await readAll(await openTable(path, { sheet: 'Arrivals' }));
    await vi.waitFor(() => expect(spooled()).toEqual([]));
  });

  it('closing before the spooled sheet opened its copy raises no stray error', async () => {
    // exceljs deletes a spooled copy as soon as the reader moves on, sometimes before the skipped
    // sheet's stream opened it: that stream's late "no such file" once escaped as an uncaught error.
    const path = file('spool-race.xlsx');
    await handMadeWorkbook(path);
    const stray: unknown[] = [];
    const record = (error: unknown) => stray.push(error);
    process.on('uncaughtException', record);
    try {
      for (let i = 0; i < 60; i++) await (await openTable(path)).close();
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('uncaughtException', record);
    }
    expect(stray).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './neutralise.ts';
import { openTable } from './read.ts';
import { readAll, useTempDir } from './testing.ts';
import { writeTable } from './write.ts';
import type { WriteFormat } from './write.ts';

const file = useTempDir();

/** What a spreadsheet would run: a formula trigger first, or after leading whitespace. */
const ARMED = /^\s*[=+\-@\t\r]/;

describe('neutraliseFormula', () => {
  it('prefixes a quote to text a spreadsheet would evaluate', () => {
    for (const value of [
      '=1+1',
      '+30 691 234',
      '-5',
      '@SUM(A1)',
      '\t=x',
      '\rx',
      '  =cmd|x',
      '\n+1',
    ]) {
      expect(neutraliseFormula(value), JSON.stringify(value)).toBe(`'${value}`);
    }
  });

  it('leaves other text alone', () => {
    for (const value of ['', 'Amira', 'a=b', "'=already quoted", ' Zahra ', '#adm1+name', '٣٤']) {
      expect(neutraliseFormula(value)).toBe(value);
    }
  });
});

/** Strings that often start with a trigger, after some whitespace, in any script. */
const hostile = fc
  .tuple(
    fc.constantFrom('', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000'),
    fc.constantFrom('', '=', '+', '-', '@', '\t', '\r', "'", '"', ',', ';', 'a'),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  )
  .map((parts) => parts.join(''))
  // The reader refuses U+FFFD (it marks bytes that were not UTF-8) and NUL (binary files).
  .filter((s) => !s.includes('\uFFFD') && !s.includes('\u0000'));

async function roundTrip(format: WriteFormat, values: string[]): Promise<string[]> {
  const path = file(`prop.${format === 'xlsx' ? 'xlsx' : 'csv'}`);
  await writeTable(
    path,
    { format, columns: [{ header: 'id' }, { header: 'value' }] },
    values.map((value, id) => ({ id, value })),
  );
  const rows = await readAll(await openTable(path));
  expect(rows.map((r) => r.values.id)).toEqual(values.map((_, id) => String(id)));
  return rows.map((r) => r.values.value!);
}

describe('no written cell comes back armed', () => {
  it('CSV: every value reads back neutralised, and otherwise unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 1, maxLength: 60 }), async (values) => {
        const back = await roundTrip('csv', values);
        for (const [i, cell] of back.entries()) {
          expect(cell).not.toMatch(ARMED);
          expect(cell).toBe(neutraliseFormula(values[i]!).trim());
        }
      }),
      { numRuns: 40 },
    );
  });

  it('XLSX: every value reads back neutralised', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(hostile, { minLength: 1, maxLength: 60 }), async (values) => {
        for (const cell of await roundTrip('xlsx', values)) expect(cell).not.toMatch(ARMED);
      }),
      { numRuns: 15 },
    );
  });

  it('headers are neutralised too; numbers are written as numbers', async () => {
    const path = file('header.csv');
    await writeTable(path, { format: 'csv', bom: false, columns: [{ header: '=x' }] }, [
      { '=x': -5 },
      { '=x': '-5' },
    ]);
    const table = await openTable(path);
    expect(table.headers).toEqual(["'=x"]);
    expect((await readAll(table)).map((r) => r.values["'=x"])).toEqual(['-5', "'-5"]);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { openTable } from './read.ts';
import { readAll, useTempDir } from './testing.ts';
import { writeTable } from './write.ts';
import type { WriteRow } from './write.ts';

const file = useTempDir();

async function* slowly(rows: WriteRow[]): AsyncGenerator<WriteRow> {
  for (const row of rows) {
    await new Promise((resolve) => setImmediate(resolve));
    yield row;
  }
}

describe('writeTable', () => {
  it('writes only the declared columns, from an async source, to a stream', async () => {
    const out = new PassThrough();
    const written = text(out);
    const result = await writeTable(
      out,
      { format: 'csv', bom: false, columns: [{ header: 'Name', key: 'name' }, { header: 'Age' }] },
      slowly([
        { name: 'Amira', Age: 34, phone: '+30 691 234 5678' },
        { name: 'Zahra', secret: 'not listed' },
      ]),
    );
    expect(result).toEqual({ rows: 2 });
    expect(await written).toBe('Name,Age\r\nAmira,34\r\nZahra,\r\n');
  });

  it('refuses bad column lists', async () => {
    const cases = [[], [{ header: ' ' }], [{ header: 'a' }, { header: 'a ' }]];
    for (const columns of cases) {
      await expect(
        writeTable(file('never.csv'), { format: 'csv', columns }, []),
      ).rejects.toMatchObject({ code: 'invalid_column' });
    }
  });

  it('names the row and column of a value it cannot write, and removes the partial file', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const path = file(`partial.${format}`);
      const rows = [{ n: 1 }, { n: 2 }, { n: Number.NaN }];
      await expect(
        writeTable(path, { format, columns: [{ header: 'n' }] }, rows),
      ).rejects.toMatchObject({
        code: 'invalid_value',
        row: 4,
        message: 'Row 4: the value of "n" is not a finite number.',
      });
      expect(existsSync(path), format).toBe(false);
    }
    await expect(
      writeTable(
        file('date.csv'),
        { format: 'hxl-csv', columns: [{ header: 'd', hxl: '#date' }] },
        [{ d: new Date('not a date') }],
      ),
    ).rejects.toMatchObject({ code: 'invalid_value', row: 3 });
  });

  it('writes an empty table as its header', async () => {
    const path = file('empty.xlsx');
    expect(await writeTable(path, { format: 'xlsx', columns: [{ header: 'a' }] }, [])).toEqual({
      rows: 0,
    });
    const table = await openTable(path);
    expect(table.headers).toEqual(['a']);
    expect(await readAll(table)).toEqual([]);
  });

  it('quotes line breaks of either kind so that rows stay rows', async () => {
    const path = file('breaks.csv');
    await writeTable(
      path,
      { format: 'csv', bom: false, columns: [{ header: 'a' }, { header: 'b' }] },
      [
        { a: 'one\ntwo', b: 'three\rfour' },
        { a: 'x', b: 'y' },
      ],
    );
    expect(readFileSync(path, 'utf8')).toBe('a,b\r\n"one\ntwo","three\rfour"\r\nx,y\r\n');
    expect((await readAll(await openTable(path))).map((r) => r.row)).toEqual([2, 3]);
  });
});

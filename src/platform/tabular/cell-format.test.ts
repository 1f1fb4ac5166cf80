import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDateTime, plainNumber, spreadsheetNumber } from './cell-format.ts';
import { columnLetter } from './errors.ts';

describe('plainNumber', () => {
  it('expands exponents', () => {
    expect(plainNumber(1e21)).toBe('1000000000000000000000');
    expect(plainNumber(1.25e-7)).toBe('0.000000125');
    expect(plainNumber(-3.5e22)).toBe('-35000000000000000000000');
    expect(plainNumber(123.456)).toBe('123.456');
    expect(plainNumber(-0)).toBe('0');
    expect(() => plainNumber(Number.NaN)).toThrow(RangeError);
  });

  it('is exact and never uses an exponent', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = plainNumber(n);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(n === 0 ? 0 : n);
      }),
    );
  });

  it('shows 15 significant digits for spreadsheet cells, as Excel does', () => {
    expect(spreadsheetNumber(0.1 + 0.2)).toBe('0.3');
    expect(spreadsheetNumber(306912345678)).toBe('306912345678');
    expect(spreadsheetNumber(2 ** 60)).toBe('1152921504606850000'); // 1152921504606846976
  });
});

describe('isoDateTime', () => {
  it('writes a date, a date and time, or a time of day', () => {
    expect(isoDateTime(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(isoDateTime(new Date(Date.UTC(1950, 0, 1)))).toBe('1950-01-01');
    expect(isoDateTime(new Date(Date.UTC(2024, 1, 29, 8, 5, 9)))).toBe('2024-02-29T08:05:09');
    expect(isoDateTime(new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 600)))).toBe('2024-03-01');
    expect(isoDateTime(new Date(Date.UTC(1899, 11, 30, 13, 15)))).toBe('13:15:00');
    expect(() => isoDateTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('columnLetter', () => {
  it('numbers columns as spreadsheets do', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });
});

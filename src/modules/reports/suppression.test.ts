import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  isSuppressed,
  suppressCount,
  suppressList,
  suppressTable,
  withTotals,
  type Cell,
  type CountTable,
} from './suppression.ts';

const M = { suppressed: true, label: '<5' } as const;

describe('suppressCount', () => {
  it.each([
    [0, 0],
    [1, M],
    [4, M],
    [5, 5],
    [120, 120],
  ])('%i → %o', (n, expected) => {
    expect(suppressCount(n)).toEqual(expected);
  });

  it('derives the label from the threshold and can hide zeros', () => {
    expect(suppressCount(9, 10)).toEqual({ suppressed: true, label: '<10' });
    expect(suppressCount(0, 5, true)).toEqual(M);
  });

  it('refuses what is not a count or not a threshold', () => {
    expect(() => suppressCount(-1)).toThrow(RangeError);
    expect(() => suppressCount(2.5)).toThrow(RangeError);
    expect(() => suppressCount(3, 0)).toThrow(/threshold/);
  });
});

describe('suppressList', () => {
  it('hides a small count and the next smallest non-zero one, keeping the total', () => {
    expect(suppressList([3, 10, 12])).toEqual({ cells: [M, M, 12], total: 25 });
    expect(suppressList([0, 3, 8, 9])).toEqual({ cells: [0, M, M, 9], total: 20 });
  });

  it('needs no complement when no total is published', () => {
    expect(suppressList([3, 10], { publishTotal: false })).toEqual({ cells: [M, 10] });
  });

  it('hides one more when the hidden cells could only all be 1', () => {
    expect(suppressList([1, 1, 10])).toEqual({ cells: [M, M, M], total: 12 });
  });

  it('hides a small total', () => {
    expect(suppressList([1, 2, 0])).toEqual({ cells: [M, M, 0], total: M });
  });

  it('leaves a list without small counts alone', () => {
    expect(suppressList([0, 5, 7])).toEqual({ cells: [0, 5, 7], total: 12 });
  });

  it('hides zeros when asked, complementing with a non-zero count', () => {
    expect(suppressList([0, 7, 9], { suppressZeros: true })).toEqual({
      cells: [M, M, 9],
      total: 16,
    });
  });
});

describe('suppressTable', () => {
  it('hides a rectangle around one small cell of a table with all totals', () => {
    const cells = [
      [2, 10, 20],
      [15, 30, 40],
      [25, 35, 45],
    ];
    expect(suppressTable(withTotals(cells, { rows: true, columns: true, grand: true }))).toEqual({
      cells: [
        [M, M, 20],
        [M, M, 40],
        [25, 35, 45],
      ],
      rowTotals: [32, 85, 105],
      columnTotals: [42, 75, 105],
      grandTotal: 222,
    });
  });

  it('protects an unpublished row total that the grand total would give away', () => {
    // Without more hiding, row 0's total is 32 − 30 = 2.
    const table = withTotals(
      [
        [1, 1, 0],
        [0, 0, 30],
      ],
      { columns: true, grand: true },
    );
    expect(suppressTable(table)).toEqual({
      cells: [
        [M, M, 0],
        [0, 0, 30],
      ],
      columnTotals: [M, M, 30],
      grandTotal: M,
    });
  });

  it('keeps cells the caller already hid, and protects them', () => {
    const table: CountTable = { cells: [[M, 10, 20]], rowTotals: [37] };
    expect(suppressTable(table)).toEqual({ cells: [[M, M, 20]], rowTotals: [37] });
  });

  it('refuses tables that do not add up or are not tables', () => {
    expect(() => suppressTable({ cells: [[1, 2]], rowTotals: [4] })).toThrow(/does not match/);
    expect(() => suppressTable({ cells: [[1, 2], [3]] })).toThrow(/cells\[1\]/);
    expect(() => suppressTable({ cells: [[-1]] })).toThrow(/cells\[0\]\[0\]/);
    expect(() => suppressTable({ cells: [[1]], columnTotals: [1, 2] })).toThrow(/columnTotals/);
    expect(() => suppressTable({ cells: [[6, 7]], grandTotal: 12 })).toThrow(/does not match/);
  });

  it('returns an empty table unchanged', () => {
    expect(suppressTable({ cells: [], grandTotal: 0 })).toEqual({ cells: [], grandTotal: 0 });
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

interface Case {
  cells: number[][];
  publish: { rows: boolean; columns: boolean; grand: boolean };
  threshold: number;
  suppressZeros: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    threshold: fc.constantFrom(2, 3, 5, 10),
    rows: fc.integer({ min: 1, max: 6 }),
    cols: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ threshold, rows, cols }) => {
    const count = fc.oneof(
      fc.constant(0),
      fc.integer({ min: 1, max: threshold - 1 }),
      fc.integer({ min: threshold, max: threshold * 4 }),
    );
    const row = fc.array(count, { minLength: cols, maxLength: cols });
    return fc.record({
      cells: fc.array(row, { minLength: rows, maxLength: rows }),
      publish: fc.record({ rows: fc.boolean(), columns: fc.boolean(), grand: fc.boolean() }),
      threshold: fc.constant(threshold),
      suppressZeros: fc.boolean(),
    });
  });

const run = (c: Case) => {
  const input = withTotals(c.cells, c.publish);
  const options = { threshold: c.threshold, suppressZeros: c.suppressZeros };
  return { input, options, output: suppressTable(input, options) };
};

const small = (c: Case, v: number) => v < c.threshold && (c.suppressZeros || v > 0);

/** Every figure of the grid with margins: true value, published or not, what was published. */
function gridOf(c: Case, out: CountTable) {
  const R = c.cells.length;
  const C = c.cells[0]!.length;
  const full = withTotals(c.cells, { rows: true, columns: true, grand: true });
  const figures: { i: number; j: number; value: number; published: Cell | undefined }[] = [];
  for (let i = 0; i <= R; i++) {
    for (let j = 0; j <= C; j++) {
      const value =
        i < R
          ? j < C
            ? c.cells[i]![j]!
            : full.rowTotals![i]!
          : j < C
            ? full.columnTotals![j]!
            : full.grandTotal!;
      const published =
        i < R
          ? j < C
            ? out.cells[i]![j]
            : out.rowTotals?.[i]
          : j < C
            ? out.columnTotals?.[j]
            : out.grandTotal;
      figures.push({ i, j, value: value as number, published });
    }
  }
  return { R, C, figures };
}

/**
 * Unknowns fixed by the published figures: the line equations (members sum to total) in the
 * unknowns, reduced to row echelon form; an unknown is fixed when its pivot row holds nothing else.
 */
function derivable(c: Case, out: CountTable) {
  const { R, C, figures } = gridOf(c, out);
  const unknown = figures.filter((f) => f.published === undefined || isSuppressed(f.published));
  const column = new Map(unknown.map((f, k) => [`${f.i},${f.j}`, k]));
  const equations: number[][] = [];
  const addLine = (members: [number, number][], total: [number, number]) => {
    const eq = new Array<number>(unknown.length).fill(0);
    for (const [i, j] of members) {
      const k = column.get(`${i},${j}`);
      if (k !== undefined) eq[k]! += 1;
    }
    const k = column.get(`${total[0]},${total[1]}`);
    if (k !== undefined) eq[k]! -= 1;
    equations.push(eq);
  };
  const range = (n: number) => Array.from({ length: n }, (_, x) => x);
  for (let i = 0; i <= R; i++)
    addLine(
      range(C).map((j) => [i, j]),
      [i, C],
    );
  for (let j = 0; j <= C; j++)
    addLine(
      range(R).map((i) => [i, j]),
      [R, j],
    );

  const pivotOf = new Map<number, number[]>();
  let top = 0;
  for (let col = 0; col < unknown.length && top < equations.length; col++) {
    let best = top;
    for (let r = top; r < equations.length; r++) {
      if (Math.abs(equations[r]![col]!) > Math.abs(equations[best]![col]!)) best = r;
    }
    if (Math.abs(equations[best]![col]!) < 1e-9) continue;
    [equations[top], equations[best]] = [equations[best]!, equations[top]!];
    const pivot = equations[top]!;
    const scale = pivot[col]!;
    for (let k = 0; k < pivot.length; k++) pivot[k]! /= scale;
    for (const [r, eq] of equations.entries()) {
      if (r === top || Math.abs(eq[col]!) < 1e-12) continue;
      const f = eq[col]!;
      for (let k = 0; k < eq.length; k++) eq[k]! -= f * pivot[k]!;
    }
    pivotOf.set(col, pivot);
    top++;
  }
  return unknown.filter((_, k) => {
    const row = pivotOf.get(k);
    return row !== undefined && row.every((x, col) => col === k || Math.abs(x) < 1e-9);
  });
}

describe('suppressTable properties', () => {
  it('publishes no small figure', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { figures } = gridOf(c, run(c).output);
        for (const f of figures) {
          if (typeof f.published === 'number') expect(small(c, f.published)).toBe(false);
        }
      }),
    );
  });

  it('lets no hidden figure, and no small unpublished total, be worked out from the rest', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        for (const f of derivable(c, run(c).output)) {
          expect(f.published, `(${f.i}, ${f.j}) is hidden yet derivable`).toBeUndefined();
          expect(small(c, f.value), `unpublished (${f.i}, ${f.j}) = ${f.value}`).toBe(false);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves every line with a published total with 0 or ≥ 2 hidden cells, or its total hidden', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { output } = run(c);
        const R = c.cells.length;
        const C = c.cells[0]!.length;
        const lines: { cells: readonly Cell[]; values: number[]; total: Cell | undefined }[] = [
          ...c.cells.map((values, i) => ({
            cells: output.cells[i]!,
            values,
            total: output.rowTotals?.[i],
          })),
          ...Array.from({ length: C }, (_, j) => ({
            cells: output.cells.map((r) => r[j]!),
            values: c.cells.map((r) => r[j]!),
            total: output.columnTotals?.[j],
          })),
        ];
        expect(lines).toHaveLength(R + C);
        for (const line of lines) {
          if (line.total === undefined || isSuppressed(line.total)) continue;
          const hidden = line.cells.flatMap((cell, k) => (isSuppressed(cell) ? [k] : []));
          expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
          const shownSum = line.cells.reduce<number>((a, x) => a + (isSuppressed(x) ? 0 : x), 0);
          const hiddenSum = hidden.reduce((a, k) => a + line.values[k]!, 0);
          expect(hiddenSum).toBe(line.total - shownSum);
          // Not pinned: with zeros shown, the hidden cells cannot all be worked out as 1.
          if (hidden.length > 0)
            expect(hiddenSum).toBeGreaterThan(c.suppressZeros ? 0 : hidden.length);
        }
      }),
    );
  });

  it('never changes a figure it publishes and hides nothing when nothing is small', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { input, output } = run(c);
        const { figures } = gridOf(c, output);
        for (const f of figures) {
          if (typeof f.published === 'number') expect(f.published).toBe(f.value);
        }
        expect(output.rowTotals === undefined).toBe(input.rowTotals === undefined);
        expect(output.columnTotals === undefined).toBe(input.columnTotals === undefined);
        expect(output.grandTotal === undefined).toBe(input.grandTotal === undefined);
        if (!figures.some((f) => small(c, f.value))) expect(output).toEqual(input);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { options, output } = run(c);
        expect(suppressTable(output, options)).toEqual(output);
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  cellText,
  lastQuarters,
  publishedThreshold,
  shareOf,
  sriBinOf,
  suppressCells,
  suppressSiteTable,
} from './tables.ts';

const M = { suppressed: true, label: '<5' } as const;

describe('per-site tables', () => {
  it('hides small counts and whatever would reveal them through the totals', () => {
    const t = suppressSiteTable(
      [
        { siteId: 'a', siteName: 'A', counts: [3, 20] },
        { siteId: 'b', siteName: 'B', counts: [12, 30] },
      ],
      2,
      5,
    );
    expect(t.rows[0]!.cells[0]).toEqual(M);
    // Site A's total and the column total are published, so another cell must go too.
    const hidden = [...t.rows.flatMap((r) => [...r.cells, r.total]), ...t.columnTotals].filter(
      (c) => typeof c !== 'number',
    );
    expect(hidden.length).toBeGreaterThanOrEqual(3);
    expect(t.grandTotal).toBe(65);
  });

  it('leaves large counts alone and gives shares only of published figures', () => {
    const t = suppressSiteTable([{ siteId: 'a', siteName: 'A', counts: [6, 14] }], 2, 5);
    expect(t.rows[0]).toEqual({ siteId: 'a', siteName: 'A', cells: [6, 14], total: 20 });
    expect(shareOf(6, 20)).toBe(0.3);
    expect(shareOf(M, 20)).toBeNull();
    expect(shareOf(0, 0)).toBeNull();
  });

  it('handles an empty table, lone cells, labels and the threshold floor', () => {
    expect(suppressSiteTable([], 2, 5)).toEqual({ rows: [], columnTotals: [0, 0], grandTotal: 0 });
    expect(suppressCells([[1, 7]], 5)).toEqual([[M, 7]]);
    expect(cellText(M)).toBe('<5');
    expect(cellText(9)).toBe(9);
    expect(publishedThreshold(undefined)).toBe(5);
    expect(publishedThreshold(3)).toBe(5);
    expect(publishedThreshold(10)).toBe(10);
  });
});

describe('SRI bins and quarters', () => {
  it('bins totals on the 1–5 scale, a sum by its own range', () => {
    const mean = (value: number) => sriBinOf({ value, min: 1, max: 5 });
    expect([1, 1.99, 2, 2.999999999999, 3.5, 4, 5].map(mean)).toEqual([0, 0, 1, 2, 2, 3, 3]);
    // 12 domains summed: 12–60; 36 is the middle, 3 on the 1–5 scale.
    expect(sriBinOf({ value: 36, min: 12, max: 60 })).toBe(2);
    expect(sriBinOf({ value: 12, min: 12, max: 60 })).toBe(0);
    expect(sriBinOf({ value: 60, min: 12, max: 60 })).toBe(3);
    // 6 domains summed: 6–30; 15 is 2.5 on the scale.
    expect(sriBinOf({ value: 15, min: 6, max: 30 })).toBe(1);
  });

  it('lists the last quarters up to the one holding the day, across years', () => {
    expect(lastQuarters('2026-03-02', 3)).toEqual([
      { quarter: '2025-Q3', from: '2025-07-01', to: '2025-09-30' },
      { quarter: '2025-Q4', from: '2025-10-01', to: '2025-12-31' },
      { quarter: '2026-Q1', from: '2026-01-01', to: '2026-03-31' },
    ]);
    expect(lastQuarters('2024-05-31', 1)).toEqual([
      { quarter: '2024-Q2', from: '2024-04-01', to: '2024-06-30' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  cellText,
  publishedThreshold,
  shareOf,
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

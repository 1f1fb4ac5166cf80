import { describe, expect, it } from 'vitest';
import {
  countText,
  countValue,
  fileSlug,
  linearScale,
  niceTicks,
  shareText,
  tableCsv,
} from './model';

const hidden = { suppressed: true as const, label: '<5' };

describe('chart model', () => {
  it('shows a hidden count as the server labels it, never as a number', () => {
    expect(countText(hidden, 'en')).toBe('<5');
    expect(countValue(hidden)).toBeNull();
    expect(countText(1234, 'en')).toBe('1,234');
    expect(countValue(0)).toBe(0);
  });

  it('formats shares as percentages and unknown ones as a dash', () => {
    expect(shareText(0.333, 'en')).toBe('33.3%');
    expect(shareText(null, 'en')).toBe('—');
  });

  it('makes nice ticks that cover the maximum', () => {
    expect(niceTicks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
    for (const max of [3, 7, 13, 99, 101, 4321]) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(8);
    }
  });

  it('maps a domain onto a range, mirrored when the range runs backwards', () => {
    const ltr = linearScale(0, 10, 100, 200);
    const rtl = linearScale(0, 10, 200, 100);
    expect(ltr(5)).toBe(150);
    expect(rtl(0)).toBe(200);
    expect(rtl(10)).toBe(100);
  });

  it('writes the table as CSV with formula characters neutralised', () => {
    const csv = tableCsv({
      columns: ['Site', 'Count'],
      rows: [
        { key: 'a', cells: ['=HYPERLINK("x")', '<5'] },
        { key: 'b', cells: ['Camp, North', '12'] },
      ],
    });
    expect(csv).toBe('Site,Count\r\n"\'=HYPERLINK(""x"")",<5\r\n"Camp, North",12\r\n');
  });

  it('names files from titles in any script', () => {
    expect(fileSlug('Dependency by site')).toBe('dependency-by-site');
    expect(fileSlug('الاعتمادية حسب الموقع')).toBe('الاعتمادية-حسب-الموقع');
    expect(fileSlug('!!!')).toBe('chart');
  });
});

import { describe, expect, it } from 'vitest';
import { localDayRange, localDayStartIso } from './dates';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;

describe('localDayStartIso', () => {
  it('gives the local midnight as an ISO date-time with offset', () => {
    const iso = localDayStartIso('2026-03-02');
    expect(iso).toMatch(ISO_WITH_OFFSET);
    expect(Date.parse(iso!)).toBe(new Date(2026, 2, 2).getTime());
  });

  it('adds days across month and year ends', () => {
    expect(Date.parse(localDayStartIso('2026-02-28', 1)!)).toBe(new Date(2026, 2, 1).getTime());
    expect(Date.parse(localDayStartIso('2026-12-31', 1)!)).toBe(new Date(2027, 0, 1).getTime());
  });

  it('rejects what is not a real day', () => {
    for (const bad of ['', '2026-3-2', '2026-02-30', '2026-13-01', 'yesterday', '2026-03-02T00:00'])
      expect(localDayStartIso(bad), bad).toBeUndefined();
  });
});

describe('localDayRange', () => {
  it('covers whole days: from inclusive, to the start of the next day', () => {
    const range = localDayRange('2026-03-02', '2026-03-02');
    expect(range.from).toMatch(ISO_WITH_OFFSET);
    expect(range.to).toMatch(ISO_WITH_OFFSET);
    expect(Date.parse(range.to!) - Date.parse(range.from!)).toBe(
      new Date(2026, 2, 3).getTime() - new Date(2026, 2, 2).getTime(),
    );
  });

  it('leaves empty bounds out', () => {
    expect(localDayRange('', '')).toEqual({ from: undefined, to: undefined });
  });
});

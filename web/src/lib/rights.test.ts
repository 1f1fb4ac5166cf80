import { describe, expect, it } from 'vitest';
import type { Entitlement } from '../api/types';
import en from '../locales/en.json';
import {
  groupByOwed,
  heatBand,
  isOverdue,
  isUnassessed,
  localToday,
  RIGHTS_ARTICLES,
} from './rights';

describe('rights helpers', () => {
  it('names every catalogue article in the locales', () => {
    const titles = en.rights.articles as Record<string, string>;
    expect(Object.keys(titles).sort()).toEqual([...RIGHTS_ARTICLES].sort());
  });

  it('bands the share with full access; no share has no colour', () => {
    expect(heatBand(null)).toBe('none');
    expect(heatBand(0)).toBe('b0');
    expect(heatBand(0.333)).toBe('b20');
    expect(heatBand(0.5)).toBe('b40');
    expect(heatBand(0.79)).toBe('b60');
    expect(heatBand(1)).toBe('b80');
  });

  it('tells a cell nobody was assessed in from one with no access', () => {
    const cell = { article: '26', owed: 6, full: 0, partial: 0, none: 0, unassessed: 6 };
    expect(isUnassessed({ ...cell, shareWithAccess: 0 })).toBe(true);
    expect(isUnassessed({ ...cell, none: 6, unassessed: 0, shareWithAccess: 0 })).toBe(false);
    expect(isUnassessed({ ...cell, owed: '<5', unassessed: '<5', shareWithAccess: null })).toBe(
      false,
    );
  });

  it('finds overdue steps: not done, due before today', () => {
    expect(isOverdue({ dueOn: '2026-01-01', doneOn: null }, '2026-01-02')).toBe(true);
    expect(isOverdue({ dueOn: '2026-01-02', doneOn: null }, '2026-01-02')).toBe(false);
    expect(isOverdue({ dueOn: '2026-01-01', doneOn: '2026-01-03' }, '2026-01-05')).toBe(false);
    expect(isOverdue({ dueOn: null, doneOn: null }, '2026-01-05')).toBe(false);
  });

  it('gives today as a local day', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('groups entitlements by what is owed, keeping every group', () => {
    const item = (article: string, owed: Entitlement['owed']) => ({ article, owed }) as Entitlement;
    const groups = groupByOwed([item('3', 'yes'), item('17(1)', 'no'), item('26', 'yes')]);
    expect(groups.yes.map((i) => i.article)).toEqual(['3', '26']);
    expect(groups['if-refugee']).toEqual([]);
    expect(groups.no).toHaveLength(1);
    expect(groups.reserved).toEqual([]);
  });
});

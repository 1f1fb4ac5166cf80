/**
 * The rights-gap matrix: for each site and article, how many persons are owed the right
 * ('yes' or 'if-refugee') and what their latest observed access is. Persons come in groups that
 * share a site and a rights class (the same engine outcome), so the matrix is built from a few
 * hundred groups however many persons there are. Pure; suppression is applied by the caller.
 */
import { createHash } from 'node:crypto';
import type { Entitlements } from './engine.ts';

export type OwedMap = Readonly<Record<string, 'yes' | 'if-refugee'>>;

export interface MatrixCell {
  owed: number;
  full: number;
  partial: number;
  none: number;
  /** Owed, but not assessed (or assessed 'unknown'). */
  unassessed: number;
}

export type Matrix = Map<string /* site id, '' for none */, Map<string /* article */, MatrixCell>>;

/** What a person is owed, as stored per rights class, and the class's key. */
export function rightsClass(e: Entitlements): { key: string; owed: OwedMap } {
  const owed: Record<string, 'yes' | 'if-refugee'> = {};
  for (const item of e.items)
    if (item.owed === 'yes' || item.owed === 'if-refugee') owed[item.article] = item.owed;
  const key = createHash('sha256').update(JSON.stringify(owed)).digest('hex').slice(0, 20);
  return { key, owed };
}

/**
 * Adds `persons` persons of one site and class. `access` counts, per assessed article, the
 * group's persons by their latest access; an owed paragraph without its own assessments takes
 * its article's (an assessment of "17" speaks for 17(1)).
 */
export function addGroup(
  matrix: Matrix,
  siteId: string | null,
  owed: OwedMap,
  persons: number,
  access: ReadonlyMap<string, Readonly<Partial<Record<string, number>>>>,
): void {
  const key = siteId ?? '';
  let row = matrix.get(key);
  if (!row) matrix.set(key, (row = new Map<string, MatrixCell>()));
  for (const article of Object.keys(owed)) {
    let cell = row.get(article);
    if (!cell) row.set(article, (cell = { owed: 0, full: 0, partial: 0, none: 0, unassessed: 0 }));
    const seen = access.get(article) ?? access.get(article.replace(/\(.*$/, '')) ?? {};
    const full = seen.full ?? 0;
    const partial = seen.partial ?? 0;
    const none = seen.none ?? 0;
    cell.owed += persons;
    cell.full += full;
    cell.partial += partial;
    cell.none += none;
    cell.unassessed += persons - full - partial - none;
  }
}

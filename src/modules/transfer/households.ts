/**
 * The household rule of an import: rows sharing a householdExternalId form one household, and a
 * household has exactly one focal point. A household already in the registry keeps its focal
 * point, so the file may name that same person again or no one. Pure: the caller says what the
 * registry holds.
 */
import type { Problem, ResolvedMapping } from './mapping.ts';

interface Group {
  rows: number[];
  /** External ids of the file's rows whose relationship is focal_point. */
  focal: string[];
}

/** A household the registry already has, as the importer may see it. */
export interface KnownHousehold {
  /** External id of its current focal point; null when it has none. */
  focalExternalId: string | null;
}

export class HouseholdTally {
  private readonly groups = new Map<string, Group>();

  /** Every row with a household id counts, valid or not, so all problems show at once. */
  add(row: number, householdId: string, externalId: string, focal: boolean): void {
    if (householdId === '') return;
    let group = this.groups.get(householdId);
    if (!group) this.groups.set(householdId, (group = { rows: [], focal: [] }));
    group.rows.push(row);
    if (focal) group.focal.push(externalId);
  }

  get size(): number {
    return this.groups.size;
  }

  /** A problem on every row of each household whose focal point is missing or doubled. */
  problems(known: ReadonlyMap<string, KnownHousehold>, mapping: ResolvedMapping): Problem[] {
    const c = mapping.fields.relationship;
    const column = c ? { header: c.header, letter: c.letter } : null;
    const problems: Problem[] = [];
    for (const [key, group] of this.groups) {
      const message = focalProblem(group, known.get(key));
      if (!message) continue;
      for (const row of group.rows) problems.push({ row, column, field: 'relationship', message });
    }
    return problems.sort((a, b) => a.row! - b.row!);
  }
}

function focalProblem(group: Group, known: KnownHousehold | undefined): string | null {
  const existing = known?.focalExternalId ?? null;
  if (existing !== null) {
    return group.focal.every((id) => id === existing)
      ? null
      : 'the household of this row already has a focal point in the registry; change it in the household itself';
  }
  if (group.focal.length === 1) return null;
  return group.focal.length === 0
    ? 'the household of this row has no focal point: give exactly one member the relationship focal_point'
    : `the household of this row has ${group.focal.length} focal points: exactly one member may be focal_point`;
}

/**
 * Around the demo persons: sites, where each person lives and since when, a legal-status history
 * and households. Pure and seeded, like registry/demo-data.ts, so demo runs are reproducible.
 */
import { rng } from '../registry/demo-data.ts';

export interface DemoSite {
  name: string;
  type: 'camp' | 'collective_centre' | 'closed_compound' | 'private_accommodation' | 'urban';
  leaveFreely: boolean | null;
  capacity: number;
}

export const DEMO_SITES: DemoSite[] = [
  { name: 'North Hill Camp', type: 'camp', leaveFreely: true, capacity: 12000 },
  { name: 'River Camp', type: 'camp', leaveFreely: true, capacity: 8000 },
  {
    name: 'Old School Collective Centre',
    type: 'collective_centre',
    leaveFreely: true,
    capacity: 900,
  },
  { name: 'East Compound', type: 'closed_compound', leaveFreely: false, capacity: 3000 },
  { name: 'Harbour Compound', type: 'closed_compound', leaveFreely: false, capacity: 2500 },
  {
    name: 'Private housing, capital',
    type: 'private_accommodation',
    leaveFreely: true,
    capacity: 0,
  },
  { name: 'City centre (urban)', type: 'urban', leaveFreely: true, capacity: 0 },
];

export interface DemoLife {
  site: number;
  arrived: string;
  statuses: { status: string; grantedBy: string; from: string; to: string | null }[];
  household: { key: number; relationship: string } | null;
}

const day = (r: () => number, from: number, to: number) => {
  const t = from + Math.floor(r() * (to - from));
  return new Date(t * 86_400_000).toISOString().slice(0, 10);
};
const addDays = (date: string, days: number) =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

const START = Date.parse('2012-01-01') / 86_400_000;
const END = Date.parse('2026-06-30') / 86_400_000;

/** The life of `count` persons in the demo operation; `single` ones get no household. */
export function demoLives(count: number, seed: number, single: ReadonlySet<number>): DemoLife[] {
  const r = rng(seed * 7919 + 17);
  const lives: DemoLife[] = [];
  let household = 0;
  let left = 0;
  for (let i = 0; i < count; i++) {
    const arrived = day(r, START, END);
    const applied = addDays(arrived, Math.floor(r() * 60));
    const statuses: DemoLife['statuses'] = [];
    const outcome = r();
    const decided = addDays(applied, 200 + Math.floor(r() * 900));
    const pending = decided > '2026-06-30';
    statuses.push({
      status: 'asylum_seeker',
      grantedBy: 'host-state',
      from: applied,
      to: pending ? null : decided,
    });
    if (!pending) {
      const status =
        outcome < 0.45
          ? 'refugee_recognised'
          : outcome < 0.75
            ? 'humanitarian_admission'
            : outcome < 0.85
              ? 'subsidiary_protection'
              : 'no_status';
      statuses.push({ status, grantedBy: 'host-state', from: decided, to: null });
    }
    let member: DemoLife['household'] = null;
    if (!single.has(i)) {
      if (left === 0) {
        household++;
        left = 1 + Math.floor(r() * 6);
        member = { key: household, relationship: 'focal_point' };
      } else member = { key: household, relationship: r() < 0.3 ? 'spouse' : 'child' };
      left--;
    }
    lives.push({ site: Math.floor(r() * DEMO_SITES.length), arrived, statuses, household: member });
  }
  return lives;
}

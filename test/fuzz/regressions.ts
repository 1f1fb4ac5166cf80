import fs from 'node:fs';
import type { Identity } from './environment.ts';
import type { FuzzRequest } from './requests.ts';

/**
 * Violations and the regression file (test/fuzz/regressions.json): failing cases are kept as
 * concrete requests; a case marked "known" is a real server bug reported to its owners, skipped
 * by the test, and its `matches` says which violations of a fixed-seed run are that same bug.
 */

export interface Violation {
  seed: number;
  index: number;
  identity: Identity;
  operation: string;
  request: FuzzRequest;
  status: number;
  response: string;
  problems: string[];
}

export interface RegressionCase {
  id: string;
  identity: Identity;
  operation: string;
  request: FuzzRequest;
  seed?: number;
  index?: number;
  problems: string[];
  /** A bug only one database shows (row-level security binds only on PostgreSQL). */
  onlyOn?: 'pglite' | 'postgres';
  /** A real bug reported to the owners of the server code: skipped until they fix it. */
  known: boolean;
  note?: string;
  /**
   * For known bugs: which other violations are the same bug (the fixed-seed runs keep hitting
   * it): an optional operation and a regular expression over the problems and the response.
   */
  matches?: { operation?: string; evidence: string };
}

/** The known bug a violation is an instance of, if any. */
export function knownBug(
  v: Violation,
  cases: readonly RegressionCase[],
): RegressionCase | undefined {
  const text = `${v.problems.join('\n')}\n${v.response}`;
  return cases.find(
    (c) =>
      c.known &&
      c.matches &&
      (!c.matches.operation || c.matches.operation === v.operation) &&
      new RegExp(c.matches.evidence).test(text),
  );
}

/** Splits violations into new ones and counts of known bugs they are instances of. */
export function triage(violations: Violation[], cases: readonly RegressionCase[]) {
  const fresh: Violation[] = [];
  const known = new Map<string, number>();
  for (const v of violations) {
    const bug = knownBug(v, cases);
    if (bug) known.set(bug.id, (known.get(bug.id) ?? 0) + 1);
    else fresh.push(v);
  }
  return { fresh, known };
}

// ----- regression file ----------------------------------------------------------------------

export const REGRESSIONS_FILE = new URL('./regressions.json', import.meta.url);

export function readRegressions(): RegressionCase[] {
  if (!fs.existsSync(REGRESSIONS_FILE)) return [];
  return (JSON.parse(fs.readFileSync(REGRESSIONS_FILE, 'utf8')) as { cases: RegressionCase[] })
    .cases;
}

/** Appends new failing cases (one per operation and first problem) to regressions.json. */
export function appendRegressions(violations: Violation[]): RegressionCase[] {
  const cases = readRegressions();
  const seen = new Set(cases.map((c) => `${c.operation}|${c.problems[0]}`));
  const added: RegressionCase[] = [];
  for (const v of violations) {
    const key = `${v.operation}|${v.problems[0]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    added.push({
      id: `s${v.seed}-i${v.index}`,
      identity: v.identity,
      operation: v.operation,
      request: v.request,
      seed: v.seed,
      index: v.index,
      problems: v.problems,
      known: false,
      note: `found ${new Date().toISOString().slice(0, 10)}; status ${v.status}`,
    });
  }
  if (added.length)
    fs.writeFileSync(
      REGRESSIONS_FILE,
      JSON.stringify({ cases: [...cases, ...added] }, null, 2) + '\n',
    );
  return added;
}

import type { Identity } from './environment.ts';
import type { FuzzRequest, Operation } from './requests.ts';

/** Counts of a fuzzing run, for the console line and the long run's report. */

export interface RunStats {
  requests: number;
  ms: number;
  byClass: Record<string, number>;
  byIdentity: Record<string, number>;
  byKind: Record<string, number>;
  /** Sessions signed in again (after a fuzzed logout or break-glass). */
  renewed: number;
  /** Per operation: requests, successes, milliseconds. */
  byOperation: Record<string, { n: number; ok: number; ms: number }>;
}

export const emptyStats = (): RunStats => ({
  requests: 0,
  ms: 0,
  renewed: 0,
  byClass: {},
  byIdentity: {},
  byKind: {},
  byOperation: {},
});

export function count(
  stats: RunStats,
  identity: Identity,
  request: FuzzRequest,
  op: Operation | undefined,
  status: number,
  ms: number,
) {
  stats.requests++;
  const cls = `${Math.floor(status / 100)}xx`;
  stats.byClass[cls] = (stats.byClass[cls] ?? 0) + 1;
  stats.byIdentity[identity] = (stats.byIdentity[identity] ?? 0) + 1;
  const kind = request.kind.split(/[:+]/)[0]!;
  stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
  const key = op?.key ?? 'other';
  const o = (stats.byOperation[key] ??= { n: 0, ok: 0, ms: 0 });
  o.n++;
  o.ms += ms;
  if (status >= 200 && status < 300) o.ok++;
}

export function summary(label: string, stats: RunStats, operations: Operation[]): string {
  const classes = Object.entries(stats.byClass)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const reached = operations.filter((o) => (stats.byOperation[o.key]?.ok ?? 0) > 0).length;
  const secs = stats.ms / 1000;
  return (
    `${label}: ${stats.requests} requests (${classes}) in ${secs.toFixed(1)} s, ` +
    `${Math.round(stats.requests / Math.max(secs, 0.001))}/s; ${reached}/${operations.length} operations answered 2xx; ` +
    `${stats.renewed} sessions signed in again; ` +
    `by kind ${JSON.stringify(stats.byKind)}`
  );
}

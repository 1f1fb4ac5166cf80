// Shared by the crash scenarios: the target database, the asylon command, the server process
// (started, killed with SIGKILL, restarted), the owner's view of the database and the audit check.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type OwnerSession } from '../../src/platform/db/database.ts';

export const onPostgres = !!process.env.DATABASE_URL;
export const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-crash-'));
const bin = path.resolve('bin/asylon.js');

export const env: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  ASYLON_DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  // The harness signs in over HTTP with a password only; a server in production keeps MFA on.
  ASYLON_MFA_REQUIRED: 'false',
  // The point is the crash, not the limiters: dozens of requests go out at once.
  ASYLON_API_RATE_LIMIT: '1000000',
  ASYLON_LOGIN_RATE_LIMIT: '1000',
  ...(onPostgres
    ? {
        DATABASE_URL: process.env.DATABASE_URL!,
        DATABASE_OWNER_URL: process.env.DATABASE_OWNER_URL ?? '',
      }
    : {}),
};

/** What a scenario reports. `finished`: rounds whose work all ended before the kill. */
export interface ScenarioResult {
  name: string;
  rounds: number;
  kills: number;
  finished: number;
  violations: string[];
  /** Figures worth printing that are not violations (counts, abandoned idempotency claims). */
  notes: string[];
}

export function newResult(name: string): ScenarioResult {
  return { name, rounds: 0, kills: 0, finished: 0, violations: [], notes: [] };
}

/** A small seeded generator, so CRASH_SEED replays the same kill times and choices. */
export function seeded(seed: number) {
  let s = seed % 2 ** 31;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return {
    next,
    between: (lo: number, hi: number) => lo + next() * (hi - lo),
    shuffle<T>(xs: T[]): T[] {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
  };
}
export type Random = ReturnType<typeof seeded>;

export interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: string | null }>;
  out: () => string;
  err: () => string;
}

/** Runs `asylon ARGS` with the harness's settings. */
export function asylon(args: string[], input = ''): Run {
  const child = spawn(process.execPath, [bin, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  const done = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, done, out: () => stdout, err: () => stderr };
}

/** Runs `asylon ARGS` to the end and throws unless it succeeded. */
export async function asylonOk(args: string[], input = ''): Promise<string> {
  const run = asylon(args, input);
  const result = await run.done;
  if (result.code !== 0) throw new Error(`asylon ${args.join(' ')} failed: ${run.err()}`);
  return run.out();
}

/** Creates a user of these roles through `asylon users create … --password-stdin`. */
export async function createUser(email: string, roles: string[], password: string) {
  const roleArgs = roles.flatMap((r) => ['--role', r]);
  await asylonOk(['users', 'create', '--email', email, ...roleArgs, '--password-stdin'], password);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface Server {
  base: string;
  /** SIGKILL, no warning; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the orderly shutdown. */
  stop(): Promise<void>;
  exited: () => boolean;
}

/** Starts `asylon serve` on a free port; resolves once it listens (fails after 90 s). */
const running = new Set<ChildProcess>();

/** SIGKILLs any server a scenario left running when it stopped on an error. */
export async function killLeftovers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

export async function startServer(): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port)], { env });
  running.add(child);
  let out = '';
  let gone = false;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      if (process.env.CRASH_DEBUG) console.error(`server exited: ${code ?? signal}`);
      gone = true;
      running.delete(child);
      resolve();
    }),
  );
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  if (process.env.CRASH_DEBUG) {
    child.stdout.pipe(process.stderr);
    child.stderr.pipe(process.stderr);
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 90 s: ${out}`)),
      90_000,
    );
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Asylon is running')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening: ${out}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    async kill() {
      if (!gone) child.kill('SIGKILL');
      await exit;
    },
    async stop() {
      if (!gone) child.kill('SIGTERM');
      await exit;
    },
    exited: () => gone,
  };
}

/**
 * Runs `fn` as the schema owner (not bound by row-level security) on a fresh connection; on the
 * embedded database this opens the files the killed server left, which is itself a check.
 */
export async function asOwner<T>(fn: (owner: OwnerSession) => Promise<T>): Promise<T> {
  const database = onPostgres
    ? await openDatabase({
        kind: 'postgres',
        url: process.env.DATABASE_URL!,
        ownerUrl: process.env.DATABASE_OWNER_URL ?? null,
      })
    : await openDatabase({ kind: 'pglite', dataDir, lockPurpose: 'crash harness' });
  try {
    return await database.withOwner(fn);
  } finally {
    await database.close();
  }
}

/** `asylon audit verify`: the database opens and every operation's chain is intact. */
export async function auditVerifies(): Promise<boolean> {
  return (await asylon(['audit', 'verify']).done).code === 0;
}

/**
 * When to kill: a random moment inside a window meant to span the work. The window starts as a
 * guess and follows the work: the time it took when it all finished before the kill, or, when
 * the kill came first, the time it would have taken at the pace seen (`done` of `total` answered).
 */
export function killPlanner(random: Random, initialMs: number) {
  let window = initialMs;
  return {
    next: () => random.between(0.05, 1) * window,
    finishedAfter(ms: number) {
      window = Math.max(50, ms);
    },
    killedAfter(ms: number, done: number, total: number) {
      const estimate = (ms * total) / Math.max(done, 1);
      window = Math.min(window * 3, Math.max(window, estimate));
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function cleanUp(): void {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/**
 * Starts the work (already in flight), SIGKILLs the server after `delayMs` or, when the work
 * all finished first, right after it; returns every outcome and how long the work took if it
 * all finished before the kill.
 */
export async function killDuring<T>(
  server: Server,
  work: Promise<T>[],
  delayMs: number,
): Promise<{ results: T[]; finishedMs: number | null }> {
  const started = Date.now();
  let finishedMs: number | null = null;
  let killing = false;
  const all = Promise.all(work).then((results) => {
    if (!killing) finishedMs = Date.now() - started;
    return results;
  });
  await Promise.race([all, sleep(delayMs)]);
  killing = true;
  await server.kill();
  const results = await all;
  return { results, finishedMs };
}

// npm run bench:load — mixed realistic traffic against a real server on loopback (autocannon):
// 60 % searches, 30 % profile reads, 10 % registrations, at 50 connections for 60 s; then the
// same while one client keeps asking for a slow report; then, with LOAD_SOAK_MINUTES, a soak
// printing the server's memory. LOAD_PERSONS (default 20000) demo persons are loaded first.
// DATABASE_URL/DATABASE_OWNER_URL select PostgreSQL (a fresh, empty database), otherwise the
// embedded database in a temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { demoPersons } from '../src/modules/registry/demo-data.ts';

const persons = Number(process.env.LOAD_PERSONS ?? 20_000);
const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const soakMinutes = Number(process.env.LOAD_SOAK_MINUTES ?? 0);
const connections = 50;
const port = 18_990 + Math.floor(Math.random() * 9);
const base = `http://127.0.0.1:${port}`;
const bin = path.resolve('bin/asylon.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-load-'));
const env = {
  PATH: process.env.PATH ?? '',
  ASYLON_DATA_DIR: dataDir,
  ASYLON_API_RATE_LIMIT: '1000000', // the point is the server's capacity, not the limiter's
  LOG_LEVEL: 'warn',
  ...(process.env.DATABASE_URL
    ? {
        DATABASE_URL: process.env.DATABASE_URL,
        DATABASE_OWNER_URL: process.env.DATABASE_OWNER_URL ?? '',
      }
    : {}),
};

function asylon(args: string[], input = ''): string {
  const r = spawnSync(process.execPath, [bin, ...args], { env, input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`asylon ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

console.log(`load benchmark on ${env.DATABASE_URL ? 'postgres' : 'pglite'}: ${persons} persons`);
asylon(['demo', '--persons', String(persons), '--seed', '11']);
asylon(
  [
    'users',
    'create',
    '--email',
    'load@example.org',
    '--role',
    'registration_clerk',
    '--role',
    'protection_officer',
    '--role',
    'programme_officer',
    '--password-stdin',
  ],
  'a long benchmark passphrase 7',
);
const token = asylon(['token', 'create', '--email', 'load@example.org']).trim();
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

const server = spawn(process.execPath, [bin, 'serve', '--port', String(port)], { env });
await new Promise<void>((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('Asylon is running')) resolve();
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
});

const names = demoPersons(Math.min(persons, 5_000), 11).persons.map((p) => {
  const n = p.input.names[0]!;
  return [n.given, n.family].filter(Boolean).join(' ');
});
const ids: string[] = [];
for (const q of names.slice(0, 200)) {
  const res = await fetch(`${base}/api/v1/persons/search?q=${encodeURIComponent(q)}&limit=5`, {
    headers: auth,
  });
  const body = (await res.json()) as { items: { id: string }[] };
  ids.push(...body.items.map((i) => i.id));
}
if (ids.length === 0) throw new Error('no persons found to read');
const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

async function run(label: string, duration: number): Promise<void> {
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url: base,
    connections,
    duration,
    headers: auth,
    requests: [
      {
        // Each request gets its own headers: autocannon writes a POST's content-length into the
        // object it was given, and a GET carrying it would hang the connection.
        setupRequest: (req: autocannon.Request): autocannon.Request => {
          const r = Math.random();
          if (r < 0.6) {
            return {
              ...req,
              method: 'GET',
              path: `/api/v1/persons/search?q=${encodeURIComponent(pick(names))}&limit=10`,
              headers: { ...auth },
              body: undefined,
            };
          }
          if (r < 0.9) {
            return {
              ...req,
              method: 'GET',
              path: `/api/v1/persons/${pick(ids)}`,
              headers: { ...auth },
              body: undefined,
            };
          }
          const letters = Math.random().toString(36).slice(2, 8);
          return {
            ...req,
            method: 'POST',
            path: '/api/v1/persons',
            headers: { ...auth },
            body: JSON.stringify({
              names: [{ given: `Loadtest ${letters}`, family: 'Benchmark' }],
              sex: 'F',
              birthYear: 1970 + Math.floor(Math.random() * 40),
            }),
          };
        },
      },
    ],
  };
  const statuses = new Map<number, number>();
  const failures = new Map<string, number>();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, res) =>
      error
        ? reject(error instanceof Error ? error : new Error(JSON.stringify(error)))
        : resolve(res),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    });
    instance.on('reqError', (error: Error) => {
      const message = String(error.message);
      failures.set(message, (failures.get(message) ?? 0) + 1);
    });
  });
  latencies.sort((a, b) => a - b);
  console.log(
    `${label}: ${result.requests.average.toFixed(0)} req/s; p50 ${percentile(latencies, 50).toFixed(0)} ms, ` +
      `p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms; ` +
      `${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx of ${latencies.length}`,
  );
  if (result.non2xx > 0 || failures.size > 0) {
    console.log(
      `  statuses ${JSON.stringify(Object.fromEntries(statuses))}; errors ${JSON.stringify(Object.fromEntries(failures))}`,
    );
  }
}

const rssStart = rssMb(server.pid!);
await run(`mixed traffic, ${connections} connections, ${seconds} s`, seconds);

// One client keeps a slow report running the whole time.
let reporting = true;
let reports = 0;
const slow = (async () => {
  while (reporting) {
    await fetch(`${base}/api/v1/reports/reached?format=json`, { headers: auth }).then((r) =>
      r.arrayBuffer(),
    );
    reports++;
  }
})();
await run(`with a slow report running alongside`, seconds);
reporting = false;
await slow;
console.log(`(${reports} reports answered meanwhile)`);

if (soakMinutes > 0) await run(`soak, ${soakMinutes} min`, soakMinutes * 60);
console.log(
  `server memory: rss ${rssStart.toFixed(0)} MB before, ${rssMb(server.pid!).toFixed(0)} MB after`,
);
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
fs.rmSync(dataDir, { recursive: true, force: true });

// Import throughput: n fictional persons (with households and legal statuses) written to a CSV
// file, imported through the import service (reading, checking, matching by external id,
// writing, all in one transaction), then the same rows loaded plainly — precomputed column
// arrays through INSERT … SELECT FROM unnest, timing only the database calls — as the baseline.
// COPY FROM STDIN needs pg-copy-streams (not a dependency) and COPY FROM a server file needs a
// superuser, so the unnest load (the fastest load open to the application role) stands in.
// Run alone: BENCH_PERSONS=100000 [DATABASE_URL=… DATABASE_OWNER_URL=…] node bin/run-ts.js bench/import.ts
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { abilitiesOf } from '../src/platform/access/roles.ts';
import { loadConfig } from '../src/platform/config.ts';
import { generateKeys } from '../src/platform/crypto/keys.ts';
import { inTransaction } from '../src/platform/db/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import type { Platform } from '../src/platform/platform.ts';
import { openTable, writeTable, type WriteRow } from '../src/platform/tabular/index.ts';
import { openPlatform } from '../src/server/platform.ts';
import { defaultOperationId } from '../src/modules/operations/service.ts';
import { demoPersons } from '../src/modules/registry/demo-data.ts';
import { personColumns, statusColumns } from '../src/modules/transfer/columns.ts';
import { readRecord, type ImportRecord } from '../src/modules/transfer/import-rows.ts';
import { resolveMapping } from '../src/modules/transfer/mapping.ts';
import * as repo from '../src/modules/transfer/repository.ts';
import { commitImport } from '../src/modules/transfer/service.ts';

const COLUMNS = [
  'externalId',
  'givenName',
  'familyName',
  'middleName',
  'nativeGivenName',
  'nativeFamilyName',
  'nativeScript',
  'sex',
  'birthDate',
  'birthYear',
  'birthYearEstimated',
  'nationality',
  'languages',
  'specificNeeds',
  'householdExternalId',
  'relationship',
  'legalStatus',
  'legalStatusGrantedBy',
  'legalStatusFrom',
].map((header) => ({ header }));

const RELATIONS = ['focal_point', 'spouse', 'child', 'child'];

/** n demo persons as import rows: households of four, a legal status for one in three. */
function* demoRows(n: number, prefix: string): Generator<WriteRow> {
  const chunk = 20_000;
  for (let start = 0; start < n; start += chunk) {
    const { persons } = demoPersons(Math.min(chunk, n - start), 1000 + start / chunk, 0);
    for (const [k, { input }] of persons.entries()) {
      const i = start + k;
      const primary = input.names[0]!;
      const native = input.names.find((x) => x.use === 'original');
      yield {
        externalId: `${prefix}${i}`,
        givenName: primary.given,
        familyName: primary.family,
        middleName: primary.middle,
        nativeGivenName: native?.given,
        nativeFamilyName: native?.family,
        nativeScript: native?.script,
        sex: input.sex,
        birthDate: input.birthDate ?? null,
        birthYear: input.birthYear ?? null,
        birthYearEstimated: input.birthYearEstimated ? 'true' : 'false',
        nationality: input.nationalities.join(' '),
        languages: input.languages.join(' '),
        specificNeeds: input.specificNeeds.map((s) => s.code).join(' '),
        householdExternalId: `${prefix}H${Math.floor(i / 4)}`,
        relationship: RELATIONS[i % 4],
        legalStatus: i % 3 === 0 ? 'asylum_seeker' : null,
        legalStatusGrantedBy: i % 3 === 0 ? 'host-state' : null,
        legalStatusFrom: i % 3 === 0 ? '2024-01-15' : null,
      };
    }
  }
}

/** Writes a CSV of n demo persons (for this benchmark and the import tests). */
export async function writeDemoCsv(target: string, n: number, prefix = 'D-'): Promise<void> {
  await writeTable(target, { format: 'csv', columns: COLUMNS }, demoRows(n, prefix));
}

function benchContext(operationId: string) {
  const roles = ['registration_clerk' as const];
  return {
    actor: {
      userId: '00000000-0000-4000-8000-000000000002',
      operationId,
      agencyId: null,
      roles,
      abilities: abilitiesOf(roles),
      via: 'token' as const,
    },
    requestId: 'bench-import',
    now: new Date(),
  };
}

/** The plain load of the same file's rows: values precomputed, only the inserts timed. */
async function plainLoad(platform: Platform, operationId: string, file: string): Promise<number> {
  const table = await openTable(file);
  const { mapping } = resolveMapping(table.columns);
  const meta = {
    operationId,
    agencyId: null,
    userId: null,
    now: new Date(),
    today: new Date().toISOString().slice(0, 10),
    batchId: crypto.randomUUID(),
  };
  const households = new Map<string, string>();
  let inDb = 0;
  await inTransaction(platform.db, { operationId, userId: null }, async (trx) => {
    let batch: ImportRecord[] = [];
    const load = async () => {
      const planned = batch.map((record) => ({ id: crypto.randomUUID(), record }));
      const persons = personColumns(planned, true);
      const fresh = planned.filter(({ record: r }) => !households.has(r.household!.externalId));
      fresh.forEach(({ record: r }) =>
        households.set(r.household!.externalId, crypto.randomUUID()),
      );
      const hh = [...new Set(fresh.map(({ record: r }) => r.household!.externalId))];
      const members = {
        household_id: planned.map(({ record: r }) => households.get(r.household!.externalId)!),
        person_id: planned.map((p) => p.id),
        relationship: planned.map(({ record: r }) => r.household!.relationship),
      };
      const statuses = statusColumns(
        planned.filter((p) => p.record.status).map((p) => ({ personId: p.id, record: p.record })),
      );
      const t = performance.now();
      await repo.insertPersons(trx, meta, persons);
      await repo.insertHouseholds(trx, meta, {
        id: hh.map((h) => households.get(h)!),
        external_id: hh,
      });
      await repo.insertMembers(trx, meta, members);
      await repo.insertStatuses(trx, meta, statuses);
      inDb += performance.now() - t;
      batch = [];
    };
    for await (const { row, values } of table.rows) {
      const { record } = readRecord(row, values, mapping);
      batch.push(record!);
      if (batch.length === 1000) await load();
    }
    if (batch.length) await load();
  });
  return inDb / 1000;
}

export async function benchImport(platform: Platform, n: number) {
  const operationId = await defaultOperationId(platform);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asylon-bench-import-'));
  try {
    const file = path.join(dir, 'persons.csv');
    await writeDemoCsv(file, n);
    const mib = fs.statSync(file).size / 1048576;
    console.log(
      `import benchmark on ${platform.database.kind}: ${n} persons, CSV of ${mib.toFixed(1)} MiB`,
    );
    const t = performance.now();
    const result = await commitImport(platform, benchContext(operationId), {
      path: file,
      name: 'bench.csv',
    });
    const secs = (performance.now() - t) / 1000;
    if (!result.committed)
      throw new Error(`the import was refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
    const rate = n / secs;
    const s = result.summary;
    console.log(
      `import: ${secs.toFixed(1)} s, ${rate.toFixed(0)} rows/s (${s.personsCreated} persons, ${s.householdsCreated} households, ${s.membersAdded} memberships, ${s.statusesAdded} statuses)`,
    );
    const plainFile = path.join(dir, 'plain.csv');
    await writeDemoCsv(plainFile, n, 'P-');
    const plain = await plainLoad(platform, operationId, plainFile);
    console.log(
      `plain INSERT … SELECT FROM unnest of the same rows (precomputed; database time only): ${plain.toFixed(1)} s, ${(n / plain).toFixed(0)} rows/s`,
    );
    console.log(`ratio import / plain load: ${(secs / plain).toFixed(2)}×`);
    return { seconds: secs, rowsPerSecond: rate, plainSeconds: plain, ratio: secs / plain };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const invoked = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invoked === fileURLToPath(import.meta.url)) {
  const config = loadConfig({
    ASYLON_DATA_DIR: path.join(os.tmpdir(), 'asylon-bench'),
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL,
    DATABASE_OWNER_URL: process.env.DATABASE_OWNER_URL,
  });
  const database = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, ownerUrl: config.databaseOwnerUrl }
      : { kind: 'pglite', dataDir: null },
  );
  const platform = await openPlatform(config, { purpose: 'bench', database, keys: generateKeys() });
  try {
    await benchImport(platform, Number(process.env.BENCH_PERSONS ?? 100_000));
  } finally {
    await database.close();
  }
}

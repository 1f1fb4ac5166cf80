// The assistance dashboard's aggregates on synthetic data: dependency, access to self-reliance,
// persons reached, SRI site averages and the public transparency page, each timed.
//   node bin/run-ts.js bench/dashboard.ts
// Sizes: BENCH_PERSONS (default 20000), BENCH_DISTRIBUTIONS (default 200000);
// DATABASE_URL/DATABASE_OWNER_URL select PostgreSQL (a fresh, empty database), otherwise an
// in-memory embedded database. The data goes into an operation of its own, generated on the
// database side (INSERT … SELECT generate_series), so loading measures the database, not Node.
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type RawBuilder } from 'kysely';
import { abilitiesOf } from '../src/platform/access/roles.ts';
import type { RequestContext } from '../src/platform/access/actor.ts';
import { loadConfig } from '../src/platform/config.ts';
import { generateKeys } from '../src/platform/crypto/keys.ts';
import { inTransaction, type Tx } from '../src/platform/db/context.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import type { Platform } from '../src/platform/platform.ts';
import { openPlatform } from '../src/server/platform.ts';
import * as reports from '../src/modules/reports/service.ts';
import { buildPublicPage, publicTransparency } from '../src/modules/transparency/public-service.ts';

const SITES = 20;
const RUNS = 5;

async function load(trx: Tx, op: string, persons: number, distributions: number) {
  const run = (q: RawBuilder<unknown>) => q.execute(trx);
  await run(sql`INSERT INTO sites (operation_id, name, type)
    SELECT ${op}, 'Bench site ' || g, CASE WHEN g % 4 = 0 THEN 'closed_compound' ELSE 'camp' END
    FROM generate_series(0, ${SITES - 1}) g`);
  await run(sql`INSERT INTO persons (operation_id, names, sex, birth_year, registered_on, name_keys,
      name_text, created_at, updated_at, external_id)
    SELECT ${op}, '[{"given":"Bench","family":"Person"}]'::jsonb,
      CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END, 1946 + (g % 75), '2020-01-01', '{}', 'bench person',
      now(), now(), 'b' || g
    FROM generate_series(0, ${persons - 1}) g`);
  // Everyone lives on a site; one in 200 has moved there recently.
  await run(sql`INSERT INTO residences (operation_id, person_id, site_id, valid_from, recorded_at)
    SELECT p.operation_id, p.id, s.id,
      CASE WHEN substr(p.external_id, 2)::int % 200 = 0 THEN date '2026-01-01' ELSE date '2021-01-01' END, now()
    FROM persons p
    JOIN sites s ON s.operation_id = p.operation_id
      AND s.name = 'Bench site ' || (substr(p.external_id, 2)::int % ${SITES})
    WHERE p.operation_id = ${op}`);
  await run(sql`INSERT INTO providers (operation_id, name, independence_class, created_at, updated_at)
    VALUES (${op}, 'Bench sponsor', 'group_linked_sponsor', now(), now()),
           (${op}, 'Bench NGO', 'independent_humanitarian', now(), now()),
           (${op}, 'Bench state service', 'host_state_service', now(), now())`);
  await run(sql`INSERT INTO programmes (operation_id, name, type, provider_id, start_date, created_at, updated_at)
    SELECT ${op}, x.name, x.type, pv.id, '2025-01-01', now(), now()
    FROM (VALUES ('Sponsor food', 'food', 'Bench sponsor'), ('NGO food', 'food', 'Bench NGO'),
                 ('Sponsor shelter', 'shelter', 'Bench sponsor'), ('State cash', 'cash_grant', 'Bench state service'),
                 ('NGO tools', 'nfi_tools', 'Bench NGO'), ('Tailoring', 'skills_training', 'Bench NGO'))
      AS x(name, type, provider)
    JOIN providers pv ON pv.operation_id = ${op} AND pv.name = x.provider`);
  // One distribution per person per round (n / persons); on sites 0, 4, 8… (the compounds) four
  // rounds in five come from the sponsor.
  await run(sql`WITH g AS (SELECT ${op}::uuid AS op),
    ps AS (SELECT id, substr(external_id, 2)::int AS k FROM persons WHERE operation_id = ${op}),
    pr AS (SELECT id, provider_id, row_number() OVER (ORDER BY name) - 1 AS k
           FROM programmes WHERE operation_id = ${op} AND type <> 'skills_training')
    INSERT INTO distributions (operation_id, person_id, programme_id, provider_id, kind, item, value,
      currency, reporting_value, reporting_currency, distributed_on, recorded_at)
    SELECT ${op}, ps.id, pr.id, pr.provider_id, 'item', 'bench', 10 + n % 90, 'USD', 10 + n % 90, 'USD',
      date '2025-06-01' + (n % 270), now()
    FROM generate_series(0, ${distributions - 1}) n
    JOIN ps ON ps.k = (n * 7919) % ${persons}
    JOIN pr ON pr.k = CASE WHEN ps.k % ${SITES} % 4 = 0 AND (n / ${persons}) % 5 <> 0
      THEN 2 + (n / ${persons}) % 2 ELSE (n / ${persons}) % 5 END`);
  await run(sql`INSERT INTO enrolments (operation_id, person_id, programme_id, enrolled_on, status,
      recorded_at, updated_at)
    SELECT p.operation_id, p.id, g.id, date '2025-03-01' + (substr(p.external_id, 2)::int % 300), 'enrolled', now(), now()
    FROM persons p JOIN programmes g ON g.operation_id = p.operation_id AND g.type = 'skills_training'
    WHERE p.operation_id = ${op} AND substr(p.external_id, 2)::int % 7 = 0`);
  // Households of four, the first the focal point; one SRI assessment each.
  await run(sql`INSERT INTO households (operation_id, id, external_id, created_at, updated_at)
    SELECT ${op}, gen_random_uuid(), 'h' || h, now(), now()
    FROM generate_series(0, ${Math.floor(persons / 4) - 1}) h`);
  await run(sql`INSERT INTO household_members (operation_id, household_id, person_id, relationship,
      joined_on, recorded_at)
    SELECT p.operation_id, h.id, p.id,
      CASE WHEN substr(p.external_id, 2)::int % 4 = 0 THEN 'focal_point' ELSE 'other_relative' END,
      '2021-01-01', now()
    FROM persons p JOIN households h ON h.operation_id = p.operation_id
      AND h.external_id = 'h' || (substr(p.external_id, 2)::int / 4)
    WHERE p.operation_id = ${op}`);
  await run(sql`INSERT INTO sri_assessments (operation_id, household_id, assessed_on, instrument_version,
      domains, method, min_scored, scored_domains, recorded_at)
    SELECT h.operation_id, h.id, date '2025-09-01' + (k % 90), '2.0',
      jsonb_build_object('housing', 1 + k % 5, 'food', 1 + (k / 2) % 5, 'education', NULL,
        'healthcare', 1 + (k / 3) % 5, 'health_status', 2, 'safety', 1 + (k / 5) % 5, 'employment', 1 + k % 3,
        'financial_resources', 2, 'assistance', 3, 'debt', 1 + (k / 7) % 5, 'savings', 1, 'social_capital', 4),
      'mean-scored-v1', 6, 11, now()
    FROM (SELECT id, operation_id, substr(external_id, 2)::int AS k FROM households WHERE operation_id = ${op}) h`);
}

async function time(label: string, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await work();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  console.log(
    `${label}: median ${median.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}, ${RUNS} runs)`,
  );
  return median;
}

/** Loads synthetic assistance data into a new operation and times each dashboard aggregate. */
export async function benchDashboard(
  platform: Platform,
  persons = 20_000,
  distributions = 200_000,
): Promise<Record<string, number>> {
  const code = `bench-${crypto.randomBytes(4).toString('hex')}`;
  const op = await inTransaction(platform.db, null, async (trx) => {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO operations (code, name) VALUES (${code}, 'Dashboard benchmark') RETURNING id`.execute(
      trx,
    );
    return rows[0]!.id;
  });
  console.log(
    `dashboard benchmark on ${platform.database.kind}: ${persons} persons, ${distributions} distributions, ${SITES} sites`,
  );
  let t = performance.now();
  await inTransaction(platform.db, { operationId: op, userId: null }, (trx) =>
    load(trx, op, persons, distributions),
  );
  await platform.database.withOwner((o) => o.exec('ANALYZE'));
  console.log(`load: ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const now = new Date('2026-03-02T09:00:00Z');
  const ctx: RequestContext = {
    actor: {
      userId: crypto.randomUUID(),
      operationId: op,
      agencyId: null,
      roles: ['analyst'],
      abilities: abilitiesOf(['analyst']),
      via: 'token',
    },
    requestId: 'bench',
    now,
  };
  const json = { format: 'json' };
  const out: Record<string, number> = {};
  t = performance.now();
  out.dependency = await time('dependency by site (3 months)', () =>
    reports.dependencyReport(platform, ctx, { from: '2025-12-01', to: '2026-03-01', ...json }),
  );
  out.dependencyYear = await time('dependency by site (12 months)', () =>
    reports.dependencyReport(platform, ctx, { from: '2025-03-01', to: '2026-03-01', ...json }),
  );
  out.access = await time('self-reliance access by site', () =>
    reports.accessReport(platform, ctx, { asOf: '2026-03-01', ...json }),
  );
  out.reached = await time('persons reached by site and type (12 months)', () =>
    reports.reachedReport(platform, ctx, { from: '2025-03-01', to: '2026-03-01', ...json }),
  );
  out.sri = await time('SRI site averages', () => reports.sriReport(platform, ctx, json));
  out.public = await time('public transparency page, computed (all of the above)', () =>
    buildPublicPage(platform, code, now),
  );
  out.publicCached = await time('public transparency page, as served (cached 5 min)', () =>
    publicTransparency(platform, code, now),
  );
  return out;
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
  await benchDashboard(
    platform,
    Number(process.env.BENCH_PERSONS ?? 20_000),
    Number(process.env.BENCH_DISTRIBUTIONS ?? 200_000),
  );
  await database.close();
}

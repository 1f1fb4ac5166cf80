import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import type { DemoSite } from './extras.ts';

// Bulk inserts for demo data only: one statement per table and batch, through unnest.

export async function upsertSites(
  trx: Tx,
  operationId: string,
  sites: DemoSite[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const s of sites) {
    const { rows } = await sql<{ id: string }>`
      INSERT INTO sites (operation_id, name, type, capacity, leave_freely)
      VALUES (${operationId}, ${s.name}, ${s.type}, ${s.capacity || null}, ${s.leaveFreely})
      ON CONFLICT (operation_id, lower(name)) DO UPDATE SET type = EXCLUDED.type
      RETURNING id`.execute(trx);
    ids.push(rows[0]!.id);
  }
  return ids;
}

export async function insertResidences(
  trx: Tx,
  operationId: string,
  rows: { personId: string; siteId: string; from: string }[],
  now: Date,
) {
  await sql`
    INSERT INTO residences (operation_id, person_id, site_id, valid_from, moved_by, recorded_at)
    SELECT ${operationId}::uuid, p, s, f, 'demo', ${now}::timestamptz
    FROM unnest(${rows.map((r) => r.personId)}::uuid[], ${rows.map((r) => r.siteId)}::uuid[],
                ${rows.map((r) => r.from)}::date[]) AS t(p, s, f)`.execute(trx);
}

export async function insertStatuses(
  trx: Tx,
  operationId: string,
  rows: { personId: string; status: string; grantedBy: string; from: string; to: string | null }[],
  now: Date,
) {
  await sql`
    INSERT INTO legal_statuses (operation_id, person_id, status, granted_by, valid_from, valid_to, recorded_at)
    SELECT ${operationId}::uuid, p, s, g, f, t, ${now}::timestamptz
    FROM unnest(${rows.map((r) => r.personId)}::uuid[], ${rows.map((r) => r.status)}::text[],
                ${rows.map((r) => r.grantedBy)}::text[], ${rows.map((r) => r.from)}::date[],
                ${rows.map((r) => r.to)}::date[]) AS x(p, s, g, f, t)`.execute(trx);
}

export async function insertHouseholds(
  trx: Tx,
  operationId: string,
  households: { id: string; members: { personId: string; relationship: string; from: string }[] }[],
  now: Date,
) {
  if (!households.length) return;
  await sql`
    INSERT INTO households (operation_id, id, created_at, updated_at)
    SELECT ${operationId}::uuid, h, ${now}::timestamptz, ${now}::timestamptz
    FROM unnest(${households.map((h) => h.id)}::uuid[]) AS t(h)`.execute(trx);
  const members = households.flatMap((h) => h.members.map((m) => ({ ...m, household: h.id })));
  await sql`
    INSERT INTO household_members (operation_id, household_id, person_id, relationship, joined_on, recorded_at)
    SELECT ${operationId}::uuid, h, p, r, f, ${now}::timestamptz
    FROM unnest(${members.map((m) => m.household)}::uuid[], ${members.map((m) => m.personId)}::uuid[],
                ${members.map((m) => m.relationship)}::text[], ${members.map((m) => m.from)}::date[])
      AS t(h, p, r, f)`.execute(trx);
}

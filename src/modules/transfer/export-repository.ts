/**
 * SQL of exports (the persons an export may hold, page by page), of the transfer record, and of
 * the user a command-line import or export acts as.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import type { ExportSource } from './export-fields.ts';
import { visibleTo, type Viewer } from './repository.ts';

/**
 * What an export may hold: persons the viewer may see, never a restricted one (their
 * whereabouts must never leave in an export, SECURITY.md rule 2), never a merged-away record.
 */
const exportable = (
  viewer: Viewer,
  ids: readonly string[] | null = null,
) => sql`p.operation_id = ${viewer.operationId}
    AND p.merged_into IS NULL AND p.sensitivity <> 'restricted' AND ${visibleTo(viewer)}
    AND (${ids === null}::boolean OR p.id = ANY(${ids ? [...ids] : []}::uuid[]))`;

/** How many persons an export holds: every exportable one, or those of `ids` (a chosen list). */
export async function countExportable(
  trx: Tx,
  viewer: Viewer,
  ids: readonly string[] | null = null,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM persons p WHERE ${exportable(viewer, ids)}`.execute(trx);
  return rows[0]?.n ?? 0;
}

/** Of those, how many lack consent for the purpose in one of the categories (migration 0013). */
export async function countExportableWithoutConsent(
  trx: Tx,
  viewer: Viewer,
  consent: { purpose: string; categories: readonly string[] },
  ids: readonly string[] | null = null,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM persons p WHERE ${exportable(viewer, ids)}
      AND consent_lacking(p.operation_id, p.id, ${consent.purpose}, ${[...consent.categories]}::text[])`.execute(
    trx,
  );
  return rows[0]?.n ?? 0;
}

/** One page, in id order after `afterId`; the phone only when the export may carry it. */
export async function exportPage(
  trx: Tx,
  viewer: Viewer,
  page: {
    afterId: string | null;
    limit: number;
    withPhone: boolean;
    ids?: readonly string[] | null;
  },
): Promise<ExportSource[]> {
  const { rows } = await sql<ExportSource>`
    SELECT p.id, p.external_id, p.names, p.sex, p.birth_date, p.birth_year, p.birth_year_estimated,
      p.nationalities, p.languages, p.specific_needs, p.sensitivity, p.registered_on,
      CASE WHEN ${page.withPhone} THEN p.contact->>'phone' END AS phone,
      h.external_id AS household_external_id, m.relationship,
      s.status, s.granted_by, s.valid_from, s.valid_to
    FROM persons p
    LEFT JOIN household_members m
      ON m.operation_id = p.operation_id AND m.person_id = p.id AND m.left_on IS NULL
    LEFT JOIN households h ON h.operation_id = m.operation_id AND h.id = m.household_id
    LEFT JOIN LATERAL (
      SELECT s.status, s.granted_by, s.valid_from, s.valid_to FROM legal_statuses s
      WHERE s.operation_id = p.operation_id AND s.person_id = p.id
      ORDER BY s.valid_from DESC, s.recorded_at DESC LIMIT 1) s ON true
    WHERE ${exportable(viewer, page.ids ?? null)} AND (${page.afterId}::uuid IS NULL OR p.id > ${page.afterId}::uuid)
    ORDER BY p.id
    LIMIT ${page.limit}`.execute(trx);
  return rows;
}

export interface TransferRow {
  operation_id: string;
  id: string;
  kind: string;
  recipient: string;
  purpose: string;
  legal_basis: string | null;
  fields: string[];
  record_count: number;
  format: string | null;
  created_by: string | null;
  created_at: Date;
  /** Added by migration 0013 (left out: the database fills recipient type and categories). */
  recipient_type?: string;
  categories?: string[];
  consent_purpose?: string | null;
  consent_missing?: number | null;
  override_reason_sealed?: Buffer | null;
  request_id?: string | null;
}

export async function insertTransfer(trx: Tx, row: TransferRow): Promise<void> {
  await trx.withTables<{ transfers: TransferRow }>().insertInto('transfers').values(row).execute();
}

// ---- the command line ---------------------------------------------------------------------------

export interface UserRow {
  roles: string[];
  agency_id: string | null;
  status: string;
}

/** The roles and agency of the user a command acts as. */
export async function userOf(trx: Tx, operationId: string, userId: string) {
  const { rows } = await sql<UserRow>`
    SELECT roles, agency_id, status FROM users
    WHERE operation_id = ${operationId} AND id = ${userId}`.execute(trx);
  return rows[0];
}

/** Table types of the incidents module, and the SQL pieces its repositories share. */
import { sql, type Generated, type Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../../platform/db/errors.ts';
import { fieldError } from '../../platform/errors.ts';

export interface IncidentsTable {
  operation_id: string;
  id: string;
  acts: string[];
  act_other: string | null;
  description_sealed: Buffer;
  occurred_from: string;
  occurred_to: string | null;
  date_precision: string;
  site_id: string | null;
  place: string | null;
  place_precision: string;
  articles: string[];
  sensitivity: string;
  consent_use: unknown;
  consent_share: unknown;
  agency_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface InvolvementsTable {
  operation_id: string;
  id: string;
  incident_id: string;
  position: number;
  role: string;
  subject: string;
  person_id: string | null;
  label: string | null;
  perpetrator_type: string | null;
  degree: string | null;
}

export interface IncidentAccessTable {
  operation_id: string;
  incident_id: string;
  user_id: string;
  granted_at: Date;
  granted_by: string | null;
}

export interface SourcesTable {
  operation_id: string;
  id: string;
  kind: string;
  title: string;
  author: string | null;
  published_on: string | null;
  url: string | null;
  reference: string | null;
  reliability: string;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface CitationsTable {
  operation_id: string;
  id: string;
  incident_id: string;
  source_id: string;
  claim_sealed: Buffer;
  locator: string | null;
  passage_sealed: Buffer | null;
  credibility: number;
  malformed: string[];
  fingerprint: Buffer;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface TestimoniesTable {
  operation_id: string;
  id: string;
  person_id: string | null;
  statement_sealed: Buffer;
  statement_language: string;
  translation_sealed: Buffer | null;
  translation_language: string | null;
  interviewer_id: string;
  interpreter_name: string | null;
  taken_on: string;
  consent: unknown;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  version: Generated<number>;
}

export interface TestimonyIncidentsTable {
  operation_id: string;
  testimony_id: string;
  incident_id: string;
}

type Tables = {
  incidents: IncidentsTable;
  incident_involvements: InvolvementsTable;
  incident_access: IncidentAccessTable;
  sources: SourcesTable;
  citations: CitationsTable;
  testimonies: TestimoniesTable;
  testimony_incidents: TestimonyIncidentsTable;
};
export type IncidentRow = Selectable<IncidentsTable>;
export type InvolvementRow = Selectable<InvolvementsTable>;
export type SourceRow = Selectable<SourcesTable>;
export type CitationRow = Selectable<CitationsTable>;
export type TestimonyRow = Selectable<TestimoniesTable>;
export const tables = (trx: Tx) => trx.withTables<Tables>();

/** Who is looking, for the rules of policy.ts written as SQL (lists). */
export interface Viewer {
  operationId: string;
  userId: string;
  agencyId: string | null;
  /** Protection officers see sensitive persons and incidents of every agency. */
  seesSensitive: boolean;
  now: Date;
}

/**
 * registry/policy.canSeePerson as SQL over `persons p` (the registry's own list clause says the
 * same): normal for all, sensitive for protection officers and the registering agency, and any
 * record for the users named on it (break-glass until it expires).
 */
export function personVisibleTo(v: Viewer) {
  return sql<boolean>`(
    p.sensitivity = 'normal'
    OR (p.sensitivity = 'sensitive' AND (${v.seesSensitive} OR p.registering_agency_id = ${v.agencyId}::uuid))
    OR EXISTS (SELECT 1 FROM person_access pa
               WHERE pa.operation_id = p.operation_id AND pa.person_id = p.id AND pa.user_id = ${v.userId}::uuid
                 AND (pa.expires_at IS NULL OR pa.expires_at > ${v.now}::timestamptz)))`;
}

/** policy.canSeeIncident as SQL over `incidents i` (the reader's ability is checked first). */
export function incidentVisibleTo(v: Viewer) {
  return sql<boolean>`((
      i.sensitivity = 'normal'
      OR (i.sensitivity = 'sensitive' AND (${v.seesSensitive} OR i.agency_id = ${v.agencyId}::uuid))
      OR EXISTS (SELECT 1 FROM incident_access ia
                 WHERE ia.operation_id = i.operation_id AND ia.incident_id = i.id AND ia.user_id = ${v.userId}::uuid))
    AND NOT EXISTS (
      SELECT 1 FROM incident_involvements iv
      WHERE iv.operation_id = i.operation_id AND iv.incident_id = i.id AND iv.person_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM persons p
                        WHERE p.operation_id = iv.operation_id AND p.id = iv.person_id
                          AND ${personVisibleTo(v)})))`;
}

/**
 * A testimony over `testimonies t`: its person is visible and every incident it is linked to is
 * (the same rule as the policy on testimonies in migrations/0012). Written as "no link without a
 * visible incident" so that rows hidden by row-level security count as not visible.
 */
export function testimonyVisibleTo(v: Viewer) {
  return sql<boolean>`(
    (t.person_id IS NULL OR EXISTS (
      SELECT 1 FROM persons p WHERE p.operation_id = t.operation_id AND p.id = t.person_id AND ${personVisibleTo(v)}))
    AND NOT EXISTS (
      SELECT 1 FROM testimony_incidents ti
      WHERE ti.operation_id = t.operation_id AND ti.testimony_id = t.id
        AND NOT EXISTS (SELECT 1 FROM incidents i
                        WHERE i.operation_id = ti.operation_id AND i.id = ti.incident_id
                          AND ${incidentVisibleTo(v)})))`;
}

export function mapForeignKey(field: string) {
  return (e: unknown): never => {
    if (pgErrorCode(e) === FOREIGN_KEY_VIOLATION) throw fieldError(field, 'does not exist');
    throw e;
  };
}

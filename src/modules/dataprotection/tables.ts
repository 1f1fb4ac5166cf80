/** Table types of the data-protection module (migrations/0013_data_protection.sql). */
import type { Generated, Selectable } from 'kysely';
import type { Tx } from '../../platform/db/context.ts';

export interface ConsentRecordsTable {
  operation_id: string;
  id: string;
  person_id: string;
  purpose: string;
  categories: string[];
  decision: string;
  decided_on: string;
  method: string;
  given_by: string;
  evidence_sealed: Buffer | null;
  recorded_by: string;
  recorded_at: Date;
  seq: Generated<number>;
}

/** The transfer log (migration 0003, columns added by 0013). */
export interface TransfersTable {
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
  recipient_type: string | null;
  categories: string[] | null;
  consent_purpose: string | null;
  consent_missing: number | null;
  override_reason_sealed: Buffer | null;
  request_id: string | null;
}

export interface TransferRequestsTable {
  operation_id: string;
  id: string;
  recipient: string;
  recipient_type: string;
  purpose: string;
  consent_purpose: string | null;
  legal_basis: string;
  fields: string[];
  categories: string[];
  format: string;
  person_ids: string[];
  consent_missing: number;
  override_reason_sealed: Buffer | null;
  approvals_required: number;
  status: string;
  requested_by: string;
  requested_at: Date;
  transfer_id: string | null;
  downloaded_at: Date | null;
  updated_at: Date;
  version: Generated<number>;
}

export interface TransferApprovalsTable {
  operation_id: string;
  request_id: string;
  approver_id: string;
  decision: string;
  note_sealed: Buffer | null;
  decided_at: Date;
}

export interface SubjectRequestsTable {
  operation_id: string;
  id: string;
  person_id: string;
  kind: string;
  status: string;
  received_on: string;
  due_on: string;
  in_person: boolean;
  verification_method: string;
  verified_by: string;
  verified_on: string;
  verification_note_sealed: Buffer | null;
  details_sealed: Buffer | null;
  outcome_note_sealed: Buffer | null;
  refusal_reason_sealed: Buffer | null;
  exported_by: string | null;
  exported_at: Date | null;
  export_transfer_id: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  closed_by: string | null;
  closed_at: Date | null;
  version: Generated<number>;
}

export interface RetentionSettingsTable {
  operation_id: string;
  rules: unknown;
  updated_by: string | null;
  updated_at: Date;
  version: Generated<number>;
}

export interface LegalHoldsTable {
  operation_id: string;
  id: string;
  person_id: string;
  reason_sealed: Buffer;
  placed_by: string;
  placed_at: Date;
  released_by: string | null;
  released_at: Date | null;
  release_reason_sealed: Buffer | null;
  version: Generated<number>;
}

export interface RetentionRunsTable {
  operation_id: string;
  id: string;
  trigger: string;
  started_by: string | null;
  started_at: Date;
  finished_at: Date;
  rules: unknown;
  counts: unknown;
  total: number;
}

type Tables = {
  consent_records: ConsentRecordsTable;
  transfers: TransfersTable;
  transfer_requests: TransferRequestsTable;
  transfer_approvals: TransferApprovalsTable;
  subject_requests: SubjectRequestsTable;
  retention_settings: RetentionSettingsTable;
  legal_holds: LegalHoldsTable;
  retention_runs: RetentionRunsTable;
};
export const tables = (trx: Tx) => trx.withTables<Tables>();

export type ConsentRow = Selectable<ConsentRecordsTable>;
export type TransferRow = Selectable<TransfersTable>;
export type TransferRequestRow = Selectable<TransferRequestsTable>;
export type ApprovalRow = Selectable<TransferApprovalsTable>;
export type SubjectRequestRow = Selectable<SubjectRequestsTable>;
export type LegalHoldRow = Selectable<LegalHoldsTable>;
export type RetentionRunRow = Selectable<RetentionRunsTable>;

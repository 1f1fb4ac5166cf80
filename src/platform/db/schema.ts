import type { ColumnType, Generated } from 'kysely';

/** Table types of the platform. Modules declare their own tables beside their repositories. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OperationsTable {
  id: Generated<string>;
  code: string;
  name: string;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface AgenciesTable {
  operation_id: string;
  id: Generated<string>;
  name: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface SitesTable {
  operation_id: string;
  id: Generated<string>;
  name: string;
  type: string;
  adm1: string | null;
  adm2: string | null;
  latitude: number | null;
  longitude: number | null;
  capacity: number | null;
  managing_entity: string | null;
  country: string | null;
  adm3: string | null;
  leave_freely: boolean | null;
  walled: boolean | null;
  checkpoints: boolean | null;
  curfew: string | null;
  access_notes: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface UsersTable {
  operation_id: string;
  id: Generated<string>;
  email: string;
  display_name: string;
  roles: string[];
  agency_id: string | null;
  status: Generated<'active' | 'disabled'>;
  password_hash: string;
  password_changed_at: Timestamp;
  totp_secret: Buffer | null;
  totp_pending_secret: Buffer | null;
  totp_enrolled_at: Date | null;
  totp_last_step: number | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface RecoveryCodesTable {
  operation_id: string;
  user_id: string;
  code_hash: Buffer;
  used_at: Date | null;
}

export interface SessionsTable {
  operation_id: string;
  token_hash: Buffer;
  user_id: string;
  mfa_verified_at: Date | null;
  created_at: Date;
  last_seen_at: Date;
}

export interface ApiTokensTable {
  operation_id: string;
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: Buffer;
  created_at: Timestamp;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface SetupTokensTable {
  token_hash: Buffer;
  created_at: Timestamp;
  used_at: Date | null;
}

export interface IdempotencyKeysTable {
  operation_id: string;
  user_id: string;
  key: string;
  request_hash: Buffer;
  status_code: number | null;
  response: string | null;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  operation_id: string;
  seq: number;
  at: Date;
  actor_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  request_id: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  operation_id: string;
  seq: number;
  hash: string;
}

export interface AuditCheckpointsTable {
  operation_id: string;
  seq: number;
  hash: string;
  at: Date;
  key_id: string;
  signature: string;
}

export interface PlatformTables {
  operations: OperationsTable;
  agencies: AgenciesTable;
  sites: SitesTable;
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  setup_tokens: SetupTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  audit_checkpoints: AuditCheckpointsTable;
}

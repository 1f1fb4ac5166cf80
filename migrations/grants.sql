-- Re-applied after every migration run on PostgreSQL, as the schema owner.
-- :app_role is replaced by the quoted name of the application role (the user of DATABASE_URL).
GRANT USAGE ON SCHEMA public TO :app_role;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :app_role;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :app_role;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO :app_role;
-- The audit log is append-only for the application.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, audit_checkpoints FROM :app_role;
-- Operations are managed by the application but never deleted by it.
REVOKE DELETE, TRUNCATE ON operations FROM :app_role;
-- Data protection (0013): consent decisions, transfer approvals, retention runs and the transfer
-- log are append-only for the application; retention deletes through owner functions.
REVOKE UPDATE, DELETE, TRUNCATE ON consent_records, transfer_approvals, retention_runs, transfers FROM :app_role;

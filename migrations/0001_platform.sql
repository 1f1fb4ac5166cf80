-- Platform: operations (tenants), agencies, sites, users, sessions, tokens, audit, idempotency.
-- Operation tables lead every key with operation_id (see docs/scaling.md).

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- Reference table (replicated to every node under Citus).
CREATE TABLE operations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

INSERT INTO operations (code, name) VALUES ('default', 'Default operation');

CREATE TABLE agencies (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id)
);
CREATE UNIQUE INDEX agencies_name_key ON agencies (operation_id, lower(name));

CREATE TABLE sites (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('camp', 'collective_centre', 'closed_compound', 'private_accommodation', 'urban')),
  adm1 text,
  adm2 text,
  latitude double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude double precision CHECK (longitude BETWEEN -180 AND 180),
  capacity integer CHECK (capacity >= 0),
  managing_entity text,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id)
);
CREATE UNIQUE INDEX sites_name_key ON sites (operation_id, lower(name));

-- Staff accounts. Personal data (emails), so row-level security applies below.
CREATE TABLE users (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  email text NOT NULL,
  display_name text NOT NULL,
  roles text[] NOT NULL,
  agency_id uuid,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  totp_secret bytea,
  totp_pending_secret bytea,
  totp_enrolled_at timestamptz,
  totp_last_step bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, agency_id) REFERENCES agencies (operation_id, id)
);
-- Sign-in needs one address to name one account across operations; the lookup goes through
-- auth_find_login() below, never a direct read.
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE UNIQUE INDEX users_id_key ON users (id);

CREATE TABLE recovery_codes (
  operation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  code_hash bytea NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (operation_id, user_id, code_hash),
  FOREIGN KEY (operation_id, user_id) REFERENCES users (operation_id, id) ON DELETE CASCADE
);

CREATE TABLE sessions (
  operation_id uuid NOT NULL,
  token_hash bytea NOT NULL,
  user_id uuid NOT NULL,
  mfa_verified_at timestamptz,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  PRIMARY KEY (operation_id, token_hash),
  FOREIGN KEY (operation_id, user_id) REFERENCES users (operation_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX sessions_token_key ON sessions (token_hash);

CREATE TABLE api_tokens (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  name text NOT NULL,
  token_hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, user_id) REFERENCES users (operation_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX api_tokens_token_key ON api_tokens (token_hash);

-- First-run links: valid until an administrator exists.
CREATE TABLE setup_tokens (
  token_hash bytea PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);

CREATE TABLE idempotency_keys (
  operation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  key text NOT NULL,
  request_hash bytea NOT NULL,
  status_code integer,
  response text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (operation_id, user_id, key)
);

-- Append-only, hash-chained audit log: one chain per operation.
CREATE TABLE audit_events (
  operation_id uuid NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  action text NOT NULL,
  entity_type text,
  entity_id uuid,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (operation_id, seq)
);
CREATE INDEX audit_events_actor ON audit_events (operation_id, actor_id, seq);
CREATE INDEX audit_events_entity ON audit_events (operation_id, entity_id, seq);
CREATE INDEX audit_events_action ON audit_events (operation_id, action, seq);
CREATE INDEX audit_events_at ON audit_events (operation_id, at);

CREATE TABLE audit_heads (
  operation_id uuid PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL
);

CREATE TABLE audit_checkpoints (
  operation_id uuid NOT NULL,
  seq bigint NOT NULL,
  hash text NOT NULL,
  at timestamptz NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  PRIMARY KEY (operation_id, seq)
);

-- Row-level security: the second line behind the application's own checks.
-- Policies read the per-transaction settings made with SET LOCAL (see src/platform/db/context.ts).
ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE sites ENABLE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE recovery_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY;

CREATE POLICY operation_scope ON agencies
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON sites
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON users
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON recovery_codes
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON sessions
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON api_tokens
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY own_keys ON idempotency_keys
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
         AND user_id = NULLIF(current_setting('app.user_id', true), '')::uuid);
CREATE POLICY operation_scope ON audit_events
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON audit_heads
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON audit_checkpoints
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- The three lookups that must work before the operation is known: sign-in by email,
-- a session by its token, an API token by its hash. SECURITY DEFINER so they pass RLS,
-- and they return only what establishes who is asking.
CREATE FUNCTION auth_find_login(p_email text)
RETURNS TABLE (operation_id uuid, id uuid, password_hash text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.operation_id, u.id, u.password_hash, u.status FROM users u WHERE lower(u.email) = lower(p_email)
$$;

CREATE FUNCTION auth_find_session(p_token_hash bytea)
RETURNS TABLE (operation_id uuid, user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s.operation_id, s.user_id FROM sessions s WHERE s.token_hash = p_token_hash
$$;

CREATE FUNCTION auth_find_api_token(p_token_hash bytea)
RETURNS TABLE (operation_id uuid, user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.operation_id, t.user_id FROM api_tokens t WHERE t.token_hash = p_token_hash
$$;

CREATE FUNCTION auth_user_count()
RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT count(*) FROM users
$$;

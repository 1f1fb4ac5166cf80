-- Registry, second part: site access conditions, households, residence history, identity
-- documents, duplicate review and merges, background jobs and import batches.

-- Can residents leave? (PRODUCT.md: a closed compound is a protection fact, not a label.)
ALTER TABLE sites
  ADD COLUMN country text CHECK (country ~ '^[A-Z]{3}$'),
  ADD COLUMN adm3 text,
  ADD COLUMN leave_freely boolean,
  ADD COLUMN walled boolean,
  ADD COLUMN checkpoints boolean,
  ADD COLUMN curfew text,
  ADD COLUMN access_notes text;

-- An absorbed record stays as a redirect to the one it was merged into.
-- name_parts: matching keys per name part ("k1/k2 k3"), what duplicate detection compares.
ALTER TABLE persons
  ADD COLUMN name_parts text NOT NULL DEFAULT '',
  ADD COLUMN merged_into uuid,
  ADD COLUMN import_batch_id uuid;
CREATE INDEX persons_merged_into ON persons (operation_id, merged_into) WHERE merged_into IS NOT NULL;

-- Registration groups. The focal point is the member whose relationship is 'focal_point'.
CREATE TABLE households (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  external_id text,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id)
);
CREATE UNIQUE INDEX households_external_id ON households (operation_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE household_members (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL,
  person_id uuid NOT NULL,
  relationship text NOT NULL,
  joined_on date NOT NULL,
  left_on date,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, household_id) REFERENCES households (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id),
  CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE INDEX household_members_household ON household_members (operation_id, household_id);
CREATE INDEX household_members_person ON household_members (operation_id, person_id);
-- A person is a current member of at most one household.
CREATE UNIQUE INDEX household_members_current ON household_members (operation_id, person_id) WHERE left_on IS NULL;

-- Who lived where, from when to when, moved by whom and why.
CREATE TABLE residences (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  site_id uuid,
  place text,
  in_territory boolean NOT NULL DEFAULT true,
  valid_from date NOT NULL,
  valid_to date,
  moved_by text,
  reason text,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id),
  FOREIGN KEY (operation_id, site_id) REFERENCES sites (operation_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (site_id IS NOT NULL OR place IS NOT NULL)
);
CREATE INDEX residences_person ON residences (operation_id, person_id, valid_from);
CREATE INDEX residences_site ON residences (operation_id, site_id) WHERE valid_to IS NULL;

-- Numbers are kept twice: an HMAC for matching, and sealed for those who may read them back.
CREATE TABLE identity_documents (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  type text NOT NULL,
  issuer text NOT NULL,
  number_hash bytea,
  number_sealed bytea,
  expires_on date,
  holder text NOT NULL CHECK (holder IN ('person', 'authority', 'third_party', 'agency', 'unknown')),
  holder_detail text,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id)
);
CREATE INDEX identity_documents_person ON identity_documents (operation_id, person_id);
CREATE INDEX identity_documents_number ON identity_documents (operation_id, number_hash) WHERE number_hash IS NOT NULL;

-- Candidate duplicates (person_a < person_b), from registration checks or batch runs.
CREATE TABLE duplicate_pairs (
  operation_id uuid NOT NULL,
  person_a uuid NOT NULL,
  person_b uuid NOT NULL,
  score real NOT NULL,
  reasons jsonb NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'rejected', 'merged')),
  job_id uuid,
  found_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  PRIMARY KEY (operation_id, person_a, person_b),
  FOREIGN KEY (operation_id, person_a) REFERENCES persons (operation_id, id),
  FOREIGN KEY (operation_id, person_b) REFERENCES persons (operation_id, id),
  CHECK (person_a < person_b)
);
CREATE INDEX duplicate_pairs_open ON duplicate_pairs (operation_id, status, score DESC);

-- A merge re-points the absorbed record's history to the survivor; `moved` lists what moved,
-- so an unmerge can put every row back.
CREATE TABLE person_merges (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  survivor_id uuid NOT NULL,
  absorbed_id uuid NOT NULL,
  moved jsonb NOT NULL,
  merged_at timestamptz NOT NULL,
  merged_by uuid,
  reason text,
  reversed_at timestamptz,
  reversed_by uuid,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, survivor_id) REFERENCES persons (operation_id, id),
  FOREIGN KEY (operation_id, absorbed_id) REFERENCES persons (operation_id, id)
);
CREATE INDEX person_merges_absorbed ON person_merges (operation_id, absorbed_id);

-- Long-running work started from the API (duplicate detection, imports), with progress.
CREATE TABLE jobs (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  done integer NOT NULL DEFAULT 0,
  total integer,
  result jsonb,
  error text,
  created_by uuid,
  created_at timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  finished_at timestamptz,
  PRIMARY KEY (operation_id, id)
);

-- One row per committed import: the file's digest makes a re-run recognisable.
CREATE TABLE import_batches (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL,
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  format text NOT NULL,
  rows_total integer NOT NULL,
  persons_created integer NOT NULL,
  persons_updated integer NOT NULL,
  households_created integer NOT NULL,
  statuses_added integer NOT NULL,
  imported_by uuid,
  imported_at timestamptz NOT NULL,
  PRIMARY KEY (operation_id, id)
);

-- Every export: who took which fields of how many records, for what (the transfer record).
CREATE TABLE transfers (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  recipient text NOT NULL,
  purpose text NOT NULL,
  legal_basis text,
  fields text[] NOT NULL,
  record_count integer NOT NULL,
  format text,
  created_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (operation_id, id)
);

ALTER TABLE households ENABLE ROW LEVEL SECURITY;
ALTER TABLE household_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE residences ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE duplicate_pairs ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_merges ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE transfers ENABLE ROW LEVEL SECURITY;

CREATE POLICY operation_scope ON households
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON jobs
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON import_batches
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON transfers
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON person_merges
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- A person's history is visible exactly when the person is (persons' own policy decides).
CREATE POLICY visible_members ON household_members
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = household_members.operation_id AND p.id = household_members.person_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_residences ON residences
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = residences.operation_id AND p.id = residences.person_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_documents ON identity_documents
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = identity_documents.operation_id AND p.id = identity_documents.person_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_pairs ON duplicate_pairs
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = duplicate_pairs.operation_id AND p.id = duplicate_pairs.person_a)
    AND EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = duplicate_pairs.operation_id AND p.id = duplicate_pairs.person_b)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

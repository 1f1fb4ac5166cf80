-- Registry: persons of concern and their legal-status history.

CREATE TABLE persons (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  names jsonb NOT NULL,
  sex text NOT NULL CHECK (sex IN ('F', 'M', 'X', 'unknown')),
  birth_date date,
  birth_year integer CHECK (birth_year BETWEEN 1880 AND 2200),
  birth_year_estimated boolean NOT NULL DEFAULT false,
  nationalities text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  specific_needs jsonb NOT NULL DEFAULT '[]'::jsonb,
  contact jsonb,
  registering_agency_id uuid,
  registered_on date NOT NULL,
  sensitivity text NOT NULL DEFAULT 'normal' CHECK (sensitivity IN ('normal', 'sensitive', 'restricted')),
  external_id text,
  -- Matching keys from src/modules/registry/names.ts, for search and duplicate detection.
  name_keys text[] NOT NULL,
  name_text text NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, registering_agency_id) REFERENCES agencies (operation_id, id)
);
CREATE INDEX persons_name_keys ON persons USING gin (name_keys);
CREATE INDEX persons_name_text ON persons USING gin (name_text gin_trgm_ops);
CREATE INDEX persons_birth_year ON persons (operation_id, birth_year);
CREATE UNIQUE INDEX persons_external_id ON persons (operation_id, external_id) WHERE external_id IS NOT NULL;

-- The users named on a restricted record: the only ones who may see it.
CREATE TABLE person_access (
  operation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  user_id uuid NOT NULL,
  granted_at timestamptz NOT NULL,
  granted_by uuid,
  PRIMARY KEY (operation_id, person_id, user_id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (operation_id, user_id) REFERENCES users (operation_id, id)
);
CREATE INDEX person_access_user ON person_access (operation_id, user_id);

-- Statuses never overwrite each other: the history is the record.
CREATE TABLE legal_statuses (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  status text NOT NULL,
  granted_by text NOT NULL,
  basis text,
  document text,
  valid_from date NOT NULL,
  valid_to date,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX legal_statuses_person ON legal_statuses (operation_id, person_id, valid_from);

ALTER TABLE persons ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_access ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_statuses ENABLE ROW LEVEL SECURITY;

-- A restricted person exists only for the users named on it (SECURITY.md rules 2 and 3).
CREATE POLICY visible_persons ON persons
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND (
      sensitivity <> 'restricted'
      OR EXISTS (
        SELECT 1 FROM person_access pa
        WHERE pa.operation_id = persons.operation_id AND pa.person_id = persons.id
          AND pa.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
      )
    )
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON person_access
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_statuses ON legal_statuses
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = legal_statuses.operation_id AND p.id = legal_statuses.person_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

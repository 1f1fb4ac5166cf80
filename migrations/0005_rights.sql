-- Rights: each operation's host-state profile, and observed access to rights (assessments).

CREATE TABLE host_profiles (
  operation_id uuid NOT NULL REFERENCES operations (id),
  profile jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by uuid,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id)
);

-- One observation of whether a person can exercise a right, from a monitoring round or a case.
CREATE TABLE rights_assessments (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  article text NOT NULL,
  access text NOT NULL CHECK (access IN ('full', 'partial', 'none', 'unknown')),
  barriers text[] NOT NULL DEFAULT '{}',
  assessed_on date NOT NULL,
  method text NOT NULL CHECK (method IN ('interview', 'document', 'observation')),
  reliability text NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
  site_id uuid,
  round text,
  note text,
  assessor_id uuid,
  recorded_at timestamptz NOT NULL,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id),
  FOREIGN KEY (operation_id, site_id) REFERENCES sites (operation_id, id)
);
CREATE INDEX rights_assessments_person ON rights_assessments (operation_id, person_id, article, assessed_on);
CREATE INDEX rights_assessments_site ON rights_assessments (operation_id, site_id, assessed_on);

ALTER TABLE host_profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE rights_assessments ENABLE ROW LEVEL SECURITY;
CREATE POLICY operation_scope ON host_profiles
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_assessments ON rights_assessments
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = rights_assessments.operation_id AND p.id = rights_assessments.person_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

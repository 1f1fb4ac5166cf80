-- Protection incidents and their evidence (issue 5), after the HURIDOCS events model
-- (shared/reference/standards.md (f)): an incident with its acts, when and where, the persons,
-- groups and authorities involved in it with their roles, the Convention articles it touches,
-- sensitivity and consent; sources graded A–F and citations linking a claim to a passage
-- (credibility 1–6); testimonies whose statement and translation are sealed (AES-256-GCM).
-- Keys lead with operation_id. Free text about what happened is sealed (*_sealed).
-- Who sees what is written out in src/modules/incidents/policy.ts; the policies below say the
-- same in SQL where SQL can: an incident exists for a user only when every registered person
-- involved is visible to them (persons' own policy decides), and a restricted incident only for
-- the users named on it. Readers' roles and the "sensitive" level are checked by the application,
-- as for persons.

CREATE TABLE incidents (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  acts text[] NOT NULL,
  -- What the "other" act was, when acts holds 'other' (a category, never a name).
  act_other text,
  description_sealed bytea NOT NULL,
  occurred_from date NOT NULL,
  occurred_to date,
  date_precision text NOT NULL CHECK (date_precision IN ('day', 'month', 'year', 'approximate')),
  site_id uuid,
  place text,
  place_precision text NOT NULL CHECK (place_precision IN ('exact', 'approximate', 'area', 'unknown')),
  articles text[] NOT NULL DEFAULT '{}',
  sensitivity text NOT NULL CHECK (sensitivity IN ('normal', 'sensitive', 'restricted')),
  -- {decision, givenBy, on, scope, recordedBy, recordedAt}; null: not asked yet.
  consent_use jsonb,
  consent_share jsonb,
  -- The recording agency (sees the incident when it is sensitive).
  agency_id uuid,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, site_id) REFERENCES sites (operation_id, id),
  FOREIGN KEY (operation_id, agency_id) REFERENCES agencies (operation_id, id),
  FOREIGN KEY (operation_id, created_by) REFERENCES users (operation_id, id),
  CHECK (cardinality(acts) > 0),
  CHECK (acts <@ ARRAY['restriction_of_movement', 'withholding_of_documents', 'threats_or_coercion',
                       'denial_of_access_to_services', 'forced_labour', 'detention', 'violence',
                       'family_separation', 'other']::text[]),
  CHECK ((act_other IS NOT NULL) = ('other' = ANY (acts))),
  CHECK (occurred_to IS NULL OR occurred_to >= occurred_from)
);
CREATE INDEX incidents_period ON incidents (operation_id, occurred_from DESC);
CREATE INDEX incidents_site ON incidents (operation_id, site_id, occurred_from) WHERE site_id IS NOT NULL;

-- Who was involved, and how (HURIDOCS involvement). A private individual is a registered person
-- (person_id); label names a group or an authority, or describes someone not identified.
CREATE TABLE incident_involvements (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL,
  position integer NOT NULL,
  role text NOT NULL CHECK (role IN ('victim_survivor', 'witness', 'alleged_perpetrator')),
  subject text NOT NULL CHECK (subject IN ('person', 'group', 'authority', 'unidentified')),
  person_id uuid,
  label text,
  perpetrator_type text CHECK (perpetrator_type IN ('state_authority', 'armed_group', 'employer',
                                 'sponsor_or_controlling_group', 'family_member', 'community_member',
                                 'smuggler_or_trafficker', 'other')),
  degree text CHECK (degree IN ('direct', 'indirect', 'unknown')),
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, incident_id) REFERENCES incidents (operation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id),
  CHECK ((subject = 'person') = (person_id IS NOT NULL)),
  CHECK (subject = 'person' OR label IS NOT NULL OR subject = 'unidentified'),
  CHECK ((role = 'alleged_perpetrator') = (perpetrator_type IS NOT NULL)),
  CHECK (subject <> 'authority' OR role = 'alleged_perpetrator'),
  CHECK (degree IS NULL OR role = 'alleged_perpetrator')
);
CREATE INDEX incident_involvements_incident ON incident_involvements (operation_id, incident_id, position);
CREATE INDEX incident_involvements_person ON incident_involvements (operation_id, person_id) WHERE person_id IS NOT NULL;

-- The users named on an incident (a restricted one exists only for them).
CREATE TABLE incident_access (
  operation_id uuid NOT NULL,
  incident_id uuid NOT NULL,
  user_id uuid NOT NULL,
  granted_at timestamptz NOT NULL,
  granted_by uuid,
  PRIMARY KEY (operation_id, incident_id, user_id),
  FOREIGN KEY (operation_id, incident_id) REFERENCES incidents (operation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (operation_id, user_id) REFERENCES users (operation_id, id)
);
CREATE INDEX incident_access_user ON incident_access (operation_id, user_id);

-- The source library: documents, reports, media, lawyers' and agencies' reports. Titles and
-- authors describe the source, never a person of concern.
CREATE TABLE sources (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('document', 'report', 'media', 'lawyer_report', 'agency_report', 'other')),
  title text NOT NULL,
  author text,
  published_on date,
  url text,
  reference text,
  reliability text NOT NULL DEFAULT 'F' CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  CHECK (url IS NOT NULL OR reference IS NOT NULL)
);
CREATE INDEX sources_title ON sources (operation_id, lower(title));

-- A claim of an incident linked to a passage of a source. malformed: the flags the row earns by
-- itself (src/modules/incidents/citations.ts); fingerprint: HMAC of incident, source and the
-- normalised locator and passage, equal for duplicates.
CREATE TABLE citations (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  incident_id uuid NOT NULL,
  source_id uuid NOT NULL,
  claim_sealed bytea NOT NULL,
  locator text,
  passage_sealed bytea,
  credibility smallint NOT NULL CHECK (credibility BETWEEN 1 AND 6),
  malformed text[] NOT NULL DEFAULT '{}',
  fingerprint bytea NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, incident_id) REFERENCES incidents (operation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (operation_id, source_id) REFERENCES sources (operation_id, id)
);
CREATE INDEX citations_incident ON citations (operation_id, incident_id, created_at);
CREATE INDEX citations_source ON citations (operation_id, source_id);
CREATE INDEX citations_fingerprint ON citations (operation_id, fingerprint);

-- A statement, in its language and in translation, both sealed. person_id: who gave it, when
-- registered.
CREATE TABLE testimonies (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid,
  statement_sealed bytea NOT NULL,
  statement_language text NOT NULL,
  translation_sealed bytea,
  translation_language text,
  interviewer_id uuid NOT NULL,
  interpreter_name text,
  taken_on date NOT NULL,
  consent jsonb,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id),
  FOREIGN KEY (operation_id, interviewer_id) REFERENCES users (operation_id, id),
  CHECK ((translation_sealed IS NULL) = (translation_language IS NULL))
);
CREATE INDEX testimonies_person ON testimonies (operation_id, person_id) WHERE person_id IS NOT NULL;

CREATE TABLE testimony_incidents (
  operation_id uuid NOT NULL,
  testimony_id uuid NOT NULL,
  incident_id uuid NOT NULL,
  PRIMARY KEY (operation_id, testimony_id, incident_id),
  FOREIGN KEY (operation_id, testimony_id) REFERENCES testimonies (operation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (operation_id, incident_id) REFERENCES incidents (operation_id, id) ON DELETE CASCADE
);
CREATE INDEX testimony_incidents_incident ON testimony_incidents (operation_id, incident_id);

ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_involvements ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_access ENABLE ROW LEVEL SECURITY;
ALTER TABLE sources ENABLE ROW LEVEL SECURITY;
ALTER TABLE citations ENABLE ROW LEVEL SECURITY;
ALTER TABLE testimonies ENABLE ROW LEVEL SECURITY;
ALTER TABLE testimony_incidents ENABLE ROW LEVEL SECURITY;

-- Does the caller see every registered person involved in the incident? Read as the owner: the
-- policy on incidents cannot read incident_involvements under its own policy (which refers back
-- to incidents). It applies exactly the persons policy (visible_to_caller, 0011) and answers
-- only yes or no.
CREATE FUNCTION incident_persons_visible(op uuid, iid uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT NOT EXISTS (
          SELECT 1 FROM incident_involvements iv
          JOIN persons p ON p.operation_id = iv.operation_id AND p.id = iv.person_id
          WHERE iv.operation_id = op AND iv.incident_id = iid
            AND NOT visible_to_caller(p.operation_id, p.id, p.sensitivity)) $$;

CREATE POLICY visible_incidents ON incidents
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND (
      sensitivity <> 'restricted'
      OR EXISTS (
        SELECT 1 FROM incident_access ia
        WHERE ia.operation_id = incidents.operation_id AND ia.incident_id = incidents.id
          AND ia.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
      )
    )
    AND incident_persons_visible(operation_id, id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

CREATE POLICY visible_involvements ON incident_involvements
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM incidents i WHERE i.operation_id = incident_involvements.operation_id AND i.id = incident_involvements.incident_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- Ids only; the policy on incidents reads it, so it must not refer back to incidents.
CREATE POLICY operation_scope ON incident_access
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON sources
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

CREATE POLICY visible_citations ON citations
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM incidents i WHERE i.operation_id = citations.operation_id AND i.id = citations.incident_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- A testimony: its person is visible, and so is every incident it is linked to. The links are
-- read through their own operation-only policy: filtered by incident, a hidden link would make
-- the NOT EXISTS below true.
CREATE POLICY visible_testimonies ON testimonies
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND (person_id IS NULL
         OR EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = testimonies.operation_id AND p.id = testimonies.person_id))
    AND NOT EXISTS (
      SELECT 1 FROM testimony_incidents ti
      WHERE ti.operation_id = testimonies.operation_id AND ti.testimony_id = testimonies.id
        AND NOT EXISTS (SELECT 1 FROM incidents i WHERE i.operation_id = ti.operation_id AND i.id = ti.incident_id)
    )
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON testimony_incidents
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

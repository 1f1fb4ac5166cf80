-- Cases (workflow, plan, tasks, notes, approvals, transfers between agencies, timeline), the
-- service directory, and referrals from a case to a service.
-- Keys lead with operation_id. Free text about a case is sealed (AES-256-GCM, *_sealed).
-- Who sees a case is written out in src/modules/cases/policy.ts; the policies below say the same
-- in SQL, and a case (and everything under it) exists only when its person is visible.

-- The workflow of an operation: allowed moves between states. No row means the default
-- (src/modules/cases/workflow.ts).
CREATE TABLE case_workflows (
  operation_id uuid NOT NULL REFERENCES operations (id),
  transitions jsonb NOT NULL,
  plan_approval_required boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL,
  updated_by uuid,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id)
);

-- A case is about one person, or a household through one of its members (person_id).
-- pending_to_*: the open transfer offer, kept on the row so visibility needs no other table.
CREATE TABLE cases (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  household_id uuid,
  agency_id uuid,
  assigned_to uuid,
  status text NOT NULL CHECK (status IN ('open', 'assessment', 'plan', 'implementation', 'review', 'closed')),
  category text NOT NULL CHECK (category IN ('general', 'legal', 'child_protection', 'gbv', 'separation', 'health',
                                             'mhpss', 'livelihoods', 'documentation', 'resettlement')),
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  plan_version integer NOT NULL DEFAULT 0,
  pending_to_agency_id uuid,
  pending_to_user_id uuid,
  opened_by uuid NOT NULL,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id),
  FOREIGN KEY (operation_id, household_id) REFERENCES households (operation_id, id),
  FOREIGN KEY (operation_id, agency_id) REFERENCES agencies (operation_id, id),
  FOREIGN KEY (operation_id, assigned_to) REFERENCES users (operation_id, id),
  FOREIGN KEY (operation_id, pending_to_agency_id) REFERENCES agencies (operation_id, id),
  FOREIGN KEY (operation_id, pending_to_user_id) REFERENCES users (operation_id, id)
);
CREATE INDEX cases_person ON cases (operation_id, person_id);
CREATE INDEX cases_agency ON cases (operation_id, agency_id, status);
CREATE INDEX cases_assignee ON cases (operation_id, assigned_to) WHERE assigned_to IS NOT NULL;
CREATE INDEX cases_incoming ON cases (operation_id, pending_to_agency_id) WHERE pending_to_agency_id IS NOT NULL;

CREATE TABLE case_goals (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  description_sealed bytea NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'achieved', 'dropped')),
  target_on date,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, case_id) REFERENCES cases (operation_id, id)
);
CREATE INDEX case_goals_case ON case_goals (operation_id, case_id);

-- Plan actions (kind 'action', under a goal), tasks and follow-ups. Overdue is computed.
CREATE TABLE case_tasks (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('action', 'task', 'follow_up')),
  goal_id uuid,
  title_sealed bytea NOT NULL,
  assignee_id uuid,
  due_on date,
  status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
  done_on date,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, case_id) REFERENCES cases (operation_id, id),
  FOREIGN KEY (operation_id, goal_id) REFERENCES case_goals (operation_id, id),
  FOREIGN KEY (operation_id, assignee_id) REFERENCES users (operation_id, id),
  CHECK (kind <> 'action' OR goal_id IS NOT NULL)
);
CREATE INDEX case_tasks_case ON case_tasks (operation_id, case_id);
CREATE INDEX case_tasks_assignee ON case_tasks (operation_id, assignee_id, due_on) WHERE status = 'open';

CREATE TABLE case_notes (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  body_sealed bytea NOT NULL,
  author_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, case_id) REFERENCES cases (operation_id, id)
);
CREATE INDEX case_notes_case ON case_notes (operation_id, case_id, created_at);

-- A supervisor's approval of the plan (of one plan_version) or of closing the case.
-- 'used': the closure it allowed has happened; a reopened case needs a new one.
CREATE TABLE case_approvals (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('plan', 'closure')),
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'used')),
  plan_version integer,
  closure_reason text,
  note_sealed bytea,
  approver_id uuid,
  requested_by uuid NOT NULL,
  requested_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  decision_note_sealed bytea,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, case_id) REFERENCES cases (operation_id, id)
);
CREATE INDEX case_approvals_case ON case_approvals (operation_id, case_id, requested_at);
CREATE UNIQUE INDEX case_approvals_one_pending ON case_approvals (operation_id, case_id, kind) WHERE status = 'pending';

-- Transfers of a case between agencies, with the person's consent (or a reasoned override).
CREATE TABLE case_transfers (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  from_agency_id uuid,
  to_agency_id uuid NOT NULL,
  to_user_id uuid,
  status text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
  reason_sealed bytea NOT NULL,
  consent jsonb,
  override_reason_sealed bytea,
  transfer_record_id uuid NOT NULL,
  requested_by uuid NOT NULL,
  requested_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  decision_note_sealed bytea,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, case_id) REFERENCES cases (operation_id, id),
  FOREIGN KEY (operation_id, from_agency_id) REFERENCES agencies (operation_id, id),
  FOREIGN KEY (operation_id, to_agency_id) REFERENCES agencies (operation_id, id),
  FOREIGN KEY (operation_id, to_user_id) REFERENCES users (operation_id, id),
  FOREIGN KEY (operation_id, transfer_record_id) REFERENCES transfers (operation_id, id),
  CHECK (consent IS NOT NULL OR override_reason_sealed IS NOT NULL)
);
CREATE INDEX case_transfers_case ON case_transfers (operation_id, case_id, requested_at);
CREATE UNIQUE INDEX case_transfers_one_pending ON case_transfers (operation_id, case_id) WHERE status = 'pending';

-- The case's timeline: ids and codes only, like the audit log it mirrors.
CREATE TABLE case_events (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  -- Insertion order: one request often records several steps at the same instant.
  seq bigint GENERATED BY DEFAULT AS IDENTITY,
  at timestamptz NOT NULL,
  actor_id uuid,
  kind text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, case_id) REFERENCES cases (operation_id, id)
);
CREATE INDEX case_events_case ON case_events (operation_id, case_id, seq);

-- The service directory. agency_id: the partner agency whose service_partner users receive
-- this provider's referrals (none: an offline provider; the caseworker records its answers).
CREATE TABLE service_providers (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  organisation text NOT NULL,
  service_types text[] NOT NULL,
  contact jsonb,
  languages text[] NOT NULL DEFAULT '{}',
  agency_id uuid,
  active boolean NOT NULL DEFAULT true,
  created_by uuid,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, agency_id) REFERENCES agencies (operation_id, id),
  CHECK (cardinality(service_types) > 0),
  CHECK (service_types <@ ARRAY['legal_aid', 'shelter', 'health', 'mhpss', 'education', 'skills_training',
                                'livelihoods', 'documentation', 'resettlement']::text[])
);
CREATE UNIQUE INDEX service_providers_name_key ON service_providers (operation_id, lower(name));
CREATE INDEX service_providers_agency ON service_providers (operation_id, agency_id) WHERE agency_id IS NOT NULL;

CREATE TABLE service_provider_sites (
  operation_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  site_id uuid NOT NULL,
  PRIMARY KEY (operation_id, provider_id, site_id),
  FOREIGN KEY (operation_id, provider_id) REFERENCES service_providers (operation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (operation_id, site_id) REFERENCES sites (operation_id, id)
);

-- A referral shares exactly `fields`, frozen in snapshot_sealed at referral time (null once
-- withdrawn). person_id is kept beside case_id for the policies and the transfer log.
CREATE TABLE referrals (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  person_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  service_type text NOT NULL,
  urgency text NOT NULL CHECK (urgency IN ('normal', 'urgent')),
  status text NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'completed', 'withdrawn')),
  fields text[] NOT NULL,
  snapshot_sealed bytea,
  consent jsonb,
  override_reason_sealed bytea,
  transfer_record_id uuid NOT NULL,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  decided_by uuid,
  decided_at timestamptz,
  decline_reason text,
  decision_note_sealed bytea,
  outcome text CHECK (outcome IN ('delivered', 'partially_delivered', 'not_delivered')),
  outcome_on date,
  outcome_note_sealed bytea,
  outcome_by uuid,
  outcome_at timestamptz,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, case_id) REFERENCES cases (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id),
  FOREIGN KEY (operation_id, provider_id) REFERENCES service_providers (operation_id, id),
  FOREIGN KEY (operation_id, transfer_record_id) REFERENCES transfers (operation_id, id),
  CHECK (consent IS NOT NULL OR override_reason_sealed IS NOT NULL)
);
CREATE INDEX referrals_case ON referrals (operation_id, case_id, created_at);
CREATE INDEX referrals_provider ON referrals (operation_id, provider_id, created_at DESC);

ALTER TABLE case_workflows ENABLE ROW LEVEL SECURITY;
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_goals ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_transfers ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE service_provider_sites ENABLE ROW LEVEL SECURITY;
ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;

CREATE POLICY operation_scope ON case_workflows
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON service_providers
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON service_provider_sites
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- A case: its person is visible (persons' own policy decides), and the user is a caseworker or
-- protection officer who is a supervisor (protection officer), its assignee, of its agency, or
-- of the agency it is being offered to.
CREATE POLICY visible_cases ON cases
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = cases.operation_id AND p.id = cases.person_id)
    AND EXISTS (
      SELECT 1 FROM users u
      WHERE u.operation_id = cases.operation_id
        AND u.id = NULLIF(current_setting('app.user_id', true), '')::uuid
        -- the roles holding 'cases.read' (src/platform/access/roles.ts)
        AND u.roles && ARRAY['caseworker', 'protection_officer']::text[]
        AND ('protection_officer' = ANY (u.roles)
             OR cases.assigned_to = u.id
             OR cases.agency_id = u.agency_id
             OR (cases.pending_to_agency_id = u.agency_id
                 AND (cases.pending_to_user_id IS NULL OR cases.pending_to_user_id = u.id)))
    )
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

CREATE POLICY visible_goals ON case_goals
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM cases c WHERE c.operation_id = case_goals.operation_id AND c.id = case_goals.case_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_tasks ON case_tasks
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM cases c WHERE c.operation_id = case_tasks.operation_id AND c.id = case_tasks.case_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_notes ON case_notes
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM cases c WHERE c.operation_id = case_notes.operation_id AND c.id = case_notes.case_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_approvals ON case_approvals
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM cases c WHERE c.operation_id = case_approvals.operation_id AND c.id = case_approvals.case_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_transfers ON case_transfers
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM cases c WHERE c.operation_id = case_transfers.operation_id AND c.id = case_transfers.case_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
-- A partner's answer to a referral adds to the case's timeline without seeing the case.
CREATE POLICY visible_events ON case_events
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM cases c WHERE c.operation_id = case_events.operation_id AND c.id = case_events.case_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- A referral: visible with its case, or to the service partners of the provider's agency.
CREATE POLICY visible_referrals ON referrals
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND (
      EXISTS (SELECT 1 FROM cases c WHERE c.operation_id = referrals.operation_id AND c.id = referrals.case_id)
      OR EXISTS (
        SELECT 1 FROM service_providers sp
        JOIN users u ON u.operation_id = sp.operation_id AND u.agency_id = sp.agency_id
        WHERE sp.operation_id = referrals.operation_id AND sp.id = referrals.provider_id
          AND u.id = NULLIF(current_setting('app.user_id', true), '')::uuid
          AND 'service_partner' = ANY (u.roles)
      )
    )
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- A receiving user who declines a transfer stops seeing the case, so row-level security would
-- refuse their clearing of the offer on it. This clears it only after that user's own decline
-- of that transfer, and changes nothing else.
CREATE FUNCTION case_offer_declined(op uuid, cid uuid, tid uuid, at timestamptz) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
  AS $$
    WITH cleared AS (
      UPDATE cases SET pending_to_agency_id = NULL, pending_to_user_id = NULL,
                       updated_at = at, version = version + 1
      WHERE operation_id = op AND id = cid AND pending_to_agency_id IS NOT NULL
        AND EXISTS (
          SELECT 1 FROM case_transfers t
          WHERE t.operation_id = op AND t.case_id = cid AND t.id = tid AND t.status = 'declined'
            AND t.decided_by = NULLIF(current_setting('app.user_id', true), '')::uuid)
      RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM cleared) $$;

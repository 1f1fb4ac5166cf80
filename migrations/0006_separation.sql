-- Separation (exit) requests: a person asks to leave a group, household or site. The record
-- becomes restricted; whereabouts move into one sealed field; a safety plan tracks the steps.

-- Access by break-glass is temporary: the row says until when.
ALTER TABLE person_access ADD COLUMN expires_at timestamptz, ADD COLUMN reason text;

DROP POLICY visible_persons ON persons;
CREATE POLICY visible_persons ON persons
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND (
      sensitivity <> 'restricted'
      OR EXISTS (
        SELECT 1 FROM person_access pa
        WHERE pa.operation_id = persons.operation_id AND pa.person_id = persons.id
          AND pa.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
          AND (pa.expires_at IS NULL
               OR pa.expires_at > coalesce(NULLIF(current_setting('app.now', true), '')::timestamptz, now()))
      )
    )
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- Site, address and contact of a person whose record is restricted, sealed (AES-256-GCM).
ALTER TABLE persons ADD COLUMN whereabouts_sealed bytea;

CREATE TABLE separation_requests (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  reason_sealed bytea NOT NULL,
  acting_for text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'completed', 'withdrawn')),
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id)
);
CREATE INDEX separation_requests_person ON separation_requests (operation_id, person_id);

CREATE TABLE safety_plan_steps (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL,
  kind text NOT NULL,
  owner_id uuid,
  due_on date,
  done_on date,
  note_sealed bytea,
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, request_id) REFERENCES separation_requests (operation_id, id)
);
CREATE INDEX safety_plan_steps_request ON safety_plan_steps (operation_id, request_id);

-- In-app notices for one user (never carrying names or whereabouts: ids and kinds only).
CREATE TABLE notifications (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL,
  kind text NOT NULL,
  entity_type text,
  entity_id uuid,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, user_id) REFERENCES users (operation_id, id)
);
CREATE INDEX notifications_user ON notifications (operation_id, user_id, created_at DESC);

ALTER TABLE separation_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE safety_plan_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible_requests ON separation_requests
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = separation_requests.operation_id AND p.id = separation_requests.person_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_steps ON safety_plan_steps
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM separation_requests r WHERE r.operation_id = safety_plan_steps.operation_id AND r.id = safety_plan_steps.request_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY own_notifications ON notifications
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- Break-glass must find a restricted record its caller cannot see yet; this lookup answers
-- only "is there a restricted person with this id in this operation".
CREATE FUNCTION restricted_person_exists(op uuid, pid uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM persons WHERE operation_id = op AND id = pid AND sensitivity = 'restricted') $$;

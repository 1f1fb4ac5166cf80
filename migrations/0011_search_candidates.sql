-- Search and the registration duplicate check take their candidates from the name-key indexes
-- (0004). Under row-level security PostgreSQL uses an index only for leakproof conditions, and
-- the array overlap those indexes answer is not one: as the application role, a search read
-- every person instead (27 s at a million). These functions read the indexes as the schema owner
-- and keep exactly the rows the policy on persons (0006) would show the caller, so they return no
-- more than the caller could read itself.

CREATE FUNCTION visible_to_caller(op uuid, pid uuid, sensitivity text) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT op = NULLIF(current_setting('app.operation_id', true), '')::uuid
          AND (sensitivity <> 'restricted'
               OR EXISTS (
                 SELECT 1 FROM person_access pa
                 WHERE pa.operation_id = op AND pa.person_id = pid
                   AND pa.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
                   AND (pa.expires_at IS NULL
                        OR pa.expires_at > coalesce(NULLIF(current_setting('app.now', true), '')::timestamptz, now())))) $$;

CREATE FUNCTION visible_person_ids_by_pairs_year(wanted text[]) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT p.id FROM persons p
        WHERE name_pairs_year(p.name_keys, p.birth_year) && wanted
          AND visible_to_caller(p.operation_id, p.id, p.sensitivity) $$;

CREATE FUNCTION visible_person_ids_by_pairs(wanted text[]) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT p.id FROM persons p
        WHERE name_pairs(p.name_keys) && wanted
          AND visible_to_caller(p.operation_id, p.id, p.sensitivity) $$;

-- One shared key, and when a year is given, a birth year within one of it or unknown.
CREATE FUNCTION visible_person_ids_by_keys(wanted text[], near_year integer) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT p.id FROM persons p
        WHERE p.name_keys && wanted
          AND (near_year IS NULL OR p.birth_year IS NULL
               OR p.birth_year BETWEEN near_year - 1 AND near_year + 1)
          AND visible_to_caller(p.operation_id, p.id, p.sensitivity) $$;

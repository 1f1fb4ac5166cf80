-- Search candidates by pairs of name keys (and pairs with the birth year): a person shares a
-- pair with a query when two of their name parts match, which is far more selective than one
-- key ("Mohammad" alone matches a large share of a registry). Expression indexes: nothing to
-- keep in step when names or birth dates change.

CREATE FUNCTION name_pairs(keys text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(a || '+' || b), '{}') FROM unnest(keys) a, unnest(keys) b WHERE a < b $$;

CREATE FUNCTION name_pairs_year(keys text[], year integer) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(array_agg(a || '+' || b || '@' || year), '{}')
        FROM unnest(keys) a, unnest(keys) b WHERE a < b AND year IS NOT NULL $$;

CREATE INDEX persons_name_pairs ON persons USING gin (name_pairs(name_keys));
CREATE INDEX persons_name_pairs_year ON persons USING gin (name_pairs_year(name_keys, birth_year));

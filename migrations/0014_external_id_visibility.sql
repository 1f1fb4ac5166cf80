-- An external id held by a restricted person must not answer "already used" to anyone else:
-- that reply would tell whoever knows the id (a controlling group may) that the record still
-- exists. Restricted records leave the uniqueness rule; among everyone else it holds.
DROP INDEX persons_external_id;
CREATE UNIQUE INDEX persons_external_id ON persons (operation_id, external_id)
  WHERE external_id IS NOT NULL AND sensitivity <> 'restricted';

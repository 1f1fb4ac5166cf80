-- The rights-gap matrix at scale: each person's rights class (what the engine says they are
-- owed) is kept per day, so an operation-wide matrix is a grouping query, not a million engine
-- runs. A change to a person's statuses or residences forgets their class the same moment.

-- One row per distinct outcome of the engine: article → 'yes' | 'if-refugee'.
CREATE TABLE rights_classes (
  operation_id uuid NOT NULL REFERENCES operations (id),
  class_key text NOT NULL,
  owed jsonb NOT NULL,
  PRIMARY KEY (operation_id, class_key)
);

CREATE TABLE person_rights_classes (
  operation_id uuid NOT NULL,
  person_id uuid NOT NULL,
  class_key text NOT NULL,
  site_id uuid,
  computed_on date NOT NULL,
  profile_version integer NOT NULL,
  PRIMARY KEY (operation_id, person_id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (operation_id, class_key) REFERENCES rights_classes (operation_id, class_key)
);
CREATE INDEX person_rights_classes_day ON person_rights_classes (operation_id, computed_on, profile_version);

ALTER TABLE rights_classes ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_rights_classes ENABLE ROW LEVEL SECURITY;
CREATE POLICY operation_scope ON rights_classes
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON person_rights_classes
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- Statement-level, so a bulk import pays one DELETE per statement, not one per row.
CREATE FUNCTION forget_rights_classes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM person_rights_classes c USING changed_rows r
  WHERE c.operation_id = r.operation_id AND c.person_id = r.person_id;
  RETURN NULL;
END $$;

CREATE TRIGGER legal_statuses_forget_on_insert AFTER INSERT ON legal_statuses
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_rights_classes();
CREATE TRIGGER legal_statuses_forget_on_update_old AFTER UPDATE ON legal_statuses
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_rights_classes();
CREATE TRIGGER legal_statuses_forget_on_update_new AFTER UPDATE ON legal_statuses
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_rights_classes();
CREATE TRIGGER legal_statuses_forget_on_delete AFTER DELETE ON legal_statuses
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_rights_classes();
CREATE TRIGGER residences_forget_on_insert AFTER INSERT ON residences
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_rights_classes();
CREATE TRIGGER residences_forget_on_update_old AFTER UPDATE ON residences
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_rights_classes();
CREATE TRIGGER residences_forget_on_update_new AFTER UPDATE ON residences
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_rights_classes();
CREATE TRIGGER residences_forget_on_delete AFTER DELETE ON residences
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION forget_rights_classes();

-- Assistance and transparency: providers, programmes, distributions, enrolments, household
-- self-reliance (SRI) assessments, funding agreements with their transactions, relocation
-- operations, and the operation's settings for the indicators.
-- Keys lead with operation_id; rows about a person or a household are visible exactly when the
-- person (or one member of the household) is, as in 0003 and 0005.

-- Indicator settings per operation; no row means the defaults.
CREATE TABLE assistance_settings (
  operation_id uuid NOT NULL REFERENCES operations (id),
  dependency_threshold double precision NOT NULL CHECK (dependency_threshold > 0 AND dependency_threshold < 1),
  reporting_currency text NOT NULL CHECK (reporting_currency ~ '^[A-Z]{3}$'),
  sri_method text NOT NULL,
  sri_min_scored integer NOT NULL CHECK (sri_min_scored BETWEEN 1 AND 12),
  sri_weights jsonb,
  updated_at timestamptz NOT NULL,
  updated_by uuid,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id)
);

-- Who delivers assistance. group_linked_sponsor is a risk marker, not a ban (PRODUCT.md).
CREATE TABLE providers (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  independence_class text NOT NULL
    CHECK (independence_class IN ('independent_humanitarian', 'host_state_service', 'group_linked_sponsor')),
  organisation_type text,
  iati_ref text,
  notes text,
  created_at timestamptz NOT NULL,
  created_by uuid,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id)
);
CREATE UNIQUE INDEX providers_name_key ON providers (operation_id, lower(name));

CREATE TABLE programmes (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL,
  type text NOT NULL CHECK (type IN ('food', 'cash_grant', 'shelter', 'nfi_tools', 'health', 'education',
                                     'skills_training', 'income_generating', 'legal_aid')),
  provider_id uuid NOT NULL,
  description text,
  funders jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- Rules over registry fields, evaluated by src/modules/assistance/eligibility.ts.
  eligibility jsonb NOT NULL DEFAULT '{"rules": []}'::jsonb,
  capacity integer CHECK (capacity >= 0),
  start_date date NOT NULL,
  end_date date,
  created_at timestamptz NOT NULL,
  created_by uuid,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, provider_id) REFERENCES providers (operation_id, id),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE UNIQUE INDEX programmes_name_key ON programmes (operation_id, lower(name));

-- Sites a programme covers; none means every site.
CREATE TABLE programme_sites (
  operation_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  site_id uuid NOT NULL,
  PRIMARY KEY (operation_id, programme_id, site_id),
  FOREIGN KEY (operation_id, programme_id) REFERENCES programmes (operation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (operation_id, site_id) REFERENCES sites (operation_id, id)
);

-- Funding agreements: published as IATI activities (src/modules/transparency/iati.ts), whose
-- iati-identifier is reporting_org_ref-reference and never changes.
CREATE TABLE funding_agreements (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  reference text NOT NULL,
  title text NOT NULL,
  description text,
  purpose text NOT NULL,
  amount numeric(16, 2) NOT NULL CHECK (amount >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  start_date date NOT NULL,
  end_date date,
  status text NOT NULL CHECK (status IN ('pipeline', 'implementation', 'finalisation', 'closed', 'cancelled', 'suspended')),
  is_public boolean NOT NULL DEFAULT false,
  reporting_org_ref text NOT NULL,
  reporting_org_name text NOT NULL,
  reporting_org_type text NOT NULL,
  recipient_country text CHECK (recipient_country ~ '^[A-Z]{2}$'),
  parties jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE UNIQUE INDEX funding_agreements_identifier ON funding_agreements (operation_id, reporting_org_ref, reference);

CREATE TABLE agreement_programmes (
  operation_id uuid NOT NULL,
  agreement_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  PRIMARY KEY (operation_id, agreement_id, programme_id),
  FOREIGN KEY (operation_id, agreement_id) REFERENCES funding_agreements (operation_id, id) ON DELETE CASCADE,
  FOREIGN KEY (operation_id, programme_id) REFERENCES programmes (operation_id, id)
);
CREATE INDEX agreement_programmes_programme ON agreement_programmes (operation_id, programme_id);

CREATE TABLE agreement_transactions (
  operation_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  agreement_id uuid NOT NULL,
  type text NOT NULL CHECK (type IN ('incoming_commitment', 'incoming_funds', 'commitment', 'disbursement', 'expenditure')),
  value numeric(16, 2) NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  transaction_date date NOT NULL,
  description text,
  provider_org text,
  receiver_org text,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, agreement_id) REFERENCES funding_agreements (operation_id, id)
);
CREATE INDEX agreement_transactions_agreement ON agreement_transactions (operation_id, agreement_id, transaction_date);

-- Moves of groups between sites or places (the motivating case: a relocation paid by a donor).
CREATE TABLE relocation_operations (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  from_site_id uuid,
  from_place text,
  to_site_id uuid,
  to_place text,
  relocated_on date NOT NULL,
  persons_count integer NOT NULL CHECK (persons_count >= 0),
  legal_basis text NOT NULL,
  managed_by text NOT NULL,
  agreement_id uuid,
  is_public boolean NOT NULL DEFAULT false,
  notes text,
  created_at timestamptz NOT NULL,
  created_by uuid,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, from_site_id) REFERENCES sites (operation_id, id),
  FOREIGN KEY (operation_id, to_site_id) REFERENCES sites (operation_id, id),
  FOREIGN KEY (operation_id, agreement_id) REFERENCES funding_agreements (operation_id, id),
  CHECK (from_site_id IS NOT NULL OR from_place IS NOT NULL),
  CHECK (to_site_id IS NOT NULL OR to_place IS NOT NULL)
);

-- One row per committed distribution list.
CREATE TABLE distribution_batches (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL,
  source text NOT NULL CHECK (source IN ('rows', 'csv', 'xlsx')),
  file_sha256 text,
  rows_total integer NOT NULL,
  committed_by uuid,
  committed_at timestamptz NOT NULL,
  PRIMARY KEY (operation_id, id)
);

-- Who received what, from which provider, under which programme, funded by whom. Exactly one of
-- person and household. reporting_value is the value in reporting_currency (the operation's at
-- the time of recording), which the dependency indicator compares.
CREATE TABLE distributions (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid,
  household_id uuid,
  programme_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('item', 'cash', 'voucher')),
  item text,
  quantity numeric(14, 3) CHECK (quantity > 0),
  unit text,
  value numeric(14, 2) CHECK (value >= 0),
  currency text CHECK (currency ~ '^[A-Z]{3}$'),
  reporting_value numeric(14, 2) CHECK (reporting_value >= 0),
  reporting_currency text CHECK (reporting_currency ~ '^[A-Z]{3}$'),
  distributed_on date NOT NULL,
  site_id uuid,
  funder text,
  agreement_id uuid,
  batch_id uuid,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id),
  FOREIGN KEY (operation_id, household_id) REFERENCES households (operation_id, id),
  FOREIGN KEY (operation_id, programme_id) REFERENCES programmes (operation_id, id),
  FOREIGN KEY (operation_id, provider_id) REFERENCES providers (operation_id, id),
  FOREIGN KEY (operation_id, site_id) REFERENCES sites (operation_id, id),
  FOREIGN KEY (operation_id, agreement_id) REFERENCES funding_agreements (operation_id, id),
  FOREIGN KEY (operation_id, batch_id) REFERENCES distribution_batches (operation_id, id),
  CHECK ((person_id IS NULL) <> (household_id IS NULL)),
  CHECK (value IS NULL OR currency IS NOT NULL),
  CHECK (reporting_value IS NULL OR reporting_currency IS NOT NULL),
  CHECK (kind <> 'cash' OR value IS NOT NULL)
);
CREATE INDEX distributions_person ON distributions (operation_id, person_id, distributed_on) WHERE person_id IS NOT NULL;
CREATE INDEX distributions_household ON distributions (operation_id, household_id, distributed_on) WHERE household_id IS NOT NULL;
CREATE INDEX distributions_date ON distributions (operation_id, distributed_on);

-- Enrolments in training, education and livelihood programmes, with their outcomes.
CREATE TABLE enrolments (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL,
  programme_id uuid NOT NULL,
  enrolled_on date NOT NULL,
  ended_on date,
  status text NOT NULL CHECK (status IN ('enrolled', 'completed', 'dropped_out')),
  completed boolean,
  certified boolean,
  employed boolean,
  business_started boolean,
  monthly_income numeric(14, 2) CHECK (monthly_income >= 0),
  income_currency text CHECK (income_currency ~ '^[A-Z]{3}$'),
  outcome_on date,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, person_id) REFERENCES persons (operation_id, id),
  FOREIGN KEY (operation_id, programme_id) REFERENCES programmes (operation_id, id),
  CHECK (ended_on IS NULL OR ended_on >= enrolled_on),
  CHECK (monthly_income IS NULL OR income_currency IS NOT NULL)
);
CREATE INDEX enrolments_person ON enrolments (operation_id, person_id, enrolled_on);
CREATE INDEX enrolments_programme ON enrolments (operation_id, programme_id, status);
-- One open enrolment per person and programme.
CREATE UNIQUE INDEX enrolments_open ON enrolments (operation_id, person_id, programme_id) WHERE status = 'enrolled';

-- RSRI Self-Reliance Index assessments of a household: the domain scores as given, and the
-- total with the method (src/modules/selfreliance/sri.ts) that produced it.
CREATE TABLE sri_assessments (
  operation_id uuid NOT NULL REFERENCES operations (id),
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL,
  assessed_on date NOT NULL,
  assessor text,
  instrument_version text NOT NULL,
  domains jsonb NOT NULL,
  answers jsonb,
  method text NOT NULL,
  min_scored integer NOT NULL,
  total double precision,
  total_min double precision,
  total_max double precision,
  scored_domains integer NOT NULL,
  refusal text,
  recorded_at timestamptz NOT NULL,
  recorded_by uuid,
  PRIMARY KEY (operation_id, id),
  FOREIGN KEY (operation_id, household_id) REFERENCES households (operation_id, id)
);
CREATE INDEX sri_assessments_household ON sri_assessments (operation_id, household_id, assessed_on);

ALTER TABLE assistance_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE programmes ENABLE ROW LEVEL SECURITY;
ALTER TABLE programme_sites ENABLE ROW LEVEL SECURITY;
ALTER TABLE funding_agreements ENABLE ROW LEVEL SECURITY;
ALTER TABLE agreement_programmes ENABLE ROW LEVEL SECURITY;
ALTER TABLE agreement_transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE relocation_operations ENABLE ROW LEVEL SECURITY;
ALTER TABLE distribution_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE distributions ENABLE ROW LEVEL SECURITY;
ALTER TABLE enrolments ENABLE ROW LEVEL SECURITY;
ALTER TABLE sri_assessments ENABLE ROW LEVEL SECURITY;

CREATE POLICY operation_scope ON assistance_settings
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON providers
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON programmes
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON programme_sites
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON funding_agreements
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON agreement_programmes
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON agreement_transactions
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON relocation_operations
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY operation_scope ON distribution_batches
  USING (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

-- A person's assistance is visible exactly when the person is; a household's when at least one
-- of its members is (household_members' own policy hides members the user may not see).
CREATE POLICY visible_distributions ON distributions
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND (
      (person_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM persons p WHERE p.operation_id = distributions.operation_id AND p.id = distributions.person_id))
      OR (household_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM household_members m
        WHERE m.operation_id = distributions.operation_id AND m.household_id = distributions.household_id))
    )
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_enrolments ON enrolments
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (SELECT 1 FROM persons p WHERE p.operation_id = enrolments.operation_id AND p.id = enrolments.person_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);
CREATE POLICY visible_sri_assessments ON sri_assessments
  USING (
    operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid
    AND EXISTS (
      SELECT 1 FROM household_members m
      WHERE m.operation_id = sri_assessments.operation_id AND m.household_id = sri_assessments.household_id)
  )
  WITH CHECK (operation_id = NULLIF(current_setting('app.operation_id', true), '')::uuid);

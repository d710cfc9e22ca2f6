-- Billing's schema (P3). Personal fields exist here only as AES-256-GCM ciphertext under a data
-- key of their subject (data_keys); a data key exists only wrapped by a key-encryption-key
-- version (kek_versions); a version's key material exists only sealed by the root keyset, which
-- comes from configuration and is never stored here. There is no column for a card number or a
-- CVV: payment methods are the processor's token (sealed), brand, last four (sealed) and expiry.

-- Key-encryption-key versions. sealed_keyset is a one-key Tink keyset sealed by the root keyset;
-- it becomes NULL when the version is destroyed.
CREATE TABLE kek_versions (
  version        INT             NOT NULL,
  state          VARCHAR(16)     NOT NULL,
  is_primary     BOOLEAN         NOT NULL,
  sealed_keyset  VARBINARY(1024) NULL,
  create_time    DATETIME(6)     NOT NULL,
  state_time     DATETIME(6)     NOT NULL,
  PRIMARY KEY (version)
);

-- Data keys: one SUBJECT key per account (profiles, payment methods, invoices until erasure) and
-- one RETENTION key per erased account that still has invoices under legal retention. Deleting a
-- row crypto-shreds everything sealed under it, including copies in backups of the other tables.
CREATE TABLE data_keys (
  id            VARCHAR(32)    NOT NULL,
  project_id    VARCHAR(63)    NOT NULL,
  account_id    VARCHAR(63)    NOT NULL,
  purpose       VARCHAR(16)    NOT NULL,
  kek_version   INT            NOT NULL,
  wrapped_key   VARBINARY(512) NOT NULL,
  retain_until  DATETIME(6)    NULL,
  create_time   DATETIME(6)    NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT data_keys_kek_version FOREIGN KEY (kek_version) REFERENCES kek_versions (version)
);
CREATE UNIQUE INDEX data_keys_subject ON data_keys (project_id, account_id, purpose);
CREATE INDEX data_keys_kek ON data_keys (kek_version);
CREATE INDEX data_keys_retention ON data_keys (purpose, retain_until);

-- Billing profiles: name, company, e-mail and postal address, all in sealed_details.
CREATE TABLE billing_profiles (
  id              VARCHAR(63)  NOT NULL,
  project_id      VARCHAR(63)  NOT NULL,
  account_id      VARCHAR(63)  NOT NULL,
  data_key_id     VARCHAR(32)  NOT NULL,
  sealed_details  BLOB         NOT NULL,
  create_time     DATETIME(6)  NOT NULL,
  update_time     DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT billing_profiles_data_key FOREIGN KEY (data_key_id) REFERENCES data_keys (id)
);
CREATE INDEX billing_profiles_account ON billing_profiles (project_id, account_id, create_time, id);

-- Payment methods: what the processor tells us about a card, never the card number.
CREATE TABLE payment_methods (
  id            VARCHAR(63)     NOT NULL,
  project_id    VARCHAR(63)     NOT NULL,
  account_id    VARCHAR(63)     NOT NULL,
  processor     VARCHAR(32)     NOT NULL,
  brand         VARCHAR(16)     NOT NULL,
  exp_month     INT             NOT NULL,
  exp_year      INT             NOT NULL,
  data_key_id   VARCHAR(32)     NOT NULL,
  sealed_token  VARBINARY(1024) NOT NULL,
  sealed_last4  VARBINARY(128)  NOT NULL,
  create_time   DATETIME(6)     NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT payment_methods_data_key FOREIGN KEY (data_key_id) REFERENCES data_keys (id)
);
CREATE INDEX payment_methods_account ON payment_methods (project_id, account_id, create_time, id);

-- The account's default payment method, keyed by account: two defaults cannot exist, whatever
-- the interleaving of concurrent changes. Deleting the method deletes the pointer.
CREATE TABLE default_payment_methods (
  project_id         VARCHAR(63)  NOT NULL,
  account_id         VARCHAR(63)  NOT NULL,
  payment_method_id  VARCHAR(63)  NOT NULL,
  update_time        DATETIME(6)  NOT NULL,
  PRIMARY KEY (project_id, account_id),
  CONSTRAINT default_payment_methods_method FOREIGN KEY (payment_method_id) REFERENCES payment_methods (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX default_payment_methods_method ON default_payment_methods (payment_method_id);

-- Invoices. Amounts are integers in the currency's minor unit. sealed_contents holds the bill-to
-- snapshot (name, company, address) and the line items; it is sealed under the SUBJECT key and,
-- when the subject is erased, resealed under the RETENTION key until retain_until.
CREATE TABLE invoices (
  id                  VARCHAR(63)  NOT NULL,
  project_id          VARCHAR(63)  NOT NULL,
  account_id          VARCHAR(63)  NOT NULL,
  invoice_number      VARCHAR(32)  NOT NULL,
  billing_profile_id  VARCHAR(63)  NOT NULL,
  issue_date          DATE         NOT NULL,
  currency_code       CHAR(3)      NOT NULL,
  total_minor         BIGINT       NOT NULL,
  status              VARCHAR(8)   NOT NULL,
  data_key_id         VARCHAR(32)  NOT NULL,
  sealed_contents     BLOB         NOT NULL,
  retain_until        DATETIME(6)  NOT NULL,
  create_time         DATETIME(6)  NOT NULL,
  update_time         DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT invoices_data_key FOREIGN KEY (data_key_id) REFERENCES data_keys (id)
);
CREATE UNIQUE INDEX invoices_number ON invoices (project_id, invoice_number);
CREATE INDEX invoices_account ON invoices (project_id, account_id, create_time, id);
CREATE INDEX invoices_retention ON invoices (retain_until);

-- Gap-free invoice numbers per project and year, drawn in the invoice's own transaction.
CREATE TABLE invoice_sequences (
  project_id   VARCHAR(63) NOT NULL,
  issue_year   INT         NOT NULL,
  last_number  BIGINT      NOT NULL,
  PRIMARY KEY (project_id, issue_year)
);

-- Rewrap jobs. cursor_id is the last data key id handled, so a job resumes where it stopped;
-- active_slot is 1 while running (a unique index allows one running job at a time); the lease
-- keeps a second process off a job that is being worked on.
CREATE TABLE rewrap_jobs (
  id              VARCHAR(32)  NOT NULL,
  target_version  INT          NOT NULL,
  state           VARCHAR(16)  NOT NULL,
  active_slot     INT          NULL,
  total_keys      BIGINT       NOT NULL,
  rewrapped_keys  BIGINT       NOT NULL,
  cursor_id       VARCHAR(32)  NOT NULL,
  lease_owner     VARCHAR(32)  NULL,
  lease_until     DATETIME(6)  NULL,
  start_time      DATETIME(6)  NOT NULL,
  finish_time     DATETIME(6)  NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX rewrap_jobs_active ON rewrap_jobs (active_slot);
CREATE INDEX rewrap_jobs_start ON rewrap_jobs (start_time);

-- Erasure receipts (P13): what was erased and what is retained, why and until when. No personal
-- data beyond the account id the receipt answers for.
CREATE TABLE erasure_receipts (
  id          VARCHAR(32)  NOT NULL,
  project_id  VARCHAR(63)  NOT NULL,
  account_id  VARCHAR(63)  NOT NULL,
  erasure     VARCHAR(80)  NOT NULL,
  erase_time  DATETIME(6)  NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX erasure_receipts_subject ON erasure_receipts (project_id, account_id, erase_time);

CREATE TABLE erasure_receipt_items (
  receipt_id   VARCHAR(32)  NOT NULL,
  item_index   INT          NOT NULL,
  kind         VARCHAR(32)  NOT NULL,
  item_count   BIGINT       NOT NULL,
  retained     BOOLEAN      NOT NULL,
  legal_basis  VARCHAR(200) NULL,
  purge_time   DATETIME(6)  NULL,
  categories   VARCHAR(500) NULL,
  PRIMARY KEY (receipt_id, item_index),
  CONSTRAINT erasure_receipt_items_receipt FOREIGN KEY (receipt_id) REFERENCES erasure_receipts (id) ON DELETE CASCADE
);

-- The identity service's schema. Times are UTC DATETIME(6).

-- Project sites (tenants). The primary account holder receives policy-change notices (P14).
CREATE TABLE projects (
  id                 VARCHAR(63)  NOT NULL,
  display_name       VARCHAR(200) NOT NULL,
  primary_account_id VARCHAR(63)  NULL,
  create_time        DATETIME(6)  NOT NULL,
  PRIMARY KEY (id)
);

-- Accounts (P2): exactly name, company or affiliation and e-mail; credentials live apart.
-- seq orders listings by creation; (project_id, email) keeps one account per address per site.
CREATE TABLE accounts (
  seq          BIGINT       NOT NULL AUTO_INCREMENT,
  project_id   VARCHAR(63)  NOT NULL,
  id           VARCHAR(63)  NOT NULL,
  full_name    VARCHAR(200) NOT NULL,
  company      VARCHAR(200) NOT NULL,
  email        VARCHAR(254) NOT NULL,
  state        VARCHAR(16)  NOT NULL,
  create_time  DATETIME(6)  NOT NULL,
  update_time  DATETIME(6)  NOT NULL,
  PRIMARY KEY (seq)
);
CREATE UNIQUE INDEX accounts_by_id ON accounts (project_id, id);
CREATE UNIQUE INDEX accounts_by_email ON accounts (project_id, email);

-- Password credentials (P15): Argon2id PHC strings, one per account.
CREATE TABLE credentials (
  project_id   VARCHAR(63)  NOT NULL,
  account_id   VARCHAR(63)  NOT NULL,
  phc          VARCHAR(255) NOT NULL,
  update_time  DATETIME(6)  NOT NULL,
  PRIMARY KEY (project_id, account_id)
);

-- Contacts (P1): people known by e-mail, one row per normalised address per site. account_id
-- links an address collected through an account (kept after an e-mail change, so erasing the
-- account erases every address it ever had).
CREATE TABLE contacts (
  seq              BIGINT       NOT NULL AUTO_INCREMENT,
  project_id       VARCHAR(63)  NOT NULL,
  id               VARCHAR(63)  NOT NULL,
  email            VARCHAR(254) NOT NULL,
  account_id       VARCHAR(63)  NULL,
  first_seen_time  DATETIME(6)  NOT NULL,
  last_seen_time   DATETIME(6)  NOT NULL,
  PRIMARY KEY (seq)
);
CREATE UNIQUE INDEX contacts_by_id ON contacts (project_id, id);
CREATE UNIQUE INDEX contacts_by_email ON contacts (project_id, email);
CREATE INDEX contacts_by_first_seen ON contacts (project_id, first_seen_time, seq);
CREATE INDEX contacts_by_account ON contacts (project_id, account_id);

-- Each source through which a contact reached the company, with first and last sighting.
CREATE TABLE contact_sightings (
  contact_seq      BIGINT       NOT NULL,
  source           VARCHAR(16)  NOT NULL,
  first_seen_time  DATETIME(6)  NOT NULL,
  last_seen_time   DATETIME(6)  NOT NULL,
  PRIMARY KEY (contact_seq, source)
);

-- Login sessions (P12). Only the SHA-256 of the token is stored. A session ends by revocation
-- (end_time set) or by expiry (absolute, or idle since last_active_time, which is recorded at
-- most about once a minute); the sweep job deletes ended and expired rows.
CREATE TABLE sessions (
  seq                   BIGINT       NOT NULL AUTO_INCREMENT,
  id                    VARCHAR(63)  NOT NULL,
  project_id            VARCHAR(63)  NOT NULL,
  account_id            VARCHAR(63)  NOT NULL,
  token_hash            BINARY(32)   NOT NULL,
  create_time           DATETIME(6)  NOT NULL,
  last_active_time      DATETIME(6)  NOT NULL,
  absolute_expire_time  DATETIME(6)  NOT NULL,
  end_time              DATETIME(6)  NULL,
  end_reason            VARCHAR(16)  NULL,
  PRIMARY KEY (seq)
);
CREATE UNIQUE INDEX sessions_by_token ON sessions (token_hash);
CREATE UNIQUE INDEX sessions_by_id ON sessions (id);
CREATE INDEX sessions_by_account ON sessions (project_id, account_id, seq);
CREATE INDEX sessions_by_expiry ON sessions (absolute_expire_time);
CREATE INDEX sessions_by_activity ON sessions (last_active_time);

-- Failed-login throttling per (project, e-mail), keyed by a keyed hash so the addresses people
-- typed are not stored. Rows live only as long as their window or lock.
CREATE TABLE login_throttle (
  throttle_key      BINARY(32)   NOT NULL,
  failure_count     INT          NOT NULL,
  window_start_time DATETIME(6)  NOT NULL,
  last_failure_time DATETIME(6)  NOT NULL,
  locked_until_time DATETIME(6)  NULL,
  PRIMARY KEY (throttle_key)
);

-- Secrets this service generates for itself on first start (the throttle key).
CREATE TABLE service_secrets (
  name         VARCHAR(63)  NOT NULL,
  secret       VARBINARY(64) NOT NULL,
  create_time  DATETIME(6)  NOT NULL,
  PRIMARY KEY (name)
);

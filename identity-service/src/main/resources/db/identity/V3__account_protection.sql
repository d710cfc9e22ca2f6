-- Accounts protected as Kratos and Keycloak users expect (P15): verified addresses, recovery,
-- a second factor, and throttling an attacker cannot use to lock the owner out.

-- When the current address was proved to reach the person; NULL while unverified.
ALTER TABLE accounts ADD COLUMN email_verify_time DATETIME(6) NULL;

-- How many factors opened a session (NIST SP 800-63B AAL: 1 = password, 2 = password + second factor).
ALTER TABLE sessions ADD COLUMN aal TINYINT NOT NULL DEFAULT 1;

-- Single-use tokens mailed to an account (purpose VERIFY_EMAIL or RECOVERY). Only the SHA-256
-- of the 256-bit token is stored. A newer token of the same purpose replaces the older ones; a
-- password change deletes the recovery tokens; an e-mail change the verification tokens.
CREATE TABLE account_tokens (
  token_hash   BINARY(32)   NOT NULL,
  purpose      VARCHAR(16)  NOT NULL,
  project_id   VARCHAR(63)  NOT NULL,
  account_id   VARCHAR(63)  NOT NULL,
  create_time  DATETIME(6)  NOT NULL,
  expire_time  DATETIME(6)  NOT NULL,
  PRIMARY KEY (token_hash)
);
CREATE INDEX account_tokens_by_account ON account_tokens (project_id, account_id, purpose);
CREATE INDEX account_tokens_by_expiry ON account_tokens (expire_time);

-- TOTP (RFC 6238) second factor: the secret sealed with AES-256-GCM under a service key (bound
-- to the account by the associated data); confirm_time NULL while enrolment is pending;
-- last_step is the last time step accepted, so a code is accepted once.
CREATE TABLE totp_credentials (
  project_id    VARCHAR(63)   NOT NULL,
  account_id    VARCHAR(63)   NOT NULL,
  sealed_secret VARBINARY(128) NOT NULL,
  create_time   DATETIME(6)   NOT NULL,
  confirm_time  DATETIME(6)   NULL,
  last_step     BIGINT        NOT NULL,
  PRIMARY KEY (project_id, account_id)
);

-- Single-use recovery codes (80 random bits each): only their SHA-256.
CREATE TABLE recovery_codes (
  project_id   VARCHAR(63)  NOT NULL,
  account_id   VARCHAR(63)  NOT NULL,
  code_hash    BINARY(32)   NOT NULL,
  create_time  DATETIME(6)  NOT NULL,
  PRIMARY KEY (project_id, account_id, code_hash)
);

-- Logins waiting for their second factor: the SHA-256 of the challenge, whose account, how
-- many wrong answers so far; deleted when answered, after too many wrong answers, or expired.
CREATE TABLE login_challenges (
  challenge_hash BINARY(32)  NOT NULL,
  project_id     VARCHAR(63) NOT NULL,
  account_id     VARCHAR(63) NOT NULL,
  attempts       INT         NOT NULL,
  create_time    DATETIME(6) NOT NULL,
  expire_time    DATETIME(6) NOT NULL,
  PRIMARY KEY (challenge_hash)
);
CREATE INDEX login_challenges_by_account ON login_challenges (project_id, account_id);
CREATE INDEX login_challenges_by_expiry ON login_challenges (expire_time);

-- Throttle rows now exist per (project, e-mail, client key) and per (project, e-mail); both carry
-- the keyed hash of (project, e-mail) so an account's rows can be cleared together (recovery,
-- erasure) without storing the address.
ALTER TABLE login_throttle ADD COLUMN account_key BINARY(32) NULL;
CREATE INDEX login_throttle_by_account ON login_throttle (account_key);

-- Subjects known by e-mail appear in the ledger under a random pseudonym kept only here, so the
-- ledger never holds an address and erasing the row unlinks the entries (P13).
CREATE TABLE subject_pseudonyms (
  subject_key VARCHAR(400) NOT NULL,
  pseudonym   CHAR(32)     NOT NULL,
  create_time DATETIME(6)  NOT NULL,
  PRIMARY KEY (subject_key)
);
CREATE UNIQUE INDEX subject_pseudonyms_pseudonym ON subject_pseudonyms (pseudonym);

-- Consents (P8). subject_key is the account name or projects/{p}/emails/{address}. Revoked and
-- expired consents stay (history); only live ones count in decisions.
CREATE TABLE consents (
  id                  CHAR(36)      NOT NULL,
  subject_key         VARCHAR(400)  NOT NULL,
  recipient_id        VARCHAR(63)   NOT NULL,
  purposes            VARCHAR(400)  NOT NULL,
  categories          VARCHAR(1000) NOT NULL,
  expire_time         DATETIME(6)   NULL,
  policy_version      VARCHAR(64)   NOT NULL,
  capture_method      VARCHAR(32)   NOT NULL,
  capture_reference   VARCHAR(200)  NULL,
  grant_time          DATETIME(6)   NOT NULL,
  revoke_time         DATETIME(6)   NULL,
  grant_ledger_index  BIGINT        NOT NULL,
  revoke_ledger_index BIGINT        NULL,
  PRIMARY KEY (id)
);
CREATE INDEX consents_subject ON consents (subject_key, grant_time);
CREATE INDEX consents_recipient_subject ON consents (recipient_id, subject_key);

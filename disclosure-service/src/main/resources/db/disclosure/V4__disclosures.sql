-- Decisions (P7-P11). (caller, request_id) is unique: a retried request finds its decision and
-- adds nothing to the ledger. ledger_index is the latest decision entry; release_* the package
-- release (once).
CREATE TABLE disclosures (
  id                     CHAR(36)      NOT NULL,
  caller                 VARCHAR(64)   NOT NULL,
  request_id             CHAR(36)      NOT NULL,
  request_hash           BINARY(32)    NOT NULL,
  recipient_id           VARCHAR(63)   NOT NULL,
  recipient_version      BIGINT        NOT NULL,
  scope_kind             VARCHAR(16)   NOT NULL,
  scope_project          VARCHAR(80)   NULL,
  requested_categories   VARCHAR(1000) NOT NULL,
  allowed_categories     VARCHAR(1000) NOT NULL,
  purpose                VARCHAR(32)   NOT NULL,
  basis                  VARCHAR(32)   NOT NULL,
  recipient_use          VARCHAR(32)   NOT NULL,
  case_reference         VARCHAR(200)  NULL,
  authority              VARCHAR(200)  NULL,
  request_reference      VARCHAR(200)  NULL,
  requested_by           VARCHAR(100)  NOT NULL,
  outcome                VARCHAR(16)   NOT NULL,
  decision_rule          VARCHAR(64)   NOT NULL,
  reason                 VARCHAR(1000) NOT NULL,
  decide_time            DATETIME(6)   NOT NULL,
  expire_time            DATETIME(6)   NULL,
  notice_period_end_time DATETIME(6)   NULL,
  ledger_index           BIGINT        NOT NULL,
  release_time           DATETIME(6)   NULL,
  release_ledger_index   BIGINT        NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX disclosures_request ON disclosures (caller, request_id);

-- The subjects a decision names (or, for a corporate transaction's project or all-subjects
-- scope, the subjects notified), with their outcome; indexed by subject for ListDisclosures.
CREATE TABLE disclosure_subjects (
  disclosure_id    CHAR(36)     NOT NULL,
  subject_position INT          NOT NULL,
  subject_key      VARCHAR(400) NOT NULL,
  outcome          VARCHAR(16)  NOT NULL,
  reason           VARCHAR(300) NOT NULL,
  PRIMARY KEY (disclosure_id, subject_position)
);
CREATE INDEX disclosure_subjects_subject ON disclosure_subjects (subject_key, disclosure_id);

-- Subject exports (P13): the request is recorded first (state REQUESTED), then the document
-- gathered from every service is stored with the ledger entry of its release to the subject
-- (COMPLETED), or the failure code (FAILED). Documents are personal data: deleted after the
-- export retention period and when the subject is erased.
CREATE TABLE exports (
  id           CHAR(36)     NOT NULL,
  caller       VARCHAR(64)  NOT NULL,
  request_id   CHAR(36)     NOT NULL,
  request_hash BINARY(32)   NOT NULL,
  subject_key  VARCHAR(400) NOT NULL,
  export_state VARCHAR(16)  NOT NULL,
  failure      VARCHAR(100) NULL,
  document     LONGTEXT     NULL,
  create_time  DATETIME(6)  NOT NULL,
  release_time DATETIME(6)  NULL,
  ledger_index BIGINT       NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX exports_request ON exports (caller, request_id);
CREATE INDEX exports_subject ON exports (subject_key);
CREATE INDEX exports_create_time ON exports (create_time);

-- Erasures (P13): a durable saga. The erasure and one step per service are recorded first; the
-- erasure-saga job then calls each leaf's EraseSubjectData (with the step's own request id, so a
-- repeated call erases once) until it confirms, retrying with backoff; a lease keeps two
-- instances from running one step at once. When the leaves confirmed, disclosure erases its own
-- records and queues the recipients' notices and the subject's receipt in one transaction.
-- active_subject_key is the subject while the erasure runs (NULL after): one saga per subject.
-- subject_key holds an e-mail address for subjects known only by e-mail until completion, when it
-- is replaced by an address-free form; receipt_address is cleared once the receipt went out.
CREATE TABLE erasures (
  id                    CHAR(36)     NOT NULL,
  caller                VARCHAR(64)  NOT NULL,
  request_id            CHAR(36)     NOT NULL,
  request_hash          BINARY(32)   NOT NULL,
  project               VARCHAR(80)  NOT NULL,
  subject_key           VARCHAR(400) NOT NULL,
  active_subject_key    VARCHAR(400) NULL,
  subject_ledger_id     VARCHAR(200) NOT NULL,
  erasure_state         VARCHAR(16)  NOT NULL,
  address_known         BOOLEAN      NOT NULL,
  receipt_address       VARCHAR(254) NULL,
  receipt_name          VARCHAR(200) NULL,
  receipt_message_id    CHAR(36)     NULL,
  mail_redacted         BOOLEAN      NOT NULL,
  create_time           DATETIME(6)  NOT NULL,
  complete_time         DATETIME(6)  NULL,
  ledger_index          BIGINT       NOT NULL,
  complete_ledger_index BIGINT       NULL,
  PRIMARY KEY (id)
);
CREATE UNIQUE INDEX erasures_request ON erasures (caller, request_id);
CREATE UNIQUE INDEX erasures_active_subject ON erasures (active_subject_key);
CREATE INDEX erasures_state ON erasures (erasure_state, create_time);
CREATE INDEX erasures_create_time ON erasures (create_time, id);

CREATE TABLE erasure_steps (
  erasure_id        CHAR(36)      NOT NULL,
  service           VARCHAR(16)   NOT NULL,
  step_position     INT           NOT NULL,
  step_state        VARCHAR(16)   NOT NULL,
  step_request_id   CHAR(36)      NOT NULL,
  attempts          INT           NOT NULL,
  next_attempt_time DATETIME(6)   NULL,
  lease_until       DATETIME(6)   NULL,
  last_failure      VARCHAR(100)  NULL,
  receipt_id        VARCHAR(100)  NULL,
  erase_time        DATETIME(6)   NULL,
  erased_items      TEXT          NULL,
  retained_items    TEXT          NULL,
  confirm_ledger_index BIGINT     NULL,
  PRIMARY KEY (erasure_id, service)
);
CREATE INDEX erasure_steps_due ON erasure_steps (next_attempt_time);

-- The recipients told of an erasure (GDPR Art. 19) and their outbox message (none when the
-- recipient has no notice address).
CREATE TABLE erasure_notices (
  erasure_id   CHAR(36)    NOT NULL,
  recipient_id VARCHAR(63) NOT NULL,
  message_id   CHAR(36)    NULL,
  PRIMARY KEY (erasure_id, recipient_id)
);

-- A subject's own notices are found by the addressee's ledger id (exports, erasure).
CREATE INDEX mail_outbox_subject ON mail_outbox (subject_id);

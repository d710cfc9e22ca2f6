-- The mail outbox: queued with the change that calls for a message, delivered with retries.
-- next_attempt_time is set while an attempt is due (NULL once delivered or given up);
-- lease_until keeps two senders from sending one message at once. failure holds a code
-- (SMTP_550, CONNECT), never a server message. to_address is personal data: never logged.
CREATE TABLE mail_outbox (
  id                CHAR(36)     NOT NULL,
  topic             VARCHAR(40)  NOT NULL,
  reference         VARCHAR(100) NOT NULL,
  subject_id        VARCHAR(200) NULL,
  to_address        VARCHAR(254) NOT NULL,
  mail_subject      VARCHAR(300) NOT NULL,
  body              MEDIUMTEXT   NOT NULL,
  delivery_state    VARCHAR(16)  NOT NULL,
  attempts          INT          NOT NULL,
  next_attempt_time DATETIME(6)  NULL,
  lease_until       DATETIME(6)  NULL,
  failure           VARCHAR(40)  NULL,
  permanent_failure BOOLEAN      NOT NULL,
  create_time       DATETIME(6)  NOT NULL,
  deliver_time      DATETIME(6)  NULL,
  ledger_index      BIGINT       NULL,
  PRIMARY KEY (id)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_time);
CREATE INDEX mail_outbox_reference ON mail_outbox (reference);

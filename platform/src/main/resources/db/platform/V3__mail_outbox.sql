-- The mail outbox every service shares the mechanism of: a message is queued in the same
-- transaction as the change that calls for it and delivered afterwards with retries.
-- next_attempt_time is set while an attempt is due (NULL once delivered or given up);
-- lease_until keeps two senders from sending one message at once. failure holds a code
-- (SMTP_550, CONNECT), never a server message. to_address, mail_subject and body are personal
-- data: never logged, blanked after the retention period and at the subject's erasure.
-- journal_index is the service's own record of a final outcome (disclosure: its ledger entry).
-- carries_secret: the text holds a single-use token; it is blanked at delivery or when given up.
CREATE TABLE custody_mail_outbox (
  id                CHAR(36)     NOT NULL,
  topic             VARCHAR(40)  NOT NULL,
  reference         VARCHAR(200) NOT NULL,
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
  journal_index     BIGINT       NULL,
  carries_secret    BOOLEAN      NOT NULL DEFAULT FALSE,
  PRIMARY KEY (id),
  KEY custody_mail_outbox_due (next_attempt_time),
  KEY custody_mail_outbox_reference (reference),
  KEY custody_mail_outbox_subject (subject_id)
);

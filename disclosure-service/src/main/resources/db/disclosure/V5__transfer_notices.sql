-- Corporate transfer notices (P10): a campaign per PENDING_NOTICE decision; once the affected
-- subjects are listed (resolve_time), one notice per subject with its outbox message (none when
-- identity knew no address).
CREATE TABLE transfer_campaigns (
  disclosure_id     CHAR(36)    NOT NULL,
  resolve_time      DATETIME(6) NULL,
  attempts          INT         NOT NULL,
  next_attempt_time DATETIME(6) NULL,
  last_failure      VARCHAR(100) NULL,
  PRIMARY KEY (disclosure_id)
);
CREATE INDEX transfer_campaigns_due ON transfer_campaigns (next_attempt_time);

CREATE TABLE transfer_notices (
  disclosure_id    CHAR(36)     NOT NULL,
  subject_position INT          NOT NULL,
  subject_key      VARCHAR(400) NOT NULL,
  message_id       CHAR(36)     NULL,
  PRIMARY KEY (disclosure_id, subject_position)
);

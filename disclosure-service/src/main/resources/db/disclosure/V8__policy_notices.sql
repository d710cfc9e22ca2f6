-- Policy versions (P14): immutable once published; each publication is a ledger entry.
CREATE TABLE policy_versions (
  id             VARCHAR(63)   NOT NULL,
  policy_text    MEDIUMTEXT    NULL,
  policy_url     VARCHAR(2000) NULL,
  content_sha256 CHAR(64)      NOT NULL,
  effective_date VARCHAR(10)   NOT NULL,
  significant    BOOLEAN       NOT NULL,
  summary        VARCHAR(2000) NOT NULL,
  publish_time   DATETIME(6)   NOT NULL,
  ledger_index   BIGINT        NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX policy_versions_published ON policy_versions (publish_time, id);
CREATE INDEX policy_versions_significant ON policy_versions (significant, publish_time);

-- A significant version's e-mail campaign: once identity listed the primary account holders
-- (list_time), one notice per holder with its outbox message (none when no address is known).
CREATE TABLE policy_campaigns (
  version_id        VARCHAR(63)  NOT NULL,
  start_time        DATETIME(6)  NOT NULL,
  list_time         DATETIME(6)  NULL,
  attempts          INT          NOT NULL,
  next_attempt_time DATETIME(6)  NULL,
  last_failure      VARCHAR(100) NULL,
  PRIMARY KEY (version_id)
);
CREATE INDEX policy_campaigns_due ON policy_campaigns (next_attempt_time);

CREATE TABLE policy_notices (
  version_id      VARCHAR(63)  NOT NULL,
  notice_position INT          NOT NULL,
  project         VARCHAR(80)  NOT NULL,
  account         VARCHAR(200) NOT NULL,
  message_id      CHAR(36)     NULL,
  PRIMARY KEY (version_id, notice_position)
);
CREATE INDEX policy_notices_message ON policy_notices (message_id);

-- Acknowledgements of a version by an account (the prominent notice goes away), with their ledger entry.
CREATE TABLE policy_acknowledgements (
  account          VARCHAR(200) NOT NULL,
  version_id       VARCHAR(63)  NOT NULL,
  acknowledge_time DATETIME(6)  NOT NULL,
  ledger_index     BIGINT       NOT NULL,
  PRIMARY KEY (account, version_id)
);
CREATE INDEX policy_acknowledgements_version ON policy_acknowledgements (version_id);

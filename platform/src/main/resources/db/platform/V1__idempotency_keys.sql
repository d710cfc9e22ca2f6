-- Idempotency keys (AIP-155): the first result of a mutation, replayed to retries with the same
-- request_id from the same caller. Rows are purged after the retention period (at least 24 h).
CREATE TABLE custody_idempotency (
  caller       VARCHAR(64)  NOT NULL,
  request_type VARCHAR(200) NOT NULL,
  request_id   CHAR(36)     NOT NULL,
  request_hash BINARY(32)   NOT NULL,
  response     MEDIUMBLOB   NULL,
  lease_until  DATETIME(6)  NOT NULL,
  create_time  DATETIME(6)  NOT NULL,
  PRIMARY KEY (caller, request_type, request_id),
  KEY custody_idempotency_create_time (create_time)
);

-- Inconsistencies a ledger verification found, and their acknowledgement by an operator. While
-- one is open (not acknowledged), new disclosures are refused (fail closed, issue 15).
-- failure_hash identifies a failure: the same failure found again is the same incident.
CREATE TABLE ledger_incidents (
  id BIGINT NOT NULL AUTO_INCREMENT,
  failure_hash BINARY(32) NOT NULL,
  failure VARCHAR(500) NOT NULL,
  tree_size BIGINT NOT NULL,
  detect_time DATETIME(6) NOT NULL,
  acknowledge_time DATETIME(6) NULL,
  acknowledged_by VARCHAR(100) NULL,
  case_reference VARCHAR(100) NULL,
  ledger_index BIGINT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ledger_incidents_failure UNIQUE (failure_hash)
);

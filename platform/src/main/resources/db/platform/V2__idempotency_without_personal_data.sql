-- Idempotency keys keep no personal data at rest (see Idempotency's Javadoc):
--  * a mutation whose reply carries personal data keeps only a reference to what it made (the
--    resource name) and re-reads it for a retry;
--  * request fingerprints are HMAC-SHA-256 under a secret of this service (below), computed without
--    the request's credential fields.
ALTER TABLE custody_idempotency ADD COLUMN reference VARCHAR(512) NULL;

-- Secrets a service generates for itself on first use; every instance on the same database
-- shares them.
CREATE TABLE custody_service_secret (
  name        VARCHAR(64)   NOT NULL,
  secret      VARBINARY(64) NOT NULL,
  create_time DATETIME(6)   NOT NULL,
  PRIMARY KEY (name)
);

-- Rows written before held whole replies in clear and unkeyed hashes of whole requests.
DELETE FROM custody_idempotency;

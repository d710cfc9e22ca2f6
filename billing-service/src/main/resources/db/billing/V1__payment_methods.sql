-- Payment methods: the processor's token (encrypted), brand, last four and expiry. Never a card
-- number or a CVV: there is no column for them.
CREATE TABLE payment_methods (
  id                  VARCHAR(63)  NOT NULL,
  project_id          VARCHAR(63)  NOT NULL,
  account_id          VARCHAR(63)  NOT NULL,
  processor           VARCHAR(32)  NOT NULL,
  token_ciphertext    VARBINARY(1024) NOT NULL,
  brand               VARCHAR(16)  NOT NULL,
  last4               CHAR(4)      NOT NULL,
  exp_month           INT          NOT NULL,
  exp_year            INT          NOT NULL,
  is_default          BOOLEAN      NOT NULL,
  create_time         DATETIME(6)  NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX payment_methods_account ON payment_methods (project_id, account_id);

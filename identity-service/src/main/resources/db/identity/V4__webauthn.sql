-- WebAuthn (passkeys) as a second factor (P15). A credential is the authenticator's public key
-- (as attested credential data: AAGUID, credential id, COSE key) and its signature counter;
-- nothing secret is stored. A registration waits for its answer with a random challenge.
CREATE TABLE webauthn_credentials (
  credential_id    VARBINARY(255)  NOT NULL,
  project_id       VARCHAR(63)     NOT NULL,
  account_id       VARCHAR(63)     NOT NULL,
  display_name     VARCHAR(100)    NOT NULL,
  credential_data  VARBINARY(2048) NOT NULL,
  sign_count       BIGINT          NOT NULL,
  create_time      DATETIME(6)     NOT NULL,
  last_use_time    DATETIME(6)     NULL,
  PRIMARY KEY (credential_id)
);
CREATE INDEX webauthn_credentials_by_account ON webauthn_credentials (project_id, account_id);

CREATE TABLE webauthn_registrations (
  project_id   VARCHAR(63) NOT NULL,
  account_id   VARCHAR(63) NOT NULL,
  challenge    BINARY(32)  NOT NULL,
  expire_time  DATETIME(6) NOT NULL,
  PRIMARY KEY (project_id, account_id)
);

-- A second-factor login challenge also carries the WebAuthn challenge its assertion must sign.
ALTER TABLE login_challenges ADD COLUMN webauthn_challenge BINARY(32) NULL;

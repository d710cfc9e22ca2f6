-- The recipients registry (P11). Every change is a new row in recipient_versions; a decision
-- records the version it was taken under.
CREATE TABLE recipients (
  id              VARCHAR(63) NOT NULL,
  current_version BIGINT      NOT NULL,
  create_time     DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
);

CREATE TABLE recipient_versions (
  recipient_id         VARCHAR(63)   NOT NULL,
  version              BIGINT        NOT NULL,
  display_name         VARCHAR(200)  NOT NULL,
  kind                 VARCHAR(40)   NOT NULL,
  permitted_purposes   VARCHAR(400)  NOT NULL,
  permitted_categories VARCHAR(1000) NOT NULL,
  nda_reference        VARCHAR(200)  NULL,
  nda_start_time       DATETIME(6)   NULL,
  nda_end_time         DATETIME(6)   NULL,
  controlling_entity   VARCHAR(200)  NULL,
  notice_email         VARCHAR(254)  NULL,
  update_time          DATETIME(6)   NOT NULL,
  PRIMARY KEY (recipient_id, version)
);

-- Project sites (tenants). The primary account holder receives policy-change notices (P14).
CREATE TABLE projects (
  id                 VARCHAR(63)  NOT NULL,
  display_name       VARCHAR(200) NOT NULL,
  primary_account_id VARCHAR(63)  NULL,
  create_time        DATETIME(6)  NOT NULL,
  PRIMARY KEY (id)
);

-- Staff reads of one subject's personal data (issue 13 §5). The ledger entry (`staff.accessed`)
-- is the record; this table is its index by subject, so an export can list a subject's accesses
-- without scanning the ledger. Identifiers and codes only: subject_id is the subject's ledger id
-- (an account name, or the pseudonym of a subject known by e-mail). Rows are deleted after the
-- staff access retention period and on the subject's erasure; the ledger entries stay.
CREATE TABLE staff_accesses (
  ledger_index BIGINT NOT NULL,
  subject_id VARCHAR(255) NOT NULL,
  caller VARCHAR(32) NOT NULL,
  method VARCHAR(200) NOT NULL,
  purpose VARCHAR(40) NOT NULL,
  categories VARCHAR(1000) NOT NULL,
  access_time DATETIME(6) NOT NULL,
  PRIMARY KEY (ledger_index)
);
CREATE INDEX staff_accesses_subject ON staff_accesses (subject_id, ledger_index);
CREATE INDEX staff_accesses_time ON staff_accesses (access_time);

-- Free text that ledger entries commit to (issue 13): the entry's payload holds only
-- HMAC-SHA256(hmac_key, text_value); the text and its key live here, in an ordinary table that
-- erasure and retention delete from. One row per (entry, field, subject): an entry naming several
-- subjects keeps one copy per subject, so erasing one subject leaves the others' copies.
-- subject_id is the ledger's pseudonymous subject id, '' for text about no subject (recipients,
-- policy versions).
CREATE TABLE ledger_texts (
  entry_index BIGINT        NOT NULL,
  field_path  VARCHAR(100)  NOT NULL,
  subject_id  VARCHAR(100)  NOT NULL,
  text_value  VARCHAR(2000) NOT NULL,
  hmac_key    BINARY(32)    NOT NULL,
  PRIMARY KEY (entry_index, field_path, subject_id)
);
CREATE INDEX ledger_texts_subject ON ledger_texts (subject_id);

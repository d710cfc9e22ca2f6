-- The analytics schema. Nothing here is per visitor: page views are reduced to aggregates per
-- (project, normalised path, UTC day) and per (project, referrer host, UTC day) on arrival.
-- Unique visitors are HyperLogLog sketches (Apache DataSketches, compact HLL_4 bytes) over a
-- keyed hash whose daily salt is destroyed after 48 hours.

-- One random salt per UTC day; only today's, yesterday's (and, briefly, tomorrow's for clock
-- skew) exist. The salt-destruction job deletes every older row.
CREATE TABLE daily_salt (
  salt_date   DATE        NOT NULL,
  salt        BINARY(32)  NOT NULL,
  create_time DATETIME(6) NOT NULL,
  PRIMARY KEY (salt_date)
);

-- Acknowledged batches, already pre-aggregated per cell, waiting to be folded into the day
-- aggregates below. A batch is acknowledged once its row is committed; the compaction job (and
-- every query, first) folds rows into page_day / referrer_day and deletes them in the same
-- transaction. The payload holds only cells: (day, path or host, views, HLL sketch).
CREATE TABLE ingest_journal (
  journal_id  BIGINT       NOT NULL AUTO_INCREMENT,
  project_id  VARCHAR(63)  NOT NULL,
  view_count  INT          NOT NULL,
  payload     MEDIUMBLOB   NOT NULL,
  create_time DATETIME(6)  NOT NULL,
  PRIMARY KEY (journal_id)
);

-- Request ids of recorded batches (AIP-155), written in the journal row's transaction so a
-- retried batch is counted exactly once. Purged after 48 hours.
CREATE TABLE ingest_request (
  project_id     VARCHAR(63) NOT NULL,
  request_id     CHAR(36)    NOT NULL,
  request_hash   BINARY(32)  NOT NULL,
  recorded_count INT         NOT NULL,
  create_time    DATETIME(6) NOT NULL,
  PRIMARY KEY (project_id, request_id)
);
CREATE INDEX ingest_request_by_time ON ingest_request (create_time);

-- One row; compactions take it FOR UPDATE so that only one folds the journal at a time, even
-- across replicas (the read-merge-write of sketches must not interleave).
CREATE TABLE compaction_lock (
  lock_id INT NOT NULL,
  PRIMARY KEY (lock_id)
);
INSERT INTO compaction_lock (lock_id) VALUES (1);

-- Page aggregates per project, normalised path and UTC day. unique_visitors is the sketch's
-- rounded estimate, kept beside it for ordering and suppression in SQL.
CREATE TABLE page_day (
  project_id      VARCHAR(63)  NOT NULL,
  view_date       DATE         NOT NULL,
  path            VARCHAR(512) NOT NULL,
  views           BIGINT       NOT NULL,
  unique_visitors BIGINT       NOT NULL,
  sketch          BLOB         NOT NULL,
  PRIMARY KEY (project_id, view_date, path)
);
/* [jooq ignore start] */
-- Paths are ASCII (the normaliser percent-encodes anything else) and compared byte by byte;
-- one byte per character keeps sort keys and indexes four times smaller than utf8mb4.
ALTER TABLE page_day
  MODIFY project_id VARCHAR(63)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  MODIFY path       VARCHAR(512) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;
/* [jooq ignore stop] */
-- Covering index for the queries that need no sketch (per-day rows, totals by views): it holds
-- the counts without the ~2 KB sketches, so a 30-day scan reads megabytes, not tens of them.
CREATE INDEX page_day_counts ON page_day (project_id, view_date, views, unique_visitors);

-- Referrer-host aggregates per project and UTC day (host only, never the referring URL).
CREATE TABLE referrer_day (
  project_id      VARCHAR(63)  NOT NULL,
  view_date       DATE         NOT NULL,
  host            VARCHAR(253) NOT NULL,
  views           BIGINT       NOT NULL,
  unique_visitors BIGINT       NOT NULL,
  sketch          BLOB         NOT NULL,
  PRIMARY KEY (project_id, view_date, host)
);
/* [jooq ignore start] */
ALTER TABLE referrer_day
  MODIFY project_id VARCHAR(63)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  MODIFY host       VARCHAR(253) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;
/* [jooq ignore stop] */
CREATE INDEX referrer_day_counts ON referrer_day (project_id, view_date, views, unique_visitors);

-- Epsilon spent by noisy queries, per project and UTC day (the privacy budget), in millionths
-- so that sums are exact.
CREATE TABLE privacy_budget_spend (
  project_id          VARCHAR(63) NOT NULL,
  budget_date         DATE        NOT NULL,
  spent_micro_epsilon BIGINT      NOT NULL,
  PRIMARY KEY (project_id, budget_date)
);

-- Surveys of choice and rating questions (P5).
CREATE TABLE survey (
  project_id  VARCHAR(63)  NOT NULL,
  survey_id   VARCHAR(63)  NOT NULL,
  title       VARCHAR(200) NOT NULL,
  create_time DATETIME(6)  NOT NULL,
  PRIMARY KEY (project_id, survey_id)
);

CREATE TABLE survey_question (
  project_id     VARCHAR(63)  NOT NULL,
  survey_id      VARCHAR(63)  NOT NULL,
  question_index INT          NOT NULL,
  question_id    VARCHAR(32)  NOT NULL,
  question_text  VARCHAR(500) NOT NULL,
  kind           VARCHAR(16)  NOT NULL,
  rating_min     INT          NOT NULL,
  rating_max     INT          NOT NULL,
  PRIMARY KEY (project_id, survey_id, question_index)
);

CREATE TABLE survey_option (
  project_id   VARCHAR(63)  NOT NULL,
  survey_id    VARCHAR(63)  NOT NULL,
  question_id  VARCHAR(32)  NOT NULL,
  option_index INT          NOT NULL,
  option_text  VARCHAR(200) NOT NULL,
  PRIMARY KEY (project_id, survey_id, question_id, option_index)
);

-- One submitted response. The respondent, when given, is kept only as a keyed pseudonym
-- (HMAC-SHA-256 of the account name under a key outside the database), so the subject's own
-- export and erasure can find the response; only the day of submission is kept.
CREATE TABLE survey_response (
  response_id          BIGINT      NOT NULL AUTO_INCREMENT,
  project_id           VARCHAR(63) NOT NULL,
  survey_id            VARCHAR(63) NOT NULL,
  respondent_pseudonym BINARY(32),
  submit_date          DATE        NOT NULL,
  PRIMARY KEY (response_id)
);
CREATE INDEX survey_response_by_respondent ON survey_response (respondent_pseudonym);
CREATE INDEX survey_response_by_survey ON survey_response (project_id, survey_id);

-- The answers of a response: the chosen option's index or the rating.
CREATE TABLE survey_answer (
  response_id  BIGINT      NOT NULL,
  project_id   VARCHAR(63) NOT NULL,
  survey_id    VARCHAR(63) NOT NULL,
  question_id  VARCHAR(32) NOT NULL,
  option_index INT,
  rating       INT,
  PRIMARY KEY (response_id, question_id)
);
CREATE INDEX survey_answer_by_question ON survey_answer (project_id, survey_id, question_id);

-- Roll-ups of closed days, so that a total over a long range merges a few sketches per key
-- instead of one per day. A span is 2^n consecutive days (n = 1..8) whose first day is a
-- multiple of 2^n days after 1970-01-01; any range is covered by a handful of them plus single
-- days. A span is built once, when every day in it is closed (no view can arrive for it any
-- more), from its two halves, and never changes afterwards.
--
-- Small-count suppression happens per cell, so a span is built for one visibility threshold:
-- it holds only the cells with at least visible_from unique visitors (0 for every cell, as the
-- noisy mode reads them). views is the sum over those cells, any_visible whether there was one,
-- sketch the union of their sketches (empty when none) and unique_visitors its estimate.
CREATE TABLE page_span (
  project_id      VARCHAR(63)  NOT NULL,
  visible_from    BIGINT       NOT NULL,
  span_days       INT          NOT NULL,
  first_date      DATE         NOT NULL,
  path            VARCHAR(512) NOT NULL,
  views           BIGINT       NOT NULL,
  unique_visitors BIGINT       NOT NULL,
  any_visible     BOOLEAN      NOT NULL,
  sketch          BLOB         NOT NULL,
  PRIMARY KEY (project_id, visible_from, span_days, first_date, path)
);
/* [jooq ignore start] */
ALTER TABLE page_span
  MODIFY project_id VARCHAR(63)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  MODIFY path       VARCHAR(512) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;
/* [jooq ignore stop] */

CREATE TABLE referrer_span (
  project_id      VARCHAR(63)  NOT NULL,
  visible_from    BIGINT       NOT NULL,
  span_days       INT          NOT NULL,
  first_date      DATE         NOT NULL,
  host            VARCHAR(253) NOT NULL,
  views           BIGINT       NOT NULL,
  unique_visitors BIGINT       NOT NULL,
  any_visible     BOOLEAN      NOT NULL,
  sketch          BLOB         NOT NULL,
  PRIMARY KEY (project_id, visible_from, span_days, first_date, host)
);
/* [jooq ignore start] */
ALTER TABLE referrer_span
  MODIFY project_id VARCHAR(63)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  MODIFY host       VARCHAR(253) CHARACTER SET ascii COLLATE ascii_bin NOT NULL;
/* [jooq ignore stop] */

-- How far spans are built, per project, dimension (PAGE or REFERRER) and threshold: every span
-- whose last day is on or before sealed_through exists. Written in the transaction that built
-- them, so a reader that sees the mark sees the spans.
CREATE TABLE span_watermark (
  project_id     VARCHAR(63) NOT NULL,
  dimension      VARCHAR(16) NOT NULL,
  visible_from   BIGINT      NOT NULL,
  sealed_through DATE        NOT NULL,
  PRIMARY KEY (project_id, dimension, visible_from)
);

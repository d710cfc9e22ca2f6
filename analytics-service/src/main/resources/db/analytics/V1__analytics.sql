-- Epsilon spent by noisy queries, per project and UTC day (the privacy budget).
CREATE TABLE privacy_budget_spend (
  project_id    VARCHAR(63) NOT NULL,
  budget_date   DATE        NOT NULL,
  spent_epsilon DOUBLE      NOT NULL,
  PRIMARY KEY (project_id, budget_date)
);

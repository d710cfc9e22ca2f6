-- The mail outbox moved to the platform (custody_mail_outbox, shared by every service that sends
-- mail): the messages move there unchanged, their ledger entry index becoming the journal index.
/* [jooq ignore start] */
INSERT IGNORE INTO custody_mail_outbox (id, topic, reference, subject_id, to_address, mail_subject, body, delivery_state,
    attempts, next_attempt_time, lease_until, failure, permanent_failure, create_time, deliver_time, journal_index)
  SELECT id, topic, reference, subject_id, to_address, mail_subject, body, delivery_state,
    attempts, next_attempt_time, lease_until, failure, permanent_failure, create_time, deliver_time, ledger_index
  FROM mail_outbox;
/* [jooq ignore stop] */
DROP TABLE mail_outbox;

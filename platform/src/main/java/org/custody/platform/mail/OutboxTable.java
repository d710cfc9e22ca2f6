package org.custody.platform.mail;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Instant;
import org.custody.platform.db.InstantBinding;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/**
 * The platform table {@code custody_mail_outbox} (migration {@code db/platform/V3}), for the
 * outbox store and for a service's own queries that join its records to their messages (a
 * campaign's delivery counts, a subject's mails). Times bind as UTC {@link Instant}s with
 * microseconds, like the generated code of every service.
 */
public final class OutboxTable {
  private static final DataType<Instant> TIME = SQLDataType.LOCALDATETIME(6).asConvertedDataType(new InstantBinding());

  public static final Table<Record> TABLE = table(name("custody_mail_outbox"));
  public static final Field<String> ID = field(name("custody_mail_outbox", "id"), String.class);
  public static final Field<String> TOPIC = field(name("custody_mail_outbox", "topic"), String.class);
  public static final Field<String> REFERENCE = field(name("custody_mail_outbox", "reference"), String.class);
  public static final Field<String> SUBJECT_ID = field(name("custody_mail_outbox", "subject_id"), String.class);
  public static final Field<String> TO_ADDRESS = field(name("custody_mail_outbox", "to_address"), String.class);
  public static final Field<String> MAIL_SUBJECT = field(name("custody_mail_outbox", "mail_subject"), String.class);
  public static final Field<String> BODY = field(name("custody_mail_outbox", "body"), String.class);
  public static final Field<String> DELIVERY_STATE = field(name("custody_mail_outbox", "delivery_state"), String.class);
  public static final Field<Integer> ATTEMPTS = field(name("custody_mail_outbox", "attempts"), Integer.class);
  public static final Field<Instant> NEXT_ATTEMPT_TIME = field(name("custody_mail_outbox", "next_attempt_time"), TIME);
  public static final Field<Instant> LEASE_UNTIL = field(name("custody_mail_outbox", "lease_until"), TIME);
  public static final Field<String> FAILURE = field(name("custody_mail_outbox", "failure"), String.class);
  public static final Field<Boolean> PERMANENT_FAILURE = field(name("custody_mail_outbox", "permanent_failure"), Boolean.class);
  public static final Field<Instant> CREATE_TIME = field(name("custody_mail_outbox", "create_time"), TIME);
  public static final Field<Instant> DELIVER_TIME = field(name("custody_mail_outbox", "deliver_time"), TIME);
  public static final Field<Long> JOURNAL_INDEX = field(name("custody_mail_outbox", "journal_index"), Long.class);
  public static final Field<Boolean> CARRIES_SECRET = field(name("custody_mail_outbox", "carries_secret"), Boolean.class);

  /** Every column, typed: select these (not {@code *}) so times come back as Instants. */
  public static final java.util.List<Field<?>> ALL = java.util.List.of(ID, TOPIC, REFERENCE, SUBJECT_ID, TO_ADDRESS, MAIL_SUBJECT, BODY,
      DELIVERY_STATE, ATTEMPTS, NEXT_ATTEMPT_TIME, LEASE_UNTIL, FAILURE, PERMANENT_FAILURE, CREATE_TIME, DELIVER_TIME, JOURNAL_INDEX,
      CARRIES_SECRET);

  private OutboxTable() {}
}

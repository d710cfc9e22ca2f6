package org.custody.platform.db;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Secrets a service generates for itself (keys of HMACs and pseudonyms that must be the same on
 * every instance and across restarts): 32 random bytes created on first use in the platform table
 * {@code custody_service_secret}, so every instance on the same database shares them. They are as
 * safe as the database: a secret kept here protects what is exposed without it (log lines,
 * tokens, single tables), not a whole copy of the database.
 */
public final class ServiceSecrets {
  private static final Table<Record> SECRETS = table(name("custody_service_secret"));
  private static final Field<String> NAME = field(name("name"), String.class);
  private static final Field<byte[]> SECRET = field(name("secret"), byte[].class);
  private static final Field<LocalDateTime> CREATE_TIME = field(name("create_time"), LocalDateTime.class);
  private static final int BYTES = 32;

  private final DSLContext dsl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public ServiceSecrets(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** The named secret, created on first use; the first instance to create it wins. */
  public byte[] get(String secretName) {
    byte[] fresh = new byte[BYTES];
    random.nextBytes(fresh);
    dsl.insertInto(SECRETS)
        .set(NAME, secretName)
        .set(SECRET, fresh)
        .set(CREATE_TIME, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .onDuplicateKeyIgnore()
        .execute();
    return dsl.select(SECRET).from(SECRETS).where(NAME.eq(secretName)).fetchSingle(SECRET);
  }
}

package org.custody.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import org.custody.platform.testkit.FreshDatabase;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Microseconds survive a round trip on the server actually used (MariaDB 10.x announces "5.5.5-"). */
@ExtendWith(FreshDatabase.class)
class InstantBindingIT {
  private static final Field<Instant> AT = field(name("at"), SQLDataType.LOCALDATETIME(6).asConvertedDataType(new InstantBinding()));

  @Test
  void instant_roundTripsWithMicroseconds_andComparesInQueries(DatabaseSettings settings) {
    try (Database database = Database.open(settings, "platform-test", new SimpleMeterRegistry())) {
      DSLContext dsl = database.dsl();
      dsl.execute("CREATE TABLE instants (id INT PRIMARY KEY, at DATETIME(6) NULL)");
      Instant written = Instant.parse("2026-11-27T10:15:30.123456Z");
      dsl.insertInto(table(name("instants"))).columns(field(name("id"), Integer.class), AT).values(1, written).execute();
      dsl.insertInto(table(name("instants"))).columns(field(name("id"), Integer.class), AT).values(2, null).execute();
      assertThat(dsl.select(AT).from(table(name("instants"))).where(field(name("id")).eq(1)).fetchOne(AT)).isEqualTo(written);
      assertThat(dsl.fetchCount(table(name("instants")), AT.eq(written))).isEqualTo(1);
      assertThat(dsl.fetchCount(table(name("instants")), AT.gt(Instant.parse("2026-11-27T10:15:30.123455Z")))).isEqualTo(1);
      assertThat(dsl.select(AT).from(table(name("instants"))).where(field(name("id")).eq(2)).fetchOne(AT)).isNull();
    }
  }
}

package org.custody.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.platform.testkit.FreshDatabase;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class ThreadBoundTransactionsIT {
  private static final Table<Record> ROWS = table(name("tx_rows"));
  private static final Field<String> ID = field(name("id"), String.class);
  private static Database database;
  private static ThreadBoundTransactions transactions;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = Database.open(settings, "platform-test", new SimpleMeterRegistry());
    database.dsl().execute("CREATE TABLE tx_rows (id VARCHAR(16) NOT NULL PRIMARY KEY)");
    transactions = new ThreadBoundTransactions(database.dsl());
  }

  @AfterAll
  static void close() {
    database.close();
  }

  @BeforeEach
  void empty() {
    database.dsl().deleteFrom(ROWS).execute();
  }

  private static void insert(String id) {
    transactions.dsl().insertInto(ROWS).set(ID, id).execute();
  }

  private static int count() {
    return database.dsl().fetchCount(ROWS);
  }

  @Test
  void inTransaction_failure_rollsBackEveryStatement_includingNestedOnes() {
    assertThatThrownBy(() -> transactions.run(() -> {
      insert("a");
      transactions.run(() -> insert("b"));
      throw new IllegalStateException("abort");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(count()).isZero();
  }

  @Test
  void inTransaction_success_commitsAll() {
    String result = transactions.inTransaction(() -> {
      insert("a");
      insert("b");
      return "done";
    });
    assertThat(result).isEqualTo("done");
    assertThat(count()).isEqualTo(2);
  }

  @Test
  void inTransaction_deadlockVictim_isRunAgainFromTheStart() {
    AtomicInteger attempts = new AtomicInteger();
    transactions.run(() -> {
      insert("a");
      if (attempts.incrementAndGet() < 3) {
        throw new DataAccessException("deadlock", new SQLException("Deadlock found", "40001", 1213));
      }
    });
    assertThat(attempts).hasValue(3);
    assertThat(count()).isEqualTo(1);
  }

  @Test
  void inTransaction_otherDatabaseFailure_isNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(() -> transactions.run(() -> {
      attempts.incrementAndGet();
      insert("a");
      insert("a");
    })).isInstanceOf(DataAccessException.class);
    assertThat(attempts).hasValue(1);
    assertThat(count()).isZero();
  }

  @Test
  void dsl_outsideATransaction_commitsEachStatement() {
    insert("a");
    assertThat(count()).isEqualTo(1);
  }
}

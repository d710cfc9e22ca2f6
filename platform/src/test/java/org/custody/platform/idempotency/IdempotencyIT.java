package org.custody.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.StringValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.platform.access.CallContext;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.errors.DomainException;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class IdempotencyIT {
  private static Database database;
  private static final MutableClock clock = MutableClock.at("2026-11-27T10:00:00Z");
  private static Idempotency idempotency;

  @BeforeAll
  static void open(DatabaseSettings settings) {
    database = Database.open(settings, "platform-test", new SimpleMeterRegistry());
    idempotency = new Idempotency(database.dsl(), clock, Duration.ofHours(24), Duration.ofMinutes(1));
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static <T> T asOperator(java.util.function.Supplier<T> work) {
    return CallContext.callAs("operator", Purpose.SERVICE_PROVISION, work);
  }

  @Test
  void retry_returnsTheFirstResult_withoutRunningAgain() {
    String id = UUID.randomUUID().toString();
    AtomicInteger runs = new AtomicInteger();
    StringValue request = StringValue.of("create thing");
    StringValue first = asOperator(() -> idempotency.execute(id, request, StringValue.parser(),
        () -> StringValue.of("result " + runs.incrementAndGet())));
    StringValue second = asOperator(() -> idempotency.execute(id, request, StringValue.parser(),
        () -> StringValue.of("result " + runs.incrementAndGet())));
    assertThat(first.getValue()).isEqualTo("result 1");
    assertThat(second).isEqualTo(first);
    assertThat(runs).hasValue(1);
  }

  @Test
  void sameKey_differentRequest_isRefused() {
    String id = UUID.randomUUID().toString();
    asOperator(() -> idempotency.execute(id, StringValue.of("a"), StringValue.parser(), () -> StringValue.of("ok")));
    assertThatThrownBy(() -> asOperator(() -> idempotency.execute(id, StringValue.of("b"), StringValue.parser(), () -> StringValue.of("ok"))))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("REQUEST_ID_REUSED"));
  }

  @Test
  void keysAreScopedToTheCaller() {
    String id = UUID.randomUUID().toString();
    StringValue a = CallContext.callAs("operator", Purpose.SERVICE_PROVISION,
        () -> idempotency.execute(id, StringValue.of("x"), StringValue.parser(), () -> StringValue.of("operator's")));
    StringValue b = CallContext.callAs("frontend", Purpose.SERVICE_PROVISION,
        () -> idempotency.execute(id, StringValue.of("x"), StringValue.parser(), () -> StringValue.of("frontend's")));
    assertThat(a.getValue()).isEqualTo("operator's");
    assertThat(b.getValue()).isEqualTo("frontend's");
  }

  @Test
  void failedAction_releasesTheKey_soARetryRunsIt() {
    String id = UUID.randomUUID().toString();
    StringValue request = StringValue.of("flaky");
    assertThatThrownBy(() -> asOperator(() -> idempotency.execute(id, request, StringValue.parser(), () -> {
      throw new IllegalStateException("transient");
    }))).isInstanceOf(IllegalStateException.class);
    StringValue retried = asOperator(() -> idempotency.execute(id, request, StringValue.parser(), () -> StringValue.of("second try")));
    assertThat(retried.getValue()).isEqualTo("second try");
  }

  @Test
  void purge_removesKeysPastRetention() {
    String id = UUID.randomUUID().toString();
    asOperator(() -> idempotency.execute(id, StringValue.of("old"), StringValue.parser(), () -> StringValue.of("v1")));
    clock.advance(Duration.ofHours(25));
    assertThat(idempotency.purgeExpired()).isPositive();
    StringValue rerun = asOperator(() -> idempotency.execute(id, StringValue.of("old"), StringValue.parser(), () -> StringValue.of("v2")));
    assertThat(rerun.getValue()).isEqualTo("v2");
  }

  @Test
  void retention_belowADay_isRefused() {
    assertThatThrownBy(() -> new Idempotency(database.dsl(), clock, Duration.ofHours(1), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

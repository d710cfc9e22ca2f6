package org.custody.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.StringValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.custody.platform.access.CallContext;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.errors.DomainException;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.MutableClock;
import org.custody.proto.identity.v1.Account;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jooq.impl.DSL;

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
  void concurrentDuplicate_waitsForTheFirst_andAnswersItsResult() throws Exception {
    String id = UUID.randomUUID().toString();
    StringValue request = StringValue.of("slow thing");
    AtomicInteger runs = new AtomicInteger();
    java.util.concurrent.CountDownLatch firstRunning = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = threads.submit(() -> asOperator(() -> idempotency.execute(id, request, StringValue.parser(), () -> {
        firstRunning.countDown();
        await(release);
        return StringValue.of("result " + runs.incrementAndGet());
      })));
      assertThat(firstRunning.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      var duplicate = threads.submit(() -> asOperator(() -> idempotency.execute(id, request, StringValue.parser(),
          () -> StringValue.of("result " + runs.incrementAndGet()))));
      Thread.sleep(300);
      assertThat(duplicate).as("the duplicate waits while the first runs").isNotDone();
      release.countDown();
      assertThat(duplicate.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(first.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertThat(runs).hasValue(1);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  // --- No personal data at rest -------------------------------------------------------------

  private static final String NAME = "Jane Canary-Roe";
  private static final String COMPANY = "Canary Holdings";
  private static final String EMAIL = "jane.canary@example.com";
  private static final String PASSWORD = "canary horse battery staple";

  /** A stand-in for a service's account store: what the action creates and a retry re-reads. */
  private static final Map<String, Account> ACCOUNTS = new ConcurrentHashMap<>();

  private static CreateAccountRequest createAccount(String email) {
    return CreateAccountRequest.newBuilder().setParent("projects/acme").setFullName(NAME).setCompany(COMPANY)
        .setEmail(email).setPassword(PASSWORD).setRequestId(UUID.randomUUID().toString()).build();
  }

  private static Account createByReference(CreateAccountRequest request, AtomicInteger runs) {
    return asOperator(() -> idempotency.executeByReference(request.getRequestId(), request, () -> {
      Account account = Account.newBuilder().setName("projects/acme/accounts/a" + runs.incrementAndGet())
          .setFullName(request.getFullName()).setCompany(request.getCompany()).setEmail(request.getEmail()).build();
      ACCOUNTS.put(account.getName(), account);
      return account;
    }, Account::getName, name -> ACCOUNTS.get(name)));
  }

  /** Every column of the key's row, as text and as raw bytes. */
  private static List<String> storedRow(String requestId) {
    Record row = database.dsl().selectFrom(DSL.table(DSL.name("custody_idempotency")))
        .where(DSL.field(DSL.name("request_id"), String.class).eq(requestId)).fetchSingle();
    List<String> values = new ArrayList<>();
    for (Object value : row.intoArray()) {
      values.add(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(value));
    }
    return values;
  }

  @Test
  void executeByReference_keepsNoPersonalValueOfRequestOrReply() {
    CreateAccountRequest request = createAccount(EMAIL);
    Account created = createByReference(request, new AtomicInteger());

    List<String> row = storedRow(request.getRequestId());
    assertThat(row).contains(created.getName());
    for (String personal : List.of(NAME, COMPANY, EMAIL, PASSWORD, "canary", "Canary")) {
      assertThat(row).as("stored key row").noneMatch(value -> value.contains(personal));
    }
    var kept = database.dsl().select(DSL.field(DSL.name("response"), byte[].class), DSL.field(DSL.name("request_hash"), byte[].class))
        .from(DSL.table(DSL.name("custody_idempotency")))
        .where(DSL.field(DSL.name("request_id"), String.class).eq(request.getRequestId())).fetchSingle();
    assertThat(kept.value1()).as("no reply is kept").isNull();
    assertThat(kept.value2()).as("the fingerprint is not a plain hash of the request")
        .isNotEqualTo(sha256(request.toByteArray()))
        .isNotEqualTo(sha256(request.toBuilder().clearPassword().build().toByteArray()));
  }

  @Test
  void executeByReference_retry_returnsTheSameResult_reReadWithoutRunningAgain() {
    CreateAccountRequest request = createAccount("retry." + EMAIL);
    AtomicInteger runs = new AtomicInteger();
    Account first = createByReference(request, runs);
    Account second = createByReference(request, runs);
    assertThat(second).isEqualTo(first);
    assertThat(second.getEmail()).isEqualTo("retry." + EMAIL);
    assertThat(runs).hasValue(1);
  }

  @Test
  void executeByReference_sameKey_differentRequest_isRefused() {
    CreateAccountRequest request = createAccount("first." + EMAIL);
    createByReference(request, new AtomicInteger());
    CreateAccountRequest other = request.toBuilder().setEmail("second." + EMAIL).build();
    assertThatThrownBy(() -> createByReference(other, new AtomicInteger()))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.reason()).isEqualTo("REQUEST_ID_REUSED"));
  }

  @Test
  void executeByReference_failedAction_releasesTheKey() {
    CreateAccountRequest request = createAccount("flaky." + EMAIL);
    assertThatThrownBy(() -> asOperator(() -> idempotency.executeByReference(request.getRequestId(), request,
        () -> {
          throw new IllegalStateException("transient");
        }, (Account a) -> a.getName(), ACCOUNTS::get))).isInstanceOf(IllegalStateException.class);
    assertThat(createByReference(request, new AtomicInteger()).getEmail()).isEqualTo("flaky." + EMAIL);
  }

  @Test
  void fingerprintKey_isSharedByEveryInstanceOnTheDatabase() {
    String id = UUID.randomUUID().toString();
    StringValue request = StringValue.of("shared");
    Idempotency other = new Idempotency(database.dsl(), clock, Duration.ofHours(24), Duration.ofMinutes(1));
    StringValue first = asOperator(() -> idempotency.execute(id, request, StringValue.parser(), () -> StringValue.of("first")));
    StringValue replayed = asOperator(() -> other.execute(id, request, StringValue.parser(), () -> StringValue.of("second")));
    assertThat(replayed).isEqualTo(first);
    assertThat(other.fingerprints().of(request)).isEqualTo(idempotency.fingerprints().of(request));
  }

  @Test
  void execute_replyHoldingPersonalData_isKeptButTheBreachIsLogged_withoutValues() {
    String id = UUID.randomUUID().toString();
    CreateAccountRequest request = createAccount("logged." + EMAIL);
    String logs;
    try (LogCapture capture = LogCapture.start()) {
      asOperator(() -> idempotency.execute(id, request, org.custody.proto.identity.v1.CreateAccountResponse.parser(),
          () -> org.custody.proto.identity.v1.CreateAccountResponse.newBuilder()
              .setAccount(Account.newBuilder().setName("projects/acme/accounts/x").setEmail(request.getEmail())).build()));
      logs = capture.text();
    }
    assertThat(logs).contains("idempotency keeps a reply holding personal data", "account.email");
    assertThat(logs).doesNotContain(request.getEmail());
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A process killed while carrying out a call with a deadline held the request_id for the whole
   * lease (here 1 minute; 2 by default), so a retry waited that long. The claim now ends with the
   * call's deadline plus 5 s: the retry after that carries the request out.
   */
  @Test
  void claimOfACallWithADeadline_thatDiedMidAction_expiresWithTheDeadline() throws Exception {
    String id = UUID.randomUUID().toString();
    StringValue request = StringValue.of("erase someone");
    io.grpc.Context.CancellableContext call = io.grpc.Context.current()
        .withDeadlineAfter(2, java.util.concurrent.TimeUnit.SECONDS, java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
    // An Error, not an exception: the claim is not released, as when the process is killed.
    assertThatThrownBy(() -> call.call(() -> asOperator(() -> idempotency.execute(id, request, StringValue.parser(), () -> {
      throw new AssertionError("the process died here");
    })))).isInstanceOf(AssertionError.class);
    call.cancel(null);
    clock.advance(Duration.ofSeconds(8));
    io.grpc.Context.CancellableContext retry = io.grpc.Context.current()
        .withDeadlineAfter(3, java.util.concurrent.TimeUnit.SECONDS, java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
    StringValue retried = retry.call(() -> asOperator(() -> idempotency.execute(id, request, StringValue.parser(),
        () -> StringValue.of("carried out by the retry"))));
    retry.cancel(null);
    assertThat(retried.getValue()).isEqualTo("carried out by the retry");
  }
}

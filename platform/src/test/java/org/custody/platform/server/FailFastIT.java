package org.custody.platform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.rpc.RetryInfo;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseProvisioner;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.EmbeddedMariaDb;
import org.custody.platform.metrics.ServiceMetrics;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectDataServiceGrpc.SubjectDataServiceBlockingStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outages fail fast and deadlines reach the database (issue 15 §2), on a private embedded
 * MariaDB paused and killed from outside (SIGSTOP, SIGKILL) with a pool configured as in
 * production (5 s connection timeout, the driver's 60 s socket timeout). Bounds are generous
 * multiples of what is measured on an idle machine, and always far below the timeouts that
 * governed before: a failure here means the old behaviour is back, not that the machine is slow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailFastIT {
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
  private static final Duration POOL_TIMEOUT = Duration.ofSeconds(5);

  @TempDir
  static Path dir;
  private static EmbeddedMariaDb mariadb;
  private static Database database;
  private static SleepingService service;
  private static ServiceServer server;
  private static ServiceHarness harness;
  private static SubjectDataServiceBlockingStub stub;

  @BeforeAll
  static void start() throws Exception {
    mariadb = EmbeddedMariaDb.start(Files.createDirectories(dir.resolve("data")), 0);
    DatabaseSettings provisioned = DatabaseProvisioner.provision(mariadb.adminSettings(), "custody_failfast", "custody_failfast",
        "failfast-password-0123456789");
    ServiceMetrics metrics = new ServiceMetrics("failfast");
    database = Database.open(new DatabaseSettings(provisioned.jdbcUrl(), provisioned.user(), provisioned.password(), 4, POOL_TIMEOUT),
        "platform-test", metrics.registry());
    service = new SleepingService(database);
    ServerSettings tests = ServerSettings.forTests();
    server = ServiceServer.builder("failfast")
        .settings(new ServerSettings(0, 0, tests.executorThreads(), tests.maxInboundMessageBytes(), tests.keepAliveTime(),
            tests.drainDelay(), tests.shutdownGrace(), PROBE_INTERVAL))
        .auth(TestCallers.auth())
        .accessPolicy(AccessPolicy.fromResource("/access-policy/platform-test.yaml"))
        .metrics(metrics.registry(), metrics.grpcInterceptor())
        .healthProbe(() -> database.answers(ServiceRuntime.probeTimeout(PROBE_INTERVAL)))
        .addService(service)
        .closeOnShutdown(database)
        .start();
    harness = ServiceHarness.of(server);
    stub = harness.stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION);
  }

  @AfterAll
  static void stop() {
    if (harness != null) {
      harness.close();
    }
    if (mariadb != null) {
      mariadb.close();
    }
  }

  @Test
  @Order(1)
  void deadline_boundsTheStatement() throws Exception {
    // Warm up first: a cold JVM's first call (validation rules compiled) can take a second,
    // and a call whose deadline passes before its handler starts never reaches the database.
    assertThat(stub.exportSubjectData(SleepingService.quick()).getRecordsCount()).isEqualTo(1);
    service.handlerEnds.clear();
    long start = System.nanoTime();
    StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
        () -> stub.withDeadlineAfter(1, TimeUnit.SECONDS).exportSubjectData(SleepingService.sleeping(20)));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    long ended = service.handlerEnds.poll(15, TimeUnit.SECONDS);
    long outlived = TimeUnit.NANOSECONDS.toMillis(ended - start) - 1000;
    System.out.printf("fail-fast: a 20 s statement under a 1 s deadline released its handler %d ms after the deadline%n", outlived);
    assertThat(outlived).as("server-side work past the caller's deadline, ms").isLessThan(3000);
    assertThat(sleepingStatements()).isZero();
  }

  @Test
  @Order(2)
  void cancelledCall_cancelsItsStatement() throws Exception {
    service.handlerEnds.clear();
    Context.CancellableContext call = Context.current().withCancellation();
    Thread caller = new Thread(() -> call.run(() -> {
      try {
        stub.exportSubjectData(SleepingService.sleeping(20));
      } catch (StatusRuntimeException expected) {
        // CANCELLED
      }
    }));
    try (org.custody.platform.testkit.LogCapture logs = org.custody.platform.testkit.LogCapture.start()) {
      caller.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> sleepingStatements() == 1);
      long cancelled = System.nanoTime();
      call.cancel(null);
      long ended = service.handlerEnds.poll(15, TimeUnit.SECONDS);
      long after = TimeUnit.NANOSECONDS.toMillis(ended - cancelled);
      System.out.printf("fail-fast: a cancelled call's 20 s statement ended %d ms after the cancellation%n", after);
      assertThat(after).isLessThan(3000);
      assertThat(sleepingStatements()).isZero();
      caller.join(5000);
      Thread.sleep(300);
      // A statement stopped with its call is not a server fault.
      assertThat(logs.text()).doesNotContain("internal error");
    }
  }

  @Test
  @Order(3)
  void pausedDatabase_callsEndWithTheirDeadline_thenFailFast() throws Exception {
    service.handlerEnds.clear();
    signal("STOP");
    try {
      long start = System.nanoTime();
      StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
          () -> stub.withDeadlineAfter(1500, TimeUnit.MILLISECONDS).exportSubjectData(SleepingService.quick()));
      assertThat(e.getStatus().getCode()).isIn(Status.Code.DEADLINE_EXCEEDED, Status.Code.UNAVAILABLE);
      Long ended = service.handlerEnds.poll(20, TimeUnit.SECONDS);
      if (ended != null) {
        long held = TimeUnit.NANOSECONDS.toMillis(ended - start);
        System.out.printf("fail-fast: with the database paused, a 1.5 s call's handler let go after %d ms%n", held);
        // Before: the pool's 5 s timeout, or the driver's 60 s socket timeout, held it.
        assertThat(held).isLessThan(POOL_TIMEOUT.toMillis());
      }
      long paused = System.nanoTime();
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
          .until(() -> harness.health() == ServingStatus.NOT_SERVING);
      System.out.printf("fail-fast: paused database seen NOT_SERVING %d ms after the first stuck call%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - paused));
      assertRefusedFast();
    } finally {
      signal("CONT");
    }
    long resumed = System.nanoTime();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> stub.withDeadlineAfter(2, TimeUnit.SECONDS).exportSubjectData(SleepingService.quick()).getRecordsCount() == 1);
    System.out.printf("fail-fast: calls succeed again %d ms after the database resumed%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed));
  }

  @Test
  @Order(4)
  void killedDatabase_seenWithinAboutAProbeInterval_callsRefusedInMilliseconds() throws Exception {
    assertThat(stub.exportSubjectData(SleepingService.quick()).getRecordsCount()).isEqualTo(1);
    long killed = System.nanoTime();
    ProcessHandle.of(mariadb.pid()).orElseThrow().destroyForcibly();
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> harness.health() == ServingStatus.NOT_SERVING);
    long detection = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    System.out.printf("fail-fast: killed database seen NOT_SERVING after %d ms (probe interval %d ms)%n",
        detection, PROBE_INTERVAL.toMillis());
    // One interval plus one probe timeout, with room for a loaded machine; before it was 5-6 s.
    assertThat(detection).isLessThan(4000);
    assertRefusedFast();

    mariadb.stop();
    long restarting = System.nanoTime();
    mariadb.restart();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> stub.withDeadlineAfter(2, TimeUnit.SECONDS).exportSubjectData(SleepingService.quick()).getRecordsCount() == 1);
    System.out.printf("fail-fast: calls succeed %d ms after the database was started again%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarting));
  }

  /** While the probe knows: UNAVAILABLE, DATABASE_UNAVAILABLE, RetryInfo, well inside the pool's timeout. */
  private static void assertRefusedFast() {
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class,
          () -> stub.withDeadlineAfter(5, TimeUnit.SECONDS).exportSubjectData(SleepingService.quick()));
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(ErrorDetails.of(e).reason()).isEqualTo("DATABASE_UNAVAILABLE");
      assertThat(StatusProto.fromThrowable(e).getDetailsList()).anyMatch(any -> any.is(RetryInfo.class));
      if (i == 4) {
        System.out.printf("fail-fast: refused UNAVAILABLE in %d ms (pool timeout %d ms)%n", took, POOL_TIMEOUT.toMillis());
      }
      assertThat(took).as("ms to refuse").isLessThan(POOL_TIMEOUT.toMillis() / 5);
    }
  }

  private static void signal(String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(mariadb.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  /** Statements still sleeping on the server (the killed or cancelled ones must be gone). */
  private static int sleepingStatements() throws Exception {
    try (var connection = java.sql.DriverManager.getConnection(mariadb.adminSettings().jdbcUrl(),
        mariadb.adminSettings().user(), mariadb.adminSettings().password());
        var rs = connection.createStatement().executeQuery(
            "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(%'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}

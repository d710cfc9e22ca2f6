package org.custody.platform.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseProvisioner;
import org.custody.platform.db.EmbeddedMariaDb;
import org.custody.platform.metrics.ServiceMetrics;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the service's real database process: health must turn NOT_SERVING, calls that need the
 * database must fail UNAVAILABLE (not UNKNOWN), and health must return to SERVING once the
 * database is back. Uses a dedicated embedded MariaDB so the shared test server stays up.
 */
class DatabaseOutageIT {
  @Test
  void health_followsTheDatabase(@TempDir Path dir) throws Exception {
    try (EmbeddedMariaDb mariadb = EmbeddedMariaDb.start(Files.createDirectories(dir.resolve("data")), 0)) {
      var settings = DatabaseProvisioner.provision(mariadb.adminSettings(), "custody_outage", "custody_outage", "outage-password-0123456789")
          .withPoolSize(2);
      ServiceMetrics metrics = new ServiceMetrics("outage");
      Database database = Database.open(new org.custody.platform.db.DatabaseSettings(settings.jdbcUrl(), settings.user(),
          settings.password(), 2, Duration.ofSeconds(1)), "platform-test", metrics.registry());
      int healthPort = freePort();
      ServiceServer server = serverOn(database, metrics, healthPort);
      try (ServiceHarness harness = ServiceHarness.of(server)) {
        var stub = harness.stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION);
        assertThat(harness.health()).isEqualTo(ServingStatus.SERVING);
        assertThat(stub.exportSubjectData(DatabaseBackedService.request()).getRecordsCount()).isEqualTo(1);

        mariadb.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.health() == ServingStatus.NOT_SERVING);
        // Liveness stays SERVING (no restart storms), and the plaintext health port tells the same story.
        assertThat(harness.health(ServiceServer.LIVENESS)).isEqualTo(ServingStatus.SERVING);
        assertPlaintextHealth(healthPort, ServingStatus.NOT_SERVING);
        try {
          stub.exportSubjectData(DatabaseBackedService.request());
          throw new AssertionError("a call needing the stopped database succeeded");
        } catch (StatusRuntimeException e) {
          assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
          assertThat(ErrorDetails.of(e).reason()).isEqualTo("DATABASE_UNAVAILABLE");
        }

        mariadb.restart();
        // The probe asks every 200 ms, faster than the pool re-checks a connection it just lent
        // (500 ms): this only recovers because the probe evicts the dead connection it was handed.
        // Generous bound: the pool's reconnect attempts back off up to 5 s on a loaded machine.
        try {
          await().atMost(Duration.ofSeconds(90)).until(() -> harness.health() == ServingStatus.SERVING);
        } catch (ConditionTimeoutException e) {
          throw new AssertionError("health did not return to SERVING; " + poolState(database), e);
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
            .until(() -> stub.exportSubjectData(DatabaseBackedService.request()).getRecordsCount() == 1);
      }
    }
  }

  /** A server whose readiness is the database's reachability, with the plaintext health port at {@code healthPort}. */
  private static ServiceServer serverOn(Database database, ServiceMetrics metrics, int healthPort) {
    ServerSettings tests = ServerSettings.forTests();
    return ServiceServer.builder("outage")
        .settings(new ServerSettings(0, 0, tests.executorThreads(), tests.maxInboundMessageBytes(), tests.keepAliveTime(),
            tests.drainDelay(), tests.shutdownGrace(), tests.healthProbeInterval(), healthPort))
        .auth(TestCallers.auth())
        .accessPolicy(AccessPolicy.fromResource("/access-policy/platform-test.yaml"))
        .metrics(metrics.registry(), metrics.grpcInterceptor())
        .healthProbe(() -> database.isReachable(1))
        .addService(new DatabaseBackedService(database))
        .closeOnShutdown(database)
        .start();
  }

  /** The plaintext health port reports {@code readiness}, and liveness SERVING. */
  private static void assertPlaintextHealth(int healthPort, ServingStatus readiness) {
    io.grpc.ManagedChannel healthChannel = TestCallers.channel(healthPort);
    try {
      var healthStub = io.grpc.health.v1.HealthGrpc.newBlockingStub(healthChannel);
      assertThat(healthStub.check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance()).getStatus())
          .isEqualTo(readiness);
      assertThat(healthStub.check(io.grpc.health.v1.HealthCheckRequest.newBuilder().setService(ServiceServer.LIVENESS).build())
          .getStatus()).isEqualTo(ServingStatus.SERVING);
    } finally {
      healthChannel.shutdownNow();
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      return free.getLocalPort();
    }
  }

  /** What the pool and its connection-adding thread were doing, for a failure message. */
  private static String poolState(Database database) {
    HikariPoolMXBean pool = ((HikariDataSource) database.dataSource()).getHikariPoolMXBean();
    StringBuilder state = new StringBuilder("pool total=").append(pool.getTotalConnections())
        .append(" idle=").append(pool.getIdleConnections()).append(" waiting=").append(pool.getThreadsAwaitingConnection());
    Thread.getAllStackTraces().forEach((thread, stack) -> {
      if (thread.getName().contains("connection-adder") || thread.getName().contains("health-probe")) {
        state.append("\n").append(thread.getName()).append(' ').append(thread.getState());
        for (StackTraceElement frame : stack) {
          state.append("\n  at ").append(frame);
        }
      }
    });
    return state.toString();
  }
}

package org.custody.identity.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.grpc.ManagedChannel;
import java.lang.management.ManagementFactory;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.custody.identity.app.IdentityApplication;
import org.custody.identity.app.IdentityConfig;
import org.custody.platform.access.Purpose;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.load.LoadDriver;
import org.custody.platform.mail.MailSettings;
import org.custody.platform.config.EnvReader;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestDatabases;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.custody.proto.identity.v1.ValidateSessionRequest;

/**
 * The identity service's performance figures, in one run: the real server on a real port against
 * MariaDB (a fresh database on the server named by CUSTODY_TEST_DB_URL, else an embedded one),
 * driven over TCP by the platform load driver.
 *
 * <ol>
 *   <li>grpc health Check at 32 concurrent calls (the ceiling of the server itself);
 *   <li>ValidateSession at 32 concurrent calls over 256 live sessions;
 *   <li>Login throughput at the configured Argon2id cost, at 4 and at 16 concurrent callers, with the
 *       process CPU time per login (server and in-process client together);
 *   <li>ValidateSession at 32 concurrent calls while a login flood saturates the hashing pool.
 * </ol>
 */
public final class IdentityBenchmark {
  private static final String PASSWORD = "correct horse battery staple";
  private static final Duration WARMUP = Duration.ofSeconds(5);
  private static final Duration MEASURE = Duration.ofSeconds(15);

  private IdentityBenchmark() {}

  public static void main(String[] args) throws Exception {
    DatabaseSettings database = TestDatabases.fresh("bench");
    ServerSettings server = new ServerSettings(0, 0, 32, 8 * 1024 * 1024, Duration.ofSeconds(60), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(2));
    // Registrations mail a verification link: a local SMTP server takes them.
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    smtp.start();
    MailSettings mail = MailSettings.from(new EnvReader(java.util.Map.of("CUSTODY_SMTP_HOST", "127.0.0.1",
        "CUSTODY_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()))), IdentityConfig.DEFAULT_MAIL_FROM);
    IdentityConfig config = IdentityConfig.withDefaults(new CommonConfig(server, TestCallers.auth(), Optional.of(database), Path.of("target")),
        mail);
    ServiceServer identity = IdentityApplication.start(config, database, ServiceRuntime.systemClock());
    ManagedChannel channel = TestCallers.channel(identity.port());
    try {
      var operator = TestCallers.as(IdentityServiceGrpc.newBlockingStub(channel), TestCallers.OPERATOR, Purpose.SERVICE_PROVISION);
      var frontend = TestCallers.as(IdentityServiceGrpc.newBlockingStub(channel), TestCallers.FRONTEND, Purpose.SERVICE_PROVISION);
      var sessions = TestCallers.as(SessionServiceGrpc.newBlockingStub(channel), TestCallers.FRONTEND, Purpose.AUTHENTICATION);
      var health = HealthGrpc.newBlockingStub(channel);
      operator.createProject(CreateProjectRequest.newBuilder().setProjectId("bench").setDisplayName("Bench").build());
      int accounts = 64;
      for (int i = 0; i < accounts; i++) {
        frontend.createAccount(CreateAccountRequest.newBuilder().setParent("projects/bench").setFullName("User " + i)
            .setCompany("Bench Ltd").setEmail("user" + i + "@bench.example").setPassword(PASSWORD).build());
      }
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 256; i++) {
        tokens.add(sessions.login(login(i % accounts)).getSessionToken());
      }
      System.out.printf("identity benchmark: %d cores, Argon2id m=%d KiB t=%d p=%d, hashing threads=%d, gRPC threads=%d%n",
          Runtime.getRuntime().availableProcessors(), config.argon2().memoryKib(), config.argon2().iterations(),
          config.argon2().parallelism(), config.hashingThreads(), server.executorThreads());

      LoadDriver.Result healthCheck = LoadDriver.run("grpc.health.v1.Health/Check", 32, WARMUP, MEASURE,
          (w, i) -> health.check(HealthCheckRequest.getDefaultInstance()));
      System.out.println(healthCheck.line());
      LoadDriver.Result validate = LoadDriver.run("SessionService/ValidateSession", 32, WARMUP, MEASURE,
          (w, i) -> sessions.validateSession(ValidateSessionRequest.newBuilder()
              .setSessionToken(tokens.get((int) ((w * 7919L + i) % tokens.size()))).build()));
      System.out.println(validate.line());
      for (int concurrency : new int[] {4, 16}) {
        measureLogins(sessions, accounts, concurrency);
      }

      validateDuringLoginFlood(sessions, accounts, tokens);
      System.out.printf("ValidateSession / health throughput: %.2f%n", validate.callsPerSecond() / healthCheck.callsPerSecond());
    } finally {
      channel.shutdownNow();
      identity.close();
      smtp.stop();
      TestDatabases.drop(database);
    }
  }

  /** ValidateSession while 64 callers log in as fast as they can (the hashing pool must not starve it). */
  private static void validateDuringLoginFlood(SessionServiceGrpc.SessionServiceBlockingStub sessions, int accounts, List<String> tokens)
      throws Exception {
    CompletableFuture<LoadDriver.Result> flood = CompletableFuture.supplyAsync(() -> {
      try {
        return LoadDriver.run("SessionService/Login (flood)", 64, Duration.ofSeconds(2), MEASURE.plus(WARMUP),
            (w, i) -> sessions.login(login((int) ((w + i) % accounts))));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(2_000);
    LoadDriver.Result underFlood = LoadDriver.run("SessionService/ValidateSession (login flood)", 32, WARMUP, MEASURE,
        (w, i) -> sessions.validateSession(ValidateSessionRequest.newBuilder()
            .setSessionToken(tokens.get((int) ((w * 7919L + i) % tokens.size()))).build()));
    System.out.println(underFlood.line());
    System.out.println(flood.get().line());
  }

  /** Logins/s at {@code concurrency} callers, and the process CPU time per login. */
  private static void measureLogins(SessionServiceGrpc.SessionServiceBlockingStub sessions, int accounts, int concurrency)
      throws InterruptedException {
    long cpuBefore = processCpuNanos();
    LoadDriver.Result logins = LoadDriver.run("SessionService/Login", concurrency, Duration.ofSeconds(3), MEASURE,
        (w, i) -> sessions.login(login((int) ((w * 8 + i) % accounts))));
    long cpu = processCpuNanos() - cpuBefore;
    System.out.println(logins.line());
    // CPU over warm-up and measurement, per login completed in both (the rate is steady across them)
    double perLogin = cpu / 1e6 / (logins.callsPerSecond() * (MEASURE.toMillis() + 3_000) / 1000.0);
    System.out.printf("SessionService/Login conc=%2d: %.1f logins/s, %.1f ms CPU per login (process, client included)%n", concurrency,
        logins.callsPerSecond(), perLogin);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static LoginRequest login(int account) {
    return LoginRequest.newBuilder().setProject("projects/bench").setEmail("user" + account + "@bench.example").setPassword(PASSWORD).build();
  }
}

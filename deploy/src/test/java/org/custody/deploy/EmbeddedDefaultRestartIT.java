package org.custody.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.custody.deploy.process.LauncherProcess;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.Granularity;
import org.custody.proto.analytics.v1.PageView;
import org.custody.proto.analytics.v1.QueryPageStatisticsRequest;
import org.custody.proto.analytics.v1.RecordPageViewsRequest;
import org.custody.proto.analytics.v1.VisitorHint;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.PostalAddress;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.GetProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's quick start as a user lives it: the launcher on its embedded database, in a
 * {@code CUSTODY_HOME} under the JVM's temp directory (a checkout in /tmp), stopped with SIGTERM
 * or killed with -9 and started again. Everything acknowledged before is still there, no
 * {@code mariadbd} outlives its launcher, and a second launcher on the same home is refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDefaultRestartIT {
  private static final Duration START = Duration.ofMinutes(3);
  private static final int VIEWS = 40;

  private final List<ManagedChannel> channels = new java.util.ArrayList<>();
  private Path home;
  private String dataDirArgument;
  private LauncherProcess launcher;

  @BeforeEach
  void homeUnderTheTempDirectory() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    home = Files.createTempDirectory(tmp, "custody-quickstart-").resolve(".custody");
    assertThat(home.toString()).startsWith(tmp.toString());
    dataDirArgument = "--datadir=" + home.resolve("mariadb").toAbsolutePath().normalize();
  }

  @AfterEach
  void stopEverything() {
    channels.forEach(ManagedChannel::shutdownNow);
    if (launcher != null) {
      launcher.close();
    }
    LauncherProcess.processesWith(dataDirArgument).forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  @Order(1)
  void restart_afterSigtermOrKill9_keepsEveryAcknowledgedWrite_andLeavesNoServerBehind() throws Exception {
    launcher = LauncherProcess.startEmbedded(home, Map.of(), START);
    Written written = write(launcher);
    assertWritten(launcher, written);

    // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran on that signal.
    assertThat(launcher.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isEqualTo(143);
    assertThat(launcher.output()).contains("Stopping Custody...").contains("embedded MariaDB stopped");
    assertThat(LauncherProcess.processesWith(dataDirArgument)).as("mariadbd after a clean stop").isEmpty();

    launcher = LauncherProcess.startEmbedded(home, Map.of(), START);
    assertWritten(launcher, written);

    launcher.kill();
    // The watchdog sees the launcher's pipe close and stops the server within moments.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(LauncherProcess.processesWith(dataDirArgument)).as("mariadbd after kill -9 of its launcher").isEmpty());

    launcher = LauncherProcess.startEmbedded(home, Map.of(), START);
    assertWritten(launcher, written);
  }

  @Test
  @Order(2)
  void start_afterLauncherAndWatchdogWereKilled_stopsTheLeftOverServer_andKeepsTheData() throws Exception {
    launcher = LauncherProcess.startEmbedded(home, Map.of(), START);
    Written written = write(launcher);
    List<ProcessHandle> server = LauncherProcess.processesWith(dataDirArgument);
    assertThat(server).hasSize(2);  // mariadbd and its watchdog
    // As if the whole process group but the server died (an OOM killer, a careless kill): the
    // server keeps running without an owner and holds the data directory's locks.
    LauncherProcess.processesWith("custody-mariadb-watchdog", dataDirArgument).forEach(ProcessHandle::destroyForcibly);
    launcher.kill();
    List<ProcessHandle> orphans = LauncherProcess.processesWith(dataDirArgument);
    assertThat(orphans).as("the orphaned mariadbd").hasSize(1);

    long started = System.nanoTime();
    launcher = LauncherProcess.startEmbedded(home, Map.of(), START);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("start with an orphan to stop").isLessThan(Duration.ofSeconds(150));
    assertThat(orphans.get(0).isAlive()).as("the orphan was stopped").isFalse();
    assertThat(launcher.output()).contains("stopping a MariaDB server left running on this data directory");
    assertWritten(launcher, written);
  }

  @Test
  @Order(3)
  void start_whileAnotherLauncherUsesTheHome_isRefusedWithAClearMessage() {
    launcher = LauncherProcess.startEmbedded(home, Map.of(), START);
    try (LauncherProcess second = LauncherProcess.spawn(home, Map.of())) {
      assertThat(second.awaitExit(Duration.ofSeconds(60))).as("exit code of the second launcher").isEqualTo(1);
      assertThat(second.output())
          .contains("is in use by another Custody process (pid " + launcher.pid() + ")")
          .contains("set CUSTODY_HOME to another directory")
          .doesNotContain("Exception");
    }
    // The first one is untouched.
    assertThat(HealthGrpc.newBlockingStub(channel(launcher, "identity")).check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  private record Written(String project, String billingProfile, long views) {}

  private Written write(LauncherProcess launcher) {
    String projectId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
    identity(launcher, "operator").createProject(CreateProjectRequest.newBuilder().setProjectId(projectId)
        .setDisplayName("Restart check").setRequestId(UUID.randomUUID().toString()).build());
    String project = "projects/" + projectId;
    BillingProfile profile = stub(launcher, "billing", BillingServiceGrpc::newBlockingStub, "operator", Purpose.BILLING)
        .createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(project + "/accounts/a1")
            .setBillingProfile(BillingProfile.newBuilder().setBillingName("Restart Check").setBillingEmail("restart@example.com")
                .setAddress(PostalAddress.newBuilder().addAddressLines("1 Example Street").setLocality("Springfield")
                    .setPostalCode("12345").setRegionCode("DE")))
            .setRequestId(UUID.randomUUID().toString()).build()).getBillingProfile();
    RecordPageViewsRequest.Builder batch = RecordPageViewsRequest.newBuilder().setProject(project).setRequestId(UUID.randomUUID().toString());
    Instant now = Instant.now();
    for (int visitor = 0; visitor < VIEWS; visitor++) {
      batch.addViews(PageView.newBuilder().setUrl("https://support.example.com/docs/restart")
          .setViewTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
          .setVisitor(VisitorHint.newBuilder().setIpAddress("192.0.2." + (visitor + 1)).setUserAgent("Check/" + visitor)));
    }
    long recorded = stub(launcher, "analytics", AnalyticsServiceGrpc::newBlockingStub, "frontend", Purpose.SERVICE_IMPROVEMENT)
        .recordPageViews(batch.build()).getRecordedCount();
    assertThat(recorded).isEqualTo(VIEWS);
    return new Written(project, profile.getName(), recorded);
  }

  private void assertWritten(LauncherProcess launcher, Written written) {
    assertThat(identity(launcher, "operator").getProject(GetProjectRequest.newBuilder().setName(written.project()).build())
        .getProject().getDisplayName()).isEqualTo("Restart check");
    // Readable only with the same key-encryption key: a new one would make this fail.
    assertThat(stub(launcher, "billing", BillingServiceGrpc::newBlockingStub, "operator", Purpose.BILLING)
        .getBillingProfile(GetBillingProfileRequest.newBuilder().setName(written.billingProfile()).build())
        .getBillingProfile().getBillingName()).isEqualTo("Restart Check");
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    var statistics = stub(launcher, "analytics", AnalyticsServiceGrpc::newBlockingStub, "operator", Purpose.SERVICE_IMPROVEMENT)
        .queryPageStatistics(QueryPageStatisticsRequest.newBuilder().setProject(written.project()).setStartDate(today)
            .setEndDate(today).setGranularity(Granularity.GRANULARITY_TOTAL).build());
    assertThat(statistics.getStatisticsList()).singleElement()
        .satisfies(row -> assertThat(row.getViews()).as("acknowledged page views").isEqualTo(written.views()));
  }

  private IdentityServiceGrpc.IdentityServiceBlockingStub identity(LauncherProcess launcher, String caller) {
    return stub(launcher, "identity", IdentityServiceGrpc::newBlockingStub, caller, Purpose.SERVICE_PROVISION);
  }

  private ManagedChannel channel(LauncherProcess launcher, String service) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", launcher.grpcPort(service)).usePlaintext().build();
    channels.add(channel);
    return channel;
  }

  private <S extends io.grpc.stub.AbstractStub<S>> S stub(LauncherProcess launcher, String service,
      Function<ManagedChannel, S> factory, String caller, Purpose purpose) {
    return factory.apply(channel(launcher, service)).withCallCredentials(CallerCredentials.of(launcher.token(caller), purpose))
        .withDeadlineAfter(Duration.ofSeconds(30));
  }
}

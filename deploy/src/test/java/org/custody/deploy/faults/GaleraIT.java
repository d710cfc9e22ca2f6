package org.custody.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.custody.deploy.Suite;
import org.custody.deploy.SuiteOptions;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The suite on a three-node MariaDB Galera cluster (issue 15 §5), with two instances of every
 * service and the services of one instance on different nodes (a: identity 0, billing 1,
 * analytics 2, disclosure 0; b: identity 1, billing 2, analytics 0, disclosure 1). Certification
 * conflicts are provoked — the same row written through two nodes, the same request_id sent
 * through two nodes at once — and are retried where safe, so every call answers; then node 1 is
 * killed under a mixed load, the unacknowledged requests are retried through the instance that
 * still has its nodes, and nothing acknowledged is lost or applied twice. Runs where the Debian
 * packages {@code mariadb-server} and {@code galera-4} are installed; under CI (which installs
 * them) their absence is a failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GaleraIT {
  private static final Map<String, Integer> NODES_OF_A = Map.of("identity", 0, "billing", 1, "analytics", 2, "disclosure", 0);
  private static final Map<String, Integer> NODES_OF_B = Map.of("identity", 1, "billing", 2, "analytics", 0, "disclosure", 1);

  @TempDir
  static Path dir;
  private static GaleraCluster cluster;
  private static Suite a;
  private static Suite b;

  @BeforeAll
  static void start() throws Exception {
    // CI installs the packages (.ci/run), so there a missing cluster is a failure, not a skip.
    if (System.getenv("CI") != null) {
      assertThat(GaleraCluster.available()).as("mariadb-server and galera-4 installed").isTrue();
    }
    assumeTrue(GaleraCluster.available(), "mariadb-server and galera-4 are not installed");
    long starting = System.nanoTime();
    cluster = GaleraCluster.start(dir);
    System.out.printf("galera: three nodes synced in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - starting));
    SuiteOptions options = SuiteOptions.forTests(Files.createDirectories(dir.resolve("home")), cluster.admin(0));
    a = Suite.start(options.withServiceOverrides(onNodes(NODES_OF_A)));
    b = Suite.start(options.withServiceOverrides(onNodes(NODES_OF_B)));
    for (String service : SuiteOptions.SERVICES) {
      assertThat(a.database(service).jdbcUrl()).contains(":" + port(NODES_OF_A.get(service)) + "/");
      assertThat(b.database(service).jdbcUrl()).contains(":" + port(NODES_OF_B.get(service)) + "/");
    }
  }

  /** Each service's database through its node (the databases and users replicate to every node). */
  private static Map<String, Map<String, String>> onNodes(Map<String, Integer> nodes) {
    Map<String, Map<String, String>> overrides = new java.util.HashMap<>();
    nodes.forEach((service, node) -> overrides.put(service, Map.of("CUSTODY_DB_URL", cluster.admin(node).jdbcUrl())));
    return overrides;
  }

  private static String port(int node) {
    return cluster.admin(node).jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1");
  }

  @AfterAll
  static void stop() {
    if (b != null) {
      b.close();
    }
    if (a != null) {
      a.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void oneRowWrittenThroughTwoNodes_theLoserIsRolledBackAtCommit_andThePlatformRunsItAgain() throws Exception {
    GaleraConflicts.Outcome outcome = GaleraConflicts.provoke(cluster);
    System.out.printf("galera: a transaction that lost its row to another node failed with error %d (SQLSTATE %s);"
        + " the platform's transactions ran it %d times, answering %d%n", outcome.rawErrorCode(), outcome.rawSqlState(),
        outcome.attempts(), outcome.answer());
    assertThat(outcome.rawErrorCode()).as("the conflict as the database reports it").isEqualTo(1213);
    assertThat(outcome.attempts()).as("attempts by ThreadBoundTransactions").isGreaterThanOrEqualTo(2);
    assertThat(outcome.answer()).as("read-modify-write on the other node's value").isEqualTo(outcome.expected());
    assertThat(outcome.storedOnEveryNode()).containsOnly(outcome.expected());
  }

  @Test
  @Order(2)
  void sameRequestIdsThroughTwoNodesAtOnce_everyCallAnswers_eachCarriedOutOnce() throws Exception {
    long conflictsBefore = cluster.certificationConflicts();
    try (GaleraDuplicates duplicates = new GaleraDuplicates(a, b)) {
      int batches = duplicates.pageViewBatchesThroughBothAtOnce(30);
      int projects = duplicates.projectsThroughBothAtOnce(15);
      long conflicts = cluster.certificationConflicts() - conflictsBefore;
      System.out.printf("galera: %d page-view batches and %d projects, each sent through two nodes at once: %d certification"
          + " conflicts, %d failed calls %s%n", batches, projects, conflicts, duplicates.failures().size(), duplicates.failures());
      assertThat(duplicates.failures()).as("calls that failed").isEmpty();
      assertThat(duplicates.viewsCounted()).as("views: each batch once").isEqualTo((long) batches * GaleraDuplicates.VIEWS_PER_BATCH);
      assertThat(conflicts).as("certification conflicts provoked").isPositive();
    }
  }

  @Test
  @Order(3)
  void nodeKilledUnderLoad_losesNothingAcknowledged_appliesNothingTwice() throws Exception {
    try (MixedLoad loadA = new MixedLoad(MixedLoad.Target.of(a)); MixedLoad loadB = new MixedLoad(MixedLoad.Target.of(b))) {
      ManagedChannel disclosure = ManagedChannelBuilder.forAddress("127.0.0.1", a.grpcPort("disclosure")).usePlaintext().build();
      try {
        RecipientServiceGrpc.newBlockingStub(disclosure)
            .withCallCredentials(CallerCredentials.of(a.token("operator"), Purpose.LEGAL_COMPLIANCE))
            .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("broker").setRecipient(Recipient.newBuilder()
                .setDisplayName("Broker Ltd").setKind(RecipientKind.RECIPIENT_KIND_COMMERCIAL_ORGANISATION)
                .addPermittedPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION)
                .addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME)).build());
        loadA.start(2, 1);
        loadB.start(2, 1);
        Thread.sleep(5000);
        long killed = System.nanoTime();
        cluster.kill(1);  // a's billing, b's identity and disclosure
        Thread.sleep(3000);
        loadA.stop();
        loadB.stop();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> cluster.clusterSize(0) == 2);
        System.out.printf("galera: node 1 killed under load; %d+%d batches, %d+%d decisions sent, %d+%d unacknowledged%n",
            loadA.batchesSent.get(), loadB.batchesSent.get(), loadA.decisionsSent.get(), loadB.decisionsSent.get(),
            loadA.unacknowledged(), loadB.unacknowledged());

        loadB.target(MixedLoad.Target.of(a));  // the second instance's clients fail over to the first
        Duration retriedA = loadA.retryUnacknowledged(Duration.ofSeconds(90));
        Duration retriedB = loadB.retryUnacknowledged(Duration.ofSeconds(90));
        System.out.printf("galera: every request acknowledged %d ms after the kill (retries %d + %d ms)%n",
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed), retriedA.toMillis(), retriedB.toMillis());

        assertThat(loadA.viewsCounted()).isEqualTo((loadA.batchesSent.get() + loadB.batchesSent.get()) * MixedLoad.VIEWS_PER_BATCH);
        Set<Long> indexes = new HashSet<>(loadA.decisionIndexes.values());
        indexes.addAll(loadB.decisionIndexes.values());
        long decisions = loadA.decisionsSent.get() + loadB.decisionsSent.get();
        assertThat(indexes).as("one ledger index per decision").hasSize((int) decisions);
        var ledger = LedgerServiceGrpc.newBlockingStub(disclosure)
            .withCallCredentials(CallerCredentials.of(a.token("operator"), Purpose.LEGAL_COMPLIANCE));
        assertThat(LedgerEntries.read(ledger).count("disclosure.decided")).as("disclosure.decided entries").isEqualTo(decisions);
        assertThat(ledger.verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
      } finally {
        disclosure.shutdownNow();
      }
    }
  }
}

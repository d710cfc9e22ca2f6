package org.custody.disclosure.bench;

import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.custody.disclosure.app.DisclosureApplication;
import org.custody.disclosure.app.DisclosureConfig;
import org.custody.disclosure.ledger.Ledger;
import org.custody.disclosure.ledger.TreeHeadSigner;
import org.custody.disclosure.store.DisclosureStores;
import org.custody.platform.access.Purpose;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.config.EnvReader;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.load.LoadDriver;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestDatabases;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.GetInclusionProofRequest;
import org.custody.proto.disclosure.v1.GetSignedTreeHeadRequest;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.NonDisclosureAgreement;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.SubjectList;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.custody.proto.disclosure.v1.VerifyLedgerResponse;

/**
 * The disclosure service's committed benchmark, on a real port against MariaDB:
 * <ol>
 *   <li>RequestDisclosure over gRPC at 32 concurrent callers, each decision durably appended to the
 *       ledger (group commit: concurrent decisions share a transaction). Target: at least 2,000/s,
 *       p99 at most 50 ms.</li>
 *   <li>GetInclusionProof over gRPC for random leaves of a log of 1,000,000 entries. Target: p99 at
 *       most 5 ms.</li>
 *   <li>VerifyLedger: the full verification of that log (every entry rehashed, every stored node
 *       compared, signature checked).</li>
 *   <li>With {@code -Dbench.cli=deploy/target/custody.jar}: the same verification through the
 *       operator CLI ({@code custody ledger verify}), its progress lines echoed with timestamps.</li>
 * </ol>
 * Knobs (system properties): {@code bench.entries} (default 1000000), {@code bench.seconds}
 * (measured seconds per phase, default 30), {@code bench.warmup} (seconds, default 10).
 */
public final class DisclosureBenchmark {
  private static final int CONCURRENCY = 32;

  private DisclosureBenchmark() {}

  public static void main(String[] args) throws Exception {
    long entries = Long.getLong("bench.entries", 1_000_000);
    Duration measured = Duration.ofSeconds(Long.getLong("bench.seconds", 30));
    Duration warmup = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
    DatabaseSettings database = TestDatabases.fresh("bench").withPoolSize(24);
    Path keyFile = signingKey();
    Clock clock = ServiceRuntime.systemClock();
    CommonConfig common = new CommonConfig(new ServerSettings(0, 0, 64, 8 * 1024 * 1024, Duration.ofSeconds(60), Duration.ZERO,
        Duration.ofSeconds(5), Duration.ofSeconds(2)), TestCallers.auth(), Optional.of(database), Path.of("target"));
    DisclosureConfig config = DisclosureConfig.from(common, new EnvReader(Map.of(
        "CUSTODY_LEDGER_SIGNING_KEY_FILE", keyFile.toString(),
        // No verification job during the measurements: it is measured on its own below.
        "CUSTODY_LEDGER_VERIFY_INTERVAL", "7d")));
    ServiceServer server = DisclosureApplication.start(config, database, clock);
    ManagedChannel channel = TestCallers.channel(server.port());
    List<String> report = new ArrayList<>();
    try {
      System.out.println("host: " + Runtime.getRuntime().availableProcessors() + " cores, "
          + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB heap; database " + database);
      registerRecipient(channel);

      // 1. Decisions over gRPC, 32 concurrent callers, durable ledger appends.
      var disclosures = TestCallers.as(DisclosureServiceGrpc.newBlockingStub(channel), TestCallers.OPERATOR, Purpose.CONTACT);
      for (int concurrency : new int[] {CONCURRENCY, 1}) {
        String line = measure("RequestDisclosure (NDA basis, 1 subject)", concurrency, warmup, measured,
            (worker, i) -> disclosures.withDeadlineAfter(10, TimeUnit.SECONDS).requestDisclosure(decisionRequest(concurrency, worker, i)));
        report.add(line);
      }

      // 2. Grow the log to the target size (bulk appends through the ledger's own write path).
      var ledgerApi = TestCallers.as(LedgerServiceGrpc.newBlockingStub(channel), TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE);
      long treeSize = growLog(ledgerApi, database, keyFile, clock, entries, report);

      // 3. Inclusion proofs on that log.
      for (int concurrency : new int[] {1, 8}) {
        report.add(measure(String.format("GetInclusionProof (log of %,d)", treeSize), concurrency, warmup, measured,
            (worker, i) -> ledgerApi.withDeadlineAfter(5, TimeUnit.SECONDS).getInclusionProof(GetInclusionProofRequest.newBuilder()
                .setLeafIndex(ThreadLocalRandom.current().nextLong(treeSize)).setTreeSize(treeSize).build())));
      }

      // 4. Full verification of the whole log.
      report(report, verifyLedger(ledgerApi));

      // 5. The same verification as an operator sees it: the launcher jar's `ledger verify`, with progress.
      String cli = System.getProperty("bench.cli", "");
      if (!cli.isEmpty()) {
        report.add(operatorVerify(Path.of(cli), server.port()));
      }

      System.out.println("\n== disclosure benchmark ==");
      report.forEach(System.out::println);
    } finally {
      channel.shutdownNow();
      server.close();
      TestDatabases.drop(database);
      Files.deleteIfExists(keyFile);
    }
  }

  /** Bulk-appends entries through the ledger's own write path until the log holds {@code entries}; returns its size. */
  private static long growLog(LedgerServiceGrpc.LedgerServiceBlockingStub ledgerApi, DatabaseSettings database, Path keyFile, Clock clock,
      long entries, List<String> report) throws Exception {
    long size = ledgerApi.getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead().getTreeSize();
    long started = System.nanoTime();
    bulkAppend(database, TreeHeadSigner.fromPkcs8(Files.readAllBytes(keyFile)), clock, Math.max(0, entries - size));
    size = ledgerApi.getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead().getTreeSize();
    report(report, String.format("log grown to %,d entries in %.1f s", size, (System.nanoTime() - started) / 1e9));
    return size;
  }

  /** VerifyLedger over the whole log: the verdict and how long it took. */
  private static String verifyLedger(LedgerServiceGrpc.LedgerServiceBlockingStub ledgerApi) {
    long started = System.nanoTime();
    VerifyLedgerResponse verified = ledgerApi.withDeadlineAfter(30, TimeUnit.MINUTES).verifyLedger(VerifyLedgerRequest.getDefaultInstance());
    return String.format("VerifyLedger: valid=%s tree_size=%,d in %.1f s", verified.getValid(), verified.getTreeSize(),
        (System.nanoTime() - started) / 1e9);
  }

  /** Prints {@code line} now and keeps it for the summary at the end. */
  private static void report(List<String> report, String line) {
    report.add(line);
    System.out.println(line);
  }

  /**
   * Runs {@code custody ledger verify} from the launcher jar against this server as the operator
   * and echoes what it prints (the progress lines, then the verdict); returns its exit status and time.
   */
  private static String operatorVerify(Path launcherJar, int port) throws IOException, InterruptedException {
    Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        launcherJar.toString(), "ledger", "verify", "--target", "127.0.0.1:" + port, "--token", TestCallers.token(TestCallers.OPERATOR))
        .redirectErrorStream(true).start();
    long started = System.nanoTime();
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(cli.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      lines.lines().forEach(line -> System.out.printf("  %6.1f s  %s%n", (System.nanoTime() - started) / 1e9, line));
    }
    int status = cli.waitFor();
    return String.format("custody ledger verify (operator CLI): exit %d in %.1f s", status, (System.nanoTime() - started) / 1e9);
  }

  /**
   * A warm-up run (discarded), then the measured run, with the CPU time this JVM (server and
   * load driver together) spent per call: the machine is shared, so throughput depends on what
   * else runs, while CPU per call does not.
   */
  private static String measure(String name, int concurrency, Duration warmup, Duration measured, LoadDriver.Call call)
      throws InterruptedException {
    LoadDriver.run(name, concurrency, Duration.ZERO, warmup, call);
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    LoadDriver.Result result = LoadDriver.run(name, concurrency, Duration.ZERO, measured, call);
    double cpuPerCall = (os.getProcessCpuTime() - cpuBefore) / 1e6 / Math.max(1, result.calls());
    String line = result.line() + String.format("  cpu/call=%.2f ms", cpuPerCall);
    System.out.println(line);
    return line;
  }

  private static void registerRecipient(ManagedChannel channel) {
    long now = System.currentTimeMillis() / 1000;
    TestCallers.as(RecipientServiceGrpc.newBlockingStub(channel), TestCallers.OPERATOR, Purpose.SERVICE_PROVISION)
        .createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("mailer").setRecipient(Recipient.newBuilder()
            .setDisplayName("Mailer GmbH").setKind(RecipientKind.RECIPIENT_KIND_PROCESSOR_UNDER_NDA)
            .addPermittedPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_CONTACT)
            .addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME).addPermittedCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)
            .setNda(NonDisclosureAgreement.newBuilder().setReference("NDA-2026-1").setStartTime(Timestamp.newBuilder().setSeconds(now - 86_400))
                .setEndTime(Timestamp.newBuilder().setSeconds(now + 365 * 86_400L)))).build());
  }

  private static RequestDisclosureRequest decisionRequest(int run, int worker, long iteration) {
    String account = "projects/acme/accounts/r" + run + "-w" + worker + "-" + iteration + "-" + ThreadLocalRandom.current().nextInt(1000);
    return RequestDisclosureRequest.newBuilder().setRecipient("recipients/mailer")
        .setScope(DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder()
            .addSubjects(SubjectRef.newBuilder().setProject("projects/acme").setAccount(account))))
        .addCategories(DataCategory.DATA_CATEGORY_USER_NAME).addCategories(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL)
        .setPurpose(org.custody.proto.common.v1.Purpose.PURPOSE_CONTACT).setBasis(DisclosureBasis.DISCLOSURE_BASIS_NDA_PROCESSOR)
        .setRecipientUse(RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY).setRequestedBy("bench")
        .setRequestId(UUID.randomUUID().toString()).build();
  }

  /** Appends {@code count} decision-sized entries, 5,000 per transaction, through a second Ledger on the same database. */
  private static void bulkAppend(DatabaseSettings settings, TreeHeadSigner signer, Clock clock, long count) {
    if (count == 0) {
      return;
    }
    try (Database database = Database.open(settings, DisclosureApplication.SERVICE, null)) {
      DisclosureStores stores = new DisclosureStores(database.dsl());
      try (Ledger ledger = new Ledger(stores.ledgerWriterTransactions(), stores.ledger(), signer, clock, 1)) {
        long done = 0;
        while (done < count) {
          int chunk = (int) Math.min(5_000, count - done);
          long first = done;
          ledger.write(batch -> {
            for (int i = 0; i < chunk; i++) {
              batch.append("disclosure.decided", body(first + i));
            }
            return null;
          });
          done += chunk;
          if (done % 100_000 == 0) {
            System.out.printf("  appended %,d of %,d%n", done, count);
          }
        }
      }
    }
  }

  /** An entry shaped like a real decision (about 600 bytes of canonical JSON). */
  private static Map<String, Object> body(long n) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("disclosure", "disclosures/" + new UUID(n, n * 31).toString());
    body.put("recipient", "recipients/mailer");
    body.put("recipientVersion", 1L);
    body.put("scope", Map.of("kind", "SUBJECTS"));
    body.put("subjects", List.of(Map.of("subject", "projects/acme/accounts/bulk-" + n, "outcome", "ALLOWED")));
    body.put("requestedCategories", List.of("USER_CONTACT_EMAIL", "USER_NAME"));
    body.put("allowedCategories", List.of("USER_CONTACT_EMAIL", "USER_NAME"));
    body.put("purpose", "CONTACT");
    body.put("basis", "NDA_PROCESSOR");
    body.put("recipientUse", "SERVICE_DELIVERY");
    body.put("evidence", Map.of());
    body.put("requestedBy", "bench");
    body.put("outcome", "ALLOWED");
    body.put("rule", "P11_NDA");
    body.put("reason", "a processor under a valid non-disclosure agreement, for a permitted purpose");
    body.put("reevaluated", false);
    return body;
  }

  private static Path signingKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
    Path file = Files.createTempFile("bench-ledger", ".pk8");
    Files.write(file, generator.generateKeyPair().getPrivate().getEncoded());
    return file;
  }
}

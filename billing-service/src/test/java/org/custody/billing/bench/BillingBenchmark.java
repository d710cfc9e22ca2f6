package org.custody.billing.bench;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.custody.billing.app.BillingApplication;
import org.custody.billing.app.BillingConfig;
import org.custody.billing.app.KekSource;
import org.custody.billing.crypto.Envelope;
import org.custody.billing.crypto.KeyRing;
import org.custody.billing.crypto.RootKey;
import org.custody.billing.invoice.RetentionPolicy;
import org.custody.billing.store.BillingStores;
import org.custody.billing.testing.InMemoryBilling;
import org.custody.billing.testing.Requests;
import org.custody.billing.testing.Samples;
import org.custody.platform.access.AccessPolicy;
import org.custody.platform.access.Purpose;
import org.custody.platform.api.AccountName;
import org.custody.platform.api.ProtoTimes;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.Database;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;
import org.custody.platform.load.LoadDriver;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.server.ServiceServer;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestDatabases;
import org.custody.platform.testkit.TestSessions;
import org.custody.proto.billing.v1.BillingKeyServiceGrpc;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.GetPaymentStandingRequest;
import org.custody.proto.billing.v1.GetRewrapJobRequest;
import org.custody.proto.billing.v1.RewrapJob;
import org.custody.proto.billing.v1.RewrapJobState;
import org.custody.proto.billing.v1.RotateKeyEncryptionKeyRequest;
import org.custody.proto.billing.v1.StartRewrapRequest;

/**
 * The billing benchmark: the real service on a real port against MariaDB (CUSTODY_TEST_DB_URL, or
 * an embedded one). Prints billing-profile create, read and create+read throughput and latency at
 * 16 concurrent gRPC calls (every call seals or opens a profile under its subject's data key; a
 * key opened in the last minute is not unwrapped again), and the rate at which a rewrap job moves
 * 100,000 data keys to a new key-encryption-key version.
 *
 * <pre>
 * mvn -B -q -pl billing-service test-compile exec:java \
 *   -Dexec.mainClass=org.custody.billing.bench.BillingBenchmark -Dexec.classpathScope=test
 * </pre>
 *
 * <p>With the argument {@code reads} ({@code -Dexec.args=reads}) it measures only the hot read
 * path: the front end with its session checked, then staff (no session check), in one run.
 */
public final class BillingBenchmark {
  private static final int CONCURRENCY = 16;
  private static final int PROFILES_TO_READ = 2_000;
  private static final int DATA_KEYS = 100_000;
  private static final Duration WARMUP = Duration.ofSeconds(5);
  private static final Duration MEASURE = Duration.ofSeconds(20);

  private BillingBenchmark() {}

  public static void main(String[] args) throws Exception {
    DatabaseSettings database = TestDatabases.fresh("bench").withPoolSize(16);
    String kek = RootKey.generateJson();
    Clock clock = ServiceRuntime.systemClock();
    // The front end's sessions are checked with identity's ValidateSession over gRPC (a stand-in
    // serving it on its own port), through the leaf's session cache (CUSTODY_SESSION_CACHE_TTL).
    TestSessions sessions = TestSessions.start();
    // Staff reads are recorded with a stand-in for disclosure on its own port (the gRPC hop without
    // the ledger write; disclosure's StaffAccessBenchmark measures the real ledger).
    CommonConfig common = new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.of(database), Path.of("target"))
        .withIdentity(sessions.target()).withDisclosure(org.custody.platform.testkit.TestStaffAccess.start().target());
    BillingConfig config = new BillingConfig(common, new KekSource.Inline(kek),
        new RetentionPolicy(10, RetentionPolicy.DEFAULT_LEGAL_BASIS), Duration.ofHours(24), BillingConfig.DEFAULT_REWRAP_BATCH_SIZE);
    ServiceServer server = BillingApplication.start(config, database, clock);
    ManagedChannel channel = TestCallers.channel(server.port());
    try {
      System.out.printf("billing benchmark: %d cores, MariaDB via %s, gRPC on port %d%n",
          Runtime.getRuntime().availableProcessors(), JdbcUrls.withoutParameters(database.jdbcUrl()), server.port());
      // Signed in as the account each request names (one session per account, as browsers are).
      var billing = TestCallers.as(BillingServiceGrpc.newBlockingStub(channel), TestCallers.FRONTEND, Purpose.BILLING)
          .withInterceptors(sessions.signedInAsSubject(AccessPolicy.fromResource("/access-policy/billing.yaml")));
      var staff = TestCallers.as(BillingServiceGrpc.newBlockingStub(channel), TestCallers.OPERATOR, Purpose.BILLING);
      var keys = TestCallers.as(BillingKeyServiceGrpc.newBlockingStub(channel), TestCallers.OPERATOR, Purpose.BILLING);

      List<String> names = createProfiles(billing);
      if (List.of(args).contains("reads")) {
        readPath(billing, staff, names, sessions, common);
        return;
      }
      servicePaths(billing, channel, sessions, names);
      cryptoOnly();
      rewrap(keys, database, kek, clock);
    } finally {
      channel.shutdownNow();
      server.close();
      sessions.close();
      TestDatabases.drop(database);
    }
  }

  /** The hot read path with and without the session check, in one run (issue 13 §4). */
  private static void readPath(BillingServiceGrpc.BillingServiceBlockingStub billing, BillingServiceGrpc.BillingServiceBlockingStub staff,
      List<String> names, TestSessions sessions, CommonConfig common) throws InterruptedException {
    // Staff first (it also warms the data-key cache and the JIT), then the front end, then staff again.
    LoadDriver.Result before = LoadDriver.run("read profile, operator (no session check)", CONCURRENCY, WARMUP, MEASURE,
        (worker, i) -> staff.getBillingProfile(GetBillingProfileRequest.newBuilder()
            .setName(names.get(ThreadLocalRandom.current().nextInt(names.size()))).build()));
    int checksBefore = sessions.checks();
    LoadDriver.Result bound = LoadDriver.run("read profile, frontend with session check", CONCURRENCY, WARMUP, MEASURE,
        (worker, i) -> billing.getBillingProfile(GetBillingProfileRequest.newBuilder()
            .setName(names.get(ThreadLocalRandom.current().nextInt(names.size()))).build()));
    int boundChecks = sessions.checks() - checksBefore;
    LoadDriver.Result after = LoadDriver.run("read profile, operator again", CONCURRENCY, WARMUP, MEASURE,
        (worker, i) -> staff.getBillingProfile(GetBillingProfileRequest.newBuilder()
            .setName(names.get(ThreadLocalRandom.current().nextInt(names.size()))).build()));
    System.out.println(before.line());
    System.out.println(bound.line());
    System.out.println(after.line());
    System.out.printf("identity ValidateSession calls during the front-end run (warm-up included): %d for %d sessions, cache TTL %s%n",
        boundChecks, names.size(), common.sessions().cacheTtl());
  }

  /** Creates, reads, both, and the no-crypto baseline, through the front end over gRPC. */
  private static void servicePaths(BillingServiceGrpc.BillingServiceBlockingStub billing, ManagedChannel channel, TestSessions sessions,
      List<String> names) throws InterruptedException {
    AtomicLong accounts = new AtomicLong();
    LoadDriver.Result create = LoadDriver.run("create profile (new subject: new data key)", CONCURRENCY, WARMUP, MEASURE,
        (worker, i) -> billing.createBillingProfile(Requests.createProfile("c" + accounts.incrementAndGet())));
    LoadDriver.Result read = LoadDriver.run("read profile (unwrap key, open details)", CONCURRENCY, WARMUP, MEASURE,
        (worker, i) -> billing.getBillingProfile(GetBillingProfileRequest.newBuilder()
            .setName(names.get(ThreadLocalRandom.current().nextInt(names.size()))).build()));
    // The same path without crypto (one indexed query, no data key): what the sealing costs on top.
    var provision = TestCallers.as(BillingServiceGrpc.newBlockingStub(channel), TestCallers.FRONTEND, Purpose.SERVICE_PROVISION)
        .withInterceptors(sessions.signedInAsSubject(AccessPolicy.fromResource("/access-policy/billing.yaml")));
    LoadDriver.Result baseline = LoadDriver.run("baseline: payment standing (no crypto)", CONCURRENCY, WARMUP, MEASURE,
        (worker, i) -> provision.getPaymentStanding(GetPaymentStandingRequest.newBuilder()
            .setAccount(Requests.account("r" + ThreadLocalRandom.current().nextInt(PROFILES_TO_READ))).build()));
    LoadDriver.Result createAndRead = LoadDriver.run("create + read profile", CONCURRENCY, WARMUP, MEASURE,
        (worker, i) -> {
          String name = billing.createBillingProfile(Requests.createProfile("m" + accounts.incrementAndGet())).getBillingProfile().getName();
          billing.getBillingProfile(GetBillingProfileRequest.newBuilder().setName(name).build());
        });
    System.out.println(create.line());
    System.out.println(read.line());
    System.out.println(createAndRead.line());
    System.out.println(baseline.line());
  }

  /**
   * The crypto alone, in-process: open the sealed details with the data key already opened (as
   * repeated reads of a subject do), and the cold part: unwrap the data key and parse it.
   */
  private static void cryptoOnly() throws InterruptedException {
    InMemoryBilling local = new InMemoryBilling(MutableClock.at("2026-03-15T10:00:00Z"));
    AccountName subject = new AccountName("bench", "crypto");
    String id = local.profiles.create(subject, Samples.ADA).id();
    LoadDriver.Result crypto = LoadDriver.run("crypto only: open one profile in-process", 1, WARMUP, Duration.ofSeconds(5),
        (worker, i) -> local.profiles.get(subject, id));
    System.out.println(crypto.line());
    var storedKey = local.keys.lockSubjectKey(subject).orElseThrow().ref();
    LoadDriver.Result unwrap = LoadDriver.run("crypto only: unwrap + parse a data key", 1, WARMUP, Duration.ofSeconds(5),
        (worker, i) -> local.envelope.open(storedKey));
    System.out.println(unwrap.line());
  }

  /** Rewraps every data key after a rotation: the job's own time and the wall time. */
  private static void rewrap(BillingKeyServiceGrpc.BillingKeyServiceBlockingStub keys, DatabaseSettings database, String kek, Clock clock)
      throws Exception {
    long existing = insertDataKeys(database, kek, clock);
    keys.rotateKeyEncryptionKey(RotateKeyEncryptionKeyRequest.getDefaultInstance());
    long started = System.nanoTime();
    RewrapJob job = keys.startRewrap(StartRewrapRequest.getDefaultInstance()).getJob();
    while (job.getState() == RewrapJobState.REWRAP_JOB_STATE_RUNNING) {
      Thread.sleep(50);
      job = keys.getRewrapJob(GetRewrapJobRequest.newBuilder().setName(job.getName()).build()).getJob();
    }
    double wall = (System.nanoTime() - started) / 1e9;
    Duration jobTime = Duration.between(ProtoTimes.instant(job.getStartTime()), ProtoTimes.instant(job.getFinishTime()));
    System.out.printf("rewrap %d data keys (%d inserted + %d from the runs above): state=%s, job %.2f s = %.0f keys/s, "
            + "wall %.2f s = %.0f keys/s (batch %d)%n",
        job.getRewrappedKeys(), DATA_KEYS, existing, job.getState(), jobTime.toMillis() / 1000.0,
        job.getRewrappedKeys() / (jobTime.toMillis() / 1000.0), wall, job.getRewrappedKeys() / wall, BillingConfig.DEFAULT_REWRAP_BATCH_SIZE);
  }

  /** Profiles of distinct subjects for the read phase, created over gRPC in parallel. */
  private static List<String> createProfiles(BillingServiceGrpc.BillingServiceBlockingStub billing) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      List<Future<String>> created = new java.util.ArrayList<>();
      for (int i = 0; i < PROFILES_TO_READ; i++) {
        String account = "r" + i;
        created.add(pool.submit(() -> billing.createBillingProfile(Requests.createProfile(account)).getBillingProfile().getName()));
      }
      List<String> names = new java.util.ArrayList<>();
      for (Future<String> f : created) {
        names.add(f.get());
      }
      return names;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * 100,000 subjects' data keys under the current primary version, generated and wrapped by the
   * service's own envelope code and bulk-inserted (setting up 100,000 subjects over gRPC would
   * measure something else). Returns how many keys the earlier phases had created.
   */
  private static long insertDataKeys(DatabaseSettings settings, String kek, Clock clock) throws Exception {
    try (Database db = Database.open(settings, "billing", null);
         Connection c = DriverManager.getConnection(JdbcUrls.withDefaults(settings.jdbcUrl()), settings.user(), settings.password())) {
      BillingStores stores = new BillingStores(db.dsl());
      KeyRing ring = new KeyRing(RootKey.fromJson(kek), stores.kekVersions(), stores.transactions(), clock).open();
      Envelope envelope = new Envelope(ring);
      long existing = stores.dataKeys().countNotUnder(-1);
      c.setAutoCommit(false);
      Timestamp now = Timestamp.valueOf(LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO data_keys (id, project_id, account_id, purpose, kek_version, "
          + "wrapped_key, retain_until, create_time) VALUES (?, 'bench', ?, 'SUBJECT', ?, ?, NULL, ?)")) {
        for (int i = 0; i < DATA_KEYS; i++) {
          String id = String.format("bench%08d", i);
          var key = stores.transactions().inTransaction(() -> envelope.newDataKey(id)).ref();
          insert.setString(1, key.id());
          insert.setString(2, "b" + i);
          insert.setInt(3, key.kekVersion());
          insert.setBytes(4, key.wrappedKey());
          insert.setTimestamp(5, now);
          insert.addBatch();
          if (i % 1000 == 999) {
            insert.executeBatch();
            c.commit();
          }
        }
        insert.executeBatch();
        c.commit();
      }
      return existing;
    }
  }
}

package org.custody.disclosure.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.disclosure.testing.TestLeaves;
import org.custody.platform.access.Purpose;
import org.custody.platform.load.LoadDriver;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestDatabases;
import org.custody.platform.testkit.TestSessions;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.PostalAddress;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;

/**
 * What recording staff reads costs on billing's read path (issue 13 §5): the real identity,
 * billing and disclosure services on real ports and MariaDB (CUSTODY_TEST_DB_URL, or an embedded
 * one). Billing profiles of one account are read by the front end (with the account's session,
 * cached; not recorded), then by an operator (each read first recorded in disclosure's ledger
 * through RecordStaffAccess), then by the front end again, 16 concurrent calls, 5 s warm-up and
 * 20 s measured per line.
 *
 * <pre>
 * mvn -B -q -pl disclosure-service test-compile exec:java \
 *   -Dexec.mainClass=org.custody.disclosure.bench.StaffAccessBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class StaffAccessBenchmark {
  private static final int CONCURRENCY = 16;
  private static final int PROFILES = 500;
  private static final Duration WARMUP = Duration.ofSeconds(5);
  private static final Duration MEASURE = Duration.ofSeconds(20);

  private StaffAccessBenchmark() {}

  public static void main(String[] args) throws Exception {
    TestLeaves leaves = TestLeaves.start(ServiceRuntime.systemClock());
    var database = TestDatabases.fresh("staffbench");
    ServiceHarness disclosure = ServiceHarness.of(DisclosureTestServer.start(database, new MutableClock(Instant.now()), leaves.targets()));
    try {
      leaves.restartWith("billing", Map.of("CUSTODY_DISCLOSURE_TARGET", "127.0.0.1:" + disclosure.server().port(),
          "CUSTODY_CLIENT_TOKEN", TestCallers.token(TestCallers.BILLING)));
      leaves.identity().stub(IdentityServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SERVICE_PROVISION)
          .createProject(CreateProjectRequest.newBuilder().setProjectId("bench").setDisplayName("bench").build());
      String password = "a long benchmark passphrase 1843";
      String account = leaves.identity().stub(IdentityServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION)
          .createAccount(CreateAccountRequest.newBuilder().setParent("projects/bench").setFullName("Bench Person").setCompany("Bench Ltd")
              .setEmail("bench@bench.example").setPassword(password).build()).getAccount().getName();
      String session = leaves.login("projects/bench", "bench@bench.example", password);
      var frontend = TestSessions.withSession(leaves.billing().stub(BillingServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.BILLING),
          session);
      var operator = leaves.billing().stub(BillingServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.BILLING);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < PROFILES; i++) {
        names.add(frontend.createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(account)
            .setBillingProfile(BillingProfile.newBuilder().setBillingName("Bench Person").setBillingEmail("bench@bench.example")
                .setAddress(PostalAddress.newBuilder().addAddressLines("1 Bench Road").setLocality("Oxford").setPostalCode("OX1 1AA")
                    .setRegionCode("GB"))).build()).getBillingProfile().getName());
      }
      System.out.printf("staff access benchmark: %d cores, billing on port %d records with disclosure on port %d%n",
          Runtime.getRuntime().availableProcessors(), leaves.billing().server().port(), disclosure.server().port());
      LoadDriver.Result before = LoadDriver.run("read profile, frontend (not recorded)", CONCURRENCY, WARMUP, MEASURE,
          (worker, i) -> frontend.getBillingProfile(GetBillingProfileRequest.newBuilder().setName(pick(names)).build()));
      LoadDriver.Result staff = LoadDriver.run("read profile, operator (recorded)", CONCURRENCY, WARMUP, MEASURE,
          (worker, i) -> operator.getBillingProfile(GetBillingProfileRequest.newBuilder().setName(pick(names)).build()));
      LoadDriver.Result after = LoadDriver.run("read profile, frontend again", CONCURRENCY, WARMUP, MEASURE,
          (worker, i) -> frontend.getBillingProfile(GetBillingProfileRequest.newBuilder().setName(pick(names)).build()));
      System.out.println(before.line());
      System.out.println(staff.line());
      System.out.println(after.line());
      System.out.println("record time in billing (custody_staff_access_record_seconds):");
      leaves.billing().scrapeMetrics().lines().filter(l -> l.startsWith("custody_staff_access_record_seconds_count")
          || l.startsWith("custody_staff_access_record_seconds_sum") || l.startsWith("custody_staff_access_records_total")).forEach(System.out::println);
    } finally {
      disclosure.close();
      leaves.close();
      TestDatabases.drop(database);
    }
  }

  private static String pick(List<String> names) {
    return names.get(ThreadLocalRandom.current().nextInt(names.size()));
  }
}

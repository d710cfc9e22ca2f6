package org.custody.disclosure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custody.disclosure.testing.DisclosureTestServer;
import org.custody.disclosure.testing.TestLeaves;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.ConsentServiceGrpc;
import org.custody.proto.disclosure.v1.CreateErasureRequest;
import org.custody.proto.disclosure.v1.Erasure;
import org.custody.proto.disclosure.v1.ErasureState;
import org.custody.proto.disclosure.v1.GetErasureRequest;
import org.custody.proto.disclosure.v1.LedgerEntry;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListConsentsRequest;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.SubjectRightsServiceGrpc;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 §5, how long the index of staff reads lives (real services over TCP, MariaDB): a
 * subject's erasure deletes their {@code staff_accesses} rows at once and nobody else's; the
 * retention job deletes rows older than {@code CUSTODY_STAFF_ACCESS_RETENTION} and keeps younger
 * ones. In both cases the {@code staff.accessed} ledger entries (identifiers only) stay and the
 * ledger still verifies. The job runs every 200 ms here instead of hourly; the service's clock is
 * moved by hand past the retention.
 */
@ExtendWith(FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaffAccessRetentionIT {
  private static final Duration RETENTION = Duration.ofMinutes(10);
  private static final MutableClock clock = new MutableClock(Instant.now());
  private static DatabaseSettings database;
  private static TestLeaves leaves;
  private static ServiceHarness disclosure;
  private static SeededSubject alice;
  private static SeededSubject bob;

  @BeforeAll
  static void start(DatabaseSettings db) {
    database = db;
    leaves = TestLeaves.start(org.custody.platform.server.ServiceRuntime.systemClock());
    Map<String, String> env = new HashMap<>(leaves.targets());
    env.put("CUSTODY_STAFF_ACCESS_RETENTION", RETENTION.toMinutes() + "m");
    env.put("CUSTODY_RETENTION_PURGE_INTERVAL", "200ms");
    env.put("CUSTODY_ERASURE_POLL_INTERVAL", "200ms");
    env.put("CUSTODY_ERASURE_RETRY_DELAY", "100ms");
    env.put("CUSTODY_ERASURE_RETRY_MAX_DELAY", "500ms");
    disclosure = ServiceHarness.of(DisclosureTestServer.start(database, clock, env));
    SeededSubject.registerProjectAndCourt(leaves, disclosure, "wonder");
    alice = SeededSubject.seed(leaves, disclosure, "wonder", "Alice");
    bob = SeededSubject.seed(leaves, disclosure, "wonder", "Bob");
  }

  @AfterAll
  static void stop() {
    if (disclosure != null) {
      disclosure.close();
    }
    if (leaves != null) {
      leaves.close();
    }
  }

  /** An operator's read of one subject's consents: a staff read disclosure records in-process. */
  private static void operatorReads(SeededSubject subject) {
    disclosure.stub(ConsentServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SUBJECT_REQUEST)
        .listConsents(ListConsentsRequest.newBuilder().setSubject(subject.ref()).build());
  }

  /** The index rows as (subject id, access time), straight from the database. */
  private static List<Map.Entry<String, Instant>> indexRows() throws Exception {
    List<Map.Entry<String, Instant>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        var statement = c.prepareStatement("SELECT subject_id, access_time FROM staff_accesses ORDER BY ledger_index");
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        rows.add(Map.entry(result.getString(1), result.getTimestamp(2).toInstant()));
      }
    }
    return rows;
  }

  private static List<String> subjectsIndexed() throws Exception {
    return indexRows().stream().map(Map.Entry::getKey).toList();
  }

  private static long staffEntriesInLedger() {
    return disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setPageSize(1000).build()).getEntriesList().stream()
        .map(LedgerEntry::getEntryType).filter("staff.accessed"::equals).count();
  }

  private static boolean ledgerVerifies() {
    return disclosure.stub(LedgerServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.LEGAL_COMPLIANCE)
        .verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid();
  }

  private static Erasure erase(SubjectRef subject) {
    SubjectRightsServiceGrpc.SubjectRightsServiceBlockingStub operator =
        disclosure.stub(SubjectRightsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SUBJECT_REQUEST);
    Erasure requested = operator.createErasure(
        CreateErasureRequest.newBuilder().setSubject(subject).setRequestId(UUID.randomUUID().toString()).build()).getErasure();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> operator
        .getErasure(GetErasureRequest.newBuilder().setName(requested.getName()).build()).getErasure().getState()
        == ErasureState.ERASURE_STATE_COMPLETED);
    return requested;
  }

  @Test
  @Order(1)
  void P13_erasure_deletesTheSubjectsStaffAccessRows_only_andTheLedgerStillVerifies() throws Exception {
    operatorReads(alice);
    operatorReads(bob);
    operatorReads(alice);
    String aliceId = alice.ref().getAccount();
    String bobId = bob.ref().getAccount();
    assertThat(subjectsIndexed()).containsExactly(aliceId, bobId, aliceId);
    long entries = staffEntriesInLedger();

    erase(alice.ref());

    assertThat(subjectsIndexed()).containsExactly(bobId);
    assertThat(staffEntriesInLedger()).as("ledger entries are identifiers only and stay").isEqualTo(entries);
    assertThat(ledgerVerifies()).isTrue();
  }

  @Test
  @Order(2)
  void P13_retentionJob_deletesRowsOlderThanTheRetention_andKeepsYoungerOnes() throws Exception {
    Instant earlier = indexRows().get(0).getValue();
    long entries = staffEntriesInLedger();

    clock.advance(RETENTION.plusMinutes(1));
    operatorReads(bob);
    Instant later = clock.instant();

    // The job runs every 200 ms: within seconds only the read after the clock moved is listed.
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(indexRows()).hasSize(1));
    List<Map.Entry<String, Instant>> left = indexRows();
    assertThat(left.get(0).getKey()).isEqualTo(bob.ref().getAccount());
    assertThat(left.get(0).getValue()).isAfter(earlier.plus(RETENTION)).isBeforeOrEqualTo(later);
    assertThat(staffEntriesInLedger()).isEqualTo(entries + 1);
    assertThat(ledgerVerifies()).isTrue();
  }
}

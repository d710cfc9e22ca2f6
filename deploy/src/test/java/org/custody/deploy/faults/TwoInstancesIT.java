package org.custody.deploy.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.custody.deploy.Suite;
import org.custody.platform.access.Purpose;
import org.custody.platform.server.ServiceRuntime;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.CreateRecipientRequest;
import org.custody.proto.disclosure.v1.DisclosureBasis;
import org.custody.proto.disclosure.v1.DisclosureScope;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.Evidence;
import org.custody.proto.disclosure.v1.GetConsistencyProofRequest;
import org.custody.proto.disclosure.v1.GetSignedTreeHeadRequest;
import org.custody.proto.disclosure.v1.LedgerServiceGrpc;
import org.custody.proto.disclosure.v1.ListLedgerEntriesRequest;
import org.custody.proto.disclosure.v1.Recipient;
import org.custody.proto.disclosure.v1.RecipientKind;
import org.custody.proto.disclosure.v1.RecipientServiceGrpc;
import org.custody.proto.disclosure.v1.RecipientUse;
import org.custody.proto.disclosure.v1.RequestDisclosureRequest;
import org.custody.proto.disclosure.v1.SubjectList;
import org.custody.proto.disclosure.v1.VerifyLedgerRequest;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.RevokeSessionRequest;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.custody.proto.identity.v1.ValidateSessionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service on the same databases (as the Kubernetes HPA runs them), with
 * load driven through both (issue 15 §5): ledger appends from both disclosure instances leave no
 * gap and no duplicate and one history both sign; a request_id sent to both instances at once is
 * carried out once; a session revoked through one identity instance is refused by the other
 * within its cache TTL; periodic verifications run by both meanwhile find the ledger valid.
 */
class TwoInstancesIT {
  private static final Duration SESSION_CACHE_TTL = Duration.ofSeconds(1);
  private static TwoSuites suites;
  private static Suite a;
  private static Suite b;

  @BeforeAll
  static void start() throws Exception {
    suites = TwoSuites.start("custody-two-", Map.of("CUSTODY_LEDGER_VERIFY_INTERVAL", "500ms",
        "CUSTODY_SESSION_CACHE_TTL", SESSION_CACHE_TTL.toMillis() + "ms"), ServiceRuntime.systemClock());
    a = suites.a;
    b = suites.b;
    recipients(a).createRecipient(CreateRecipientRequest.newBuilder().setRecipientId("broker").setRecipient(Recipient.newBuilder()
        .setDisplayName("Broker Ltd").setKind(RecipientKind.RECIPIENT_KIND_COMMERCIAL_ORGANISATION)
        .addPermittedPurposes(org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION)
        .addPermittedCategories(DataCategory.DATA_CATEGORY_USER_NAME)).build());
  }

  @AfterAll
  static void stop() {
    if (suites != null) {
      suites.close();
    }
  }

  @Test
  void ledgerAppends_fromBothInstances_noGapNoDuplicate_oneSignedHistory() throws Exception {
    long before = ledgerSize(a);
    long decidedBefore = decidedEntries(a);
    int perThread = 60;
    ExecutorService threads = Executors.newFixedThreadPool(4);
    Set<Long> indexes = ConcurrentHashMap.newKeySet();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Suite through = t % 2 == 0 ? a : b;
      done.add(threads.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          indexes.add(disclosures(through).requestDisclosure(decision(UUID.randomUUID().toString())).getDisclosure().getLedgerIndex());
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
    threads.shutdown();
    assertThat(indexes).as("one index per decision").hasSize(4 * perThread);
    assertThat(decidedEntries(b) - decidedBefore).as("disclosure.decided entries").isEqualTo(4 * perThread);
    long after = ledgerSize(b);
    assertThat(after - before).isGreaterThanOrEqualTo(4 * perThread);
    assertThat(ledger(a).verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
    assertThat(ledger(b).verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getValid()).isTrue();
    // The heads either instance signed belong to one history.
    var headA = ledger(a).getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead();
    var headB = ledger(b).getSignedTreeHead(GetSignedTreeHeadRequest.getDefaultInstance()).getTreeHead();
    assertThat(headA.getKeyId()).isEqualTo(headB.getKeyId());
    long first = Math.min(headA.getTreeSize(), headB.getTreeSize());
    long second = Math.max(headA.getTreeSize(), headB.getTreeSize());
    if (first > 0 && first < second) {
      assertThat(ledger(a).getConsistencyProof(GetConsistencyProofRequest.newBuilder().setFirstSize(first).setSecondSize(second).build())
          .getHashesCount()).isPositive();
    }
  }

  @Test
  void pageViews_throughBothInstances_countedExactlyOnce() throws Exception {
    try (MixedLoad throughA = new MixedLoad(MixedLoad.Target.of(a)); MixedLoad throughB = new MixedLoad(MixedLoad.Target.of(b))) {
      throughA.start(2, 0);
      throughB.start(2, 0);
      Thread.sleep(5000);
      throughA.stop();
      throughB.stop();
      throughA.retryUnacknowledged(Duration.ofSeconds(60));
      throughB.retryUnacknowledged(Duration.ofSeconds(60));
      String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
      long views = stub(a, "analytics", org.custody.proto.analytics.v1.AnalyticsServiceGrpc::newBlockingStub, "operator",
          Purpose.SERVICE_IMPROVEMENT).queryPageStatistics(org.custody.proto.analytics.v1.QueryPageStatisticsRequest.newBuilder()
              .setProject(MixedLoad.PROJECT).setStartDate(today).setEndDate(today)
              .setGranularity(org.custody.proto.analytics.v1.Granularity.GRANULARITY_TOTAL).build())
          .getStatisticsList().stream().mapToLong(r -> r.getViews()).sum();
      System.out.printf("two instances: %d + %d batches through the two analytics instances%n",
          throughA.batchesSent.get(), throughB.batchesSent.get());
      assertThat(views).isEqualTo((throughA.batchesSent.get() + throughB.batchesSent.get()) * MixedLoad.VIEWS_PER_BATCH);
    }
  }

  @Test
  void oneRequestId_sentToBothInstancesAtOnce_isCarriedOutOnce() throws Exception {
    RequestDisclosureRequest request = decision(UUID.randomUUID().toString());
    long decidedBefore = decidedEntries(a);
    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<Future<Long>> answers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Suite through = i % 2 == 0 ? a : b;
      answers.add(threads.submit(() -> disclosures(through).requestDisclosure(request).getDisclosure().getLedgerIndex()));
    }
    Set<Long> indexes = new HashSet<>();
    for (Future<Long> f : answers) {
      indexes.add(f.get(60, TimeUnit.SECONDS));
    }
    threads.shutdown();
    assertThat(indexes).as("every copy answers the one decision").hasSize(1);
    assertThat(decidedEntries(a) - decidedBefore).isEqualTo(1);

    CreateProjectRequest project = CreateProjectRequest.newBuilder().setProjectId("two-" + UUID.randomUUID().toString().substring(0, 8))
        .setDisplayName("Two instances").setRequestId(UUID.randomUUID().toString()).build();
    ExecutorService more = Executors.newFixedThreadPool(4);
    List<Future<String>> created = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Suite through = i % 2 == 0 ? a : b;
      created.add(more.submit(() -> identity(through).createProject(project).getProject().getName()));
    }
    Set<String> names = new HashSet<>();
    for (Future<String> f : created) {
      names.add(f.get(60, TimeUnit.SECONDS));
    }
    more.shutdown();
    assertThat(names).hasSize(1);
  }

  @Test
  void sessionRevokedThroughOneIdentity_isRefusedByTheOther_withinTheCacheTtl() throws Exception {
    String projectId = "sess-" + UUID.randomUUID().toString().substring(0, 8);
    identity(a).createProject(CreateProjectRequest.newBuilder().setProjectId(projectId).setDisplayName("Sessions").build());
    String email = "two-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "correct horse battery staple";
    stub(a, "identity", IdentityServiceGrpc::newBlockingStub, "frontend", Purpose.SERVICE_PROVISION)
        .createAccount(CreateAccountRequest.newBuilder().setParent("projects/" + projectId).setFullName("Jane Doe")
            .setCompany("Acme Corp").setEmail(email).setPassword(password).setRequestId(UUID.randomUUID().toString()).build());
    String token = sessions(a).login(LoginRequest.newBuilder().setProject("projects/" + projectId).setEmail(email)
        .setPassword(password).build()).getSessionToken();
    // b validates it once, so that b's cache holds it.
    sessions(b).validateSession(ValidateSessionRequest.newBuilder().setSessionToken(token).build());
    sessions(a).revokeSession(RevokeSessionRequest.newBuilder().setSessionToken(token).build());
    long revoked = System.nanoTime();
    while (true) {
      StatusRuntimeException refused = catchThrowableOfType(StatusRuntimeException.class,
          () -> sessions(b).validateSession(ValidateSessionRequest.newBuilder().setSessionToken(token).build()));
      long after = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked);
      if (refused != null) {
        assertThat(refused.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);
        System.out.printf("two instances: a session revoked on one identity instance refused by the other after %d ms (cache TTL %d ms)%n",
            after, SESSION_CACHE_TTL.toMillis());
        // The TTL plus a loaded machine's scheduling.
        assertThat(after).isLessThan(SESSION_CACHE_TTL.toMillis() + 2000);
        return;
      }
      assertThat(after).as("the other instance still accepts the revoked session").isLessThan(SESSION_CACHE_TTL.toMillis() + 2000);
      Thread.sleep(50);
    }
  }

  private static RequestDisclosureRequest decision(String requestId) {
    return RequestDisclosureRequest.newBuilder().setRecipient("recipients/broker")
        .setScope(DisclosureScope.newBuilder().setSubjects(SubjectList.newBuilder()
            .addSubjects(SubjectRef.newBuilder().setProject("projects/two").setAccount("projects/two/accounts/a1"))))
        .addCategories(DataCategory.DATA_CATEGORY_USER_NAME)
        .setPurpose(org.custody.proto.common.v1.Purpose.PURPOSE_SERVICE_PROVISION)
        .setBasis(DisclosureBasis.DISCLOSURE_BASIS_REQUESTED_SERVICE).setRecipientUse(RecipientUse.RECIPIENT_USE_SERVICE_DELIVERY)
        .setEvidence(Evidence.newBuilder().setRequestReference("REQ-1"))
        .setRequestedBy("two-instances").setRequestId(requestId).build();
  }

  private static long ledgerSize(Suite suite) {
    return ledger(suite).verifyLedger(VerifyLedgerRequest.getDefaultInstance()).getTreeSize();
  }

  private static long decidedEntries(Suite suite) {
    long decided = 0;
    for (long from = 0; ; from += 1000) {
      var page = ledger(suite).listLedgerEntries(ListLedgerEntriesRequest.newBuilder().setStartIndex(from).setPageSize(1000).build());
      decided += page.getEntriesList().stream().filter(e -> e.getEntryType().equals("disclosure.decided")).count();
      if (page.getEntriesCount() < 1000) {
        return decided;
      }
    }
  }

  private static DisclosureServiceGrpc.DisclosureServiceBlockingStub disclosures(Suite suite) {
    return stub(suite, "disclosure", DisclosureServiceGrpc::newBlockingStub, "operator", Purpose.SERVICE_PROVISION);
  }

  private static RecipientServiceGrpc.RecipientServiceBlockingStub recipients(Suite suite) {
    return stub(suite, "disclosure", RecipientServiceGrpc::newBlockingStub, "operator", Purpose.LEGAL_COMPLIANCE);
  }

  private static LedgerServiceGrpc.LedgerServiceBlockingStub ledger(Suite suite) {
    return stub(suite, "disclosure", LedgerServiceGrpc::newBlockingStub, "operator", Purpose.LEGAL_COMPLIANCE);
  }

  private static IdentityServiceGrpc.IdentityServiceBlockingStub identity(Suite suite) {
    return stub(suite, "identity", IdentityServiceGrpc::newBlockingStub, "operator", Purpose.SERVICE_PROVISION);
  }

  private static SessionServiceGrpc.SessionServiceBlockingStub sessions(Suite suite) {
    return stub(suite, "identity", SessionServiceGrpc::newBlockingStub, "frontend", Purpose.AUTHENTICATION);
  }

  private static <S extends AbstractStub<S>> S stub(Suite suite, String service, Function<ManagedChannel, S> factory, String caller,
      Purpose purpose) {
    return suites.stub(suite, service, factory, caller, purpose, Duration.ofSeconds(30));
  }
}

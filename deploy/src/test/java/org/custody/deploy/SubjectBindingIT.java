package org.custody.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.custody.platform.access.CallerCredentials;
import org.custody.platform.access.Purpose;
import org.custody.platform.session.SessionHeader;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.TestDatabases;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.PostalAddress;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.disclosure.v1.DisclosureServiceGrpc;
import org.custody.proto.disclosure.v1.ListDisclosuresRequest;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.CreateProjectRequest;
import org.custody.proto.identity.v1.IdentityServiceGrpc;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.RevokeSessionRequest;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 §4 against the four real services: a session issued by identity opens exactly its
 * own subject's billing and disclosure data to the front end, a revoked one stops working
 * within the leaves' cache TTL (here 1 s), and someone else's is refused.
 */
class SubjectBindingIT {
  @TempDir
  static Path home;
  private static Suite suite;
  private static final Map<String, ManagedChannel> channels = new java.util.HashMap<>();
  private static final String PROJECT_ID = "bind-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String PROJECT = "projects/" + PROJECT_ID;

  @BeforeAll
  static void start() {
    suite = Suite.start(SuiteOptions.forTests(home, TestDatabases.admin())
        .withServiceOverrides(Map.of("billing", Map.of("CUSTODY_SESSION_CACHE_TTL", "1s"),
            "disclosure", Map.of("CUSTODY_SESSION_CACHE_TTL", "1s"))));
    stub("identity", IdentityServiceGrpc::newBlockingStub, "operator", Purpose.SERVICE_PROVISION)
        .createProject(CreateProjectRequest.newBuilder().setProjectId(PROJECT_ID).setDisplayName("Binding").build());
  }

  @AfterAll
  static void stop() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    suite.close();
    for (String service : SuiteOptions.SERVICES) {
      org.custody.platform.db.DatabaseProvisioner.drop(TestDatabases.admin(),
          org.custody.platform.db.JdbcUrls.database(suite.database(service).jdbcUrl()));
    }
  }

  private static <S extends AbstractStub<S>> S stub(String service, java.util.function.Function<io.grpc.Channel, S> factory,
      String caller, Purpose purpose) {
    ManagedChannel channel = channels.computeIfAbsent(service,
        s -> ManagedChannelBuilder.forAddress("127.0.0.1", suite.grpcPort(s)).usePlaintext().build());
    return factory.apply(channel).withCallCredentials(CallerCredentials.of(suite.token(caller), purpose));
  }

  private static <S extends AbstractStub<S>> S withSession(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(SessionHeader.KEY, token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** A new account and a live session of it: {account name, session token, session name}. */
  private static String[] signUp(String who) {
    String email = who + "." + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
    String password = "correct horse battery staple " + who;
    String account = stub("identity", IdentityServiceGrpc::newBlockingStub, "frontend", Purpose.SERVICE_PROVISION)
        .createAccount(CreateAccountRequest.newBuilder().setParent(PROJECT).setFullName(who).setCompany("Example Ltd").setEmail(email).setPassword(password)
            .setRequestId(UUID.randomUUID().toString()).build()).getAccount().getName();
    var login = stub("identity", SessionServiceGrpc::newBlockingStub, "frontend", Purpose.AUTHENTICATION)
        .login(LoginRequest.newBuilder().setProject(PROJECT).setEmail(email).setPassword(password).build());
    return new String[] {account, login.getSessionToken(), login.getSession().getName()};
  }

  @Test
  void P6_identitysSession_opensOnlyItsOwnSubject_andARevokedOneIsRefusedWithinTheCacheTtl() {
    String[] ann = signUp("ann");
    String[] bob = signUp("bob");
    var annBilling = withSession(stub("billing", BillingServiceGrpc::newBlockingStub, "frontend", Purpose.BILLING), ann[1]);
    BillingProfile profile = annBilling.createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(ann[0])
        .setBillingProfile(BillingProfile.newBuilder().setBillingName("Ann Example").setBillingEmail("ann@example.org").setAddress(PostalAddress.newBuilder()
            .addAddressLines("1 Example Street").setLocality("Springfield").setPostalCode("12345").setRegionCode("DE")))
        .build()).getBillingProfile();
    GetBillingProfileRequest get = GetBillingProfileRequest.newBuilder().setName(profile.getName()).build();
    assertThat(annBilling.getBillingProfile(get).getBillingProfile().getBillingName()).isEqualTo("Ann Example");

    var bobBilling = withSession(stub("billing", BillingServiceGrpc::newBlockingStub, "frontend", Purpose.BILLING), bob[1]);
    ErrorDetails mismatch = ErrorDetails.ofFailure(() -> bobBilling.getBillingProfile(get));
    assertThat(mismatch.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(mismatch.reason()).isEqualTo("SUBJECT_MISMATCH");
    ErrorDetails none = ErrorDetails.ofFailure(() -> stub("billing", BillingServiceGrpc::newBlockingStub, "frontend", Purpose.BILLING)
        .getBillingProfile(get));
    assertThat(none.reason()).isEqualTo("SESSION_REQUIRED");

    SubjectRef annSubject = SubjectRef.newBuilder().setProject(PROJECT).setAccount(ann[0]).build();
    var disclosures = stub("disclosure", DisclosureServiceGrpc::newBlockingStub, "frontend", Purpose.SUBJECT_REQUEST);
    assertThat(withSession(disclosures, ann[1]).listDisclosures(ListDisclosuresRequest.newBuilder().setSubject(annSubject).build())
        .getDisclosuresList()).isEmpty();
    assertThat(ErrorDetails.ofFailure(() -> withSession(disclosures, bob[1])
        .listDisclosures(ListDisclosuresRequest.newBuilder().setSubject(annSubject).build())).reason()).isEqualTo("SUBJECT_MISMATCH");

    stub("identity", SessionServiceGrpc::newBlockingStub, "frontend", Purpose.AUTHENTICATION)
        .revokeSession(RevokeSessionRequest.newBuilder().setSessionToken(ann[1]).build());
    // Within the cache TTL the revoked session still opens the profile (ofFailure then throws):
    // poll until it is refused.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
        .ignoreException(AssertionError.class)
        .until(() -> "SESSION_REQUIRED".equals(ErrorDetails.ofFailure(() -> annBilling.getBillingProfile(get)).reason()));
    // Staff keep their access.
    assertThat(stub("billing", BillingServiceGrpc::newBlockingStub, "operator", Purpose.BILLING).getBillingProfile(get)
        .getBillingProfile().getName()).isEqualTo(profile.getName());
  }
}

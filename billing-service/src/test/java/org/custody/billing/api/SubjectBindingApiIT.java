package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.billing.testing.Requests.account;
import static org.custody.billing.testing.Requests.createProfile;

import io.grpc.Status;
import java.time.Duration;
import java.util.function.Consumer;
import org.custody.billing.testing.AnnsProfileFixture;
import org.custody.billing.testing.BillingTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.GetPaymentStandingRequest;
import org.custody.proto.billing.v1.ListBillingProfilesRequest;
import org.custody.proto.billing.v1.ListPaymentMethodsRequest;
import org.custody.proto.billing.v1.UpdateBillingProfileRequest;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 §4: the front end reads and changes one subject's billing data only with that
 * subject's live session ({@code x-custody-session}); staff keep their policy-based access.
 */
class SubjectBindingApiIT extends AnnsProfileFixture {
  private static BillingServiceGrpc.BillingServiceBlockingStub as(String token) {
    return TestSessions.withSession(server.frontendWithoutSession(), token);
  }

  private static ErrorDetails failure(BillingServiceGrpc.BillingServiceBlockingStub stub, Consumer<BillingServiceGrpc.BillingServiceBlockingStub> call) {
    return ErrorDetails.ofFailure(() -> call.accept(stub));
  }

  @Test
  void P6_frontendWithoutSession_isRefusedSessionRequired() {
    ErrorDetails error = failure(server.frontendWithoutSession(),
        b -> b.getBillingProfile(GetBillingProfileRequest.newBuilder().setName(annProfile).build()));
    assertThat(error.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(error.reason()).isEqualTo("SESSION_REQUIRED");
    ErrorDetails unknown = failure(as("not-a-session-0123456789"),
        b -> b.listBillingProfiles(ListBillingProfilesRequest.newBuilder().setParent(account("ann")).build()));
    assertThat(unknown.reason()).isEqualTo("SESSION_REQUIRED");
    assertThat(unknown.message()).doesNotContain("not-a-session");
  }

  @Test
  void P6_anotherSubjectsSession_isRefusedSubjectMismatch_onEveryBoundMethod() {
    var mallory = as(server.sessions.issue(account("mallory")));
    for (Consumer<BillingServiceGrpc.BillingServiceBlockingStub> call : java.util.List.<Consumer<BillingServiceGrpc.BillingServiceBlockingStub>>of(
        b -> b.getBillingProfile(GetBillingProfileRequest.newBuilder().setName(annProfile).build()),
        b -> b.listBillingProfiles(ListBillingProfilesRequest.newBuilder().setParent(account("ann")).build()),
        b -> b.updateBillingProfile(UpdateBillingProfileRequest.newBuilder().setBillingProfile(
            org.custody.proto.billing.v1.BillingProfile.newBuilder().setName(annProfile).setBillingName("Mallory"))
            .setUpdateMask(com.google.protobuf.FieldMask.newBuilder().addPaths("billing_name")).build()),
        b -> b.listPaymentMethods(ListPaymentMethodsRequest.newBuilder().setParent(account("ann")).build()),
        b -> b.createBillingProfile(createProfile("ann")))) {
      ErrorDetails error = failure(mallory, call);
      assertThat(error.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(error.reason()).isEqualTo("SUBJECT_MISMATCH");
    }
    var provision = TestSessions.withSession(server.stub(BillingServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION),
        server.sessions.issue(account("mallory")));
    assertThat(ErrorDetails.ofFailure(() -> provision.getPaymentStanding(GetPaymentStandingRequest.newBuilder().setAccount(account("ann")).build()))
        .reason()).isEqualTo("SUBJECT_MISMATCH");
    // Nothing was changed by the refused update.
    assertThat(server.operator().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(annProfile).build())
        .getBillingProfile().getBillingName()).isNotEqualTo("Mallory");
  }

  @Test
  void P6_theSubjectsOwnSession_isAnswered_andStaffNeedNone() {
    var ann = as(server.sessions.issue(account("ann")));
    assertThat(ann.getBillingProfile(GetBillingProfileRequest.newBuilder().setName(annProfile).build()).getBillingProfile().getName())
        .isEqualTo(annProfile);
    assertThat(ann.listBillingProfiles(ListBillingProfilesRequest.newBuilder().setParent(account("ann")).build()).getBillingProfilesCount())
        .isEqualTo(1);
    assertThat(server.operator().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(annProfile).build())
        .getBillingProfile().getName()).isEqualTo(annProfile);
    ErrorDetails.ofFailure(() -> server.frontendWithoutSession().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(annProfile).build()));
    assertThat(server.harness.scrapeMetrics())
        .contains("method=\"custody.billing.v1.BillingService/GetBillingProfile\",outcome=\"ALLOWED\"")
        .contains("method=\"custody.billing.v1.BillingService/GetBillingProfile\",outcome=\"SESSION_REQUIRED\"");
  }

  @Test
  void P6_aRevokedSession_isRefusedOnceTheCacheTtlPassed_andIdentityIsAskedOncePerTtl() {
    MutableClock clock = MutableClock.at("2026-03-15T10:00:00Z");
    try (BillingTestServer own = BillingTestServer.start(database, clock)) {
      String profile = own.frontend().createBillingProfile(createProfile("bob")).getBillingProfile().getName();
      String token = own.sessions.issue(account("bob"));
      var bob = TestSessions.withSession(own.frontendWithoutSession(), token);
      GetBillingProfileRequest get = GetBillingProfileRequest.newBuilder().setName(profile).build();
      int before = own.sessions.checks();
      for (int i = 0; i < 20; i++) {
        bob.getBillingProfile(get);
      }
      assertThat(own.sessions.checks() - before).as("identity calls for 20 reads within the TTL").isEqualTo(1);
      own.sessions.revoke(token);
      bob.getBillingProfile(get);  // still cached
      clock.advance(Duration.ofSeconds(5));
      assertThat(ErrorDetails.ofFailure(() -> bob.getBillingProfile(get)).reason()).isEqualTo("SESSION_REQUIRED");
    }
  }

  @Test
  void P6_whileIdentityIsUnreachable_boundCallsFailClosed_andStaffAreServed() {
    try (BillingTestServer own = BillingTestServer.start(database, MutableClock.at("2026-03-15T10:00:00Z"))) {
      String profile = own.operator().createBillingProfile(createProfile("cid")).getBillingProfile().getName();
      String token = own.sessions.issue(account("cid"));
      own.sessions.close();
      ErrorDetails error = ErrorDetails.ofFailure(() -> TestSessions.withSession(own.frontendWithoutSession(), token)
          .getBillingProfile(GetBillingProfileRequest.newBuilder().setName(profile).build()));
      assertThat(error.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(error.reason()).isEqualTo("IDENTITY_UNAVAILABLE");
      assertThat(own.operator().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(profile).build())
          .getBillingProfile().getName()).isEqualTo(profile);
    }
  }
}

package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.custody.billing.testing.Requests.account;
import static org.custody.billing.testing.Requests.createProfile;
import static org.custody.billing.testing.Requests.profile;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.time.Duration;
import java.util.function.Consumer;
import org.custody.billing.testing.BillingTestServer;
import org.custody.billing.testing.DatabaseScan;
import org.custody.billing.testing.Requests;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.DatabaseCells;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.billing.v1.BillingProfile;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.CreateBillingProfileRequest;
import org.custody.proto.billing.v1.DeleteBillingProfileRequest;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.ListBillingProfilesRequest;
import org.custody.proto.billing.v1.ListBillingProfilesResponse;
import org.custody.proto.billing.v1.PostalAddress;
import org.custody.proto.billing.v1.UpdateBillingProfileRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class BillingProfilesApiIT {
  private static BillingTestServer server;

  @BeforeAll
  static void start(DatabaseSettings database) {
    server = BillingTestServer.start(database, MutableClock.at("2026-03-15T10:00:00Z"));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static ErrorDetails failure(Consumer<BillingServiceGrpc.BillingServiceBlockingStub> call) {
    return ErrorDetails.ofFailure(() -> call.accept(server.frontend()));
  }

  @Test
  void createBillingProfile_thenGet_returnsWhatWasStored() {
    BillingProfile created = server.frontend().createBillingProfile(createProfile("p1")).getBillingProfile();
    assertThat(created.getName()).matches("projects/acme/accounts/p1/billingProfiles/[a-z2-7]{16}");
    BillingProfile read = server.frontend().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(created.getName()).build())
        .getBillingProfile();
    assertThat(read).isEqualTo(created);
    assertThat(read.getBillingName()).isEqualTo("Ada Lovelace");
    assertThat(read.getAddress().getAddressLinesList()).containsExactly("12 Crescent Road", "Flat 3");
  }

  @Test
  void P3_createBillingProfile_personalFieldsAreNotInTheDatabaseInClear() throws Exception {
    server.frontend().createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(account("p2"))
        .setBillingProfile(profile().toBuilder().setBillingName("Zebedee Quuxworth").setBillingEmail("zebedee@quux.example"))
        .setRequestId(Requests.requestId()).build());
    try (Connection db = server.jdbc()) {
      assertThat(DatabaseScan.count(db, "billing_profiles")).isPositive();
      assertThat(DatabaseCells.containing(db, "Zebedee", "Quuxworth", "zebedee@quux.example", "Crescent Road", "OX1 2JD",
          "Analytical Engines")).isEmpty();
    }
  }

  @Test
  void createBillingProfile_retryWithTheSameRequestId_returnsTheFirstProfile() throws Exception {
    CreateBillingProfileRequest request = createProfile("p3").toBuilder().setRequestId(Requests.requestId()).build();
    BillingProfile first = server.frontend().createBillingProfile(request).getBillingProfile();
    BillingProfile retry = server.frontend().createBillingProfile(request).getBillingProfile();
    assertThat(retry).isEqualTo(first);
    assertThat(server.frontend().listBillingProfiles(ListBillingProfilesRequest.newBuilder().setParent(account("p3")).build())
        .getBillingProfilesCount()).isEqualTo(1);
  }

  @Test
  void createBillingProfile_concurrentDuplicates_allAnswerTheFirstProfile_madeOnce() throws Exception {
    CreateBillingProfileRequest request = createProfile("p12").toBuilder().setRequestId(Requests.requestId()).build();
    org.custody.platform.testkit.ConcurrentDuplicates.answerAlike(6, () -> server.frontend().createBillingProfile(request).getBillingProfile());
    assertThat(server.frontend().listBillingProfiles(ListBillingProfilesRequest.newBuilder().setParent(account("p12")).build())
        .getBillingProfilesCount()).isEqualTo(1);
  }

  @Test
  void createBillingProfile_malformedFields_areFieldViolations() {
    ErrorDetails country = failure(s -> s.createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(account("p4"))
        .setBillingProfile(profile().toBuilder().setAddress(Requests.address().toBuilder().setRegionCode("XX"))).build()));
    assertThat(country.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(country.violatedFields()).containsExactly("billing_profile.address.region_code");

    ErrorDetails shape = failure(s -> s.createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(account("p4"))
        .setBillingProfile(profile().toBuilder().setBillingEmail("not-an-email")
            .setAddress(PostalAddress.newBuilder().setLocality("Berlin").setPostalCode("1O115").setRegionCode("de"))).build()));
    assertThat(shape.violatedFields()).contains("billing_profile.billing_email", "billing_profile.address.address_lines",
        "billing_profile.address.region_code");

    ErrorDetails missing = failure(s -> s.createBillingProfile(CreateBillingProfileRequest.newBuilder().setParent(account("p4"))
        .setBillingProfile(BillingProfile.newBuilder().setCompany("Only a company")).build()));
    assertThat(missing.reason()).isEqualTo("INVALID_FIELD");
    assertThat(missing.violatedFields()).containsExactly("billing_profile.billing_name", "billing_profile.billing_email",
        "billing_profile.address");
  }

  @Test
  void updateBillingProfile_changesOnlyTheMaskedFields() {
    BillingProfile created = server.frontend().createBillingProfile(createProfile("p5")).getBillingProfile();
    server.clock.advance(Duration.ofSeconds(5));
    BillingProfile updated = server.frontend().updateBillingProfile(UpdateBillingProfileRequest.newBuilder()
        .setBillingProfile(BillingProfile.newBuilder().setName(created.getName()).setBillingEmail("accounts@engines.example"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("billing_email"))
        .build()).getBillingProfile();
    assertThat(updated.getBillingEmail()).isEqualTo("accounts@engines.example");
    assertThat(updated.getBillingName()).isEqualTo(created.getBillingName());
    assertThat(updated.getAddress()).isEqualTo(created.getAddress());
    assertThat(updated.getUpdateTime().getSeconds()).isEqualTo(created.getUpdateTime().getSeconds() + 5);
  }

  @Test
  void updateBillingProfile_unknownMaskPath_isRefused() {
    BillingProfile created = server.frontend().createBillingProfile(createProfile("p6")).getBillingProfile();
    ErrorDetails error = failure(s -> s.updateBillingProfile(UpdateBillingProfileRequest.newBuilder()
        .setBillingProfile(BillingProfile.newBuilder().setName(created.getName()))
        .setUpdateMask(FieldMask.newBuilder().addPaths("name"))
        .build()));
    assertThat(error.violatedFields()).containsExactly("update_mask.paths[0]");
  }

  @Test
  void listBillingProfiles_pagesThroughAll() {
    for (int i = 0; i < 3; i++) {
      server.frontend().createBillingProfile(createProfile("p7"));
      server.clock.advance(Duration.ofMillis(1));
    }
    ListBillingProfilesResponse first = server.frontend().listBillingProfiles(
        ListBillingProfilesRequest.newBuilder().setParent(account("p7")).setPageSize(2).build());
    ListBillingProfilesResponse second = server.frontend().listBillingProfiles(
        ListBillingProfilesRequest.newBuilder().setParent(account("p7")).setPageSize(2).setPageToken(first.getNextPageToken()).build());
    assertThat(first.getBillingProfilesCount()).isEqualTo(2);
    assertThat(second.getBillingProfilesCount()).isEqualTo(1);
    assertThat(second.getNextPageToken()).isEmpty();
    ErrorDetails badToken = failure(s -> s.listBillingProfiles(
        ListBillingProfilesRequest.newBuilder().setParent(account("p7")).setPageToken("garbage").build()));
    assertThat(badToken.violatedFields()).containsExactly("page_token");
  }

  @Test
  void deleteBillingProfile_thenGet_isNotFound() {
    BillingProfile created = server.frontend().createBillingProfile(createProfile("p8")).getBillingProfile();
    server.frontend().deleteBillingProfile(DeleteBillingProfileRequest.newBuilder().setName(created.getName()).build());
    ErrorDetails error = failure(s -> s.getBillingProfile(GetBillingProfileRequest.newBuilder().setName(created.getName()).build()));
    assertThat(error.code()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(error.reason()).isEqualTo("BILLING_PROFILE_NOT_FOUND");
  }

  @Test
  void getBillingProfile_throughAnotherAccountsName_isNotFound() {
    BillingProfile created = server.frontend().createBillingProfile(createProfile("p9")).getBillingProfile();
    String elsewhere = created.getName().replace("/accounts/p9/", "/accounts/p10/");
    assertThat(failure(s -> s.getBillingProfile(GetBillingProfileRequest.newBuilder().setName(elsewhere).build())).code())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void P6_billingProfiles_areRefusedForServiceProvisionAndToOtherCallers() {
    var provision = server.stub(BillingServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION);
    assertThatThrownBy(() -> provision.createBillingProfile(createProfile("p11")))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_NOT_ALLOWED"));
    var helpdesk = server.stub(BillingServiceGrpc::newBlockingStub, TestCallers.HELPDESK, Purpose.BILLING);
    assertThatThrownBy(() -> helpdesk.listBillingProfiles(ListBillingProfilesRequest.newBuilder().setParent(account("p11")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("CALLER_NOT_ALLOWED"));
  }
}

package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.custody.billing.testing.Requests.account;
import static org.custody.billing.testing.Requests.createProfile;

import io.grpc.Status;
import java.util.List;
import org.custody.billing.testing.AnnsProfileFixture;
import org.custody.billing.testing.BillingTestServer;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.MutableClock;
import org.custody.proto.billing.v1.GetBillingProfileRequest;
import org.custody.proto.billing.v1.ListInvoicesRequest;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.Purpose;
import org.custody.proto.disclosure.v1.RecordStaffAccessRequest;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 §5 in billing: an operator's read of one account's billing data is recorded with
 * disclosure (here a stand-in on a real port; the real ledger in disclosure's StaffAccessIT)
 * before it is answered, and refused while it cannot be; the front end's reads are not recorded.
 */
class StaffAccessApiIT extends AnnsProfileFixture {
  private static List<RecordStaffAccessRequest> recordedFor(String account) {
    return server.staffAccess.recorded().stream().filter(r -> r.getSubject().getAccount().equals(account)).toList();
  }

  @Test
  void P6_operatorRead_isRecordedOnce_withCallerMethodPurposeAndCategories_neverTheData() {
    var profile = server.operator().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(annProfile).build()).getBillingProfile();

    List<RecordStaffAccessRequest> recorded = recordedFor(account("ann"));
    assertThat(recorded).hasSize(1);
    RecordStaffAccessRequest access = recorded.get(0);
    assertThat(access.getSubject().getProject()).isEqualTo(account("ann").substring(0, account("ann").indexOf("/accounts/")));
    assertThat(access.getStaffCaller()).isEqualTo("operator");
    assertThat(access.getMethod()).isEqualTo("custody.billing.v1.BillingService/GetBillingProfile");
    assertThat(access.getPurpose()).isEqualTo(Purpose.PURPOSE_BILLING);
    assertThat(access.getCategoriesList()).contains(DataCategory.DATA_CATEGORY_USER_NAME, DataCategory.DATA_CATEGORY_USER_CONTACT_ADDRESS)
        .doesNotContain(DataCategory.DATA_CATEGORY_UNSPECIFIED);
    // Identifiers and codes only: not the profile's name, address or e-mail.
    String sent = access.toString();
    assertThat(sent).doesNotContain(profile.getBillingName()).doesNotContain(profile.getAddress().getLocality());
    assertThat(sent).doesNotContain(profile.getBillingEmail()).doesNotContain("@");
    assertThat(server.harness.scrapeMetrics())
        .containsPattern("custody_staff_access_records_total\\{[^}]*method=\"custody.billing.v1.BillingService/GetBillingProfile\",outcome=\"RECORDED\"");
  }

  @Test
  void P6_frontendReadsAndOperatorWrites_areNotRecorded() {
    server.frontend().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(annProfile).build());
    server.frontend().listInvoices(ListInvoicesRequest.newBuilder().setParent(account("ann")).build());
    server.operator().createBillingProfile(createProfile("bob"));

    assertThat(server.staffAccess.recorded()).noneMatch(r -> r.getStaffCaller().equals("frontend"));
    assertThat(recordedFor(account("bob"))).isEmpty();
  }

  @Test
  void P6_operatorList_isRecordedForTheAccountItLists() {
    server.operator().listInvoices(ListInvoicesRequest.newBuilder().setParent(account("carol")).build());

    assertThat(recordedFor(account("carol"))).singleElement()
        .satisfies(r -> assertThat(r.getMethod()).isEqualTo("custody.billing.v1.BillingService/ListInvoices"));
  }

  @Test
  void P6_disclosureDown_operatorReadIsRefusedUnavailable_andReadsNothing() {
    BillingTestServer cut = BillingTestServer.start(database, MutableClock.at("2026-03-15T10:00:00Z"));
    try {
      cut.staffAccess.close();
      ErrorDetails error = ErrorDetails.ofFailure(
          () -> cut.operator().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(annProfile).build()));

      assertThat(error.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(error.reason()).isEqualTo("STAFF_ACCESS_UNRECORDED");
      assertThat(error.domain()).isEqualTo("billing.custody");
      assertThat(error.message()).doesNotContain(annProfile);
      // The front end's own reads do not depend on disclosure.
      assertThat(cut.frontend().getBillingProfile(GetBillingProfileRequest.newBuilder().setName(annProfile).build())
          .getBillingProfile().getName()).isEqualTo(annProfile);
      assertThat(cut.harness.scrapeMetrics()).contains("outcome=\"UNRECORDED\"");
    } finally {
      cut.close();
    }
  }
}

package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.grpc.Status;
import java.util.List;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestStaffAccess;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.disclosure.v1.RecordStaffAccessRequest;
import org.custody.proto.identity.v1.ContactSource;
import org.custody.proto.identity.v1.GetAccountRequest;
import org.custody.proto.identity.v1.ListSessionsRequest;
import org.custody.proto.identity.v1.RecordContactRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 13 §5 in identity: an operator's read of one account (GetAccount, ListSessions) is
 * recorded with disclosure (here a stand-in on a real port; the real ledger in disclosure's
 * StaffAccessIT) before it is answered, and refused while it cannot be; the front end's reads of
 * its own account and the helpdesk's contact records are not staff reads of one subject.
 */
@ExtendWith(FreshDatabase.class)
class StaffAccessApiIT {
  private static TestStaffAccess staffAccess;
  private static IdentityTestServer id;
  private static DatabaseSettings database;
  private static String ann;

  @BeforeAll
  static void start(DatabaseSettings settings) {
    database = settings;
    staffAccess = TestStaffAccess.start();
    GreenMail mail = IdentityTestServer.mailServer();
    id = IdentityTestServer.start(IdentityTestServer.config(database, mail.getSmtp().getPort(), staffAccess.target()), database,
        ServiceRuntime.systemClock(), mail);
    id.project("staffaccess");
    ann = id.account("staffaccess", "Ann Example", "ann@staffaccess.example").getName();
  }

  @AfterAll
  static void stop() {
    if (id != null) {
      id.close();
    }
    staffAccess.close();
  }

  private static List<RecordStaffAccessRequest> recordedFor(String account) {
    return staffAccess.recorded().stream().filter(r -> r.getSubject().getAccount().equals(account)).toList();
  }

  @Test
  void P6_operatorGetAccount_isRecordedOnce_withCallerMethodPurposeAndCategories_neverTheData() {
    id.identity(TestCallers.OPERATOR, Purpose.SECURITY_FRAUD).getAccount(GetAccountRequest.newBuilder().setName(ann).build());

    List<RecordStaffAccessRequest> recorded = recordedFor(ann);
    assertThat(recorded).hasSize(1);
    RecordStaffAccessRequest access = recorded.get(0);
    assertThat(access.getSubject().getProject()).isEqualTo("projects/staffaccess");
    assertThat(access.getStaffCaller()).isEqualTo("operator");
    assertThat(access.getMethod()).isEqualTo("custody.identity.v1.IdentityService/GetAccount");
    assertThat(access.getPurpose()).isEqualTo(org.custody.proto.common.v1.Purpose.PURPOSE_SECURITY_FRAUD);
    assertThat(access.getCategoriesList()).contains(DataCategory.DATA_CATEGORY_USER_NAME, DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL);
    assertThat(access.toString()).doesNotContain("Ann Example").doesNotContain("@");
  }

  @Test
  void P6_operatorListSessions_isRecordedForTheAccount() {
    String bob = id.account("staffaccess", "Bob Example", "bob@staffaccess.example").getName();
    id.sessions(TestCallers.OPERATOR, Purpose.SECURITY_FRAUD).listSessions(ListSessionsRequest.newBuilder().setParent(bob).build());

    assertThat(recordedFor(bob)).singleElement()
        .satisfies(r -> assertThat(r.getMethod()).isEqualTo("custody.identity.v1.SessionService/ListSessions"));
  }

  @Test
  void P6_frontendOwnReads_andHelpdeskContactRecords_areNotRecorded() {
    String carol = id.account("staffaccess", "Carol Example", "carol@staffaccess.example").getName();
    id.frontendSignedIn("staffaccess", "carol@staffaccess.example").getAccount(GetAccountRequest.newBuilder().setName(carol).build());
    id.identity(TestCallers.HELPDESK, Purpose.SERVICE_PROVISION).recordContact(RecordContactRequest.newBuilder()
        .setParent("projects/staffaccess").setEmail("carol@staffaccess.example").setSource(ContactSource.CONTACT_SOURCE_EMAIL).build());

    assertThat(recordedFor(carol)).isEmpty();
    assertThat(staffAccess.recorded()).noneMatch(r -> r.getStaffCaller().equals("frontend") || r.getStaffCaller().equals("helpdesk"));
  }

  @Test
  void P6_disclosureDown_operatorReadIsRefusedUnavailable() {
    TestStaffAccess gone = TestStaffAccess.start();
    GreenMail mail = IdentityTestServer.mailServer();
    IdentityTestServer cut = IdentityTestServer.start(IdentityTestServer.config(database, mail.getSmtp().getPort(), gone.target()), database,
        ServiceRuntime.systemClock(), mail);
    try {
      gone.close();
      ErrorDetails error = ErrorDetails.ofFailure(
          () -> cut.identity(TestCallers.OPERATOR, Purpose.SECURITY_FRAUD).getAccount(GetAccountRequest.newBuilder().setName(ann).build()));

      assertThat(error.code()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(error.reason()).isEqualTo("STAFF_ACCESS_UNRECORDED");
      assertThat(error.domain()).isEqualTo("identity.custody");
      assertThat(error.message()).doesNotContain(ann);
    } finally {
      cut.close();
    }
  }
}

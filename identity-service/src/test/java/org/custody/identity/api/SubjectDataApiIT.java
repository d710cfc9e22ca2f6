package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.DataCategory;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.ErasedItem;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.custody.proto.common.v1.SubjectRecord;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.identity.v1.Account;
import org.custody.proto.identity.v1.ContactSource;
import org.custody.proto.identity.v1.GetProjectRequest;
import org.custody.proto.identity.v1.RecordContactRequest;
import org.custody.proto.identity.v1.SetPrimaryAccountRequest;
import org.custody.proto.identity.v1.ValidateSessionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Subject export and erasure (P13) as identity implements them, over real gRPC against MariaDB. */
@ExtendWith(FreshDatabase.class)
class SubjectDataApiIT {
  private static IdentityTestServer id;

  @BeforeAll
  static void start(DatabaseSettings database) {
    id = IdentityTestServer.start(database, ServiceRuntime.systemClock());
    id.project("acme");
  }

  @AfterAll
  static void stop() {
    id.close();
  }

  private static SubjectRef byAccount(Account account) {
    return SubjectRef.newBuilder().setProject("projects/acme").setAccount(account.getName()).build();
  }

  private static SubjectRef byEmail(String email) {
    return SubjectRef.newBuilder().setProject("projects/acme").setEmail(email).build();
  }

  private static void contact(String email, ContactSource source) {
    id.identity(TestCallers.HELPDESK, Purpose.SERVICE_PROVISION).recordContact(RecordContactRequest.newBuilder()
        .setParent("projects/acme").setEmail(email).setSource(source).build());
  }

  private static Map<String, Long> erased(EraseSubjectDataRequest request) {
    return id.subjects(Purpose.SUBJECT_REQUEST).eraseSubjectData(request).getReceipt().getErasedList().stream()
        .collect(Collectors.toMap(ErasedItem::getKind, ErasedItem::getCount));
  }

  @Test
  void P13_exportReturnsEverythingAboutAnAccountHolderLabelled() {
    Account account = id.account("acme", "Erin Export", "erin@example.com");
    contact("erin@example.com", ContactSource.CONTACT_SOURCE_TOPIC);
    id.operator().setPrimaryAccount(SetPrimaryAccountRequest.newBuilder().setProject("projects/acme").setAccount(account.getName()).build());
    String token = id.login("acme", "erin@example.com", IdentityTestServer.PASSWORD).getSessionToken();

    var export = id.subjects(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(byAccount(account)).build());
    assertThat(export.getService()).isEqualTo("identity");
    assertThat(export.getRecordsList()).extracting(SubjectRecord::getKind)
        .containsExactly("account", "credential", "mailed_token", "mail", "session", "contact");
    SubjectRecord accountRecord = export.getRecords(0);
    assertThat(accountRecord.getName()).isEqualTo(account.getName());
    assertThat(accountRecord.getFieldsList()).anySatisfy(f -> {
      assertThat(f.getName()).isEqualTo("email");
      assertThat(f.getValue()).isEqualTo("erin@example.com");
      assertThat(f.getCategory()).isEqualTo(DataCategory.DATA_CATEGORY_USER_CONTACT_EMAIL);
    });
    assertThat(accountRecord.getFieldsList()).anySatisfy(f -> assertThat(f.getName()).isEqualTo("primary_account_holder_of"));
    assertThat(export.getRecordsList()).allSatisfy(r -> assertThat(r.getFieldsList()).allSatisfy(f -> {
      assertThat(f.getCategory()).isNotEqualTo(DataCategory.DATA_CATEGORY_UNSPECIFIED);
      assertThat(f.getValue()).doesNotContain("$argon2id").doesNotContain(token);
    }));
    assertThat(export.getRecords(5).getFieldsList()).extracting(f -> f.getName()).contains("source.account.first_seen_time", "source.topic.first_seen_time");
    assertThat(export.getRecords(3).getFieldsList()).extracting(f -> f.getName() + "=" + f.getValue())
        .contains("topic=email-verification", "to=erin@example.com");
  }

  @Test
  void P13_exportHonoursTheCategoriesFilter() {
    Account account = id.account("acme", "Fay Filter", "fay@example.com");
    var export = id.subjects(Purpose.CONTACT).exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(byAccount(account))
        .addCategories(DataCategory.DATA_CATEGORY_USER_NAME).build());
    assertThat(export.getRecordsList()).singleElement().satisfies(r -> {
      assertThat(r.getKind()).isEqualTo("account");
      assertThat(r.getName()).isEmpty(); // identifiers were not asked for
      assertThat(r.getFieldsList()).singleElement().satisfies(f -> assertThat(f.getValue()).isEqualTo("Fay Filter"));
    });
  }

  @Test
  void P13_exportOfAContactOnlyPersonByEmail() {
    contact("Only.Contact@example.com", ContactSource.CONTACT_SOURCE_EMAIL);
    var export = id.subjects(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(byEmail("only.contact@example.com")).build());
    assertThat(export.getRecordsList()).singleElement().satisfies(r -> assertThat(r.getKind()).isEqualTo("contact"));
    assertThat(id.subjects(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(byEmail("stranger@example.com")).build()).getRecordsList()).isEmpty();
  }

  @Test
  void P13_eraseRemovesAccountCredentialSessionsAndContactsIdempotently() {
    Account account = id.account("acme", "Gus Gone", "gus@example.com");
    contact("gus@example.com", ContactSource.CONTACT_SOURCE_EMAIL);
    id.operator().setPrimaryAccount(SetPrimaryAccountRequest.newBuilder().setProject("projects/acme").setAccount(account.getName()).build());
    String token = id.login("acme", "gus@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    id.sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(token).build());

    EraseSubjectDataRequest request = EraseSubjectDataRequest.newBuilder().setSubject(byAccount(account))
        .setRequestId(UUID.randomUUID().toString()).setErasure("erasures/e1").build();
    var first = id.subjects(Purpose.SUBJECT_REQUEST).eraseSubjectData(request).getReceipt();
    assertThat(first.getErasure()).isEqualTo("erasures/e1");
    assertThat(first.getRetainedList()).isEmpty();
    assertThat(first.getErasedList().stream().collect(Collectors.toMap(ErasedItem::getKind, ErasedItem::getCount)))
        .containsEntry("account", 1L).containsEntry("credential", 1L).containsEntry("session", 1L).containsEntry("contact", 1L);
    assertThat(id.subjects(Purpose.SUBJECT_REQUEST).eraseSubjectData(request).getReceipt()).isEqualTo(first);

    assertThatThrownBy(() -> id.sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(token).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("SESSION_UNKNOWN"));
    assertThatThrownBy(() -> id.login("acme", "gus@example.com", IdentityTestServer.PASSWORD))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("LOGIN_FAILED"));
    assertThat(id.subjects(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(byEmail("gus@example.com")).build()).getRecordsList()).isEmpty();
    assertThat(id.operator().getProject(GetProjectRequest.newBuilder().setName("projects/acme").build()).getProject().getPrimaryAccount())
        .isEmpty();
    assertThat(erased(request.toBuilder().setRequestId(UUID.randomUUID().toString()).build())).containsEntry("account", 0L).containsEntry("contact", 0L);
  }

  @Test
  void P13_eraseByEmailRemovesAContactOnlyPerson() {
    contact("leaving@example.com", ContactSource.CONTACT_SOURCE_TOPIC);
    assertThat(erased(EraseSubjectDataRequest.newBuilder().setSubject(byEmail("leaving@example.com"))
        .setRequestId(UUID.randomUUID().toString()).build())).containsEntry("contact", 1L).containsEntry("account", 0L);
  }

  @Test
  void P6_eraseIsOnlyForSubjectRequestsByTheDisclosureService() {
    Account account = id.account("acme", "Hal Held", "hal@example.com");
    EraseSubjectDataRequest request = EraseSubjectDataRequest.newBuilder().setSubject(byAccount(account))
        .setRequestId(UUID.randomUUID().toString()).build();
    assertThatThrownBy(() -> id.subjects(Purpose.LEGAL_COMPLIANCE).eraseSubjectData(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
    var operator = id.harness.stub(SubjectDataServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.SUBJECT_REQUEST);
    assertThatThrownBy(() -> operator.eraseSubjectData(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void exportSubjectData_accountOutsideTheProject_isAFieldViolation() {
    assertThatThrownBy(() -> id.subjects(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setAccount("projects/other/accounts/x")).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }
}

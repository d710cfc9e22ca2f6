package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.identity.v1.Account;
import org.custody.proto.identity.v1.AccountState;
import org.custody.proto.identity.v1.ChangePasswordRequest;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.DisableAccountRequest;
import org.custody.proto.identity.v1.GetAccountRequest;
import org.custody.proto.identity.v1.ListAccountsRequest;
import org.custody.proto.identity.v1.ListContactsRequest;
import org.custody.proto.identity.v1.UpdateAccountRequest;
import org.custody.proto.identity.v1.ValidateSessionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Accounts (P2) and their credentials (P15) over real gRPC against MariaDB. */
@ExtendWith(FreshDatabase.class)
class AccountsApiIT {
  private static IdentityTestServer id;
  private static DatabaseSettings settings;

  @BeforeAll
  static void start(DatabaseSettings database) {
    settings = database;
    id = IdentityTestServer.start(database, ServiceRuntime.systemClock());
    id.project("acme");
    id.project("globex");
  }

  @AfterAll
  static void stop() {
    id.close();
  }

  private static CreateAccountRequest.Builder request(String email) {
    return CreateAccountRequest.newBuilder().setParent("projects/acme").setFullName("Jane Doe").setCompany("Acme Corp")
        .setEmail(email).setPassword(IdentityTestServer.PASSWORD);
  }

  private static Consumer<Throwable> status(Status.Code code, String reason) {
    return t -> {
      ErrorDetails details = ErrorDetails.of((StatusRuntimeException) t);
      assertThat(details.code()).isEqualTo(code);
      assertThat(details.reason()).isEqualTo(reason);
    };
  }

  @Test
  void P2_accountHoldsExactlyNameCompanyAndEmail() {
    assertThat(Account.getDescriptor().getFields()).extracting(FieldDescriptor::getName)
        // the person gives name, company and e-mail; the rest is the account's state (whether the address was proved is not collected data)
        .containsExactly("name", "full_name", "company", "email", "state", "create_time", "update_time", "email_verified", "email_verify_time");
    Account account = id.account("acme", "Jane Doe", "  Jane.P2@Example.COM ");
    assertThat(account.getFullName()).isEqualTo("Jane Doe");
    assertThat(account.getCompany()).isEqualTo("Acme Corp");
    assertThat(account.getEmail()).isEqualTo("jane.p2@example.com");
    assertThat(account.getState()).isEqualTo(AccountState.ACCOUNT_STATE_ACTIVE);
    assertThat(id.frontendSignedIn("acme", "jane.p2@example.com").getAccount(GetAccountRequest.newBuilder().setName(account.getName()).build())
        .getAccount()).isEqualTo(account);
  }

  @Test
  void P6_frontendReadsAndChangesOnlyTheSignedInAccount() {
    Account ann = id.account("acme", "Ann Doe", "ann.p6@example.com");
    id.account("acme", "Mal Doe", "mal.p6@example.com");
    GetAccountRequest get = GetAccountRequest.newBuilder().setName(ann.getName()).build();
    assertThat(ErrorDetails.ofFailure(() -> id.frontend().getAccount(get))).satisfies(e -> {
      assertThat(e.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(e.reason()).isEqualTo("SESSION_REQUIRED");
    });
    var mallory = id.frontendSignedIn("acme", "mal.p6@example.com");
    assertThat(ErrorDetails.ofFailure(() -> mallory.getAccount(get)).reason()).isEqualTo("SUBJECT_MISMATCH");
    assertThat(ErrorDetails.ofFailure(() -> mallory.updateAccount(UpdateAccountRequest.newBuilder().setName(ann.getName())
        .setFullName("Mallory").setUpdateMask(FieldMask.newBuilder().addPaths("full_name")).build())).reason()).isEqualTo("SUBJECT_MISMATCH");
    String annToken = id.login("acme", "ann.p6@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    assertThat(id.frontendAs(annToken).getAccount(get).getAccount().getFullName()).isEqualTo("Ann Doe");
    id.sessions().revokeSession(org.custody.proto.identity.v1.RevokeSessionRequest.newBuilder().setSessionToken(annToken).build());
    assertThat(ErrorDetails.ofFailure(() -> id.frontendAs(annToken).getAccount(get)).reason())
        .as("identity drops a revoked session from its own cache at once").isEqualTo("SESSION_REQUIRED");
    // Staff keep their policy-based access.
    assertThat(id.operator().getAccount(get).getAccount().getFullName()).isEqualTo("Ann Doe");
  }

  @Test
  void createAccount_retriedWithSameRequestId_returnsTheFirstAccount() {
    CreateAccountRequest request = request("retry@example.com").setRequestId(UUID.randomUUID().toString()).build();
    assertThat(id.frontend().createAccount(request)).isEqualTo(id.frontend().createAccount(request));
  }

  @Test
  void P2_createAccount_idempotencyKeyKeepsOnlyTheAccountsName() throws Exception {
    CreateAccountRequest request = request("kept.nowhere@example.com").setFullName("Keptina Nowhere").setCompany("Nowhere Ltd")
        .setRequestId(UUID.randomUUID().toString()).build();
    Account account = id.frontend().createAccount(request).getAccount();
    try (Connection db = DriverManager.getConnection(JdbcUrls.withDefaults(settings.jdbcUrl()), settings.user(), settings.password());
        PreparedStatement query = db.prepareStatement("SELECT * FROM custody_idempotency WHERE request_id = ?")) {
      query.setString(1, request.getRequestId());
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).isTrue();
        assertThat(row.getString("reference")).isEqualTo(account.getName());
        assertThat(row.getBytes("response")).isNull();
        for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
          byte[] cell = row.getBytes(c);
          String text = cell == null ? "" : new String(cell, StandardCharsets.ISO_8859_1);
          for (String personal : List.of("kept.nowhere", "Keptina", "Nowhere Ltd", IdentityTestServer.PASSWORD)) {
            assertThat(text).as(row.getMetaData().getColumnName(c)).doesNotContain(personal);
          }
        }
      }
    }
    assertThat(id.frontend().createAccount(request).getAccount()).isEqualTo(account);
  }

  @Test
  void createAccount_sameRequestIdForAnotherAccount_isRefused() {
    CreateAccountRequest request = request("first.reuse@example.com").setRequestId(UUID.randomUUID().toString()).build();
    id.frontend().createAccount(request);
    assertThatThrownBy(() -> id.frontend().createAccount(request.toBuilder().setEmail("second.reuse@example.com").build()))
        .satisfies(status(Status.Code.INVALID_ARGUMENT, "REQUEST_ID_REUSED"));
  }

  @Test
  void createAccount_duplicateEmail_withEnumerationAllowed_isAlreadyExistsWithoutSayingWhose() {
    try (IdentityTestServer plain = IdentityTestServer.start(settings, ServiceRuntime.systemClock(),
        c -> c.withRegistrationWithoutEnumeration(false))) {
      plain.account("acme", "Jane Doe", "dupe@example.com");
      assertThatThrownBy(() -> plain.frontend().createAccount(request(" DUPE@example.com").build()))
          .satisfies(status(Status.Code.ALREADY_EXISTS, "ACCOUNT_ALREADY_EXISTS"))
          .satisfies(t -> assertThat(t.getMessage()).doesNotContain("dupe"));
      // another site may have the same address
      assertThat(plain.frontend().createAccount(request("dupe@example.com").setParent("projects/globex").build()).getAccount().getEmail())
          .isEqualTo("dupe@example.com");
    }
  }

  @Test
  void P15_weakPassword_isAFieldViolation() {
    assertThatThrownBy(() -> id.frontend().createAccount(request("weak@example.com").setPassword("password1").build()))
        .satisfies(status(Status.Code.INVALID_ARGUMENT, "PASSWORD_TOO_WEAK"))
        .satisfies(t -> assertThat(ErrorDetails.of((StatusRuntimeException) t).violatedFields()).containsExactly("password"));
  }

  @Test
  void createAccount_malformedFields_areFieldViolations() {
    assertThatThrownBy(() -> id.frontend().createAccount(CreateAccountRequest.newBuilder().setParent("projects/acme")
        .setFullName("").setCompany("x".repeat(201)).setEmail("not-an-address").setPassword("short").build()))
        .satisfies(t -> assertThat(ErrorDetails.of((StatusRuntimeException) t).violatedFields())
            .contains("full_name", "company", "email", "password"));
  }

  @Test
  void createAccount_unknownProject_isNotFound() {
    assertThatThrownBy(() -> id.frontend().createAccount(request("nowhere@example.com").setParent("projects/nowhere").build()))
        .satisfies(status(Status.Code.NOT_FOUND, "PROJECT_NOT_FOUND"));
  }

  @Test
  void getAccount_throughAnotherProject_isNotFound() {
    Account account = id.account("acme", "Jane Doe", "tenant@example.com");
    String elsewhere = account.getName().replace("projects/acme/", "projects/globex/");
    assertThatThrownBy(() -> id.operator().getAccount(GetAccountRequest.newBuilder().setName(elsewhere).build()))
        .satisfies(status(Status.Code.NOT_FOUND, "ACCOUNT_NOT_FOUND"));
    // The front end's session names its own project's account: another project's name is not its subject.
    assertThat(ErrorDetails.ofFailure(() -> id.frontendSignedIn("acme", "tenant@example.com")
        .getAccount(GetAccountRequest.newBuilder().setName(elsewhere).build())).reason()).isEqualTo("SUBJECT_MISMATCH");
  }

  @Test
  void listAccounts_pagesInCreationOrder() {
    id.project("paged");
    for (int i = 0; i < 3; i++) {
      id.account("paged", "Person " + i, "p" + i + "@example.com");
    }
    var first = id.operator().listAccounts(ListAccountsRequest.newBuilder().setParent("projects/paged").setPageSize(2).build());
    assertThat(first.getAccountsList()).extracting(Account::getEmail).containsExactly("p0@example.com", "p1@example.com");
    var second = id.operator().listAccounts(ListAccountsRequest.newBuilder().setParent("projects/paged").setPageSize(2)
        .setPageToken(first.getNextPageToken()).build());
    assertThat(second.getAccountsList()).extracting(Account::getEmail).containsExactly("p2@example.com");
    assertThat(second.getNextPageToken()).isEmpty();
  }

  @Test
  void listAccounts_tokenOfAnotherProjectOrCallerOrForged_isAnInvalidPageToken() {
    id.project("paged-a");
    id.project("paged-b");
    for (int i = 0; i < 3; i++) {
      id.account("paged-a", "Person " + i, "pa" + i + "@example.com");
      id.account("paged-b", "Person " + i, "pb" + i + "@example.com");
    }
    String token = id.operator().listAccounts(ListAccountsRequest.newBuilder().setParent("projects/paged-a").setPageSize(1).build())
        .getNextPageToken();
    String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("c1:0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (var attempt : List.<Runnable>of(
        () -> id.operator().listAccounts(ListAccountsRequest.newBuilder().setParent("projects/paged-b").setPageToken(token).build()),
        () -> id.identity(org.custody.platform.testkit.TestCallers.DISCLOSURE, org.custody.platform.access.Purpose.CONTACT)
            .listAccounts(ListAccountsRequest.newBuilder().setParent("projects/paged-a").setPageToken(token).build()),
        () -> id.operator().listAccounts(ListAccountsRequest.newBuilder().setParent("projects/paged-a").setPageToken(forged).build()))) {
      ErrorDetails details = ErrorDetails.ofFailure(attempt);
      assertThat(details.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(details.violatedFields()).containsExactly("page_token");
    }
  }

  @Test
  void updateAccount_changesOnlyTheMaskedFields() {
    Account account = id.account("acme", "Jane Doe", "update@example.com");
    var jane = id.frontendSignedIn("acme", "update@example.com");
    Account updated = jane.updateAccount(UpdateAccountRequest.newBuilder().setName(account.getName())
        .setFullName("Jane Q. Doe").setCompany("ignored").setUpdateMask(FieldMask.newBuilder().addPaths("full_name")).build()).getAccount();
    assertThat(updated.getFullName()).isEqualTo("Jane Q. Doe");
    assertThat(updated.getCompany()).isEqualTo("Acme Corp");
    assertThatThrownBy(() -> jane.updateAccount(UpdateAccountRequest.newBuilder().setName(account.getName())
        .setUpdateMask(FieldMask.newBuilder().addPaths("email")).build()))
        .satisfies(t -> assertThat(ErrorDetails.of((StatusRuntimeException) t).violatedFields()).containsExactly("update_mask"));
  }

  @Test
  void disableAccount_endsAllSessionsAndRefusesLogin() {
    Account account = id.account("acme", "Jane Doe", "disable@example.com");
    String token = id.login("acme", "disable@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    var disabled = id.identity(TestCallers.OPERATOR, Purpose.SECURITY_FRAUD)
        .disableAccount(DisableAccountRequest.newBuilder().setName(account.getName()).build());
    assertThat(disabled.getAccount().getState()).isEqualTo(AccountState.ACCOUNT_STATE_DISABLED);
    assertThat(disabled.getRevokedSessionCount()).isEqualTo(1);
    assertThatThrownBy(() -> id.sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(token).build()))
        .satisfies(status(Status.Code.UNAUTHENTICATED, "SESSION_REVOKED"));
    assertThatThrownBy(() -> id.login("acme", "disable@example.com", IdentityTestServer.PASSWORD))
        .satisfies(status(Status.Code.UNAUTHENTICATED, "LOGIN_FAILED"));
  }

  @Test
  void P15_changePassword_needsTheCurrentOneAndEndsEveryOtherSession() {
    Account account = id.account("acme", "Jane Doe", "change@example.com");
    String keep = id.login("acme", "change@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    String other = id.login("acme", "change@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    ChangePasswordRequest.Builder change = ChangePasswordRequest.newBuilder().setAccount(account.getName())
        .setNewPassword("a much better passphrase, really").setSessionToken(keep);
    assertThatThrownBy(() -> id.frontendAuth().changePassword(change.clone().setCurrentPassword("wrong one entirely").build()))
        .satisfies(status(Status.Code.INVALID_ARGUMENT, "CURRENT_PASSWORD_WRONG"))
        .satisfies(t -> assertThat(ErrorDetails.of((StatusRuntimeException) t).violatedFields()).containsExactly("current_password"));
    assertThat(id.frontendAuth().changePassword(change.setCurrentPassword(IdentityTestServer.PASSWORD).build()).getRevokedSessionCount())
        .isEqualTo(1);
    assertThat(id.sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(keep).build()).getPrincipal().getAccount())
        .isEqualTo(account.getName());
    assertThatThrownBy(() -> id.sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(other).build()))
        .satisfies(status(Status.Code.UNAUTHENTICATED, "SESSION_REVOKED"));
    assertThatThrownBy(() -> id.login("acme", "change@example.com", IdentityTestServer.PASSWORD))
        .satisfies(status(Status.Code.UNAUTHENTICATED, "LOGIN_FAILED"));
    assertThat(id.login("acme", "change@example.com", "a much better passphrase, really").getSessionToken()).isNotEmpty();
  }

  @Test
  void P1_accountCreationRecordsTheAddressAsAContact() {
    id.project("contacts-from-accounts");
    id.account("contacts-from-accounts", "Jane Doe", "Registered@Example.com");
    var contacts = id.operator().listContacts(ListContactsRequest.newBuilder().setParent("projects/contacts-from-accounts").build());
    assertThat(contacts.getContactsList()).singleElement().satisfies(c -> {
      assertThat(c.getEmail()).isEqualTo("registered@example.com");
      assertThat(c.getSightingsList()).extracting(s -> s.getSource())
          .containsExactly(org.custody.proto.identity.v1.ContactSource.CONTACT_SOURCE_ACCOUNT);
    });
  }

  @Test
  void P6_helpdeskMayNotReadAccounts() {
    Account account = id.account("acme", "Jane Doe", "p6@example.com");
    assertThatThrownBy(() -> id.identity(TestCallers.HELPDESK, Purpose.SERVICE_PROVISION)
        .getAccount(GetAccountRequest.newBuilder().setName(account.getName()).build()))
        .satisfies(t -> assertThat(((StatusRuntimeException) t).getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }
}

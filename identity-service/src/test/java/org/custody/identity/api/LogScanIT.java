package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.LogCapture;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.identity.v1.Account;
import org.custody.proto.identity.v1.ChangeEmailRequest;
import org.custody.proto.identity.v1.ChangePasswordRequest;
import org.custody.proto.identity.v1.ContactSource;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.ListContactsRequest;
import org.custody.proto.identity.v1.ListSessionsRequest;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.RecordContactRequest;
import org.custody.proto.identity.v1.RevokeSessionRequest;
import org.custody.proto.identity.v1.UpdateAccountRequest;
import org.custody.proto.identity.v1.ValidateSessionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every RPC, successes and failures, with recognisable personal values, and proves none of
 * them reaches a log line, an error message or a metric label.
 */
@ExtendWith(FreshDatabase.class)
class LogScanIT {
  private static final String EMAIL = "zelda.canary@leak-check.example";
  private static final String NEW_EMAIL = "zelda.renamed@leak-check.example";
  private static final String CONTACT = "quinn.canary@leak-check.example";
  private static final String NAME = "Zelda Canarybird";
  private static final String COMPANY = "Canaryworks Unlimited";
  private static final String PASSWORD = "canary-passphrase-xylophone-42";
  private static final String NEW_PASSWORD = "second-canary-passphrase-zither-77";
  private static final String WRONG_PASSWORD = "wrong-canary-passphrase-kazoo-13";

  private final List<String> errorMessages = new ArrayList<>();

  private void expectFailure(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      ErrorDetails details = ErrorDetails.of(e);
      errorMessages.add(e.getMessage());
      errorMessages.add(details.toString());
      return;
    }
    throw new AssertionError("the call succeeded");
  }

  /** Recovery asked for the known and an unknown address, and refused with a weak password; returns the mailed token. */
  private String recoveryAttempts(IdentityTestServer id) {
    id.frontendAuth().startRecovery(org.custody.proto.identity.v1.StartRecoveryRequest.newBuilder().setProject("projects/acme")
        .setEmail(EMAIL).build());
    id.frontendAuth().startRecovery(org.custody.proto.identity.v1.StartRecoveryRequest.newBuilder().setProject("projects/acme")
        .setEmail("unknown." + EMAIL).build());
    String recovery = IdentityTestServer.token(id.awaitMail(EMAIL.toLowerCase(java.util.Locale.ROOT), 3));
    expectFailure(() -> id.frontendAuth().completeRecovery(org.custody.proto.identity.v1.CompleteRecoveryRequest.newBuilder()
        .setToken(recovery).setNewPassword(PASSWORD.substring(0, 3)).build()));
    return recovery;
  }

  @Test
  void noPersonalDataInLogsErrorsOrMetrics(DatabaseSettings database) {
    List<String> tokens = new ArrayList<>();
    String logs;
    String metrics;
    try (LogCapture capture = LogCapture.start(); IdentityTestServer id = IdentityTestServer.start(database, ServiceRuntime.systemClock())) {
      id.project("acme");
      CreateAccountRequest create = CreateAccountRequest.newBuilder().setParent("projects/acme").setFullName(NAME).setCompany(COMPANY)
          .setEmail(EMAIL).setPassword(PASSWORD).setRequestId(UUID.randomUUID().toString()).build();
      Account account = id.frontend().createAccount(create).getAccount();
      // a taken address: answered like a new registration, the holder mailed
      id.frontend().createAccount(create.toBuilder().setRequestId(UUID.randomUUID().toString()).build());
      tokens.add(recoveryAttempts(id));
      expectFailure(() -> id.frontend().createAccount(create.toBuilder().setEmail("x" + EMAIL).setPassword("password123")
          .setRequestId("").build()));
      expectFailure(() -> id.frontend().createAccount(create.toBuilder().setEmail(NAME).setRequestId("").build()));
      String session = id.login("acme", EMAIL, PASSWORD).getSessionToken();
      tokens.add(session);
      id.frontendAs(session).updateAccount(UpdateAccountRequest.newBuilder().setName(account.getName()).setCompany(COMPANY + " II")
          .setUpdateMask(FieldMask.newBuilder().addPaths("company")).build());

      String login = loginAfterFailures(id);
      tokens.add(login);
      changeAccount(id, account, login);
      contactsAndSubjectRights(id, account, login);
      metrics = id.metrics();
      logs = capture.text();
    }

    assertThat(logs).as("the test must have captured the service's logs").contains("started service=identity");
    List<String> secrets = new ArrayList<>(List.of(EMAIL, NEW_EMAIL, CONTACT, NAME, COMPANY, PASSWORD, NEW_PASSWORD, WRONG_PASSWORD,
        "canary", "Canary"));
    secrets.addAll(tokens);
    for (String secret : secrets) {
      assertThat(logs).as("logs").doesNotContain(secret);
      assertThat(metrics).as("metrics").doesNotContain(secret);
      assertThat(errorMessages).as("error messages").noneMatch(m -> m.contains(secret));
    }
    assertThat(errorMessages).hasSizeGreaterThan(10);
  }

  /** Wrong passwords for an account and for a contact that is no account, then (past the throttle) the right one. */
  private String loginAfterFailures(IdentityTestServer id) {
    for (int i = 0; i < 4; i++) {
      expectFailure(() -> id.sessions().login(LoginRequest.newBuilder().setProject("projects/acme").setEmail(EMAIL).setPassword(WRONG_PASSWORD).build()));
      expectFailure(() -> id.sessions().login(LoginRequest.newBuilder().setProject("projects/acme").setEmail(CONTACT).setPassword(WRONG_PASSWORD).build()));
    }
    try {
      Thread.sleep(2_100); // past the throttle's growing delay
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return id.sessions().login(LoginRequest.newBuilder().setProject("projects/acme").setEmail(EMAIL).setPassword(PASSWORD).build())
        .getSessionToken();
  }

  /** Validations, a session list, password and address changes, with a failure of each kind. */
  private void changeAccount(IdentityTestServer id, Account account, String login) {
    id.sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(login).build());
    org.custody.platform.testkit.TestSessions.withSession(id.sessions(), login)
        .listSessions(ListSessionsRequest.newBuilder().setParent(account.getName()).build());
    expectFailure(() -> id.sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(login + "x").build()));
    expectFailure(() -> id.frontendAuth().changePassword(ChangePasswordRequest.newBuilder().setAccount(account.getName())
        .setCurrentPassword(WRONG_PASSWORD).setNewPassword(NEW_PASSWORD).setSessionToken(login).build()));
    id.frontendAuth().changePassword(ChangePasswordRequest.newBuilder().setAccount(account.getName())
        .setCurrentPassword(PASSWORD).setNewPassword(NEW_PASSWORD).setSessionToken(login).build());
    id.frontendAuth().changeEmail(ChangeEmailRequest.newBuilder().setSessionToken(login).setNewEmail(NEW_EMAIL).build());
  }

  /** A contact recorded (and refused), contacts listed, the subject exported and erased, a stranger refused. */
  private void contactsAndSubjectRights(IdentityTestServer id, Account account, String login) {
    id.identity(TestCallers.HELPDESK, Purpose.SERVICE_PROVISION).recordContact(RecordContactRequest.newBuilder()
        .setParent("projects/acme").setEmail(CONTACT).setSource(ContactSource.CONTACT_SOURCE_EMAIL).build());
    expectFailure(() -> id.identity(TestCallers.HELPDESK, Purpose.SERVICE_PROVISION).recordContact(RecordContactRequest.newBuilder()
        .setParent("projects/nowhere").setEmail(CONTACT).setSource(ContactSource.CONTACT_SOURCE_EMAIL).build()));
    id.operator().listContacts(ListContactsRequest.newBuilder().setParent("projects/acme").build());

    id.subjects(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setEmail(CONTACT)).build());
    id.sessions().revokeSession(RevokeSessionRequest.newBuilder().setSessionToken(login).build());
    id.subjects(Purpose.SUBJECT_REQUEST).eraseSubjectData(EraseSubjectDataRequest.newBuilder()
        .setSubject(SubjectRef.newBuilder().setProject("projects/acme").setAccount(account.getName()))
        .setRequestId(UUID.randomUUID().toString()).build());
    expectFailure(() -> id.identity(TestCallers.STRANGER, Purpose.CONTACT).getAccount(
        org.custody.proto.identity.v1.GetAccountRequest.newBuilder().setName(account.getName()).build()));
  }
}

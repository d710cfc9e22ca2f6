package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.proto.identity.v1.Account;
import org.custody.proto.identity.v1.ChangeEmailRequest;
import org.custody.proto.identity.v1.ChangePasswordRequest;
import org.custody.proto.identity.v1.CompleteRecoveryRequest;
import org.custody.proto.identity.v1.CompleteRecoveryResponse;
import org.custody.proto.identity.v1.CreateAccountRequest;
import org.custody.proto.identity.v1.GetAccountRequest;
import org.custody.proto.identity.v1.LoginRequest;
import org.custody.proto.identity.v1.StartRecoveryRequest;
import org.custody.proto.identity.v1.StartRecoveryResponse;
import org.custody.proto.identity.v1.ValidateSessionRequest;
import org.custody.proto.identity.v1.VerifyEmailRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recovery, verified addresses and registration without enumeration (P15) over real gRPC against
 * MariaDB, with the mail read back from a real SMTP server (GreenMail) and lifetimes checked on a
 * clock the test moves.
 */
@ExtendWith(FreshDatabase.class)
class AccountRecoveryIT {
  private static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private static final String NEW_PASSWORD = "a brand new passphrase 42";
  private static IdentityTestServer id;

  @BeforeAll
  static void start(DatabaseSettings settings) {
    id = IdentityTestServer.start(settings, clock);
    id.project("acme");
  }

  @AfterAll
  static void stop() {
    id.close();
  }

  private static StartRecoveryResponse startRecovery(String email) {
    return id.frontendAuth().startRecovery(StartRecoveryRequest.newBuilder().setProject("projects/acme").setEmail(email).build());
  }

  private static CompleteRecoveryResponse completeRecovery(String token, String password) {
    return id.frontendAuth().completeRecovery(CompleteRecoveryRequest.newBuilder().setToken(token).setNewPassword(password).build());
  }

  private static LoginRequest login(String email, String password, String clientKey) {
    return LoginRequest.newBuilder().setProject("projects/acme").setEmail(email).setPassword(password).setClientKey(clientKey).build();
  }

  @Test
  void P15_recovery_mailsASingleUseLinkThatSetsThePasswordEndsSessionsAndClearsTheLock() throws Exception {
    Account account = id.account("acme", "Rita Recover", "rita@example.com");
    String session = id.login("acme", "rita@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    for (int i = 0; i < 10; i++) { // lock the shared (empty) client key
      clock.advance(Duration.ofSeconds(70));
      // A distinct guess each time, without long digit runs: a Luhn-valid one (as System.nanoTime()
      // sometimes was) is refused by the card-number screen before it counts as a failed login.
      String guess = "wrong guess " + i + " " + java.util.UUID.randomUUID();
      assertThat(ErrorDetails.ofFailure(() -> id.sessions().login(login("rita@example.com", guess, ""))).reason())
          .isIn("LOGIN_FAILED", "LOGIN_THROTTLED");
    }
    assertThat(ErrorDetails.ofFailure(() -> id.sessions().login(login("rita@example.com", IdentityTestServer.PASSWORD, ""))).reason())
        .isEqualTo("LOGIN_LOCKED");

    assertThat(startRecovery("Rita@Example.com")).isEqualTo(StartRecoveryResponse.getDefaultInstance());
    MimeMessage mail = id.awaitMail("rita@example.com", 2); // 1: verification at registration
    assertThat(mail.getSubject()).isEqualTo("Reset your password");
    String token = IdentityTestServer.token(mail);

    ErrorDetails weak = ErrorDetails.ofFailure(() -> completeRecovery(token, "password"));
    assertThat(weak.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(weak.violatedFields()).containsExactly("new_password");

    CompleteRecoveryResponse done = completeRecovery(token, NEW_PASSWORD); // a refused password did not use the token up
    assertThat(done.getAccount()).isEqualTo(account.getName());
    assertThat(done.getRevokedSessionCount()).isEqualTo(1);
    assertThat(ErrorDetails.ofFailure(() -> id.sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(session).build()))
        .reason()).isEqualTo("SESSION_REVOKED");
    assertThat(ErrorDetails.ofFailure(() -> completeRecovery(token, NEW_PASSWORD + "!")).reason()).as("single use").isEqualTo("TOKEN_INVALID");
    assertThat(id.sessions().login(login("rita@example.com", NEW_PASSWORD, "")).getSessionToken()).as("the lock was cleared").hasSize(43);
    assertThat(id.awaitMail("rita@example.com", 3).getSubject()).isEqualTo("Your password was reset");
    assertThat(id.operator().getAccount(GetAccountRequest.newBuilder().setName(account.getName()).build()).getAccount().getEmailVerified())
        .as("the recovery mail proved the address").isTrue();
  }

  @Test
  void P15_startRecovery_answersAlikeForKnownAndUnknownAddresses_andMailsOnlyTheKnownOne() throws Exception {
    id.account("acme", "Kim Known", "kim@example.com");
    long known = timed(() -> startRecovery("kim@example.com"));
    long unknown = timed(() -> startRecovery("nobody-here@example.com"));
    // Both wait for the answer floor (250 ms): the database work of the known address hides under it.
    assertThat(known).isGreaterThanOrEqualTo(250);
    assertThat(unknown).isGreaterThanOrEqualTo(250);
    assertThat(id.awaitMail("kim@example.com", 2).getSubject()).isEqualTo("Reset your password");
    assertThat(id.mailsTo("nobody-here@example.com")).isEmpty();
    // throttled per address whether or not it has an account, with the same answer
    for (String email : new String[] {"kim@example.com", "nobody-here@example.com"}) {
      for (int i = 0; i < 4; i++) {
        startRecovery(email);
      }
      ErrorDetails refused = ErrorDetails.ofFailure(() -> startRecovery(email));
      assertThat(refused.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(refused.reason()).isEqualTo("RECOVERY_THROTTLED");
    }
  }

  private static long timed(Runnable call) {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void P15_recoveryTokens_expireAfter15Minutes_areReplacedByNewerOnes_andEndedByAPasswordChange() throws Exception {
    Account account = id.account("acme", "Tom Token", "tom@example.com");
    startRecovery("tom@example.com");
    String first = IdentityTestServer.token(id.awaitMail("tom@example.com", 2));
    startRecovery("tom@example.com");
    String second = IdentityTestServer.token(id.awaitMail("tom@example.com", 3));
    assertThat(ErrorDetails.ofFailure(() -> completeRecovery(first, NEW_PASSWORD)).reason()).as("replaced").isEqualTo("TOKEN_INVALID");
    clock.advance(Duration.ofMinutes(15));
    assertThat(ErrorDetails.ofFailure(() -> completeRecovery(second, NEW_PASSWORD)).reason()).isEqualTo("TOKEN_EXPIRED");

    startRecovery("tom@example.com");
    String third = IdentityTestServer.token(id.awaitMail("tom@example.com", 4));
    id.frontendAuth().changePassword(ChangePasswordRequest.newBuilder().setAccount(account.getName())
        .setCurrentPassword(IdentityTestServer.PASSWORD).setNewPassword(NEW_PASSWORD).build());
    assertThat(ErrorDetails.ofFailure(() -> completeRecovery(third, "yet another fine passphrase")).reason())
        .as("a password change ends recovery links").isEqualTo("TOKEN_INVALID");
  }

  @Test
  void P15_newAccountsAndChangedAddresses_startUnverified_untilTheMailedTokenIsUsed() throws Exception {
    Account account = id.account("acme", "Vera Verify", "vera@example.com");
    assertThat(account.getEmailVerified()).isFalse();
    assertThat(account.hasEmailVerifyTime()).isFalse();
    MimeMessage mail = id.awaitMail("vera@example.com", 1);
    assertThat(mail.getSubject()).isEqualTo("Confirm your e-mail address");
    Account verified = id.frontendAuth().verifyEmail(VerifyEmailRequest.newBuilder().setToken(IdentityTestServer.token(mail)).build()).getAccount();
    assertThat(verified.getEmailVerified()).isTrue();
    assertThat(verified.getEmailVerifyTime().getSeconds()).isEqualTo(clock.instant().getEpochSecond());

    String session = id.login("acme", "vera@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    Account moved = id.frontendAuth().changeEmail(ChangeEmailRequest.newBuilder().setSessionToken(session).setNewEmail("vera@new.example").build())
        .getAccount();
    assertThat(moved.getEmailVerified()).isFalse();
    String token = IdentityTestServer.token(id.awaitMail("vera@new.example", 1));
    assertThat(id.frontendAuth().verifyEmail(VerifyEmailRequest.newBuilder().setToken(token).build()).getAccount().getEmailVerified()).isTrue();
    assertThat(ErrorDetails.ofFailure(() -> id.frontendAuth().verifyEmail(VerifyEmailRequest.newBuilder().setToken(token).build())).reason())
        .isEqualTo("TOKEN_INVALID");
  }

  @Test
  void P15_registeringATakenAddress_answersLikeANewRegistration_andMailsTheHolder() throws Exception {
    Account first = id.account("acme", "Hal Holder", "hal@example.com");
    Account second = id.frontend().createAccount(CreateAccountRequest.newBuilder().setParent("projects/acme").setFullName("Mallory")
        .setCompany("Evil Inc").setEmail("HAL@example.com").setPassword("another strong passphrase").build()).getAccount();
    assertThat(second.getName()).startsWith("projects/acme/accounts/").isNotEqualTo(first.getName());
    assertThat(second.getEmail()).isEqualTo("hal@example.com");
    assertThat(second.getFullName()).isEqualTo("Mallory");
    assertThat(second.getEmailVerified()).isFalse();
    assertThat(second.getState()).isEqualTo(first.getState());
    assertThat(second.toBuilder().clearName().clearFullName().clearCompany().clearCreateTime().clearUpdateTime().build().getAllFields().keySet())
        .isEqualTo(first.toBuilder().clearName().clearFullName().clearCompany().clearCreateTime().clearUpdateTime().build().getAllFields().keySet());
    MimeMessage notice = id.awaitMail("hal@example.com", 2);
    assertThat(notice.getSubject()).isEqualTo("Someone tried to register with your address");
    assertThat((String) notice.getContent()).doesNotContain("Mallory").doesNotContain("Evil");
    // nothing was stored: the holder's password still works, the answered account does not exist
    assertThat(id.login("acme", "hal@example.com", IdentityTestServer.PASSWORD).getSessionToken()).hasSize(43);
    assertThat(ErrorDetails.ofFailure(() -> id.operator().getAccount(GetAccountRequest.newBuilder().setName(second.getName()).build())).code())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void P15_anAttackerFromOneClientKey_cannotLockTheOwnerOut_andSeesTheSameAnswersForAnUnknownAddress() {
    id.account("acme", "Olga Owner", "olga@example.com");
    java.util.List<String> known = hammer("olga@example.com");
    java.util.List<String> unknown = hammer("ghost@example.com");
    assertThat(known).isEqualTo(unknown).contains("LOGIN_FAILED", "LOGIN_LOCKED");
    assertThat(known.get(known.size() - 1)).isEqualTo("LOGIN_LOCKED");
    assertThat(id.sessions().login(login("olga@example.com", IdentityTestServer.PASSWORD, "owner-laptop")).getSessionToken())
        .as("the owner, from another client key, still gets in").hasSize(43);
  }

  /** Ten wrong passwords from one client key (the clock moved past each delay), then the right one: the reasons seen. */
  private static java.util.List<String> hammer(String email) {
    java.util.List<String> reasons = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(70));
      reasons.add(ErrorDetails.ofFailure(() -> id.sessions().login(login(email, "guess number " + reasons.size(), "attacker"))).reason());
    }
    reasons.add(ErrorDetails.ofFailure(() -> id.sessions().login(login(email, IdentityTestServer.PASSWORD, "attacker"))).reason());
    return reasons;
  }
}

package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.function.Consumer;
import org.custody.identity.app.IdentityConfig;
import org.custody.identity.credential.Argon2Parameters;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.db.JdbcUrls;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;
import org.custody.proto.identity.v1.Account;
import org.custody.proto.identity.v1.ChangeEmailRequest;
import org.custody.proto.identity.v1.ListSessionsRequest;
import org.custody.proto.identity.v1.LoginResponse;
import org.custody.proto.identity.v1.RevokeAllSessionsRequest;
import org.custody.proto.identity.v1.RevokeSessionRequest;
import org.custody.proto.identity.v1.ValidateSessionRequest;
import org.custody.proto.identity.v1.ValidateSessionResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Logins and sessions (P12, P15) over real gRPC against MariaDB, on a clock the test moves. */
@ExtendWith(FreshDatabase.class)
class SessionsApiIT {
  private static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private static DatabaseSettings database;
  private static IdentityTestServer id;

  @BeforeAll
  static void start(DatabaseSettings settings) {
    database = settings;
    id = IdentityTestServer.start(settings, clock);
    id.project("acme");
  }

  @AfterAll
  static void stop() {
    id.close();
  }

  private static ValidateSessionResponse validate(String token) {
    return id.sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(token).build());
  }

  private static Consumer<Throwable> status(Status.Code code, String reason) {
    return t -> {
      ErrorDetails details = ErrorDetails.of((StatusRuntimeException) t);
      assertThat(details.code()).isEqualTo(code);
      assertThat(details.reason()).isEqualTo(reason);
    };
  }

  private static ErrorDetails failure(Runnable call) {
    return ErrorDetails.ofFailure(call);
  }

  @Test
  void P12_loginReturnsA32ByteTokenAndASessionOnlyCookie() {
    Account account = id.account("acme", "Jane Doe", "cookie@example.com");
    LoginResponse login = id.login("acme", "Cookie@Example.com ", IdentityTestServer.PASSWORD);
    assertThat(Base64.getUrlDecoder().decode(login.getSessionToken())).hasSize(32);
    assertThat(login.getCookie().getValue()).isEqualTo(login.getSessionToken());
    assertThat(login.getCookie().getHttpOnly()).isTrue();
    assertThat(login.getCookie().getSecure()).isTrue();
    assertThat(login.getCookie().getSameSite()).isEqualTo("Lax");
    assertThat(login.getCookie().getPath()).isEqualTo("/");
    assertThat(login.getCookie().getSetCookieHeader()).doesNotContainIgnoringCase("expires").doesNotContainIgnoringCase("max-age");
    assertThat(org.custody.proto.identity.v1.SessionCookie.getDescriptor().getFields())
        .noneMatch(f -> f.getName().contains("expir") || f.getName().contains("max_age"));
    assertThat(login.getPrincipal().getAccount()).isEqualTo(account.getName());
    assertThat(login.getPrincipal().getExpireTime().getSeconds()).isEqualTo(clock.instant().plus(Duration.ofHours(12)).getEpochSecond());
    assertThat(id.login("acme", "cookie@example.com", IdentityTestServer.PASSWORD).getSessionToken()).isNotEqualTo(login.getSessionToken());
  }

  @Test
  void P12_onlyTheTokensSha256IsStored() throws Exception {
    id.account("acme", "Jane Doe", "stored@example.com");
    String token = id.login("acme", "stored@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(Base64.getUrlDecoder().decode(token));
    try (Connection c = DriverManager.getConnection(JdbcUrls.withDefaults(database.jdbcUrl()), database.user(), database.password());
        ResultSet rs = c.createStatement().executeQuery("SELECT * FROM sessions")) {
      boolean found = false;
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          assertThat(String.valueOf(rs.getString(i))).doesNotContain(token);
        }
        found |= java.util.Arrays.equals(rs.getBytes("token_hash"), expected);
      }
      assertThat(found).isTrue();
    }
  }

  @Test
  void P12_validateSessionReturnsThePrincipalUntilTheIdleTimeout() {
    Account account = id.account("acme", "Jane Doe", "idle@example.com");
    LoginResponse login = id.login("acme", "idle@example.com", IdentityTestServer.PASSWORD);
    var principal = validate(login.getSessionToken()).getPrincipal();
    assertThat(principal.getAccount()).isEqualTo(account.getName());
    assertThat(principal.getProject()).isEqualTo("projects/acme");
    assertThat(principal.getSession()).isEqualTo(login.getSession().getName());
    assertThat(principal.getAuthenticateTime()).isEqualTo(login.getSession().getCreateTime());
    clock.advance(Duration.ofMinutes(31));
    assertThatThrownBy(() -> validate(login.getSessionToken())).satisfies(status(Status.Code.UNAUTHENTICATED, "SESSION_EXPIRED"));
  }

  @Test
  void P12_noActivityExtendsASessionPastItsAbsoluteLifetime() {
    id.account("acme", "Jane Doe", "absolute@example.com");
    String token = id.login("acme", "absolute@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    for (int i = 0; i < 12 * 3 - 1; i++) {
      clock.advance(Duration.ofMinutes(20));
      validate(token);
    }
    clock.advance(Duration.ofMinutes(20));
    assertThatThrownBy(() -> validate(token)).satisfies(status(Status.Code.UNAUTHENTICATED, "SESSION_EXPIRED"));
  }

  @Test
  void validateSession_unknownToken_isSessionUnknown() {
    assertThatThrownBy(() -> validate("A".repeat(43))).satisfies(status(Status.Code.UNAUTHENTICATED, "SESSION_UNKNOWN"));
    assertThatThrownBy(() -> validate("garbage")).satisfies(status(Status.Code.UNAUTHENTICATED, "SESSION_UNKNOWN"));
  }

  @Test
  void revokeSession_byNameOrToken_takesEffectImmediately() {
    Account account = id.account("acme", "Jane Doe", "revoke@example.com");
    LoginResponse one = id.login("acme", "revoke@example.com", IdentityTestServer.PASSWORD);
    LoginResponse two = id.login("acme", "revoke@example.com", IdentityTestServer.PASSWORD);
    // The person, signed in on a third session, ends the first by name and the second by its token.
    LoginResponse three = id.login("acme", "revoke@example.com", IdentityTestServer.PASSWORD);
    var signedIn = TestSessions.withSession(id.sessions(), three.getSessionToken());
    validate(one.getSessionToken());
    validate(two.getSessionToken());
    signedIn.revokeSession(RevokeSessionRequest.newBuilder().setName(one.getSession().getName()).build());
    id.sessions().revokeSession(RevokeSessionRequest.newBuilder().setSessionToken(two.getSessionToken()).build());
    assertThatThrownBy(() -> validate(one.getSessionToken())).satisfies(status(Status.Code.UNAUTHENTICATED, "SESSION_REVOKED"));
    assertThatThrownBy(() -> validate(two.getSessionToken())).satisfies(status(Status.Code.UNAUTHENTICATED, "SESSION_REVOKED"));
    assertThat(signedIn.listSessions(ListSessionsRequest.newBuilder().setParent(account.getName()).build()).getSessionsList())
        .extracting(s -> s.getName()).containsExactly(three.getSession().getName());
    assertThatThrownBy(() -> signedIn.revokeSession(RevokeSessionRequest.newBuilder()
        .setName(account.getName() + "/sessions/nosuchsession").build())).satisfies(status(Status.Code.NOT_FOUND, "SESSION_NOT_FOUND"));
  }

  @Test
  void P6_frontendSessionMethods_actOnlyForTheSignedInPerson() {
    Account ann = id.account("acme", "Ann Doe", "bound-ann@example.com");
    Account bob = id.account("acme", "Bob Doe", "bound-bob@example.com");
    LoginResponse annLogin = id.login("acme", "bound-ann@example.com", IdentityTestServer.PASSWORD);
    LoginResponse bobLogin = id.login("acme", "bound-bob@example.com", IdentityTestServer.PASSWORD);
    var asBob = TestSessions.withSession(id.sessions(), bobLogin.getSessionToken());

    assertThatThrownBy(() -> id.sessions().listSessions(ListSessionsRequest.newBuilder().setParent(ann.getName()).build()))
        .satisfies(status(Status.Code.PERMISSION_DENIED, "SESSION_REQUIRED"));
    assertThatThrownBy(() -> asBob.listSessions(ListSessionsRequest.newBuilder().setParent(ann.getName()).build()))
        .satisfies(status(Status.Code.PERMISSION_DENIED, "SUBJECT_MISMATCH"));
    assertThatThrownBy(() -> asBob.revokeSession(RevokeSessionRequest.newBuilder().setName(annLogin.getSession().getName()).build()))
        .satisfies(status(Status.Code.PERMISSION_DENIED, "SUBJECT_MISMATCH"));
    assertThatThrownBy(() -> asBob.revokeAllSessions(RevokeAllSessionsRequest.newBuilder().setAccount(ann.getName()).build()))
        .satisfies(status(Status.Code.PERMISSION_DENIED, "SUBJECT_MISMATCH"));
    validate(annLogin.getSessionToken());
    // Bob's own sessions, with his session: allowed.
    assertThat(asBob.listSessions(ListSessionsRequest.newBuilder().setParent(bob.getName()).build()).getSessionsCount()).isEqualTo(1);
    assertThat(asBob.revokeAllSessions(RevokeAllSessionsRequest.newBuilder().setAccount(bob.getName()).build()).getRevokedSessionCount())
        .isEqualTo(1);
  }

  @Test
  void revokeAllSessions_endsEveryOne() {
    Account account = id.account("acme", "Jane Doe", "all@example.com");
    String one = id.login("acme", "all@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    String two = id.login("acme", "all@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    validate(one);
    var operator = id.sessions(TestCallers.OPERATOR, Purpose.SECURITY_FRAUD);
    assertThat(operator.revokeAllSessions(RevokeAllSessionsRequest.newBuilder().setAccount(account.getName()).build())
        .getRevokedSessionCount()).isEqualTo(2);
    assertThatThrownBy(() -> validate(one)).satisfies(status(Status.Code.UNAUTHENTICATED, "SESSION_REVOKED"));
    assertThatThrownBy(() -> validate(two)).satisfies(status(Status.Code.UNAUTHENTICATED, "SESSION_REVOKED"));
  }

  @Test
  void listSessions_showsLiveSessionsNewestFirstWithoutTokens() {
    Account account = id.account("acme", "Jane Doe", "list@example.com");
    LoginResponse older = id.login("acme", "list@example.com", IdentityTestServer.PASSWORD);
    LoginResponse newer = id.login("acme", "list@example.com", IdentityTestServer.PASSWORD);
    var signedIn = TestSessions.withSession(id.sessions(), newer.getSessionToken());
    var listed = signedIn.listSessions(ListSessionsRequest.newBuilder().setParent(account.getName()).build());
    assertThat(listed.getSessionsList()).extracting(s -> s.getName())
        .containsExactly(newer.getSession().getName(), older.getSession().getName());
    assertThat(listed.toString()).doesNotContain(older.getSessionToken()).doesNotContain(newer.getSessionToken());
    var paged = signedIn.listSessions(ListSessionsRequest.newBuilder().setParent(account.getName()).setPageSize(1).build());
    assertThat(signedIn.listSessions(ListSessionsRequest.newBuilder().setParent(account.getName()).setPageSize(1)
        .setPageToken(paged.getNextPageToken()).build()).getSessionsList()).extracting(s -> s.getName())
        .containsExactly(older.getSession().getName());
  }

  @Test
  void P15_changeEmailNeedsALoginWithinTenMinutes() {
    id.account("acme", "Jane Doe", "old@example.com");
    String stale = id.login("acme", "old@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    clock.advance(Duration.ofMinutes(6));
    validate(stale);
    clock.advance(Duration.ofMinutes(6));
    assertThatThrownBy(() -> id.frontendAuth().changeEmail(ChangeEmailRequest.newBuilder().setSessionToken(stale).setNewEmail("new@example.com").build()))
        .satisfies(status(Status.Code.FAILED_PRECONDITION, "REAUTHENTICATION_REQUIRED"));
    String fresh = id.login("acme", "old@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    Account changed = id.frontendAuth().changeEmail(ChangeEmailRequest.newBuilder().setSessionToken(fresh).setNewEmail(" New@Example.com").build())
        .getAccount();
    assertThat(changed.getEmail()).isEqualTo("new@example.com");
    assertThat(id.login("acme", "new@example.com", IdentityTestServer.PASSWORD).getSessionToken()).isNotEmpty();
    id.account("acme", "John Roe", "taken@example.com");
    assertThatThrownBy(() -> id.frontendAuth().changeEmail(ChangeEmailRequest.newBuilder().setSessionToken(fresh).setNewEmail("taken@example.com").build()))
        .satisfies(status(Status.Code.ALREADY_EXISTS, "ACCOUNT_ALREADY_EXISTS"));
  }

  @Test
  void P15_unknownEmailAndWrongPasswordGetTheSameAnswerInTheSameTime() {
    id.account("acme", "Jane Doe", "known@example.com");
    long wrongNanos = Long.MAX_VALUE;
    long unknownNanos = Long.MAX_VALUE;
    ErrorDetails wrong = null;
    ErrorDetails unknown = null;
    // The fastest of five tries each: on a shared machine one try can stall for hundreds of ms.
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      wrong = failure(() -> id.login("acme", "known@example.com", "not the password at all"));
      wrongNanos = Math.min(wrongNanos, System.nanoTime() - start);
      start = System.nanoTime();
      unknown = failure(() -> id.login("acme", "unknown@example.com", "not the password at all"));
      unknownNanos = Math.min(unknownNanos, System.nanoTime() - start);
      clock.advance(Duration.ofSeconds(65)); // past the throttle's growing wait, far from the lock
    }
    assertThat(unknown.code()).isEqualTo(wrong.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(unknown.reason()).isEqualTo(wrong.reason()).isEqualTo("LOGIN_FAILED");
    assertThat(unknown.message()).isEqualTo(wrong.message());
    // both paths verify an Argon2id hash of the configured cost: neither is a quick database miss
    assertThat((double) unknownNanos).isBetween(wrongNanos * 0.5, wrongNanos * 2.0);
  }

  @Test
  void P15_repeatedFailuresAreThrottledThenLockedAlikeForKnownAndUnknownAddresses() {
    id.account("acme", "Jane Doe", "target@example.com");
    for (String email : new String[] {"target@example.com", "ghost@example.com"}) {
      for (int i = 0; i < 10; i++) {
        assertThat(failure(() -> id.login("acme", email, "wrong password " )).reason()).isEqualTo("LOGIN_FAILED");
        clock.advance(Duration.ofSeconds(65));
      }
      ErrorDetails locked = failure(() -> id.login("acme", email, IdentityTestServer.PASSWORD));
      assertThat(locked.code()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(locked.reason()).isEqualTo("LOGIN_LOCKED");
      assertThat(locked.retryInfo()).hasValueSatisfying(r -> assertThat(r.getRetryDelay().getSeconds()).isBetween(800L, 900L));
      assertThat(locked.message()).doesNotContain(email);
    }
    clock.advance(Duration.ofMinutes(16));
    assertThat(id.login("acme", "target@example.com", IdentityTestServer.PASSWORD).getSessionToken()).isNotEmpty();
    assertThat(id.metrics()).contains("custody_identity_logins_total{application=\"custody-identity\",outcome=\"locked\"}");
  }

  @Test
  void P15_throttleWaitsGrowBetweenFailures() {
    id.account("acme", "Jane Doe", "slow@example.com");
    for (int i = 0; i < 3; i++) {
      failure(() -> id.login("acme", "slow@example.com", "wrong password"));
    }
    ErrorDetails throttled = failure(() -> id.login("acme", "slow@example.com", IdentityTestServer.PASSWORD));
    assertThat(throttled.reason()).isEqualTo("LOGIN_THROTTLED");
    assertThat(throttled.retryInfo()).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(id.login("acme", "slow@example.com", IdentityTestServer.PASSWORD).getSessionToken()).isNotEmpty();
  }

  @Test
  void P15_loginRehashesWhenTheConfiguredCostIsStronger() throws Exception {
    id.account("acme", "Jane Doe", "rehash@example.com");
    assertThat(phcOf("rehash@example.com")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    try (IdentityTestServer second = IdentityTestServer.start(database, clock, c -> c.withArgon2(new Argon2Parameters(19_456, 3, 1)))) {
      LoginResponse login = second.login("acme", "rehash@example.com", IdentityTestServer.PASSWORD);
      assertThat(login.getCookie().getSetCookieHeader()).doesNotContainIgnoringCase("expires").doesNotContainIgnoringCase("max-age");
    }
    assertThat(phcOf("rehash@example.com")).startsWith("$argon2id$v=19$m=19456,t=3,p=1$");
    assertThat(id.login("acme", "rehash@example.com", IdentityTestServer.PASSWORD).getSessionToken()).isNotEmpty();
  }

  @Test
  void metrics_countLoginsAndSessions() {
    id.account("acme", "Jane Doe", "metrics@example.com");
    String token = id.login("acme", "metrics@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    id.sessions().revokeSession(RevokeSessionRequest.newBuilder().setSessionToken(token).build());
    String scraped = id.metrics();
    assertThat(scraped).contains("custody_identity_logins_total{application=\"custody-identity\",outcome=\"success\"}")
        .contains("custody_identity_sessions_ended_total{application=\"custody-identity\",reason=\"logout\"}")
        .contains("custody_identity_sessions_active{application=\"custody-identity\"}")
        .contains("# HELP custody_identity_sessions_active");
  }

  @Test
  void P6_disclosureMayValidateSessionsButTheHelpdeskMayNot() {
    id.account("acme", "Jane Doe", "disclosure@example.com");
    String token = id.login("acme", "disclosure@example.com", IdentityTestServer.PASSWORD).getSessionToken();
    assertThat(id.sessions(TestCallers.DISCLOSURE, Purpose.AUTHENTICATION)
        .validateSession(ValidateSessionRequest.newBuilder().setSessionToken(token).build()).getPrincipal().hasAuthenticateTime()).isTrue();
    assertThatThrownBy(() -> id.sessions(TestCallers.HELPDESK, Purpose.AUTHENTICATION)
        .validateSession(ValidateSessionRequest.newBuilder().setSessionToken(token).build()))
        .satisfies(t -> assertThat(((StatusRuntimeException) t).getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  private static String phcOf(String email) throws Exception {
    try (Connection c = DriverManager.getConnection(JdbcUrls.withDefaults(database.jdbcUrl()), database.user(), database.password());
        var statement = c.prepareStatement("SELECT c.phc FROM credentials c JOIN accounts a ON a.project_id = c.project_id AND a.id = c.account_id WHERE a.email = ?")) {
      statement.setString(1, email);
      try (ResultSet rs = statement.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getString(1);
      }
    }
  }
}

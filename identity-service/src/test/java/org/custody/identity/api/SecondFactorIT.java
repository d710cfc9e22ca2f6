package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.util.encoders.Base32;
import org.custody.identity.factor.Totp;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.identity.v1.AuthenticatorAssuranceLevel;
import org.custody.proto.identity.v1.CompleteLoginRequest;
import org.custody.proto.identity.v1.CompleteLoginResponse;
import org.custody.proto.identity.v1.ConfirmTotpEnrollmentRequest;
import org.custody.proto.identity.v1.DisableTotpRequest;
import org.custody.proto.identity.v1.GetSecondFactorsRequest;
import org.custody.proto.identity.v1.LoginResponse;
import org.custody.proto.identity.v1.SecondFactorMethod;
import org.custody.proto.identity.v1.SecondFactorServiceGrpc;
import org.custody.proto.identity.v1.StartTotpEnrollmentRequest;
import org.custody.proto.identity.v1.StartTotpEnrollmentResponse;
import org.custody.proto.identity.v1.ValidateSessionRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TOTP with recovery codes and AAL on sessions (P15), over real gRPC against MariaDB, time steps moved by hand. */
@ExtendWith(FreshDatabase.class)
class SecondFactorIT {
  private static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
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

  private static SecondFactorServiceGrpc.SecondFactorServiceBlockingStub factors() {
    return id.harness.stub(SecondFactorServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.AUTHENTICATION);
  }

  private static String code(byte[] secret, int stepsFromNow) {
    return Totp.code(secret, Totp.step(clock.instant()) + stepsFromNow);
  }

  /** Enrols TOTP for a new account; returns [the secret, the first recovery code]. */
  private static Object[] enrolled(String email) {
    id.account("acme", "Toni Totp", email);
    String session = id.login("acme", email, IdentityTestServer.PASSWORD).getSessionToken();
    StartTotpEnrollmentResponse started = factors().startTotpEnrollment(StartTotpEnrollmentRequest.newBuilder().setSessionToken(session).build());
    assertThat(started.getOtpauthUri()).startsWith("otpauth://totp/").contains("secret=" + started.getSecret()).contains("digits=6")
        .contains("period=30");
    byte[] secret = Base32.decode(started.getSecret());
    List<String> codes = factors().confirmTotpEnrollment(ConfirmTotpEnrollmentRequest.newBuilder().setSessionToken(session)
        .setCode(code(secret, 0)).build()).getRecoveryCodesList();
    assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){3}"));
    return new Object[] {secret, codes.get(0)};
  }

  private static CompleteLoginResponse complete(String challenge, CompleteLoginRequest.Builder answer) {
    return id.sessions().completeLogin(answer.setChallenge(challenge).setClientKey("laptop").build());
  }

  @Test
  void P15_loginWithTotp_answersAChallenge_andTheRightCodeOpensAnAal2Session_once() {
    Object[] enrolled = enrolled("toni@example.com");
    byte[] secret = (byte[]) enrolled[0];
    clock.advance(Duration.ofSeconds(60)); // the enrolment used the step two back; one back is still unused

    LoginResponse first = id.login("acme", "toni@example.com", IdentityTestServer.PASSWORD);
    assertThat(first.getSessionToken()).as("no session before the second factor").isEmpty();
    assertThat(first.hasSession()).isFalse();
    assertThat(first.getSecondFactor().getMethodsList())
        .containsExactly(SecondFactorMethod.SECOND_FACTOR_METHOD_TOTP, SecondFactorMethod.SECOND_FACTOR_METHOD_RECOVERY_CODE);
    String challenge = first.getSecondFactor().getChallenge();

    ErrorDetails wrong = ErrorDetails.ofFailure(() -> complete(challenge, CompleteLoginRequest.newBuilder().setTotpCode(
        code(secret, 0).equals("000000") ? "111111" : "000000")));
    assertThat(wrong.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(wrong.reason()).isEqualTo("SECOND_FACTOR_FAILED");

    String current = code(secret, -1); // one step of drift is accepted
    CompleteLoginResponse opened = complete(challenge, CompleteLoginRequest.newBuilder().setTotpCode(current));
    assertThat(opened.getPrincipal().getAal()).isEqualTo(AuthenticatorAssuranceLevel.AUTHENTICATOR_ASSURANCE_LEVEL_AAL2);
    assertThat(id.sessions().validateSession(ValidateSessionRequest.newBuilder().setSessionToken(opened.getSessionToken()).build())
        .getPrincipal().getAal()).isEqualTo(AuthenticatorAssuranceLevel.AUTHENTICATOR_ASSURANCE_LEVEL_AAL2);
    assertThat(ErrorDetails.ofFailure(() -> complete(challenge, CompleteLoginRequest.newBuilder().setTotpCode(code(secret, 0)))).reason())
        .as("a challenge works once").isEqualTo("LOGIN_CHALLENGE_INVALID");

    String again = id.login("acme", "toni@example.com", IdentityTestServer.PASSWORD).getSecondFactor().getChallenge();
    assertThat(ErrorDetails.ofFailure(() -> complete(again, CompleteLoginRequest.newBuilder().setTotpCode(current))).reason())
        .as("a code is accepted once").isEqualTo("SECOND_FACTOR_FAILED");
    assertThat(ErrorDetails.ofFailure(() -> complete(again, CompleteLoginRequest.newBuilder().setTotpCode(code(secret, -2)))).reason())
        .as("two steps old is too old").isEqualTo("SECOND_FACTOR_FAILED");
    assertThat(complete(again, CompleteLoginRequest.newBuilder().setTotpCode(code(secret, 1))).getSessionToken()).hasSize(43);

    String aal1 = id.login("acme", "toni@example.com", IdentityTestServer.PASSWORD).getSecondFactor().getChallenge();
    clock.advance(Duration.ofMinutes(5));
    assertThat(ErrorDetails.ofFailure(() -> complete(aal1, CompleteLoginRequest.newBuilder().setTotpCode(code(secret, 0)))).reason())
        .as("challenges last 5 minutes").isEqualTo("LOGIN_CHALLENGE_INVALID");
  }

  @Test
  void P15_recoveryCodes_workOnceEach_andTotpNeedsAal2ToRemove() {
    Object[] enrolled = enrolled("rosa@example.com");
    String recovery = (String) enrolled[1];
    String plainSession = id.login("acme", "rosa@example.com", IdentityTestServer.PASSWORD).getSecondFactor().getChallenge();
    CompleteLoginResponse opened = complete(plainSession, CompleteLoginRequest.newBuilder().setRecoveryCode(recovery.toLowerCase().replace("-", " ")));
    assertThat(opened.getPrincipal().getAal()).isEqualTo(AuthenticatorAssuranceLevel.AUTHENTICATOR_ASSURANCE_LEVEL_AAL2);
    assertThat(factors().getSecondFactors(GetSecondFactorsRequest.newBuilder().setSessionToken(opened.getSessionToken()).build())
        .getRecoveryCodesRemaining()).isEqualTo(9);
    String next = id.login("acme", "rosa@example.com", IdentityTestServer.PASSWORD).getSecondFactor().getChallenge();
    assertThat(ErrorDetails.ofFailure(() -> complete(next, CompleteLoginRequest.newBuilder().setRecoveryCode(recovery))).reason())
        .isEqualTo("SECOND_FACTOR_FAILED");

    factors().disableTotp(DisableTotpRequest.newBuilder().setSessionToken(opened.getSessionToken()).build());
    LoginResponse plain = id.login("acme", "rosa@example.com", IdentityTestServer.PASSWORD);
    assertThat(plain.getPrincipal().getAal()).isEqualTo(AuthenticatorAssuranceLevel.AUTHENTICATOR_ASSURANCE_LEVEL_AAL1);
    ErrorDetails refused = ErrorDetails.ofFailure(() -> factors().disableTotp(DisableTotpRequest.newBuilder()
        .setSessionToken(plain.getSessionToken()).build()));
    assertThat(refused.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(refused.reason()).isEqualTo("AAL2_REQUIRED");
  }

  @Test
  void P13_exportShowsTheSecondFactorWithoutSecrets_andErasureRemovesIt() {
    Object[] enrolled = enrolled("erin@example.com");
    String recovery = (String) enrolled[1];
    String secret = Base32.toBase32String((byte[]) enrolled[0]).replace("=", "");
    SubjectRef subject = SubjectRef.newBuilder().setProject("projects/acme").setEmail("erin@example.com").build();
    var export = id.subjects(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(subject).build());
    assertThat(export.getRecordsList()).anySatisfy(r -> {
      assertThat(r.getKind()).isEqualTo("second_factor");
      assertThat(r.getFieldsList()).extracting(f -> f.getName() + "=" + f.getValue()).contains("recovery_codes_remaining=10");
    });
    assertThat(export.toString()).doesNotContain(secret).doesNotContain(recovery);

    var receipt = id.subjects(Purpose.SUBJECT_REQUEST).eraseSubjectData(EraseSubjectDataRequest.newBuilder().setSubject(subject)
        .setRequestId(java.util.UUID.randomUUID().toString()).build()).getReceipt();
    assertThat(receipt.getErasedList()).extracting(e -> e.getKind() + "=" + e.getCount())
        .contains("second_factor=1", "recovery_code=10", "account=1", "mail=1");
    assertThat(id.subjects(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(subject).build())
        .getRecordsList()).isEmpty();
  }
}

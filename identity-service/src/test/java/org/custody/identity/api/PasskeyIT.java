package org.custody.identity.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.custody.identity.factor.SoftwareAuthenticator;
import org.custody.identity.testing.IdentityTestServer;
import org.custody.platform.access.Purpose;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.MutableClock;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.common.v1.EraseSubjectDataRequest;
import org.custody.proto.common.v1.ExportSubjectDataRequest;
import org.custody.proto.common.v1.SubjectRef;
import org.custody.proto.identity.v1.AuthenticatorAssuranceLevel;
import org.custody.proto.identity.v1.CompleteLoginRequest;
import org.custody.proto.identity.v1.CompleteLoginResponse;
import org.custody.proto.identity.v1.DeleteWebAuthnCredentialRequest;
import org.custody.proto.identity.v1.FinishWebAuthnRegistrationRequest;
import org.custody.proto.identity.v1.GetSecondFactorsRequest;
import org.custody.proto.identity.v1.LoginResponse;
import org.custody.proto.identity.v1.SecondFactorMethod;
import org.custody.proto.identity.v1.SecondFactorServiceGrpc;
import org.custody.proto.identity.v1.StartWebAuthnRegistrationRequest;
import org.custody.proto.identity.v1.WebAuthnCredential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * WebAuthn authenticators as a second factor (P15), over real gRPC against MariaDB: registration
 * and assertions made by a software authenticator (real P-256 keys, webauthn4j's encoders) and
 * verified by webauthn4j in the service.
 */
@ExtendWith(FreshDatabase.class)
class PasskeyIT {
  private static final String ORIGIN = "https://localhost";
  private static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
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

  private static WebAuthnCredential register(String email, SoftwareAuthenticator key) {
    id.account("acme", "Pia Passkey", email);
    String session = id.login("acme", email, IdentityTestServer.PASSWORD).getSessionToken();
    String options = factors().startWebAuthnRegistration(StartWebAuthnRegistrationRequest.newBuilder().setSessionToken(session).build())
        .getCreationOptionsJson();
    assertThat(options).contains("\"id\":\"localhost\"").contains("\"alg\":-7").contains("\"challenge\":\"")
        // the user handle is the account's random id, never the address
        .doesNotContain(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return factors().finishWebAuthnRegistration(FinishWebAuthnRegistrationRequest.newBuilder().setSessionToken(session)
        .setRegistrationResponseJson(key.register(options)).setDisplayName("work laptop").build()).getCredential();
  }

  private static CompleteLoginResponse complete(String challenge, String assertion) {
    return id.sessions().completeLogin(CompleteLoginRequest.newBuilder().setChallenge(challenge).setWebauthnAssertionJson(assertion)
        .setClientKey("laptop").build());
  }

  @Test
  void P15_aRegisteredAuthenticator_isAskedForAtLogin_andItsAssertionOpensAnAal2Session() {
    SoftwareAuthenticator key = new SoftwareAuthenticator("localhost", ORIGIN);
    WebAuthnCredential credential = register("pia@example.com", key);
    assertThat(credential.getCredentialId()).isEqualTo(key.credentialId());
    assertThat(credential.getDisplayName()).isEqualTo("work laptop");

    LoginResponse login = id.login("acme", "pia@example.com", IdentityTestServer.PASSWORD);
    assertThat(login.getSessionToken()).isEmpty();
    assertThat(login.getSecondFactor().getMethodsList()).containsExactly(SecondFactorMethod.SECOND_FACTOR_METHOD_WEBAUTHN);
    String options = login.getSecondFactor().getWebauthnRequestOptionsJson();
    assertThat(options).contains(key.credentialId());

    ErrorDetails phished = ErrorDetails.ofFailure(() -> complete(login.getSecondFactor().getChallenge(),
        key.assert_(options, "https://evil.example")));
    assertThat(phished.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(phished.reason()).as("an assertion made for another origin").isEqualTo("SECOND_FACTOR_FAILED");

    CompleteLoginResponse opened = complete(login.getSecondFactor().getChallenge(), key.assert_(options, ORIGIN));
    assertThat(opened.getPrincipal().getAal()).isEqualTo(AuthenticatorAssuranceLevel.AUTHENTICATOR_ASSURANCE_LEVEL_AAL2);
    assertThat(factors().getSecondFactors(GetSecondFactorsRequest.newBuilder().setSessionToken(opened.getSessionToken()).build())
        .getWebauthnCredentials(0).hasLastUseTime()).isTrue();

    LoginResponse again = id.login("acme", "pia@example.com", IdentityTestServer.PASSWORD);
    String replayed = key.assert_(options, ORIGIN); // signed over the first login's challenge
    assertThat(ErrorDetails.ofFailure(() -> complete(again.getSecondFactor().getChallenge(), replayed)).reason())
        .as("an assertion of another challenge").isEqualTo("SECOND_FACTOR_FAILED");
    key.rewind();
    String cloned = key.assert_(again.getSecondFactor().getWebauthnRequestOptionsJson(), ORIGIN);
    assertThat(ErrorDetails.ofFailure(() -> complete(again.getSecondFactor().getChallenge(), cloned)).reason())
        .as("a signature counter that went back (a cloned authenticator)").isEqualTo("SECOND_FACTOR_FAILED");
  }

  @Test
  void P15_anotherAccountsAuthenticator_doesNotAnswer_andRemovingOneNeedsAal2() {
    SoftwareAuthenticator mine = new SoftwareAuthenticator("localhost", ORIGIN);
    SoftwareAuthenticator theirs = new SoftwareAuthenticator("localhost", ORIGIN);
    register("max@example.com", mine);
    register("eve@example.com", theirs);
    LoginResponse login = id.login("acme", "max@example.com", IdentityTestServer.PASSWORD);
    String challenge = login.getSecondFactor().getChallenge();
    String options = login.getSecondFactor().getWebauthnRequestOptionsJson();
    assertThat(ErrorDetails.ofFailure(() -> complete(challenge, theirs.assert_(options, ORIGIN))).reason()).isEqualTo("SECOND_FACTOR_FAILED");
    CompleteLoginResponse opened = complete(challenge, mine.assert_(options, ORIGIN));

    factors().deleteWebAuthnCredential(DeleteWebAuthnCredentialRequest.newBuilder().setSessionToken(opened.getSessionToken())
        .setCredentialId(mine.credentialId()).build());
    assertThat(id.login("acme", "max@example.com", IdentityTestServer.PASSWORD).getPrincipal().getAal())
        .as("no second factor left").isEqualTo(AuthenticatorAssuranceLevel.AUTHENTICATOR_ASSURANCE_LEVEL_AAL1);
  }

  @Test
  void P13_exportShowsTheAuthenticatorWithoutKeys_andErasureRemovesIt() {
    register("ida@example.com", new SoftwareAuthenticator("localhost", ORIGIN));
    SubjectRef subject = SubjectRef.newBuilder().setProject("projects/acme").setEmail("ida@example.com").build();
    var export = id.subjects(Purpose.SUBJECT_REQUEST).exportSubjectData(ExportSubjectDataRequest.newBuilder().setSubject(subject).build());
    assertThat(export.getRecordsList()).anySatisfy(r -> assertThat(r.getFieldsList()).extracting(f -> f.getName() + "=" + f.getValue())
        .contains("display_name=work laptop"));
    var receipt = id.subjects(Purpose.SUBJECT_REQUEST).eraseSubjectData(EraseSubjectDataRequest.newBuilder().setSubject(subject)
        .setRequestId(java.util.UUID.randomUUID().toString()).build()).getReceipt();
    assertThat(receipt.getErasedList()).extracting(e -> e.getKind() + "=" + e.getCount()).contains("second_factor=1");
  }
}

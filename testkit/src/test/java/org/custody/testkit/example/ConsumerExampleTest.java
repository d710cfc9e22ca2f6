package org.custody.testkit.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.grpc.Status;
import org.custody.client.CustodyError;
import org.custody.proto.common.v1.Purpose;
import org.custody.proto.identity.v1.SessionServiceGrpc;
import org.custody.proto.identity.v1.ValidateSessionRequest;
import org.custody.proto.identity.v1.ValidateSessionResponse;
import org.custody.testkit.CustodyExtension;
import org.custody.testkit.Fixtures;
import org.custody.testkit.RunningCustody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * How a service that calls Custody tests against it: the whole suite runs in this JVM, and the
 * test uses Custody as its production code would (here: a front end validating a session).
 */
@ExtendWith(CustodyExtension.class)
class ConsumerExampleTest {

  @Test
  void validateSession_resolvesALoggedInUsersToken(RunningCustody custody) {
    Fixtures.Account account = custody.fixtures().account(custody.fixtures().project());
    Fixtures.Session session = custody.fixtures().session(account);

    ValidateSessionResponse valid = SessionServiceGrpc.newBlockingStub(custody.channel("identity"))
        .withCallCredentials(custody.credentials("frontend", Purpose.PURPOSE_AUTHENTICATION))
        .validateSession(ValidateSessionRequest.newBuilder().setSessionToken(session.token()).build());

    assertThat(valid.getPrincipal().getAccount()).isEqualTo(account.name());
    assertThat(valid.getPrincipal().getSession()).isEqualTo(session.name());
  }

  @Test
  void validateSession_wrongPurposeIsRefusedWithItsReason(RunningCustody custody) {
    Throwable refused = catchThrowable(() -> SessionServiceGrpc.newBlockingStub(custody.channel("identity"))
        .withCallCredentials(custody.credentials("frontend", Purpose.PURPOSE_RESEARCH))
        .validateSession(ValidateSessionRequest.newBuilder().setSessionToken("x".repeat(43)).build()));

    CustodyError error = CustodyError.from(refused);
    assertThat(error.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(error.reason()).isEqualTo("PURPOSE_NOT_ALLOWED");
  }
}

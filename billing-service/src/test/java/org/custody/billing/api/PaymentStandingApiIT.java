package org.custody.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Optional;
import org.custody.billing.app.BillingApplication;
import org.custody.billing.app.BillingConfig;
import org.custody.platform.access.Purpose;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.platform.testkit.TestSessions;
import org.custody.platform.testkit.TestStaffAccess;
import org.custody.proto.billing.v1.BillingServiceGrpc;
import org.custody.proto.billing.v1.GetPaymentStandingRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class PaymentStandingApiIT {
  private static ServiceHarness harness;
  private static TestSessions sessions;

  @BeforeAll
  static void start(DatabaseSettings database) {
    sessions = TestSessions.start();
    BillingConfig config = new BillingConfig(new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.of(database), Path.of("target"))
        .withIdentity(sessions.target()).withDisclosure(TestStaffAccess.shared().target()));
    harness = ServiceHarness.of(BillingApplication.start(config, database, ServiceRuntime.systemClock()));
  }

  @AfterAll
  static void stop() {
    harness.close();
    sessions.close();
  }

  @Test
  void getPaymentStanding_accountWithoutCards_hasNone() {
    var answer = TestSessions.withSession(harness.stub(BillingServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.SERVICE_PROVISION),
            sessions.issue("projects/acme/accounts/a1"))
        .getPaymentStanding(GetPaymentStandingRequest.newBuilder().setAccount("projects/acme/accounts/a1").build());
    assertThat(answer.getHasValidPaymentMethod()).isFalse();
  }

  @Test
  void P6_researchMayNotReadBilling() {
    var stub = harness.stub(BillingServiceGrpc::newBlockingStub, TestCallers.FRONTEND, Purpose.RESEARCH);
    assertThatThrownBy(() -> stub.getPaymentStanding(GetPaymentStandingRequest.newBuilder().setAccount("projects/acme/accounts/a1").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(ErrorDetails.of(e).reason()).isEqualTo("PURPOSE_NOT_ALLOWED"));
  }
}

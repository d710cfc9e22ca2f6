package org.custody.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Optional;
import org.custody.analytics.app.AnalyticsApplication;
import org.custody.analytics.app.AnalyticsConfig;
import org.custody.platform.access.Purpose;
import org.custody.platform.config.CommonConfig;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServerSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.ErrorDetails;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.platform.testkit.TestCallers;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.GetPrivacyBudgetRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(FreshDatabase.class)
class PrivacyBudgetApiIT {
  private static ServiceHarness harness;

  @BeforeAll
  static void start(DatabaseSettings database) {
    AnalyticsConfig config = new AnalyticsConfig(
        new CommonConfig(ServerSettings.forTests(), TestCallers.auth(), Optional.of(database), Path.of("target")), 4.0);
    harness = ServiceHarness.of(AnalyticsApplication.start(config, database, ServiceRuntime.systemClock()));
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void getPrivacyBudget_freshProject_hasTheWholeDailyBudget() {
    var budget = harness.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.RESEARCH)
        .getPrivacyBudget(GetPrivacyBudgetRequest.newBuilder().setProject("projects/acme").build());
    assertThat(budget.getTotalEpsilon()).isEqualTo(4.0);
    assertThat(budget.getRemainingEpsilon()).isEqualTo(4.0);
    assertThat(budget.getDate()).matches("\\d{4}-\\d{2}-\\d{2}");
  }

  @Test
  void getPrivacyBudget_badProject_isInvalidArgument() {
    var stub = harness.stub(AnalyticsServiceGrpc::newBlockingStub, TestCallers.OPERATOR, Purpose.RESEARCH);
    assertThatThrownBy(() -> stub.getPrivacyBudget(GetPrivacyBudgetRequest.newBuilder().setProject("acme").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(ErrorDetails.of(e).violatedFields()).containsExactly("project"));
  }
}

package org.custody.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.custody.analytics.testing.AnalyticsTestServer;
import org.custody.platform.db.DatabaseSettings;
import org.custody.platform.server.ServiceRuntime;
import org.custody.platform.testkit.AccessMatrix;
import org.custody.platform.testkit.FreshDatabase;
import org.custody.platform.testkit.ServiceHarness;
import org.custody.proto.analytics.v1.AnalyticsServiceGrpc;
import org.custody.proto.analytics.v1.SurveyServiceGrpc;
import org.custody.proto.common.v1.SubjectDataServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * P6: every method is called by every test caller for every purpose, with an empty request, and
 * the observed allow/deny matrix must equal the checked-in fixture. An allowed call gets past
 * access control (and then fails validation); a refused one is PERMISSION_DENIED with a policy
 * reason.
 */
@ExtendWith(FreshDatabase.class)
class AccessPolicyIT {
  private static ServiceHarness harness;

  @BeforeAll
  static void start(DatabaseSettings database) {
    harness = AnalyticsTestServer.start(database, ServiceRuntime.systemClock());
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @Test
  void P6_observedAccessMatrix_equalsTheFixture() {
    assertThat(AccessMatrix.observe(harness.channel(), List.of(AnalyticsServiceGrpc.getServiceDescriptor(),
        SurveyServiceGrpc.getServiceDescriptor(), SubjectDataServiceGrpc.getServiceDescriptor())))
        .isEqualTo(AccessMatrix.fixture("/access-matrix/analytics.txt"));
  }
}
